"""POST /api/v1/charging/calculate: the worked examples of REFERENCE §3.10, §3.11 and §3.11a to the
penny, money as strings with exactly two decimal places, the parameter year chosen by `as_at`, local
policy changed for modelling; nothing stored; no sign-in or CSRF token needed."""

import copy
import datetime
import json
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from firstperson.charging.models import (
    ChargingCalculation,
    ChargingParameterSet,
    Contribution,
    FinancialAssessment,
)
from firstperson.charging.rules.charging import financial_year_start
from firstperson.charging.rules.reference_2025_26 import FIGURE_SOURCES, parameters_2025_26
from firstperson.charging.services.parameters import create_parameter_set
from firstperson.platform.audit.models import AuditEvent

from .conftest import OPENAPI, validator_for

pytestmark = pytest.mark.django_db
TWO_PLACES = re.compile(r"^-?\d+\.\d{2}$")
MONEY_FIELDS = (
    "capital",
    "tariff_income",
    "assessable_income",
    "mig",
    "housing_costs",
    "dre",
    "assessed_charge",
    "weekly_cost_of_care",
    "weekly_contribution",
    "council_pays_weekly",
)

#: REFERENCE §3.10: Mr B, 30, single council tenant, savings £3,000, ESA support group, PIP enhanced.
MR_B = {
    "as_at": "2025-10-01",
    "person": {
        "age": 30,
        "household": "single",
        "disability_premium": True,
        "enhanced_disability_premium": True,
        "carer_premium": False,
        "dependent_children": 0,
    },
    "capital": [{"type": "savings", "value": "3000.00", "share": "1"}],
    "income": [
        {"type": "esa", "amount": "140.55", "period": "weekly"},
        {"type": "pip_daily_living_enhanced", "amount": "110.40", "period": "weekly"},
        {"type": "pip_mobility_enhanced", "amount": "77.05", "period": "weekly"},
    ],
    "housing_costs": {"amount": "5.00", "period": "weekly"},
    "dre": {"amount": "21.00", "period": "weekly"},
    "night_care_arranged": False,
    "service": "homecare",
    "weekly_cost_of_care": "540.00",
}

#: REFERENCE §3.11: Mrs A, 70 (born 2 March 1955), single owner-occupier, savings £18,300, AA higher.
MRS_A = {
    "as_at": "2025-10-01",
    "person": {"date_of_birth": "1955-03-02", "household": "single"},
    "capital": [
        {"type": "main_home", "value": "245000.00", "share": "1"},
        {"type": "savings", "value": "18300.00"},
    ],
    "income": [
        {"type": "state_pension", "amount": "230.25", "period": "weekly"},
        {"type": "occupational_pension", "amount": "60.00", "period": "weekly"},
        {"type": "attendance_allowance_higher", "amount": "110.40", "period": "weekly"},
    ],
    "housing_costs": {"amount": "28.00", "period": "weekly"},
    "dre": None,
    "night_care_arranged": False,
    "service": "homecare",
    "weekly_cost_of_care": "336.00",
}


def changed(body, **changes):
    body = copy.deepcopy(body)
    body.update(changes)
    return body


def ok(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def test_worked_example_1_gives_38_55(api, parameters):
    body = ok(api.calculate(MR_B))
    assert body["weekly_contribution"] == "38.55"
    assert body["assessed_charge"] == "38.55"
    assert body["assessable_income"] == "250.95"
    assert (body["mig"], body["housing_costs"], body["dre"], body["tariff_income"]) == (
        "186.40",
        "5.00",
        "21.00",
        "0.00",
    )
    assert body["council_pays_weekly"] == "501.45"
    assert body["full_cost_payer"] is False
    assert (body["parameters_version"], body["financial_year"], body["as_at"]) == (
        "2025-26 v1",
        "2025-26",
        "2025-10-01",
    )
    assert body["outcome"] == "assessed"
    assert body["policy_modelled"] is False
    lines = {line["description"]: line["amount"] for line in body["lines"]}
    assert lines["Minimum Income Guarantee: Enhanced disability premium"] == "-24.25"
    assert lines["Personal Independence Payment mobility (enhanced rate), £77.05 a week: not counted"] == "0.00"
    assert body["lines"][-2] == {
        "description": "You pay each week (the smaller of the two)",
        "amount": "38.55",
        "kind": "result",
    }


def test_worked_example_2_gives_100_55_and_137_05_without_the_night_disregard(api, parameters):
    body = ok(api.calculate(MRS_A))
    assert body["weekly_contribution"] == "100.55"
    assert (body["tariff_income"], body["assessable_income"], body["mig"], body["dre"]) == (
        "17.00",
        "381.15",
        "232.60",
        "20.00",
    )
    assert body["council_pays_weekly"] == "235.45"
    assert body["capital"] == "18300.00"  # the home is not counted
    policy = {"disregard_night_element_attendance_allowance": False}
    modelled = ok(api.calculate(changed(MRS_A, policy=policy)))
    assert modelled["weekly_contribution"] == "137.05"
    assert modelled["policy_modelled"] is True
    assert ok(api.calculate(changed(MRS_A, night_care_arranged=True)))["weekly_contribution"] == "137.05"


def test_worked_example_2_by_age_instead_of_date_of_birth(api, parameters):
    body = ok(api.calculate(changed(MRS_A, person={"age": 70, "household": "single"})))
    assert body["weekly_contribution"] == "100.55"
    both = {"age": 70, "date_of_birth": "1955-03-02", "household": "single"}
    assert ok(api.calculate(changed(MRS_A, person=both)))["weekly_contribution"] == "100.55"


def test_policy_contrast_11a_gives_2_05(api, parameters):
    body = ok(api.calculate(changed(MR_B, policy={"disregard_night_element_pip_daily_living": True})))
    assert body["weekly_contribution"] == "2.05"
    assert body["assessable_income"] == "214.45"
    # The published policy is unchanged: the next request without overrides gives 38.55 again.
    assert ok(api.calculate(MR_B))["weekly_contribution"] == "38.55"
    assert ChargingParameterSet.objects.get().policy_disregard_night_element_pip_daily_living is False


def test_other_policy_levers_model_a_change(api, parameters):
    capped = ok(api.calculate(changed(MRS_A, policy={"maximum_charge_weekly": "50.00"})))
    assert capped["weekly_contribution"] == "50.00"
    dre = ok(api.calculate(changed(MRS_A, policy={"standard_dre_weekly": "30"})))
    assert (dre["dre"], dre["weekly_contribution"]) == ("30.00", "90.55")
    minimum = ok(api.calculate(changed(MR_B, policy={"disregard_night_element_pip_daily_living": True,
                                                     "minimum_charge_weekly": "2.50"})))  # fmt: skip
    assert minimum["weekly_contribution"] == "0.00"
    rich = changed(MRS_A, capital=[{"type": "savings", "value": "25000.00"}])
    assert ok(api.calculate(rich))["full_cost_payer"] is True
    higher = ok(api.calculate(changed(rich, policy={"upper_capital_limit": "30000", "lower_capital_limit": "20000"})))
    assert higher["full_cost_payer"] is False
    assert higher["tariff_income"] == "20.00"  # (25,000 - 20,000) / 250


def test_income_periods_are_converted_to_weekly(api, parameters):
    income = [
        {"type": "state_pension", "amount": "460.50", "period": "fortnightly"},
        {"type": "occupational_pension", "amount": "260.00", "period": "monthly"},
        {"type": "attendance_allowance_higher", "amount": "441.60", "period": "four_weekly"},
    ]
    body = ok(api.calculate(changed(MRS_A, income=income)))
    assert body["weekly_contribution"] == "100.55"
    yearly = [{"type": "occupational_pension", "amount": "3120", "period": "annual"}]
    body = ok(api.calculate(changed(MRS_A, income=income[:1] + yearly + income[2:])))
    assert body["weekly_contribution"] == "100.55"


def test_joint_capital_counts_at_the_persons_share(api, parameters):
    body = ok(api.calculate(changed(MRS_A, capital=[{"type": "savings", "value": "36600.00", "share": "0.5"}])))
    assert (body["capital"], body["tariff_income"], body["weekly_contribution"]) == ("18300.00", "17.00", "100.55")


def test_a_free_service_costs_nothing(api, parameters):
    for service in ("reablement_first_6_weeks", "equipment", "s117_aftercare", "cjd"):
        body = ok(api.calculate(changed(MRS_A, service=service)))
        assert (body["weekly_contribution"], body["outcome"]) == ("0.00", "free_service"), service


def test_every_amount_is_a_string_with_two_decimal_places(api, parameters):
    whole_pounds = changed(
        MRS_A,
        weekly_cost_of_care="336",
        housing_costs={"amount": 28, "period": "weekly"},
        capital=[{"type": "savings", "value": 18300}],
    )
    for request in (MR_B, MRS_A, whole_pounds, changed(MRS_A, service="cjd")):
        body = ok(api.calculate(request))
        amounts = [body[field] for field in MONEY_FIELDS] + [line["amount"] for line in body["lines"]]
        assert all(isinstance(amount, str) and TWO_PLACES.match(amount) for amount in amounts), amounts
        assert "-0.00" not in amounts
    assert ok(api.calculate(whole_pounds))["weekly_contribution"] == "100.55"


def test_json_numbers_are_read_exactly(api, parameters):
    raw = json.dumps(MR_B).replace('"140.55"', "140.55").replace('"110.40"', "110.40").encode()
    assert ok(api.calculate(raw=raw))["weekly_contribution"] == "38.55"


def test_the_response_validates_against_the_documented_calculation_schema(api, parameters):
    body = ok(api.calculate(MR_B))
    assert not list(validator_for("components", "schemas", "Calculation").iter_errors(body))
    broken = {**body, "weekly_contribution": 38.55}
    assert list(validator_for("components", "schemas", "Calculation").iter_errors(broken))


def test_the_documented_example_request_is_valid_and_gives_worked_example_2(api, parameters):
    example = OPENAPI["paths"]["/charging/calculate"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert not list(validator_for("components", "schemas", "CalculateRequest").iter_errors(example))
    assert ok(api.calculate(example))["weekly_contribution"] == "100.55"


@pytest.mark.parametrize(("as_at", "status"), [("2026-03-31", 200), ("2026-04-01", 400), ("2025-04-01", 200)])
def test_the_parameter_year_is_chosen_by_as_at(api, parameters, as_at, status):
    response = api.calculate(changed(MR_B, as_at=as_at))
    assert response.status_code == status
    if status == 400:
        assert response.json()["errors"] == [
            {
                "field": "as_at",
                "message": "There are no published charging figures for 2026-27 (the year 2026-04-01 is in).",
            }
        ]
    else:
        assert response.json()["parameters_version"] == "2025-26 v1"


def test_a_later_year_is_used_from_its_first_day(api, parameters):
    later = replace(parameters_2025_26(), year_start=datetime.date(2026, 4, 1))
    later = later.with_policy(standard_dre_weekly=Decimal("25.00"))
    create_parameter_set(later, sources=FIGURE_SOURCES, status="published")
    assert ok(api.calculate(changed(MRS_A, as_at="2026-03-31")))["parameters_version"] == "2025-26 v1"
    body = ok(api.calculate(changed(MRS_A, as_at="2026-04-01")))
    assert (body["parameters_version"], body["dre"], body["weekly_contribution"]) == ("2026-27 v1", "25.00", "95.55")


def test_as_at_defaults_to_today(api, parameters):
    today = timezone.localdate()
    figures = replace(parameters_2025_26(), year_start=financial_year_start(today))
    if not ChargingParameterSet.objects.filter(year_start=figures.year_start).exists():
        create_parameter_set(figures, sources=FIGURE_SOURCES, status="published")
    request = {key: value for key, value in MR_B.items() if key != "as_at"}
    body = ok(api.calculate(request))
    assert body["as_at"] == today.isoformat()
    assert body["weekly_contribution"] == "38.55"


def test_a_calculation_stores_nothing(api, parameters):
    def counts():
        return [
            model.objects.count()
            for model in (FinancialAssessment, ChargingCalculation, Contribution, ChargingParameterSet, AuditEvent)
        ]

    before = counts()
    assert api.calculate(MR_B).status_code == 200
    assert api.calculate(changed(MR_B, policy={"standard_dre_weekly": "1.00"})).status_code == 200
    assert api.calculate(changed(MR_B, weekly_cost_of_care="-1")).status_code == 400
    assert counts() == before


def test_no_csrf_token_or_sign_in_is_needed(api, parameters):
    assert "csrftoken" not in api.client.cookies
    assert api.calculate(MR_B).status_code == 200
    assert "sessionid" not in api.client.cookies


def test_only_post_is_allowed(api, parameters):
    response = api.client.get("/api/v1/charging/calculate")
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"
    assert response.json()["title"] == "Method not allowed"


def test_a_request_over_the_size_limit_is_refused_before_it_is_read(api, parameters):
    padding = [{"type": "other_disregarded", "amount": "1.00", "period": "weekly"}] * 2000
    response = api.calculate(changed(MR_B, income=padding))
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Request too large"
    assert response.json()["detail"] == "The request is too large. Send at most 64 kilobytes."


def test_a_body_over_djangos_own_smaller_limit_is_a_problem_body_not_an_html_page(api, parameters):
    """A council may set Django's DATA_UPLOAD_MAX_MEMORY_SIZE below the API's own limit: Django then
    refuses the body as it is read, and the API still answers with its own 413 problem body."""
    body = json.dumps(MR_B).encode()
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=len(body) - 1):
        response = api.calculate(raw=body)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Request too large"


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pension=st.decimals(min_value=0, max_value=2000, places=2),
    savings=st.decimals(min_value=0, max_value=40000, places=2),
    housing=st.decimals(min_value=0, max_value=300, places=2),
    cost=st.decimals(min_value=0, max_value=2000, places=2),
    period=st.sampled_from(["weekly", "fortnightly", "four_weekly", "monthly", "annual"]),
)
def test_any_valid_request_answers_within_the_documented_shape(
    api, parameters, pension, savings, housing, cost, period
):
    request = changed(
        MRS_A,
        capital=[{"type": "savings", "value": str(savings)}],
        income=[{"type": "state_pension", "amount": str(pension), "period": period}],
        housing_costs={"amount": str(housing), "period": "weekly"},
        weekly_cost_of_care=str(cost),
    )
    body = ok(api.calculate(request))  # the client checks the documented schema too
    contribution = Decimal(body["weekly_contribution"])
    assert Decimal("0.00") <= contribution <= cost
    assert Decimal(body["council_pays_weekly"]) + contribution == cost
