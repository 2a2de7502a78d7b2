"""Writing the parts of a plan through their URLs: outcomes, risks, how the budget is managed, the
contingency plan, the justification, who helped; who may use these pages; stale pages and sent plans."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.planning import permissions, services
from firstperson.planning.models import ItemKind, ManagedBy, PlanItem, PlanOutcome, PlanRisk, SupportPlan
from firstperson.planning.tests import fixtures
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

STALE = "Someone else changed this plan while you were working on it"


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"plan_id": plan.pk, **kwargs})


def fresh(plan) -> SupportPlan:
    return SupportPlan.objects.get(pk=plan.pk)


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def add_outcome(plan, actor, words="I want to get to the gym", code="A_COMMUNITY") -> PlanOutcome:
    plan = fresh(plan)
    return services.outcome_add(
        plan=plan,
        revision=plan.revision,
        actor=actor,
        values=services.OutcomeValues(in_own_words=words, eligible_outcome_code=code),
    )


def add_item(outcome, actor, **values) -> PlanItem:
    plan = fresh(outcome.plan)
    return services.item_add(outcome=outcome, revision=plan.revision, actor=actor, values=values)


@pytest.fixture
def sam(sign_in_client, resident):
    return sign_in_client(resident)


@pytest.fixture
def chosen_broker(plan, resident, broker):
    """Grace, chosen by Sam to help him write his plan."""
    current = fresh(plan)
    services.support_plan_choose_broker(plan=current, revision=current.revision, actor=resident, broker=broker)
    return broker


@pytest.fixture
def sent_plan(complete_plan, resident):
    services.support_plan_submit(plan=complete_plan, revision=complete_plan.revision, actor=resident)
    return fresh(complete_plan)


# --- Outcomes -----------------------------------------------------------------------------------


def test_the_outcome_page_offers_the_eligible_outcomes_in_plain_words(sam, plan):
    response = sam.get(url("outcome-add", plan))
    assert response.status_code == 200
    page = response.content.decode()
    assert "What do you want to achieve?" in page
    assert "Maintaining personal hygiene" in page
    assert "Being appropriately clothed" in page
    assert "None of these" in page
    assert f'name="revision" value="{plan.revision}"' in page


def test_adding_an_outcome_links_it_to_an_eligible_outcome_and_goes_on_to_how_it_is_met(sam, plan):
    response = sam.post(
        url("outcome-add", plan),
        {
            "revision": plan.revision,
            "in_own_words": "I want to wash without rushing",
            "eligible_outcome_code": "A_HYGIENE",
        },
    )
    outcome = PlanOutcome.objects.get(plan=plan)
    assert outcome.in_own_words == "I want to wash without rushing"
    assert outcome.eligible_outcome_code == "A_HYGIENE"
    assert response.status_code == 302
    assert response["Location"] == url("item-add", plan, outcome_id=outcome.pk)
    assert fresh(plan).revision == plan.revision + 1
    assert any("Outcome added" in text for text in flash(response))


def test_none_of_these_saves_an_outcome_not_linked_to_an_eligible_one(sam, plan):
    sam.post(
        url("outcome-add", plan),
        {"revision": plan.revision, "in_own_words": "I want to see my friends", "eligible_outcome_code": "none"},
    )
    assert PlanOutcome.objects.get(plan=plan).eligible_outcome_code == ""


def test_an_outcome_needs_words_and_a_choice_and_nothing_is_saved(sam, plan):
    response = sam.post(url("outcome-add", plan), {"revision": plan.revision, "in_own_words": "   "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "Enter what you want to achieve" in page
    assert "Choose which of your needs this helps with, or choose None of these" in page
    assert not PlanOutcome.objects.filter(plan=plan).exists()
    assert fresh(plan).revision == plan.revision


def test_an_outcome_can_be_changed(sam, plan, resident):
    outcome = add_outcome(plan, resident)
    page = sam.get(url("outcome-edit", plan, outcome_id=outcome.pk)).content.decode()
    assert "I want to get to the gym" in page
    current = fresh(plan)
    response = sam.post(
        url("outcome-edit", plan, outcome_id=outcome.pk),
        {"revision": current.revision, "in_own_words": "I want to go to work", "eligible_outcome_code": "none"},
    )
    assert response["Location"] == url("plan-detail", plan)
    outcome.refresh_from_db()
    assert (outcome.in_own_words, outcome.eligible_outcome_code) == ("I want to go to work", "")


def test_removing_an_outcome_asks_first_then_removes_how_it_is_met(sam, plan, resident):
    outcome = add_outcome(plan, resident)
    add_item(outcome, resident, kind=ItemKind.INFORMAL, description="Dad drives me", informal_agreement_recorded=True)
    page = sam.get(url("outcome-remove", plan, outcome_id=outcome.pk)).content.decode()
    assert "Are you sure you want to remove this outcome?" in page
    assert "Dad drives me" in page
    assert PlanOutcome.objects.filter(pk=outcome.pk).exists()
    response = sam.post(url("outcome-remove", plan, outcome_id=outcome.pk), {"revision": fresh(plan).revision})
    assert response["Location"] == url("plan-detail", plan)
    assert not PlanOutcome.objects.filter(pk=outcome.pk).exists()
    assert not PlanItem.objects.filter(plan=plan).exists()


def test_an_outcome_of_another_plan_is_not_found(sam, plan, make_person, team, practitioner, make_user):
    other_resident = make_user(Role.RESIDENT)
    other = make_person(team=team, account=other_resident)
    fixtures.ready_for_planning(person=other, practitioner=practitioner)
    other_plan = services.support_plan_start(person=other, started_by=practitioner)
    outcome = add_outcome(other_plan, practitioner)
    assert sam.get(url("outcome-edit", plan, outcome_id=outcome.pk)).status_code == 404
    assert sam.get(url("item-add", plan, outcome_id=outcome.pk)).status_code == 404


# --- Who may use these pages --------------------------------------------------------------------


def test_looking_at_an_edit_page_is_audited(sam, plan, resident):
    sam.get(url("plan-contingency", plan))
    assert AuditEvent.objects.filter(
        verb=AuditVerb.SUPPORT_PLAN_VIEWED, object_id=str(plan.pk), actor=resident, page=url("plan-contingency", plan)
    ).exists()


def test_the_broker_the_person_chose_can_write_the_plan(sign_in_client, plan, chosen_broker):
    client = sign_in_client(chosen_broker)
    assert client.get(url("outcome-add", plan)).status_code == 200
    current = fresh(plan)
    client.post(
        url("outcome-add", plan),
        {
            "revision": current.revision,
            "in_own_words": "I want to live in my own flat",
            "eligible_outcome_code": "none",
        },
    )
    assert PlanOutcome.objects.filter(plan=plan, in_own_words="I want to live in my own flat").exists()


def test_the_practitioner_in_the_team_can_write_the_plan(sign_in_client, plan, practitioner):
    assert sign_in_client(practitioner).get(url("plan-helpers", plan)).status_code == 200


@pytest.mark.parametrize("name", ["outcome-add", "risk-add", "plan-management", "plan-contingency", "plan-helpers"])
def test_a_broker_not_chosen_and_a_practitioner_in_another_team_get_not_found(
    sign_in_client, make_user, other_team, plan, chosen_broker, resident, name
):
    outsiders = [make_user(Role.BROKER, first_name="Other"), make_user(Role.PRACTITIONER, team=other_team)]
    for outsider in outsiders:
        client = sign_in_client(outsider)
        assert client.get(url(name, plan)).status_code == 404
        assert client.post(url(name, plan), {"revision": fresh(plan).revision}).status_code == 404


@pytest.fixture
def panel_plan(plan, resident, practitioner):
    """Sam's plan at £290 a week, over Tom's £250 limit: put forward to the funding panel."""
    current = fixtures.write_complete_plan(plan=plan, actor=resident, weekly_hours="20")
    current = services.support_plan_update(
        plan=current, revision=current.revision, actor=resident, over_budget_justification="I need two people."
    )
    current = services.support_plan_sign_off(
        plan=current, revision=current.revision, actor=resident, typed_name="Sam Kowalski"
    )
    services.support_plan_submit(plan=current, revision=current.revision, actor=resident)
    services.support_plan_start_review(plan=fresh(plan), actor=practitioner)
    current = fresh(plan)
    services.support_plan_review(
        plan=current,
        revision=current.revision,
        actor=practitioner,
        checklist=dict.fromkeys(
            ("person_centred", "lawful", "outcome_based", "sufficient", "risk_proportionate"), True
        ),
        comments="",
        put_forward=True,
    )
    return fresh(plan)


def test_someone_who_may_only_read_the_plan_gets_not_found(sign_in_client, make_user, panel_plan):
    """A panel member sees plans put to the panel, but never writes one."""
    panel = make_user(Role.PANEL_MEMBER)
    assert panel_plan.decision_route == "panel_member"
    assert permissions.can_view(panel, panel_plan)
    client = sign_in_client(panel)
    outcome = panel_plan.outcomes.first()
    for name, extra in [("plan-contingency", {}), ("risk-add", {}), ("outcome-edit", {"outcome_id": outcome.pk})]:
        assert client.get(url(name, panel_plan, **extra)).status_code == 404
        assert client.post(url(name, panel_plan, **extra), {"revision": panel_plan.revision}).status_code == 404


@pytest.fixture
def margaret(make_user):
    return make_user(Role.REPRESENTATIVE, first_name="Margaret", last_name="Okafor")


@pytest.fixture
def teds_plan(make_person, team, margaret, practitioner, assessed):
    ted = make_person(team=team, legal_given_name="Ted", legal_family_name="Okafor")
    own = make_person(account=margaret, legal_given_name="Margaret", legal_family_name="Okafor")
    relationship_create(
        actor=None,
        person=ted,
        related_person=own,
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.LPA_PROPERTY_FINANCE,
        authority_scope=[AuthorityScope.ASSESSMENT_AND_PLANNING, AuthorityScope.MONEY],
        start_date=datetime.date(2024, 1, 1),
    )
    fixtures.ready_for_planning(person=ted, practitioner=practitioner, configuration=True)
    return services.support_plan_start(person=ted, started_by=margaret)


def test_a_representative_writes_the_plan_of_the_person_they_act_for(sign_in_client, margaret, teds_plan):
    client = sign_in_client(margaret)
    page = client.get(url("outcome-add", teds_plan)).content.decode()
    assert "Support plan for Ted Okafor" in page
    client.post(
        url("outcome-add", teds_plan),
        {"revision": teds_plan.revision, "in_own_words": "Ted wants to keep walking", "eligible_outcome_code": "none"},
    )
    assert PlanOutcome.objects.filter(plan=teds_plan, in_own_words="Ted wants to keep walking").exists()


# --- Stale pages and sent plans -----------------------------------------------------------------


def test_a_page_read_before_someone_else_saved_says_so_and_saves_nothing(sam, plan, practitioner):
    read_at = plan.revision
    add_outcome(plan, practitioner, words="Chloe added this")
    response = sam.post(
        url("plan-contingency", plan), {"revision": read_at, "contingency_plan": "Mum helps if my PA is ill"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert STALE in page
    assert "Look at the plan as it is now" in page
    assert fresh(plan).contingency_plan == ""


def test_a_stale_outcome_page_saves_no_outcome(sam, plan, practitioner):
    read_at = plan.revision
    add_outcome(plan, practitioner, words="Chloe added this")
    response = sam.post(
        url("outcome-add", plan),
        {"revision": read_at, "in_own_words": "Mine", "eligible_outcome_code": "none"},
    )
    assert STALE in response.content.decode()
    assert not PlanOutcome.objects.filter(plan=plan, in_own_words="Mine").exists()


def test_a_page_without_its_revision_saves_nothing(sam, plan):
    response = sam.post(url("plan-helpers", plan), {"helped_by": "Grace"})
    assert "This page is out of date" in response.content.decode()
    assert fresh(plan).helped_by == ""


def test_the_edit_pages_of_a_sent_plan_go_back_to_the_plan(sam, sent_plan):
    outcome = sent_plan.outcomes.first()
    for name, extra in [
        ("outcome-add", {}),
        ("outcome-edit", {"outcome_id": outcome.pk}),
        ("item-add", {"outcome_id": outcome.pk}),
        ("plan-contingency", {}),
        ("plan-management", {}),
    ]:
        response = sam.get(url(name, sent_plan, **extra))
        assert response.status_code == 302
        assert response["Location"] == url("plan-detail", sent_plan)


def test_a_sent_plan_refuses_a_change_and_saves_nothing(sam, sent_plan):
    before = sent_plan.contingency_plan
    response = sam.post(
        url("plan-contingency", sent_plan), {"revision": sent_plan.revision, "contingency_plan": "Something new"}
    )
    page = response.content.decode()
    assert "This plan has been sent, so it cannot be changed now" in page
    assert "govuk-error-summary" in page
    assert fresh(sent_plan).contingency_plan == before
    outcome = sent_plan.outcomes.first()
    response = sam.post(url("outcome-remove", sent_plan, outcome_id=outcome.pk), {"revision": sent_plan.revision})
    assert "cannot be changed now" in response.content.decode()
    assert PlanOutcome.objects.filter(pk=outcome.pk).exists()


# --- Risks --------------------------------------------------------------------------------------


def test_adding_a_risk_with_the_persons_own_view(sam, plan):
    page = sam.get(url("risk-add", plan)).content.decode()
    assert "You can choose to take some risks" in page
    response = sam.post(
        url("risk-add", plan),
        {
            "revision": plan.revision,
            "description": "I could get lost coming home from the gym",
            "likelihood": "low",
            "reduced_by": "I carry my phone",
            "responsible": "Me and my PA",
            "persons_view": "I want to go on my own",
        },
    )
    assert response["Location"] == url("plan-detail", plan)
    risk = PlanRisk.objects.get(plan=plan)
    assert (risk.likelihood, risk.responsible, risk.persons_view) == ("low", "Me and my PA", "I want to go on my own")


def test_a_risk_needs_a_description_and_how_likely_it_is(sam, plan):
    response = sam.post(url("risk-add", plan), {"revision": plan.revision, "description": ""})
    page = response.content.decode()
    assert "Enter what could go wrong" in page
    assert "Choose how likely it is" in page
    assert not PlanRisk.objects.exists()


def test_a_risk_can_be_changed_and_removed(sam, plan, resident):
    current = fresh(plan)
    risk = services.risk_add(
        plan=current, revision=current.revision, actor=resident, values={"description": "Crossing the road"}
    )
    response = sam.post(
        url("risk-edit", plan, risk_id=risk.pk),
        {"revision": fresh(plan).revision, "description": "Crossing the busy road", "likelihood": "medium"},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.description, risk.likelihood) == ("Crossing the busy road", "medium")
    assert (
        "Are you sure you want to remove this risk?"
        in sam.get(url("risk-remove", plan, risk_id=risk.pk)).content.decode()
    )
    sam.post(url("risk-remove", plan, risk_id=risk.pk), {"revision": fresh(plan).revision})
    assert not PlanRisk.objects.filter(pk=risk.pk).exists()


# --- How the budget is managed, and the plan's other details ------------------------------------


def test_a_mixed_budget_names_who_receives_the_direct_payment_and_the_provider(sam, plan, resident):
    outcome = add_outcome(plan, resident)
    add_item(
        outcome,
        resident,
        kind=ItemKind.DAY_OPPORTUNITY,
        description="Gym",
        weekly_amount=Decimal("8.00"),
        managed_by=ManagedBy.DIRECT_PAYMENT,
    )
    page = sam.get(url("plan-management", plan)).content.decode()
    assert "How will your budget be managed?" in page
    assert "Who will receive the direct payment?" in page
    assert "£8.00 a week" in page  # what the plan pays by direct payment so far
    response = sam.post(
        url("plan-management", plan),
        {
            "revision": fresh(plan).revision,
            "management_method": "mixed",
            "direct_payment_recipient": "adult",
            "isf_provider_name": "Westside Supported Living",
        },
    )
    assert response["Location"] == url("plan-detail", plan)
    saved = fresh(plan)
    assert (saved.management_method, saved.direct_payment_recipient, saved.isf_provider_name) == (
        "mixed",
        "adult",
        "Westside Supported Living",
    )


def test_a_mix_needs_both_answers(sam, plan):
    response = sam.post(url("plan-management", plan), {"revision": plan.revision, "management_method": "mixed"})
    page = response.content.decode()
    assert "Choose who will receive the direct payment" in page
    assert "Enter the name of the provider who will hold the fund" in page
    assert fresh(plan).management_method == ""


def test_a_council_managed_budget_clears_the_direct_payment_answers(sam, plan):
    sam.post(
        url("plan-management", plan),
        {
            "revision": plan.revision,
            "management_method": "council_managed",
            "direct_payment_recipient": "adult",
            "isf_provider_name": "Westside",
        },
    )
    saved = fresh(plan)
    assert (saved.management_method, saved.direct_payment_recipient, saved.isf_provider_name) == (
        "council_managed",
        "",
        "",
    )


def test_the_contingency_and_who_helped_are_saved(sam, plan):
    page = sam.get(url("plan-contingency", plan)).content.decode()
    assert "What will happen if your support lets you down?" in page
    assert "personal assistant is ill" in page
    sam.post(url("plan-contingency", plan), {"revision": plan.revision, "contingency_plan": "Mum helps."})
    sam.post(url("plan-helpers", plan), {"revision": fresh(plan).revision, "helped_by": "Grace, my broker"})
    saved = fresh(plan)
    assert (saved.contingency_plan, saved.helped_by) == ("Mum helps.", "Grace, my broker")
    response = sam.post(url("plan-helpers", plan), {"revision": saved.revision, "helped_by": " "})
    assert "Enter who helped you write this plan" in response.content.decode()


def test_over_budget_shows_the_figures_and_needs_a_reason(sam, plan, resident):
    outcome = add_outcome(plan, resident)
    add_item(
        outcome,
        resident,
        kind=ItemKind.AGENCY,
        description="Support every day",
        provider_name="Sunrise Home Care",
        hours_per_week=Decimal("10"),
        hourly_rate=Decimal("20.00"),
        managed_by=ManagedBy.COUNCIL_MANAGED,
    )
    page = sam.get(url("plan-justification", plan)).content.decode()
    assert "£183.35 a week" in page
    assert "£200.00 a week" in page
    assert "£16.65 a week" in page
    assert "Why do you need more than your budget?" in page
    response = sam.post(url("plan-justification", plan), {"revision": fresh(plan).revision})
    assert "Enter why you need more than your budget" in response.content.decode()
    sam.post(
        url("plan-justification", plan),
        {"revision": fresh(plan).revision, "over_budget_justification": "Two people are needed to help me."},
    )
    assert fresh(plan).over_budget_justification == "Two people are needed to help me."


def test_within_budget_the_justification_page_says_none_is_needed(sam, plan):
    page = sam.get(url("plan-justification", plan)).content.decode()
    assert "Your plan is within your budget" in page
    assert "over_budget_justification" not in page
