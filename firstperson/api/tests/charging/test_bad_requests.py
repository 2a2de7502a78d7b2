"""POST /api/v1/charging/calculate with bad input: 400 naming every problem by the path of its field
(`income[2].period`), in the documented problem shape; nothing is worked out from a bad request."""

import copy
import json

import pytest

from .test_calculate import MR_B, MRS_A, changed

pytestmark = pytest.mark.django_db


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 400, response.content
    body = response.json()
    assert (body["status"], body["title"]) == (400, "Invalid request")
    return {error["field"]: error["message"] for error in body["errors"]}


def with_income(index, **changes):
    body = copy.deepcopy(MR_B)
    body["income"][index].update(changes)
    return body


def with_capital(index, **changes):
    body = copy.deepcopy(MRS_A)
    body["capital"][index].update(changes)
    return body


def with_person(body=MR_B, *, drop=(), **changes):
    body = copy.deepcopy(body)
    for key in drop:
        body["person"].pop(key, None)
    body["person"].update(changes)
    return body


NOT_AMOUNT = 'Give an amount as a string of digits, like "230.25".'
NEGATIVE = "This cannot be less than zero."
PLACES = "This can have at most two decimal places."
SHARE = "A share must be between 0 and 1 (1 is all of it)."
PERIODS = '"weekly", "fortnightly", "four_weekly", "monthly", "annual"'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Negative amounts, anywhere money is given.
        (with_income(0, amount="-140.55"), {"income[0].amount": NEGATIVE}),
        (changed(MR_B, weekly_cost_of_care="-1.00"), {"weekly_cost_of_care": NEGATIVE}),
        (changed(MR_B, housing_costs={"amount": "-5", "period": "weekly"}), {"housing_costs.amount": NEGATIVE}),
        (changed(MR_B, dre={"amount": "-21.00", "period": "weekly"}), {"dre.amount": NEGATIVE}),
        (with_capital(1, value="-18300.00"), {"capital[1].value": NEGATIVE}),
        (changed(MR_B, policy={"standard_dre_weekly": "-20.00"}), {"policy.standard_dre_weekly": NEGATIVE}),
        # More than two decimal places, as a string or a JSON number.
        (with_income(1, amount="110.405"), {"income[1].amount": PLACES}),
        (with_income(1, amount="110.400"), {"income[1].amount": PLACES}),
        (changed(MR_B, weekly_cost_of_care="540.001"), {"weekly_cost_of_care": PLACES}),
        (with_capital(1, value="18300.5555"), {"capital[1].value": PLACES}),
        # Not an amount at all.
        (with_income(0, amount="£140.55"), {"income[0].amount": NOT_AMOUNT}),
        (with_income(0, amount="1e3"), {"income[0].amount": NOT_AMOUNT}),
        (with_income(0, amount=True), {"income[0].amount": NOT_AMOUNT}),
        (with_income(0, amount=None), {"income[0].amount": NOT_AMOUNT}),
        (changed(MR_B, weekly_cost_of_care="100000000.00"), {"weekly_cost_of_care": "This is too large."}),
        # Unknown income codes and periods.
        (
            with_income(2, type="lottery_win"),
            {"income[2].type": "Unknown income code: the IncomeCode schema lists the codes."},
        ),
        (with_income(2, period="daily"), {"income[2].period": f"Unknown period: it must be one of {PERIODS}."}),
        (
            changed(MR_B, housing_costs={"amount": "5.00", "period": "quarterly"}),
            {"housing_costs.period": f"Unknown period: it must be one of {PERIODS}."},
        ),
        # Unknown capital type, service, household.
        (
            with_capital(0, type="yacht"),
            {
                "capital[0].type": 'Unknown capital type: it must be one of "savings", "investments", '
                '"main_home", "other_property", "other".'
            },
        ),
        (
            changed(MR_B, service="gardening"),
            {
                "service": "Unknown service: it must be one of "
                + ", ".join(
                    f'"{s}"'
                    for s in (
                        "homecare",
                        "day_service",
                        "direct_payment",
                        "supported_living",
                        "carer_support",
                        "other",
                        "reablement_first_6_weeks",
                        "intermediate_care_first_6_weeks",
                        "equipment",
                        "minor_adaptations",
                        "s117_aftercare",
                        "cjd",
                    )
                )
                + "."
            },
        ),  # fmt: skip
        (
            with_person(household="flatmates"),
            {"person.household": 'Unknown household: it must be one of "single", "couple", "lone_parent".'},
        ),
        # A share outside 0 to 1.
        (with_capital(1, share="1.5"), {"capital[1].share": SHARE}),
        (with_capital(1, share="-0.5"), {"capital[1].share": SHARE}),
        (with_capital(1, share=2), {"capital[1].share": SHARE}),
        # Neither age nor date of birth; ages that do not fit.
        (with_person(drop=["age"]), {"person.date_of_birth": "Give the person's date_of_birth or their age."}),
        (with_person(age=None), {"person.date_of_birth": "Give the person's date_of_birth or their age."}),
        (with_person(age=17), {"person.age": "Charging for adult care applies from age 18."}),
        (with_person(age="30"), {"person.age": "This must be a whole number."}),
        (with_person(age=30.5), {"person.age": "This must be a whole number."}),
        (
            with_person(drop=["age"], date_of_birth="2010-01-01"),
            {"person.date_of_birth": "Charging for adult care applies from age 18."},
        ),
        (
            with_person(drop=["age"], date_of_birth="01/02/1990"),
            {"person.date_of_birth": 'Give a date as "YYYY-MM-DD", like "2025-10-01".'},
        ),
        (
            with_person(drop=["age"], date_of_birth="2030-01-01"),
            {"person.date_of_birth": "The date of birth is after as_at."},
        ),
        (
            with_person(MRS_A, age=71),
            {"person.age": "age does not match date_of_birth, which gives 70 on as_at."},
        ),
        (with_person(dependent_children=-1), {"person.dependent_children": NEGATIVE}),
        (with_person(carer_premium="yes"), {"person.carer_premium": "carer_premium must be true or false."}),
        (
            with_person(drop=["household"]),
            {"person.household": 'household is required: one of "single", "couple", "lone_parent".'},
        ),
        # An as_at that is not a date, or in a year with no published figures.
        (changed(MR_B, as_at="2025-02-30"), {"as_at": 'Give a date as "YYYY-MM-DD", like "2025-10-01".'}),
        (
            changed(MR_B, as_at="2024-10-01"),
            {"as_at": "There are no published charging figures for 2024-25 (the year 2024-10-01 is in)."},
        ),
        # Unknown policy levers, and capital limits below the statutory ones.
        (
            changed(MR_B, policy={"arrangement_fee": "50.00"}),
            {
                "policy.arrangement_fee": "Unknown policy lever: it must be one of "
                '"standard_dre_weekly", "minimum_charge_weekly", "maximum_charge_weekly", "lower_capital_limit", '
                '"upper_capital_limit", "disregard_night_element_attendance_allowance", '
                '"disregard_night_element_dla_care", "disregard_night_element_pip_daily_living", '
                '"full_cost_at_upper_limit".'
            },
        ),
        (
            changed(MR_B, policy={"lower_capital_limit": "10000.00"}),
            {
                "policy.lower_capital_limit": "A council may set higher capital limits, never lower ones: "
                "the lower limit in 2025-26 v1 is £14,250.00."
            },
        ),
        (
            changed(MR_B, policy={"upper_capital_limit": "20000"}),
            {
                "policy.upper_capital_limit": "A council may set higher capital limits, never lower ones: "
                "the upper limit in 2025-26 v1 is £23,250.00."
            },
        ),
        (
            changed(MR_B, policy={"lower_capital_limit": "30000"}),
            {
                "policy.lower_capital_limit": "The lower capital limit must be below the upper one: "
                "here they are £30,000.00 and £23,250.00."
            },
        ),
        (
            changed(MR_B, policy={"disregard_night_element_dla_care": "no"}),
            {"policy.disregard_night_element_dla_care": "disregard_night_element_dla_care must be true or false."},
        ),
        (changed(MR_B, policy=["standard_dre_weekly"]), {"policy": "policy must be an object of local-policy levers."}),
        # Missing and unknown fields.
        (
            {k: v for k, v in MR_B.items() if k != "weekly_cost_of_care"},
            {"weekly_cost_of_care": "weekly_cost_of_care is required."},
        ),
        (
            {k: v for k, v in MR_B.items() if k != "person"},
            {"person": "person is required: date_of_birth or age, and household."},
        ),
        (changed(MR_B, postcode="WS1 1AA"), {"postcode": "This field is not part of the request."}),
        (with_income(0, frequency="weekly"), {"income[0].frequency": "This field is not part of the request."}),
        (changed(MR_B, income={"esa": "140.55"}), {"income": "income must be a list."}),
        (changed(MR_B, income=["esa"]), {"income[0]": "income[0] must be an object."}),
        (
            changed(MR_B, night_care_arranged=None),
            {"night_care_arranged": "night_care_arranged must be true or false."},
        ),
    ],
)
def test_each_bad_field_is_named(api, parameters, body, expected):
    assert errors_of(api.calculate(body)) == expected


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"", b"\xff\xfe", b"[]", b'"calculate"', b"null", b'{"weekly_cost_of_care": NaN}', b"[" * 100_00],
)
def test_malformed_json_is_named_as_the_body(api, parameters, raw):
    assert errors_of(api.calculate(raw=raw)) == {"body": "The request body must be a JSON object."}


def test_every_problem_is_named_together(api, parameters):
    body = copy.deepcopy(MR_B)
    body["person"] = {"household": "single"}
    body["income"][0]["amount"] = "-1"
    body["income"][1]["type"] = "lottery_win"
    body["income"][2]["period"] = "daily"
    body["capital"][0]["share"] = "3"
    body["weekly_cost_of_care"] = "1.234"
    body["policy"] = {"free_lunches": True}
    assert set(errors_of(api.calculate(body))) == {
        "person.date_of_birth",
        "income[0].amount",
        "income[1].type",
        "income[2].period",
        "capital[0].share",
        "weekly_cost_of_care",
        "policy.free_lunches",
    }


def test_too_many_items_are_refused(api, parameters):
    body = changed(MR_B, capital=[{"type": "savings", "value": "1"}] * 101)
    assert errors_of(api.calculate(body)) == {"capital": "A request may list at most 100 items here."}


def test_the_problem_body_is_json_in_utf8(api, parameters):
    response = api.calculate(changed(MR_B, policy={"lower_capital_limit": "1"}))
    assert response["Content-Type"] == "application/problem+json"
    assert "£14,250.00" in response.content.decode("utf-8")
    assert json.loads(response.content)["errors"]
