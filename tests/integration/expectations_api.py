"""The public Open Referral UK API (/api/oruk/): anyone may read it, signed in or not.

The matrix asks for each record by an id no record has, so the detail endpoints answer 404 to
everyone; firstperson/api/tests/oruk/ checks them with real records.
"""

from .access_rules import public


def no_such_record(role, subject):
    return 404


EXPECTATIONS = {
    "oruk:meta": public,
    "oruk:openapi": public,
    "oruk:service-list": public,
    "oruk:service-detail": no_such_record,
    "oruk:service-at-location-list": public,
    "oruk:service-at-location-detail": no_such_record,
    "oruk:taxonomy-list": public,
    "oruk:taxonomy-detail": no_such_record,
    "oruk:taxonomy-term-list": public,
    "oruk:taxonomy-term-detail": no_such_record,
}
