"""GET /api/v1/allocation/configurations/current and /configurations/<id>: the method published in
full, without sign-in. Drafts are not published; retired configurations still are, marked retired."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from firstperson.allocation import services
from firstperson.allocation.rules.ras import indicative_budget, reference_example
from firstperson.allocation.tests.fixtures import REFERENCE_ANSWERS, draft_copy

pytestmark = pytest.mark.django_db


def test_the_current_configuration_in_full(api, configuration):
    body = api.current().json()
    assert body["id"] == str(configuration.pk)
    assert body["version"] == "ras-worked-example RAS v1"
    assert body["status"] == "published"
    assert body["effective_from"] == timezone.localdate().isoformat()
    assert body["effective_to"] is None
    assert body["questionnaire"] == {
        "code": "ras-worked-example",
        "name": "Your care and support needs (short questionnaire)",
        "version": 1,
    }
    assert (body["currency"], body["period"], body["rounding"], body["weeks_per_year"]) == (
        "GBP",
        "annual",
        "penny",
        52,
    )
    assert (body["minimum"], body["maximum"]) == ("1000.00", "40000.00")
    assert body["moderation_tolerance_percent"] == 10
    assert body["money"] == {"method": "price_per_point", "price_per_point": "247.00"}
    assert body["adjustments"] == [
        {
            "description": "Help from family or friends",
            "question": "family_support",
            "options": ["a_lot"],
            "domains": ["personal_care", "eating", "routines"],
            "factor": 0.8,
        }
    ]
    personal_care = body["domains"][0]
    assert {key: personal_care[key] for key in ("code", "name", "weight", "cap_points")} == {
        "code": "personal_care",
        "name": "Personal care",
        "weight": 1,
        "cap_points": None,
    }
    question = personal_care["questions"][0]
    assert (question["code"], question["required"]) == ("personal_care", True)
    assert question["text"] == "How much help do you need with washing, dressing and using the toilet?"
    assert [(o["code"], o["points"]) for o in question["options"]] == [
        ("level_0", 0),
        ("level_1", 5),
        ("level_2", 10),
        ("level_3", 15),
        ("level_4", 20),
    ]
    assert question["options"][3]["text"] == "I need help with all of it, several times a day"


def test_the_published_method_is_enough_to_work_the_figure_out_by_hand(api, configuration):
    """Rebuild the pure rule's configuration from nothing but the JSON, and get §2.10's figure."""
    from firstperson.allocation.rules import ras

    body = api.current().json()
    domains = tuple(ras.Domain(d["code"], d["name"], Decimal(str(d["weight"]))) for d in body["domains"])
    questions = tuple(
        ras.Question(
            q["code"], d["code"], tuple(ras.AnswerOption(o["code"], Decimal(str(o["points"]))) for o in q["options"])
        )
        for d in body["domains"]
        for q in d["questions"]
    )
    adjustments = tuple(
        ras.Adjustment(
            a["description"], a["question"], frozenset(a["options"]), frozenset(a["domains"]), Decimal(str(a["factor"]))
        )
        for a in body["adjustments"]
    )
    config = ras.RasConfiguration(
        version=body["version"],
        domains=domains,
        questions=questions,
        money_function=ras.PricePerPoint(Decimal(body["money"]["price_per_point"])),
        period=ras.Period(body["period"]),
        adjustments=adjustments,
        minimum=Decimal(body["minimum"]),
        maximum=Decimal(body["maximum"]),
        rounding=ras.Rounding(body["rounding"]),
    )
    result = indicative_budget(config, REFERENCE_ANSWERS)
    assert (result.annual_amount, result.weekly_amount) == (Decimal("9534.20"), Decimal("183.35"))
    assert result.steps == indicative_budget(reference_example().configuration, REFERENCE_ANSWERS).steps


def test_a_configuration_by_its_id(api, configuration):
    assert api.configuration(configuration.pk).json() == api.current().json()


def test_bands_and_tables_are_published(api, configuration, administrator):
    from firstperson.allocation.rules.money_tables import BandRow, CornerRow

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    banded = draft_copy(configuration, actor=administrator, effective_from=tomorrow)
    services.configuration_set_money(
        actor=administrator,
        configuration=banded,
        method="bands",
        bands=[BandRow("A", Decimal(0), Decimal(1000)), BandRow("B", Decimal("20.5"), Decimal("6000.50"))],
    )
    banded = services.configuration_publish(actor=administrator, configuration=banded)
    assert api.configuration(banded.pk).json()["money"] == {
        "method": "bands",
        "bands": [
            {"name": "A", "min_points": 0, "amount": "1000.00"},
            {"name": "B", "min_points": 20.5, "amount": "6000.50"},
        ],
    }
    table = draft_copy(configuration, actor=administrator, effective_from=tomorrow + datetime.timedelta(days=1))
    services.configuration_set_money(
        actor=administrator,
        configuration=table,
        method="piecewise_linear",
        corners=[CornerRow(Decimal(0), Decimal(0)), CornerRow(Decimal(40), Decimal(10000))],
    )
    table = services.configuration_publish(actor=administrator, configuration=table)
    assert api.configuration(table.pk).json()["money"] == {
        "method": "piecewise_linear",
        "rows": [{"points": 0, "amount": "0.00"}, {"points": 40, "amount": "10000.00"}],
    }


def test_a_retired_configuration_is_still_published_and_marked(api, configuration, administrator):
    services.configuration_retire(actor=administrator, configuration=configuration)
    assert api.configuration(configuration.pk).json()["status"] == "retired"
    assert api.current().status_code == 404


@pytest.mark.parametrize("configuration_id", ["00000000-0000-4000-8000-000000000000", "not-an-id", "1"])
def test_an_unknown_configuration_is_not_found(api, configuration, configuration_id):
    response = api.configuration(configuration_id)
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "title": "Not found",
        "detail": "There is no published configuration with this id.",
    }


def test_a_draft_is_not_published(api, configuration, administrator):
    draft = services.configuration_new_version(actor=administrator, configuration=configuration)
    assert api.configuration(draft.pk).status_code == 404


def test_no_configuration_in_force(api, db):
    response = api.current()
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no configuration in force today."


def test_only_get_is_allowed(api, configuration):
    response = api.client.post("/api/v1/allocation/configurations/current", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
