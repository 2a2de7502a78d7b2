"""Portal: the resident face. Pages only (views, forms, templates) for residents and the people who
act for them: creating an account, "my account", a person's record, and who has looked at it.

May call: every domain app's services and selectors. Nothing imports the portal.
"""
