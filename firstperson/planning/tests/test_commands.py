"""The planning app's management commands: the default configuration, and the demo plans."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from firstperson.assessment.models import SelfAssessment
from firstperson.people.models import Person
from firstperson.planning import permissions, selectors, services
from firstperson.planning.models import (
    BudgetAgreement,
    DecisionPolicy,
    PlanStatus,
    ProhibitedPurchase,
    SupportPlan,
)
from firstperson.planning.rules.delegation import Decider
from firstperson.planning.services.policy import DEFAULT_PROHIBITED
from firstperson.platform.accounts.models import User

pytestmark = pytest.mark.django_db


def _run(name: str, *args) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_load_default_makes_one_policy_and_the_list_once():
    first = _run("planning_load_default")
    second = _run("planning_load_default")

    policy = DecisionPolicy.objects.get()
    assert policy.version == "Financial delegation 2026"
    assert policy.practitioner_weekly_limit is None
    assert policy.team_manager_weekly_limit == Decimal("500.00")
    assert (policy.panel_target_days, policy.first_review_weeks) == (10, 6)
    assert selectors.decision_policy_in_force() == policy
    assert ProhibitedPurchase.objects.count() == len(DEFAULT_PROHIBITED)
    assert "Set the financial delegation policy" in first
    assert "already set" in second and "already loaded" in second


def test_load_default_keeps_a_policy_the_council_already_has():
    _run("planning_load_default")
    DecisionPolicy.objects.update(team_manager_weekly_limit=Decimal("300.00"))
    _run("planning_load_default")
    assert DecisionPolicy.objects.get().team_manager_weekly_limit == Decimal("300.00")


@pytest.fixture
def demo_council(tmp_path):
    call_command("seed_demo", "--people", "15", "--seed", "2", "--accounts-file", str(tmp_path / "accounts.json"))
    _run("allocation_load_default")
    _run("planning_load_default")


def _plan_of(given: str, family: str) -> SupportPlan | None:
    return SupportPlan.objects.filter(person__legal_given_name=given, person__legal_family_name=family).first()


def _user(username: str) -> User:
    return User.objects.get(username=username)


def test_seed_gives_the_demo_people_plans_in_each_state(demo_council):
    output = _run("seed_planning_demo")

    sam = _plan_of("Samuel", "Kowalski")
    assert sam.status == PlanStatus.APPROVED
    assert sam.isf_provider_name == "Westside Supported Living"
    assert sam.signed_off_by == _user("sam.kowalski@example.com")
    assert sam.broker == _user("grace.liu")
    assert sam.weekly_total > sam.weekly_budget_amount and sam.over_budget_justification
    agreement = selectors.agreement_current_for(person=sam.person)
    assert agreement is not None and agreement.plan == sam
    assert agreement.gross_weekly_amount == sam.weekly_total
    # The demo tells one story in order: support starts no earlier than the eligibility decision.
    decided_on = timezone.localdate(sam.person.eligibility_determinations.get().decided_at)
    assert agreement.start_date >= decided_on
    assert agreement.isf_weekly_amount > 0 and agreement.direct_payment_weekly_amount > 0
    assert {item.description for item in sam.items.all()} >= {
        "Supported-employment service: a job coach to find and keep paid work",
        "Gym membership at Westbury leisure centre",
    }

    ted = _plan_of("Edward", "Okafor")
    assert ted.status == PlanStatus.AWAITING_DECISION
    assert ted.decision_route == Decider.PANEL
    assert ted.weekly_total > Decimal("500.00") and ted.over_budget_justification
    assert ted.contingency_plan and ted.risks.get().persons_view
    assert ted.items.filter(kind="equipment", description__contains="door sensor").exists()
    assert ted in selectors.decision_queue_for(actor=_user("helen.ward"))

    raj = _plan_of("Raj", "Shah")
    assert raj.status == PlanStatus.IN_REVIEW
    assert raj in selectors.review_queue_for(actor=_user("chloe.bennett"))
    assert raj.status_changes.get(to_status=PlanStatus.IN_REVIEW).changed_by == _user("chloe.bennett")
    assert raj.management_method == "direct_payment"

    aisha = _plan_of("Aisha", "Rahman")
    assert aisha.status == PlanStatus.DRAFT
    assert aisha.contingency_plan.startswith("My own plan")
    assert aisha.items.filter(kind="community", weekly_cost=0).exists()
    assert permissions.can_edit(_user("grace.liu"), aisha)

    assert _plan_of("Joan", "Whitfield") is None
    assert "Sam Kowalski" in output and "Aisha Rahman" in output


def test_every_plan_the_seed_sends_passed_the_checks(demo_council):
    _run("seed_planning_demo")
    sent = SupportPlan.objects.exclude(status=PlanStatus.DRAFT)
    assert sent.count() == 3
    for plan in sent:
        submission = plan.submissions.get()
        assert all(check["passed"] for check in submission.checks), plan


def test_seeding_twice_adds_nothing(demo_council):
    _run("seed_planning_demo")
    plans = SupportPlan.objects.count()
    revisions = dict(SupportPlan.objects.values_list("pk", "revision"))
    second = _run("seed_planning_demo")
    assert SupportPlan.objects.count() == plans == 4
    assert dict(SupportPlan.objects.values_list("pk", "revision")) == revisions
    assert BudgetAgreement.objects.count() == 1
    assert "already exist" in second


def test_seed_leaves_alone_a_person_who_already_has_a_plan(demo_council):
    aisha = Person.objects.get(legal_given_name="Aisha", legal_family_name="Rahman")
    own = services.support_plan_start(person=aisha, started_by=_user("aisha.rahman@example.com"))
    _run("seed_planning_demo")
    assert list(SupportPlan.objects.filter(person=aisha)) == [own]
    own.refresh_from_db()
    assert own.revision == 1 and not own.outcomes.exists()
    assert not SelfAssessment.objects.filter(person=aisha).exists()
    assert SupportPlan.objects.count() == 4


def test_seed_refuses_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError, match="never loaded with production settings"):
        call_command("seed_planning_demo")
    assert not SupportPlan.objects.exists()


def test_seed_without_a_policy_says_what_to_run(tmp_path):
    call_command("seed_demo", "--people", "12", "--seed", "2", "--accounts-file", str(tmp_path / "accounts.json"))
    output = _run("seed_planning_demo")
    assert "planning_load_default" in output
    assert not SupportPlan.objects.exists()
