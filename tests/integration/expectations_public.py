"""Who may open the residents' directory pages (/services/): everyone, signed in or not, except the
commissioners' unmet-demand report.

The matrix asks for the category "name" and a service id that does not exist, so those two pages are
"not found" for everyone; firstperson/directory/tests/search/test_public_pages.py opens real ones as
every role. Saving and removing take POST only, so a GET is refused (405) for everyone.
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import only, public


def not_found(role, subject):
    return 404


def post_only(role, subject):
    return 405


EXPECTATIONS = {
    "directory-public:service-search": public,
    "directory-public:category-detail": not_found,
    "directory-public:service-detail": not_found,
    "directory-public:saved-list": public,
    "directory-public:saved-add": post_only,
    "directory-public:saved-remove": post_only,
    "directory-public:saved-print": public,
    "directory-public:saved-email": public,
    "directory-public:unmet-demand": only({Role.COMMISSIONER}),
}
