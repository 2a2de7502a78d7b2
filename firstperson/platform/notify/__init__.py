"""Notify: email (and later in-app) notifications. The sending backend is configuration
(EMAIL_BACKEND); in development mail is written to files under var/emails/.

May call: nothing above platform.
"""
