"""Documents: letters and PDFs, and uploaded evidence. Letters arrive with the issues that send them
(eligibility decisions, financial assessments, plans); this app is their shared home.

May call: nothing above platform.
"""
