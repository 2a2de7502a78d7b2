"""Accounts: users, their roles and teams, sign-in with slow-down and lock-out, two-factor for staff,
resident registration with email verification, and password reset.

May call: platform.audit, platform.notify, platform.access. Imports no domain app.
"""
