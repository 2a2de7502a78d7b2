"""Notify: email and in-service notifications. The email backend is configuration (EMAIL_BACKEND);
in development mail is written to files under var/emails/. In-service notifications are rows a user
reads on their "Messages" page.

May call: nothing above platform.
"""
