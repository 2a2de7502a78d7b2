"""POST /api/v1/allocation/estimate: valid requests give the figure, the points per domain and every
step, with money as strings of two decimal places; every bad request gives 400 naming each problem;
nothing is stored; no sign-in or CSRF token is needed."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from firstperson.allocation import services
from firstperson.allocation.models import BudgetModeration, IndicativeBudget, RasConfiguration
from firstperson.allocation.tests.fixtures import NO_FAMILY_HELP, NO_NEEDS, REFERENCE_ANSWERS, draft_copy
from firstperson.api.allocation.params import MAX_BODY_BYTES
from firstperson.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TWO_PLACES = re.compile(r"^-?\d+\.\d{2}$")


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["title"]) == (400, "Invalid request")
    return {error["field"]: error["message"] for error in body["errors"]}


@pytest.mark.parametrize(
    ("answers", "weekly", "annual", "points"),
    [
        (REFERENCE_ANSWERS, "183.35", "9534.20", 38.6),
        (NO_FAMILY_HELP, "209.00", "10868.00", 44),
        (NO_NEEDS, "19.23", "1000.00", 0),
        ({**REFERENCE_ANSWERS, "personal_care": "level_4"}, "202.35", "10522.20", 42.6),
    ],
)
def test_a_valid_estimate(api, configuration, answers, weekly, annual, points):
    response = api.estimate({"answers": answers})
    assert response.status_code == 200
    body = response.json()
    assert body["configuration"] == str(configuration.pk)
    assert (body["weekly_amount"], body["annual_amount"], body["total_points"]) == (weekly, annual, points)
    assert body["is_estimate"] is True
    assert sum(Decimal(step["amount"]) for step in body["steps"]) == Decimal(annual)


def test_the_worked_example_in_full(api, configuration):
    body = api.estimate({"configuration": str(configuration.pk), "answers": REFERENCE_ANSWERS}).json()
    assert body["domains"][:3] == [
        {"code": "personal_care", "name": "Personal care", "points": 12},
        {"code": "eating", "name": "Eating and drinking", "points": 4.8},
        {"code": "routines", "name": "Daily routines and household", "points": 4.8},
    ]
    assert body["steps"][0] == {"description": "Personal care: 15 points × £247.00", "amount": "3705.00"}
    assert body["steps"][-1] == {
        "description": "Help from family or friends: Daily routines and household × 0.8: -1.2 points × £247.00",
        "amount": "-296.40",
    }
    assert body["version"] == "ras-worked-example RAS v1"
    assert body["period"] == "annual"


def test_every_amount_is_a_string_with_two_decimal_places(api, configuration):
    body = api.estimate({"answers": NO_NEEDS}).json()
    amounts = [body["weekly_amount"], body["annual_amount"], *[step["amount"] for step in body["steps"]]]
    assert all(isinstance(amount, str) and TWO_PLACES.match(amount) for amount in amounts), amounts
    # Raised to the minimum: the rule gives Decimal("1000"); the API still says "1000.00".
    assert body["steps"] == [{"description": "Raised to the minimum budget of £1,000.00", "amount": "1000.00"}]


def test_an_estimate_stores_nothing(api, configuration):
    counts = (IndicativeBudget.objects.count(), BudgetModeration.objects.count(), AuditEvent.objects.count())
    assert api.estimate({"answers": REFERENCE_ANSWERS}).status_code == 200
    assert errors_of(api.estimate({"answers": {"pets": "cat"}}))
    assert (IndicativeBudget.objects.count(), BudgetModeration.objects.count(), AuditEvent.objects.count()) == counts


def test_no_csrf_token_or_sign_in_is_needed(api, configuration):
    """The client enforces CSRF checks and sends no cookie; the estimate still answers."""
    assert api.client.cookies == {} or "csrftoken" not in api.client.cookies
    assert api.estimate({"answers": REFERENCE_ANSWERS}).status_code == 200


def test_a_named_published_configuration_is_used(api, configuration, administrator):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    later = draft_copy(configuration, actor=administrator, price_per_point="300", effective_from=tomorrow)
    later = services.configuration_publish(actor=administrator, configuration=later)
    body = api.estimate({"configuration": str(configuration.pk), "answers": NO_FAMILY_HELP}).json()
    assert body["annual_amount"] == "10868.00"
    body = api.estimate({"configuration": str(later.pk), "answers": NO_FAMILY_HELP}).json()
    assert (body["annual_amount"], body["configuration"]) == ("13200.00", str(later.pk))


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {**REFERENCE_ANSWERS, "pets": "cat"},
            {"answers.pets": "There is no question with this code."},
        ),
        (
            {**REFERENCE_ANSWERS, "personal_care": "level_9"},
            {"answers.personal_care": '"level_9" is not one of the answers to this question.'},
        ),
        (
            {code: option for code, option in REFERENCE_ANSWERS.items() if code not in {"safety", "eating"}},
            {"answers.eating": "This question needs an answer.", "answers.safety": "This question needs an answer."},
        ),
        (
            {"personal_care": "level_9", "pets": "cat"},
            {
                "answers.personal_care": '"level_9" is not one of the answers to this question.',
                "answers.pets": "There is no question with this code.",
                **{
                    f"answers.{code}": "This question needs an answer."
                    for code in REFERENCE_ANSWERS
                    if code != "personal_care"
                },
            },
        ),
    ],
)
def test_answers_that_do_not_fit_name_every_problem(api, configuration, answers, expected):
    assert errors_of(api.estimate({"answers": answers})) == expected


@pytest.mark.parametrize(
    ("body", "raw", "expected"),
    [
        (None, b"{not json", {"body": "The request body must be a JSON object."}),
        (None, b"", {"body": "The request body must be a JSON object."}),
        (None, b"\xff\xfe", {"body": "The request body must be a JSON object."}),
        (None, b'{"answers": ' + b"[" * 10_000, {"body": "The request body must be a JSON object."}),
        ([REFERENCE_ANSWERS], None, {"body": "The request body must be a JSON object."}),
        ("answers", None, {"body": "The request body must be a JSON object."}),
        ({}, None, {"answers": "answers is required: an object of question codes and answer codes."}),
        (
            {"answers": ["personal_care", "level_3"]},
            None,
            {"answers": "answers must be an object of question codes and answer codes."},
        ),
        (
            {"answers": {**REFERENCE_ANSWERS, "personal_care": 3}},
            None,
            {"answers.personal_care": "Each answer must be the code of an answer, as a string."},
        ),
        (
            {"answers": REFERENCE_ANSWERS, "configuration": 7},
            None,
            {"configuration": "configuration must be a string: the id of a configuration."},
        ),
        (
            {"answers": REFERENCE_ANSWERS, "postcode": "WS1 1AA"},
            None,
            {"postcode": "This field is not part of the request."},
        ),
        (
            {"answers": REFERENCE_ANSWERS, "configuration": "not-an-id"},
            None,
            {"configuration": "There is no published configuration with this id."},
        ),
        (
            {"answers": REFERENCE_ANSWERS, "configuration": "00000000-0000-4000-8000-000000000000"},
            None,
            {"configuration": "There is no published configuration with this id."},
        ),
    ],
)
def test_malformed_requests_name_the_field(api, configuration, body, raw, expected):
    assert errors_of(api.estimate(body, raw=raw)) == expected


def test_several_malformed_fields_are_named_together(api, configuration):
    errors = errors_of(api.estimate({"configuration": 1, "answers": {"personal_care": None}, "extra": True}))
    assert set(errors) == {"configuration", "answers.personal_care", "extra"}


NEEDS_AN_ANSWER = "This question needs an answer."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"answers": {"pets": "cat"}, "extra": 1},
            {
                "extra": "This field is not part of the request.",
                "answers.pets": "There is no question with this code.",
                **{f"answers.{code}": NEEDS_AN_ANSWER for code in REFERENCE_ANSWERS},
            },
        ),
        (
            {"answers": {**{c: o for c, o in REFERENCE_ANSWERS.items() if c != "safety"}, "personal_care": 3}},
            {
                "answers.personal_care": "Each answer must be the code of an answer, as a string.",
                "answers.safety": NEEDS_AN_ANSWER,
            },
        ),
        (
            {"configuration": "not-an-id", "answers": {"pets": "cat"}, "extra": 1},
            {
                "extra": "This field is not part of the request.",
                "configuration": "There is no published configuration with this id.",
            },
        ),
    ],
)
def test_problems_in_the_body_and_in_the_answers_are_named_together(api, configuration, body, expected):
    errors = api.estimate(body).json()["errors"]
    assert {error["field"]: error["message"] for error in errors} == expected
    assert len(errors) == len(expected)  # each field named once


def test_without_a_configuration_in_force_a_missing_answers_field_is_named_too(api, db):
    assert errors_of(api.estimate({})) == {
        "answers": "answers is required: an object of question codes and answer codes.",
        "configuration": "There is no configuration in force today.",
    }


def padded(body: dict, size: int) -> bytes:
    """The body as JSON, padded with spaces to exactly `size` bytes."""
    data = json.dumps(body).encode()
    return data + b" " * (size - len(data))


def too_large(response) -> str:
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["title"]) == (413, "Request too large")
    return body["detail"]


def test_a_body_at_the_size_limit_is_read(api, configuration):
    assert api.estimate(None, raw=padded({"answers": REFERENCE_ANSWERS}, MAX_BODY_BYTES)).status_code == 200


def test_a_body_over_the_size_limit_is_refused_saying_how_much_may_be_sent(api, configuration):
    response = api.estimate(None, raw=padded({"answers": REFERENCE_ANSWERS}, MAX_BODY_BYTES + 1))
    assert too_large(response) == "The request is too large. Send at most 16 kilobytes."
    # Nested too deeply as well as too long: still a problem body, not an error page.
    assert too_large(api.estimate(None, raw=b'{"answers": ' + b"[" * 100_000))


def test_a_body_over_djangos_own_limit_is_a_problem_body_not_an_html_page(api, configuration):
    raw = b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    assert too_large(api.estimate(None, raw=raw))
    # Even when Django's limit is the smaller one, so Django refuses the body as it is read.
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024):
        assert too_large(api.estimate(None, raw=padded({"answers": REFERENCE_ANSWERS}, 2048)))


def test_a_retired_configuration_is_refused(api, configuration, administrator):
    services.configuration_retire(actor=administrator, configuration=configuration)
    errors = errors_of(api.estimate({"configuration": str(configuration.pk), "answers": REFERENCE_ANSWERS}))
    assert errors == {"configuration": "This configuration has been retired and can no longer be used for estimates."}


def test_a_draft_configuration_is_unknown(api, configuration, administrator):
    draft = services.configuration_new_version(actor=administrator, configuration=configuration)
    errors = errors_of(api.estimate({"configuration": str(draft.pk), "answers": REFERENCE_ANSWERS}))
    assert errors == {"configuration": "There is no published configuration with this id."}


def test_without_a_configuration_in_force(api, db):
    assert not RasConfiguration.objects.exists()
    errors = errors_of(api.estimate({"answers": REFERENCE_ANSWERS}))
    assert errors == {"configuration": "There is no configuration in force today."}


def test_only_post_is_allowed(api, configuration):
    response = api.client.get("/api/v1/allocation/estimate")
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"
    assert response.json()["title"] == "Method not allowed"


def test_the_response_is_json_in_utf8(api, configuration):
    response = api.estimate({"answers": REFERENCE_ANSWERS})
    assert response["Content-Type"] == "application/json"
    assert "×" in response.content.decode("utf-8")
    assert json.loads(response.content)["steps"]
