"""Geography: UK postcodes (format, normalising, and their coordinates from the ONS Postcode
Directory) and distances between places. Shared by person records and the service directory.

May call: nothing above platform.
"""
