"""The estimate's forms: the premiums it assumes are the rule's guess (rules.charging.likely_premiums)
from the benefits a person names (REFERENCE §3.5); how often money comes uses the rule's period words."""

import pytest

from firstperson.charging.forms.estimate import INCOME_BY_SLUG, INCOME_KINDS, PERIOD_CHOICES, IncomeAmountForm
from firstperson.charging.rules import charging as rules
from firstperson.charging.rules.reference_2025_26 import parameters_2025_26
from firstperson.charging.views.estimate import charging_input

ANSWERS = {"age": 30, "household": "single", "savings": "0.00", "housing": {"amount": "0.00", "period": "weekly"}}


def premiums_for(age, kinds, rates):
    answers = {**ANSWERS, "age": age, "income": kinds}
    for kind in kinds:
        if INCOME_BY_SLUG[kind].asks_amount:
            answers[INCOME_BY_SLUG[kind].step] = {
                "rate": rates.get(kind, INCOME_BY_SLUG[kind].rates[0][0]),
                "amount": "10.00",
                "period": "weekly",
            }
    data, _ = charging_input(answers, parameters=parameters_2025_26())
    person = data.person
    return person.disability_premium, person.enhanced_disability_premium, person.carer_premium


@pytest.mark.parametrize(
    ("age", "kinds", "rates", "expected"),
    [
        (30, ["esa"], {}, (False, False, False)),
        (30, ["pip-daily-living"], {"pip-daily-living": "pip_daily_living_standard"}, (True, False, False)),
        (30, ["pip-daily-living"], {"pip-daily-living": "pip_daily_living_enhanced"}, (True, True, False)),
        (30, ["dla-care"], {"dla-care": "dla_care_highest"}, (True, True, False)),
        (30, ["mobility"], {}, (True, False, False)),
        (30, ["earnings"], {}, (False, False, False)),
        (30, ["carers-allowance"], {}, (False, False, True)),
        # At Pension Credit age the basic amount is already higher: no disability premiums.
        (66, ["attendance-allowance"], {"attendance-allowance": "attendance_allowance_higher"}, (False, False, False)),
        (70, ["pip-daily-living", "carers-allowance"], {"pip-daily-living": "pip_daily_living_enhanced"},
         (False, False, True)),
        (65, ["pip-daily-living"], {"pip-daily-living": "pip_daily_living_enhanced"}, (True, True, False)),
    ],
)  # fmt: skip
def test_the_estimate_assumes_the_rules_likely_premiums_from_the_benefits_named(age, kinds, rates, expected):
    assert premiums_for(age, kinds, rates) == expected


def test_the_codes_that_stand_for_unasked_kinds_are_codes_the_rule_knows():
    from firstperson.charging.rules.reference_2025_26 import INCOME_TYPES

    codes = {kind.code_when_not_asked for kind in INCOME_KINDS if kind.code_when_not_asked}
    assert codes == {"pip_mobility_standard", "earnings"} and codes <= set(INCOME_TYPES)
    assert all(not kind.asks_amount for kind in INCOME_KINDS if kind.code_when_not_asked)


def test_how_often_uses_the_rules_period_words():
    assert [value for value, _ in PERIOD_CHOICES] == [period.value for period in rules.IncomePeriod]
    assert dict(PERIOD_CHOICES) == {
        "weekly": "Every week",
        "fortnightly": "Every fortnight",
        "four_weekly": "Every four weeks",
        "monthly": "Every month",
        "annual": "Every year",
    }


def test_every_income_code_asked_for_is_one_the_rule_knows():
    from firstperson.charging.rules.reference_2025_26 import INCOME_TYPES

    codes = [code for kind in INCOME_KINDS for code, _ in kind.rates]
    assert codes and set(codes) <= set(INCOME_TYPES)


@pytest.mark.parametrize("typed", ["£1,234.50", " 1234.5 ", "1 234.50"])
def test_pounds_may_be_typed_as_people_write_them(typed):
    kind = next(kind for kind in INCOME_KINDS if kind.slug == "state-pension")
    form = IncomeAmountForm({"amount": typed, "period": "weekly"}, kind=kind)
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["amount"]) in {"1234.50", "1234.5"}
    assert form.cleaned_data["rate"] == "state_pension"
