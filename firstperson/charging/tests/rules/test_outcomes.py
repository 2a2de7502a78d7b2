"""Free services, light-touch outcomes, the minimum and maximum charges and the cost of care
(REFERENCE §3.2, §3.7 steps 4-5, §3.8, §3.9)."""

from decimal import Decimal as D

import pytest

from firstperson.charging.rules.charging import (
    FREE_SERVICES,
    AssessmentKind,
    CapitalItem,
    CapitalType,
    ChargingInputError,
    Outcome,
    Person,
    Service,
    calculate,
)

from .examples import figures, mr_b, mrs_a

FREE = {
    Service.REABLEMENT_FIRST_6_WEEKS,
    Service.INTERMEDIATE_CARE_FIRST_6_WEEKS,
    Service.EQUIPMENT,
    Service.MINOR_ADAPTATIONS,
    Service.S117_AFTERCARE,
    Service.CJD,
}
RICH = (CapitalItem(CapitalType.SAVINGS, D("900000.00")),)


def test_the_free_services_are_exactly_those_of_regulations_3_and_4():
    assert set(FREE_SERVICES) == FREE


@pytest.mark.parametrize("service", sorted(FREE))
@pytest.mark.parametrize("kind", list(AssessmentKind))
def test_a_free_service_gives_zero_whatever_the_money(service, kind):
    result = calculate(mrs_a(service=service, capital=RICH, kind=kind), figures())
    assert result.outcome == Outcome.FREE_SERVICE
    assert result.weekly_contribution == D("0.00")
    assert result.council_pays_weekly == D("336.00")
    assert result.lines[-1].description.endswith("so you pay nothing for it.")


@pytest.mark.parametrize("service", sorted(set(Service) - FREE))
def test_other_services_are_charged(service):
    assert calculate(mrs_a(service=service), figures()).weekly_contribution == D("100.55")


@pytest.mark.parametrize(
    ("kind", "policy", "outcome", "pays"),
    [
        (AssessmentKind.DECLINED, {}, Outcome.FULL_COST, "336.00"),
        (AssessmentKind.LIGHT_TOUCH_ABOVE, {}, Outcome.FULL_COST, "336.00"),
        (AssessmentKind.LIGHT_TOUCH_BELOW, {}, Outcome.LIGHT_TOUCH_NIL, "0.00"),
        (AssessmentKind.DECLINED, {"maximum_charge_weekly": D("250.00")}, Outcome.FULL_COST, "250.00"),
        (AssessmentKind.LIGHT_TOUCH_ABOVE, {"maximum_charge_weekly": D("250.00")}, Outcome.FULL_COST, "250.00"),
        (AssessmentKind.LIGHT_TOUCH_BELOW, {"minimum_charge_weekly": D("5.00")}, Outcome.LIGHT_TOUCH_NIL, "0.00"),
    ],
)
def test_light_touch_outcomes(kind, policy, outcome, pays):
    result = calculate(mrs_a(kind=kind), figures(**policy))
    assert result.outcome == outcome
    assert result.weekly_contribution == D(pays)
    assert result.full_cost_payer is (outcome == Outcome.FULL_COST)
    assert result.council_pays_weekly == D("336.00") - D(pays)


def test_declining_says_why_in_plain_english():
    descriptions = [line.description for line in calculate(mrs_a(kind=AssessmentKind.DECLINED), figures()).lines]
    assert descriptions[0] == "You chose not to tell us about your money, so you pay the full cost of your care."


@pytest.mark.parametrize(
    ("minimum", "pays"),
    [(None, "2.05"), ("2.04", "2.05"), ("2.05", "2.05"), ("2.06", "0.00"), ("5.00", "0.00"), ("0.00", "2.05")],
)
def test_minimum_charge_below_which_nothing_is_collected(minimum, pays):
    policy = {"disregard_night_element_pip_daily_living": True, "minimum_charge_weekly": minimum and D(minimum)}
    result = calculate(mr_b(), figures(**policy))
    assert result.weekly_contribution == D(pays)
    if pays == "0.00":
        assert any("does not collect charges under" in line.description for line in result.lines)


@pytest.mark.parametrize(
    ("maximum", "pays"), [(None, "100.55"), ("100.56", "100.55"), ("100.55", "100.55"), ("50.00", "50.00")]
)
def test_maximum_weekly_charge(maximum, pays):
    result = calculate(mrs_a(), figures(maximum_charge_weekly=maximum and D(maximum)))
    assert result.weekly_contribution == D(pays)


def test_maximum_charge_caps_a_full_cost_payer_too():
    result = calculate(mrs_a(capital=RICH), figures(maximum_charge_weekly=D("300.00")))
    assert result.full_cost_payer and result.weekly_contribution == D("300.00")
    assert result.council_pays_weekly == D("36.00")


@pytest.mark.parametrize(
    ("cost", "pays"), [("336.00", "100.55"), ("100.55", "100.55"), ("30.00", "30.00"), ("0", "0.00")]
)
def test_never_more_than_the_care_costs(cost, pays):
    assert calculate(mrs_a(weekly_cost_of_care=D(cost)), figures()).weekly_contribution == D(pays)


def test_an_assessed_charge_below_zero_is_zero():
    poor = mrs_a(income=(), capital=())
    result = calculate(poor, figures())
    assert result.assessed_charge == D("0.00") and result.weekly_contribution == D("0.00")


def test_itemised_dre_replaces_the_standard_allowance():
    assert calculate(mrs_a(dre_weekly=D("35.00")), figures()).dre == D("35.00")
    assert calculate(mrs_a(), figures(standard_dre_weekly=D("10.85"))).weekly_contribution == D("109.70")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekly_cost_of_care": D("-1")}, "The weekly cost of care cannot be less than zero"),
        ({"housing_costs_weekly": D("-1")}, "Housing costs cannot be less than zero"),
        ({"dre_weekly": D("-1")}, "Disability-related spending cannot be less than zero"),
        ({"person": Person(age=17)}, "Charging for adult care applies from age 18"),
        ({"capital": (CapitalItem(CapitalType.SAVINGS, D("-5")),)}, "A capital value cannot be less than zero"),
        ({"capital": (CapitalItem(CapitalType.SAVINGS, D("5"), D("1.5")),)}, "must be between 0 and 1"),
    ],
)
def test_impossible_input_is_refused(changes, message):
    with pytest.raises(ChargingInputError, match=message):
        calculate(mrs_a(**changes), figures())
