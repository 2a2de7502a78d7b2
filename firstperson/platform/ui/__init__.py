"""UI: the base templates (GOV.UK Frontend, council-neutral), GOV.UK form rendering, the date field,
the public information pages (start, accessibility, privacy, cookies) and the health check.

May call: platform.access, platform.accounts (for navigation by role).
"""
