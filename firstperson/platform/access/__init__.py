"""Access: the page-level access policies every view declares, and the mixin that enforces them.

Object-level rules ("may this user see this person?") live in each app's `permissions.py` as
`can_<action>(user, obj)` and `visible_to(user)`; selectors use them to scope every query. Anything a
user may not see answers 404, never 403, so that record ids cannot be probed.

May call: platform.accounts (roles).
"""
