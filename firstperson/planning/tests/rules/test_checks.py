"""The automatic checks before a plan is sent (REFERENCE.md §5.2, §4.2): each one passing and failing,
and each failure saying in plain English what to change."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.planning.rules.checks import (
    CHECKS,
    PRACTITIONER_CHECKLIST,
    CheckResult,
    ItemFacts,
    ManagedBy,
    OutcomeFacts,
    PayeeRelationship,
    PlanFacts,
    ProhibitedPurchase,
    RiskFacts,
    all_passed,
    plan_checks,
    prohibited_matches,
)
from firstperson.planning.rules.costing import ItemKind

D = Decimal
CODES = [
    "within_budget",
    "outcomes_addressed",
    "no_prohibited_items",
    "no_prohibited_payees",
    "informal_support_agreed",
    "contingency_plan",
    "risks_assessed",
    "management_clear",
    "signed_off",
]

GAMBLING = ProhibitedPurchase("gambling", "gambling", ("gambling", "betting", "casino"), "A budget cannot pay for it.")
LIVING = ProhibitedPurchase(
    "everyday-living", "everyday living costs", ("rent", "gas bill", "food shopping"), "Paid from own income."
)


def item(**overrides) -> ItemFacts:
    values = {
        "id": "i1",
        "description": "Personal assistant in the morning",
        "kind": ItemKind.PERSONAL_ASSISTANT,
        "outcome_id": "o1",
        "weekly_cost": D("147.00"),
        "one_off_cost": D("0.00"),
        "managed_by": ManagedBy.DIRECT_PAYMENT,
    }
    values.update(overrides)
    return ItemFacts(**values)


def good_plan(**overrides) -> PlanFacts:
    """A plan that passes every check; tests change one thing at a time."""
    values = {
        "weekly_budget": D("183.35"),
        "weekly_total": D("147.00"),
        "over_budget_justification": "",
        "eligible_outcomes": {"A_HYGIENE": "Managing and maintaining personal hygiene"},
        "outcomes": (OutcomeFacts("o1", "I want to wash in the morning", "A_HYGIENE"),),
        "items": (item(),),
        "risks": (RiskFacts("Falling in the shower", "low", "A grab rail", "Sam's personal assistant"),),
        "contingency_plan": "Mum covers if the personal assistant is ill.",
        "management_method": "direct_payment",
        "isf_provider": "",
        "prohibited": (GAMBLING, LIVING),
        "signed_off": True,
    }
    values.update(overrides)
    return PlanFacts(**values)


def result(facts: PlanFacts, code: str) -> CheckResult:
    return next(r for r in plan_checks(facts) if r.code == code)


def test_a_good_plan_passes_every_check_in_order():
    results = plan_checks(good_plan())
    assert [r.code for r in results] == CODES
    assert all(r.passed and r.problems == () for r in results)
    assert all_passed(results)


# --- within budget --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "justification", "passed"),
    [
        ("183.34", "", True),
        ("183.35", "", True),  # exactly the budget
        ("183.36", "", False),  # a penny over
        ("250.00", "   ", False),  # blank justification is none
        ("250.00", "Two carers are needed to lift safely.", True),
    ],
)
def test_within_budget_or_justified(total, justification, passed):
    check = result(good_plan(weekly_total=D(total), over_budget_justification=justification), "within_budget")
    assert check.passed is passed
    if not passed:
        over = D(total) - D("183.35")
        assert check.problems == (
            f"The plan costs £{over:,.2f} a week more than the budget. Take some cost out, "
            "or explain why the extra is needed.",
        )


def test_the_overspend_is_shown_with_thousands_and_pence():
    check = result(good_plan(weekly_budget=D("100.00"), weekly_total=D("1350.5")), "within_budget")
    assert "£1,250.50 a week more" in check.problems[0]


def test_no_budget_fails_even_with_a_justification():
    check = result(good_plan(weekly_budget=None, over_budget_justification="Needs more"), "within_budget")
    assert not check.passed
    assert check.problems == ("There is no personal budget yet. Ask your practitioner to work it out.",)


# --- every eligible outcome addressed -------------------------------------------------------------


def test_every_eligible_outcome_must_be_linked_and_met():
    eligible = {"A_HYGIENE": "Managing and maintaining personal hygiene", "A_CLOTHED": "Being appropriately clothed"}
    check = result(good_plan(eligible_outcomes=eligible), "outcomes_addressed")
    assert not check.passed
    assert check.problems == (
        "Say how the plan helps with \u201cBeing appropriately clothed\u201d: add an outcome linked to it, "
        "and how it will be met.",
    )
    both = good_plan(
        eligible_outcomes=eligible,
        outcomes=(OutcomeFacts("o1", "Wash", "A_HYGIENE"), OutcomeFacts("o2", "Dress", "A_CLOTHED")),
        items=(item(), item(id="i2", outcome_id="o2", kind=ItemKind.INFORMAL, managed_by=None,
                            weekly_cost=D("0"), informal_agreement_recorded=True)),
    )  # fmt: skip
    assert result(both, "outcomes_addressed").passed


def test_an_outcome_linked_but_without_any_way_of_meeting_it_fails_twice():
    facts = good_plan(items=())
    check = result(facts, "outcomes_addressed")
    assert not check.passed
    assert check.problems == (
        "Say how the plan helps with \u201cManaging and maintaining personal hygiene\u201d: add an outcome linked "
        "to it, and how it will be met.",
        "Add how \u201cI want to wash in the morning\u201d will be met, or remove it.",
    )


def test_an_outcome_of_the_persons_own_not_linked_to_an_eligible_one_still_needs_a_way_to_meet_it():
    facts = good_plan(outcomes=(*good_plan().outcomes, OutcomeFacts("o9", "Learn to cook", "")))
    assert result(facts, "outcomes_addressed").problems == (
        "Add how \u201cLearn to cook\u201d will be met, or remove it.",
    )


def test_a_plan_with_no_outcomes_is_told_to_add_one_first():
    check = result(good_plan(outcomes=(), items=(), eligible_outcomes={}), "outcomes_addressed")
    assert not check.passed
    assert check.problems == ("Add at least one outcome: what the person wants to achieve, in their own words.",)
    with_eligible = result(good_plan(outcomes=(), items=()), "outcomes_addressed")
    assert with_eligible.problems[0].startswith("Add at least one outcome")
    assert len(with_eligible.problems) == 2


# --- prohibited purchases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "labels"),
    [
        ("Trip to the casino", ["gambling"]),
        ("CASINO night", ["gambling"]),  # any case
        ("Betting-shop visits", ["gambling"]),  # punctuation separates words
        ("Help with the Gas Bill", ["everyday living costs"]),  # a phrase, any case
        ("Gas, bill", ["everyday living costs"]),  # punctuation between the words of a phrase
        ("Help paying rent", ["everyday living costs"]),
        ("Equipment rentals", []),  # "rent" is not inside "rentals"
        ("Parenting course", []),  # nor inside "parenting"
        ("Gasket for the bath lift", []),
        ("Gas cooker repair", []),  # only part of the phrase
        ("Bill and gas", []),  # the phrase's words in the wrong order
        ("Rent money for the casino", ["gambling", "everyday living costs"]),  # the list's order
    ],
)
def test_prohibited_purchases_match_whole_words_and_phrases_in_any_case(description, labels):
    assert [entry.label for entry in prohibited_matches(description, (GAMBLING, LIVING))] == labels


def test_a_keyword_of_only_spaces_or_punctuation_matches_nothing():
    odd = ProhibitedPurchase("odd", "odd", ("   ", "--", "!"), "No reason.")
    assert prohibited_matches("", (odd,)) == []
    assert prohibited_matches("Anything at all - really!", (odd,)) == []


def test_each_prohibited_item_is_named_with_the_reason():
    facts = good_plan(items=(item(description="Weekly lottery tickets and betting"), item(id="i2", description="Rent")))
    check = result(facts, "no_prohibited_items")
    assert not check.passed
    gambling = GAMBLING.keywords + ("lottery",)
    check = result(replace(facts, prohibited=(replace(GAMBLING, keywords=gambling), LIVING)), "no_prohibited_items")
    assert check.problems == (
        "\u201cWeekly lottery tickets and betting\u201d looks like gambling: A budget cannot pay for it. Change or remove it.",
        "\u201cRent\u201d looks like everyday living costs: Paid from own income. Change or remove it.",
    )


def test_no_prohibited_list_means_nothing_is_prohibited():
    assert result(good_plan(prohibited=(), items=(item(description="Casino"),)), "no_prohibited_items").passed


# --- who a direct payment may pay (Direct Payments Regulations 2014 reg 3) -------------------------

SPOUSE = PayeeRelationship.SPOUSE_OR_PARTNER
RELATIVE = PayeeRelationship.CLOSE_RELATIVE
NOT_FAMILY = PayeeRelationship.NOT_FAMILY
DP, COUNCIL, ISF = ManagedBy.DIRECT_PAYMENT, ManagedBy.COUNCIL_MANAGED, ManagedBy.INDIVIDUAL_SERVICE_FUND


@pytest.mark.parametrize(
    ("managed_by", "relationship", "lives_with", "exception", "passed"),
    [
        # A spouse or partner, from a direct payment: wherever they live, only with a recorded exception
        # (reg 3 lets the council agree it is necessary: REFERENCE.md §4.2, §12 rule 7).
        (DP, SPOUSE, True, False, False),
        (DP, SPOUSE, False, False, False),
        (DP, SPOUSE, True, True, True),
        (DP, SPOUSE, False, True, True),
        # A close relative in the same household: only with a recorded exception.
        (DP, RELATIVE, True, False, False),
        (DP, RELATIVE, True, True, True),
        # A close relative living elsewhere: allowed.
        (DP, RELATIVE, False, False, True),
        (DP, NOT_FAMILY, True, False, True),
        # Paid by the council or through an ISF, the regulations on direct payments do not apply.
        (COUNCIL, SPOUSE, True, False, True),
        (COUNCIL, RELATIVE, True, False, True),
        (ISF, SPOUSE, True, False, True),
        (ISF, RELATIVE, True, False, True),
    ],
)
def test_who_a_direct_payment_may_pay(managed_by, relationship, lives_with, exception, passed):
    paid = item(
        description="Pay Alex for morning help",
        managed_by=managed_by,
        payee_relationship=relationship,
        payee_lives_with_person=lives_with,
        relative_exception_recorded=exception,
    )
    check = result(good_plan(items=(paid,)), "no_prohibited_payees")
    assert check.passed is passed
    assert len(check.problems) == (0 if passed else 1)


def test_the_payee_problems_say_what_to_do():
    spouse = item(id="a", description="Pay my husband", payee_relationship=SPOUSE)
    sister = item(id="b", description="Pay my sister", payee_relationship=RELATIVE, payee_lives_with_person=True)
    check = result(good_plan(items=(spouse, sister)), "no_prohibited_payees")
    assert check.problems == (
        "\u201cPay my husband\u201d pays a husband, wife, civil partner or partner. A direct payment can do this "
        "only if the council agrees it is necessary. Ask the practitioner to record why, choose someone else, or "
        "record their help as unpaid support.",
        "\u201cPay my sister\u201d pays a close relative who lives with the person. Ask the practitioner to record "
        "why this is necessary, or choose someone else.",
    )


@given(
    relationship=st.sampled_from(list(PayeeRelationship)),
    lives_with=st.booleans(),
    exception=st.booleans(),
)
def test_with_a_recorded_exception_a_direct_payment_may_pay_anyone(relationship, lives_with, exception):
    paid = item(payee_relationship=relationship, payee_lives_with_person=lives_with,
                relative_exception_recorded=exception)  # fmt: skip
    check = result(good_plan(items=(paid,)), "no_prohibited_payees")
    needs_one = relationship == SPOUSE or (relationship == RELATIVE and lives_with)
    assert check.passed is (exception or not needs_one)


def test_unpaid_help_from_a_partner_is_not_a_payment():
    help_ = item(kind=ItemKind.INFORMAL, managed_by=DP, payee_relationship=SPOUSE, weekly_cost=D("0"),
                 informal_agreement_recorded=True)  # fmt: skip
    assert result(good_plan(items=(help_,)), "no_prohibited_payees").passed


# --- unpaid help, contingency, risks --------------------------------------------------------------


def test_unpaid_help_needs_the_helpers_agreement():
    help_ = item(description="Mum helps at weekends", kind=ItemKind.INFORMAL, managed_by=None, weekly_cost=D("0"))
    check = result(good_plan(items=(item(), help_)), "informal_support_agreed")
    assert not check.passed
    assert check.problems == (
        "Check that the person giving \u201cMum helps at weekends\u201d agrees to it, and tick that they do.",
    )
    agreed = replace(help_, informal_agreement_recorded=True)
    assert result(good_plan(items=(item(), agreed)), "informal_support_agreed").passed


def test_only_unpaid_help_needs_an_agreement():
    assert result(good_plan(items=(item(informal_agreement_recorded=False),)), "informal_support_agreed").passed


@pytest.mark.parametrize(("text", "passed"), [("", False), ("  \n ", False), ("The agency covers.", True)])
def test_a_contingency_plan_is_needed(text, passed):
    check = result(good_plan(contingency_plan=text), "contingency_plan")
    assert check.passed is passed
    if not passed:
        assert check.problems == (
            "Say what will happen if support fails: for example, if a personal assistant is ill or a provider stops.",
        )


@pytest.mark.parametrize(
    ("likelihood", "reduced_by", "responsible", "missing"),
    [
        ("", "A rail", "Sam", "how likely it is"),
        ("low", "", "Sam", "what reduces it"),
        ("low", "A rail", " ", "who is responsible"),
        ("", "", "Sam", "how likely it is and what reduces it"),
        ("", "", "", "how likely it is and what reduces it and who is responsible"),
    ],
)
def test_each_risk_names_what_is_missing(likelihood, reduced_by, responsible, missing):
    risks = (
        RiskFacts("Falls", "low", "A rail", "Sam"),
        RiskFacts("Going out alone", likelihood, reduced_by, responsible),
    )
    check = result(good_plan(risks=risks), "risks_assessed")
    assert not check.passed
    assert check.problems == (f"For the risk \u201cGoing out alone\u201d, say {missing}.",)


def test_a_plan_with_no_risks_passes_the_risk_check():
    assert result(good_plan(risks=()), "risks_assessed").passed


# --- how the budget is managed --------------------------------------------------------------------


def test_the_management_method_must_be_chosen():
    check = result(good_plan(management_method=""), "management_clear")
    assert check.problems == (
        "Choose how the budget will be managed: a direct payment, by the council, or by a provider.",
    )


def test_each_paid_item_says_how_it_is_paid_for():
    one_off = item(id="i2", description="Shower chair", kind=ItemKind.EQUIPMENT, weekly_cost=D("0"),
                   one_off_cost=D("80.00"), managed_by=None)  # fmt: skip
    free = item(id="i3", description="Library", kind=ItemKind.COMMUNITY, weekly_cost=D("0"), managed_by=None)
    help_ = item(id="i4", description="Mum", kind=ItemKind.INFORMAL, weekly_cost=D("0"), managed_by=None,
                 informal_agreement_recorded=True)  # fmt: skip
    check = result(good_plan(items=(item(), one_off, free, help_)), "management_clear")
    assert check.problems == ("Say how \u201cShower chair\u201d will be paid for.",)


def test_an_individual_service_fund_needs_its_provider_named():
    isf_item = item(managed_by=ISF)
    check = result(good_plan(items=(isf_item,), management_method="mixed"), "management_clear")
    assert check.problems == ("Name the provider who will hold the Individual Service Fund.",)
    named = good_plan(items=(isf_item,), management_method="mixed", isf_provider="Hillside Support Ltd")
    assert result(named, "management_clear").passed


def test_choosing_an_individual_service_fund_for_the_whole_plan_needs_its_provider_named():
    check = result(good_plan(management_method="individual_service_fund", items=()), "management_clear")
    assert check.problems == ("Name the provider who will hold the Individual Service Fund.",)


def test_everything_missing_about_management_is_listed_together():
    facts = good_plan(management_method="", items=(item(managed_by=None), item(id="i2", managed_by=ISF)))
    assert len(result(facts, "management_clear").problems) == 3


# --- sign-off -------------------------------------------------------------------------------------


def test_the_person_must_sign_off():
    check = result(good_plan(signed_off=False), "signed_off")
    assert not check.passed
    assert "sign it off" in check.problems[0]
    assert result(good_plan(), "signed_off").passed


def test_the_practitioners_checklist_has_five_distinct_items():
    codes = [code for code, _ in PRACTITIONER_CHECKLIST]
    assert codes == ["person_centred", "lawful", "outcome_based", "sufficient", "risk_proportionate"]
    assert len(CHECKS) == len(CODES)


# --- properties -----------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
texts = st.sampled_from(["", " ", "Something written"])
kinds = st.sampled_from(list(ItemKind))
managed = st.sampled_from([None, *ManagedBy])
relationships = st.sampled_from(list(PayeeRelationship))
descriptions = st.sampled_from(["Morning help", "Casino trip", "Equipment rentals", "Gas bill", "Gym"])

items_strategy = st.builds(
    ItemFacts,
    id=st.uuids().map(str),
    description=descriptions,
    kind=kinds,
    outcome_id=st.sampled_from([None, "o1", "o2"]),
    weekly_cost=money,
    one_off_cost=money,
    managed_by=managed,
    payee_relationship=relationships,
    payee_lives_with_person=st.booleans(),
    relative_exception_recorded=st.booleans(),
    informal_agreement_recorded=st.booleans(),
)
facts_strategy = st.builds(
    PlanFacts,
    weekly_budget=st.one_of(st.none(), money),
    weekly_total=money,
    over_budget_justification=texts,
    eligible_outcomes=st.sampled_from([{}, {"A_HYGIENE": "Hygiene"}, {"A_HYGIENE": "Hygiene", "A_CLOTHED": "Dress"}]),
    outcomes=st.lists(
        st.builds(
            OutcomeFacts,
            id=st.sampled_from(["o1", "o2"]),
            in_own_words=texts,
            eligible_outcome_code=st.sampled_from(["", "A_HYGIENE", "A_CLOTHED"]),
        ),
        max_size=3,
    ).map(tuple),  # fmt: skip
    items=st.lists(items_strategy, max_size=5).map(tuple),
    risks=st.lists(
        st.builds(RiskFacts, description=texts, likelihood=texts, reduced_by=texts, responsible=texts), max_size=3
    ).map(tuple),  # fmt: skip
    contingency_plan=texts,
    management_method=st.sampled_from(["", "direct_payment", "council_managed", "individual_service_fund", "mixed"]),
    isf_provider=texts,
    prohibited=st.just((GAMBLING, LIVING)),
    signed_off=st.booleans(),
)


@given(facts_strategy)
def test_the_results_are_always_the_same_checks_in_the_same_order(facts):
    results = plan_checks(facts)
    assert [r.code for r in results] == CODES
    assert all_passed(results) == (not any(not r.passed for r in results))
    for r in results:
        assert r.passed == (r.problems == ()), r  # a failure always says what to change, a pass never does
        assert all(problem.strip().endswith(".") for problem in r.problems)


@given(facts_strategy)
def test_all_passed_is_true_exactly_when_no_check_failed(facts):
    results = plan_checks(facts)
    assert all_passed(results) is (sum(1 for r in results if not r.passed) == 0)


@given(budget=money, total=money, justification=texts)
def test_within_budget_always_passes_when_the_total_is_not_above_the_budget(budget, total, justification):
    check = result(good_plan(weekly_budget=budget, weekly_total=total, over_budget_justification=justification),
                   "within_budget")  # fmt: skip
    if total <= budget:
        assert check.passed
    else:
        assert check.passed is bool(justification.strip())


@given(st.text(max_size=40), st.sampled_from(["rent", "gas bill", "casino", "betting"]))
def test_a_keyword_in_its_own_words_is_always_found_whatever_surrounds_it(noise, keyword):
    description = f"{noise} {keyword.upper()} {noise}"
    assert prohibited_matches(description, (GAMBLING, LIVING)) != []
