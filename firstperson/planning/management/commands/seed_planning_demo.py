"""Support plans for the demo council's people (../shared/design/PEOPLE.md), made with the real
services so that every queue and page has something to show:

- Sam Kowalski: approved by the funding panel, with a current personal budget agreement. An
  Individual Service Fund held by Westside Supported Living, direct-payment hours for a personal
  assistant who goes with him to his work placement and the gym, a supported-employment service and
  a gym membership. Written with Grace Liu, the broker he chose, and signed off by Sam himself.
- Ted Okafor: sent by Margaret (his attorney) and waiting for the funding panel: it costs more than a
  team manager may approve, and more than his indicative budget, with a justification.
- Raj Shah: sent by Priya and being checked by his practitioner: a direct payment for Owen's mornings.
- Aisha Rahman: a draft she is writing with Grace: a peer-support group, a leisure-centre membership,
  a few hours of support in hard weeks and her own contingency plan; not yet signed off.
- Joan Whitfield pays the full cost herself and has no plan.

Where someone has no sent self-assessment, eligibility determination or indicative budget yet, they
are made first with the assessment and allocation services, by a practitioner in the person's team.

Idempotent: a person who already has a plan is left alone. Needs the demo council (seed_demo), the
default RAS configuration (allocation_load_default) and the decision policy (planning_load_default).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal as D

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from firstperson.allocation import selectors as allocation_selectors
from firstperson.allocation import services as allocation_services
from firstperson.allocation.default_configuration import DEFAULT_QUESTIONNAIRE_CODE
from firstperson.allocation.models import IndicativeBudget
from firstperson.assessment import services as assessment_services
from firstperson.assessment.models import (
    AssessmentStatus,
    EligibilityDetermination,
    QuestionnaireVersion,
    SelfAssessment,
    VersionStatus,
)
from firstperson.people.models import Person
from firstperson.planning import selectors, services
from firstperson.planning.models import (
    DirectPaymentRecipient,
    ItemKind,
    ManagedBy,
    ManagementMethod,
    PlanStatus,
    SupportPlan,
)
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role

# --- Assessments: answers to the default self-assessment and the practitioner's findings -------

#: Each question of the default self-assessment, with the answers of Sam, Ted, Raj and Aisha in that order.
ANSWERS = {
    "washing": ("some", "some", "most", "prompting"),
    "toilet": ("none", "sometimes", "sometimes", "none"),
    "dressing": ("some", "some", "some", "prompting"),
    "eating_drinking": ("some", "prompting", "prompting", "prompting"),
    "preparing_meals": ("all", "all", "all", "hot_meals"),
    "household_tasks": ("all", "all", "most", "some"),
    "moving_around_home": ("none", "some", "some", "none"),
    "relationships": ("most", "some", "some", "most"),
    "getting_out": ("all", "all", "most", "most"),
    "work_learning": ("all", "none", "none", "some"),
    "decisions": ("all", "all", "none", "some"),
    "communication": ("most", "most", "none", "some"),
    "staying_safe": ("most", "all", "some", "some"),
    "nights": ("sometimes", "every_night", "none", "none"),
    "caring_for_children": ("none", "none", "none", "none"),
    "family_support": ("some", "a_lot", "some", "none"),
    "family_support_future": ("can_continue", "less", "can_continue", "not_applicable"),
}
SAM_ANSWERS, TED_ANSWERS, RAJ_ANSWERS, AISHA_ANSWERS = (
    {question: options[n] for question, options in ANSWERS.items()} for n in range(4)
)


def _person(given: str, family: str) -> Person | None:
    return Person.objects.filter(legal_given_name=given, legal_family_name=family).order_by("created_at").first()


def _user(role: str, first: str = "", last: str = "", *, team_id=None) -> User | None:
    """The named user of that role if they are there, else the first active one (by username)."""
    users = User.objects.filter(role=role, is_active=True)
    if team_id is not None:
        users = users.filter(team_id=team_id)
    named = users.filter(first_name=first, last_name=last).first() if first else None
    return named or users.order_by("username").first()


def _account(email: str) -> User | None:
    return User.objects.filter(email=email, is_active=True).first()


@dataclass(frozen=True)
class _Staff:
    practitioner: User
    broker: User
    panel: User


@dataclass(frozen=True)
class _Household:
    """One demo person with the account that writes their plan: what their assessment found, and how
    their plan is written (`write(person, author, staff)` returns the line for the summary)."""

    given: str
    family: str
    author_email: str
    write: Callable[[Person, User, _Staff], str]
    answers: dict[str, str]
    unable: tuple[str, ...]
    condition: str
    reasons: str
    people_present: str
    #: They filled in the self-assessment themselves; otherwise their practitioner did it with them.
    self_assessed: bool = False


def _make_ready(household: _Household, *, person, practitioner, author, version) -> None:
    """What a plan is written against: a sent self-assessment, eligibility, an indicative budget."""
    by = author if household.self_assessed else practitioner
    assessment = (
        SelfAssessment.objects.filter(person=person, status=AssessmentStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    if assessment is None:
        assessment = assessment_services.self_assessment_start(
            actor=by,
            person=person,
            version=version,
            people_present=household.people_present if by == practitioner else "",
        )
        for question, option in household.answers.items():
            assessment_services.self_assessment_answer(
                actor=by, assessment=assessment, question_code=question, option_code=option
            )
        # Sent outside any enclosing transaction, the allocation app works the budget out as the
        # submission commits; the check below makes it when that has not happened.
        assessment = assessment_services.self_assessment_submit(actor=by, assessment=assessment, declaration=True)
    if not IndicativeBudget.objects.filter(assessment=assessment, is_current=True).exists():
        allocation_services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    if not EligibilityDetermination.objects.filter(person=person).exists():
        assessment_services.eligibility_determination_record(
            actor=practitioner, assessment=assessment, findings=_findings(household)
        )


def _findings(household: _Household) -> assessment_services.DeterminationInput:
    return assessment_services.DeterminationInput(
        condition_1_met=True,
        condition_1_evidence=household.condition,
        outcomes=tuple(
            assessment_services.OutcomeInput(
                code=code,
                unable=code in household.unable,
                reasons=("needs_assistance",) if code in household.unable else (),
            )
            for code in assessment_services.outcomes_for("adult")
        ),
        wellbeing_impacts=("W_CONTROL", "W_PARTICIPATION", "W_HEALTH"),
        significant_impact=True,
        eligible=True,
        reasons=household.reasons,
    )


# --- Writing plans through the services ---------------------------------------------------------


class _Writer:
    """Writes one plan through the planning services, re-reading its revision before each change
    (as a form would carry it)."""

    def __init__(self, plan: SupportPlan):
        self.plan = plan

    @classmethod
    def start(cls, person, author) -> _Writer:
        return cls(services.support_plan_start(person=person, started_by=author))

    @property
    def revision(self) -> int:
        self.plan.refresh_from_db()
        return self.plan.revision

    def outcome(self, actor, words: str, code: str):
        return services.outcome_add(
            plan=self.plan,
            revision=self.revision,
            actor=actor,
            values=services.OutcomeValues(in_own_words=words, eligible_outcome_code=code),
        )

    def item(self, actor, outcome, **values):
        return services.item_add(outcome=outcome, revision=self.revision, actor=actor, values=values)

    def hours(self, actor, outcome, description, *, kind, hours, rate, paid_by, provider="", employer_costs=None):
        """Support paid by the hour: `hours` a week at `rate` pounds an hour."""
        values = {"hours_per_week": D(hours), "hourly_rate": D(rate), "managed_by": paid_by}
        if provider:
            values["provider_name"] = provider
        if employer_costs:
            values["employer_costs_weekly"] = D(employer_costs)
        return self.item(actor, outcome, kind=kind, description=description, **values)

    def costs(self, actor, outcome, description, *, kind, provider, weekly=None, one_off=None, paid_by=""):
        """Support from a provider at a weekly or a one-off cost in pounds, or free with neither."""
        values = {"provider_name": provider}
        if weekly:
            values["weekly_amount"] = D(weekly)
        if one_off:
            values["one_off_amount"] = D(one_off)
        if paid_by:
            values["managed_by"] = paid_by
        return self.item(actor, outcome, kind=kind, description=description, **values)

    def informal(self, actor, outcome, description, *, by: str):
        """Unpaid help that `by` has agreed to give."""
        return self.item(
            actor,
            outcome,
            kind=ItemKind.INFORMAL,
            description=description,
            provider_name=by,
            informal_agreement_recorded=True,
        )

    def risk(self, actor, **values):
        return services.risk_add(plan=self.plan, revision=self.revision, actor=actor, values=values)

    def details(self, actor, **values):
        return services.support_plan_update(plan=self.plan, revision=self.revision, actor=actor, **values)

    def broker(self, actor, broker):
        return services.support_plan_choose_broker(plan=self.plan, revision=self.revision, actor=actor, broker=broker)

    def sign_off(self, actor, name: str):
        return services.support_plan_sign_off(plan=self.plan, revision=self.revision, actor=actor, typed_name=name)

    def submit(self, actor):
        return services.support_plan_submit(plan=self.plan, revision=self.revision, actor=actor)

    def start_review(self, practitioner):
        return services.support_plan_start_review(plan=self.plan, actor=practitioner)

    def put_forward(self, practitioner, comments: str):
        return services.support_plan_review(
            plan=self.plan,
            revision=self.revision,
            actor=practitioner,
            checklist={code: True for code, _ in PRACTITIONER_CHECKLIST},
            comments=comments,
            put_forward=True,
        )

    def decide(self, decider, outcome: str, reasons: str, start_date: datetime.date):
        return services.support_plan_decide(
            plan=self.plan,
            revision=self.revision,
            actor=decider,
            outcome=outcome,
            reasons=reasons,
            start_date=start_date,
        )

    def send_for_checking(self, author, signed_as: str, practitioner) -> None:
        """Signed off, sent, and being checked by the practitioner."""
        self.sign_off(author, signed_as)
        self.submit(author)
        self.start_review(practitioner)


def _sam(person, sam, staff: _Staff) -> str:
    broker, practitioner, panel = staff.broker, staff.practitioner, staff.panel
    w = _Writer.start(person, sam)
    w.broker(sam, broker)
    home = w.outcome(broker, "I want to live in my own flat with my friends and keep it nice", "A_HABITABLE")
    meals = w.outcome(sam, "I want to cook my own tea and choose what I eat", "A_NUTRITION")
    work = w.outcome(sam, "I want a real job. I go to my work placement at the garden centre", "A_WORK_EDU")
    gym = w.outcome(sam, "I want to go to the gym and get fit", "A_COMMUNITY")
    isf = {
        "kind": ItemKind.AGENCY,
        "provider": "Westside Supported Living",
        "rate": "21.00",
        "paid_by": ManagedBy.INDIVIDUAL_SERVICE_FUND,
    }
    pa = {"kind": ItemKind.PERSONAL_ASSISTANT, "rate": "13.50", "paid_by": ManagedBy.DIRECT_PAYMENT}
    w.hours(
        broker,
        home,
        "Supported living hours in the shared flat: cleaning, bills and getting on with flatmates",
        hours="12",
        **isf,
    )
    w.hours(broker, meals, "Supported living hours to plan meals, buy what he needs and cook", hours="6", **isf)
    w.informal(sam, meals, "Mum and Dad have Sunday dinner with Sam and cook with him", by="Linda and Mark Kowalski")
    w.costs(
        broker,
        work,
        "Supported-employment service: a job coach to find and keep paid work",
        kind=ItemKind.COMMUNITY,
        provider="Westbury supported employment service",
    )
    w.hours(
        broker,
        work,
        "Personal assistant who goes with Sam to his work placement",
        hours="5",
        employer_costs="12.00",
        **pa,
    )
    w.hours(sam, gym, "Personal assistant who goes with Sam to the gym", hours="3", **pa)
    w.costs(
        sam,
        gym,
        "Gym membership at Westbury leisure centre",
        kind=ItemKind.DAY_OPPORTUNITY,
        provider="Westbury leisure centre",
        weekly="7.50",
        paid_by=ManagedBy.DIRECT_PAYMENT,
    )
    w.risk(
        sam,
        description="Going to the gym on his own",
        likelihood="low",
        reduced_by="The gym staff know Sam; he carries his phone; his personal assistant meets him there at first",
        responsible="Sam, with his personal assistant",
        persons_view="I want to go on my own sometimes, like my friends do",
    )
    w.risk(
        broker,
        description="Falling out with flatmates",
        likelihood="medium",
        reduced_by="A house meeting every week with Westside staff; Sam can phone his mum",
        responsible="Westside Supported Living",
        persons_view="Sometimes we argue but they are my friends",
    )
    w.details(
        broker,
        management_method=ManagementMethod.MIXED,
        direct_payment_recipient=DirectPaymentRecipient.ADULT,
        isf_provider_name="Westside Supported Living",
        over_budget_justification=(
            "Sam's indicative budget is a starting point. Westside's supported-living hours in the shared flat "
            "cost £21.00 an hour and Sam needs 18 hours a week of them to live safely with his friends, which "
            "the figure does not cover. His parents' help and the free supported-employment service keep the "
            "rest as low as it can be."
        ),
        contingency_plan=(
            "If my personal assistant is ill, Westside staff go with me to work, and I miss the gym that week. "
            "If Westside cannot cover a shift, I ring Mum. Westside have a manager on call at night."
        ),
        helped_by="Sam, his mum Linda and dad Mark, and Grace Liu from the Centre for Independent Living",
    )
    w.send_for_checking(sam, "Sam Kowalski", practitioner)
    w.put_forward(
        practitioner, "Sam's own plan, in his words. The extra cost of the supported-living hours is justified."
    )
    plan = w.plan
    plan.refresh_from_db()
    decider = panel if plan.decision_route == "panel_member" else None
    if decider is None:
        return f"Sam Kowalski (waiting for a decision: £{plan.weekly_total} a week)"
    w.decide(
        panel,
        PlanStatus.APPROVED,
        "The plan meets each of Sam's eligible needs in the way he chose. The cost above his indicative budget "
        "is what the supported-living hours cost; the panel agrees it.",
        # Support starts the day the panel agrees it: never before the eligibility decision it rests on.
        timezone.localdate(),
    )
    return f"Sam Kowalski (approved by the panel, £{plan.weekly_total} a week, agreement made)"


def _ted(person, margaret, staff: _Staff) -> str:
    w = _Writer.start(person, margaret)
    out = w.outcome(margaret, "Ted likes to be out with people. He was always at the social club.", "A_COMMUNITY")
    safe = w.outcome(margaret, "Ted to be safe at night, and for me to get some sleep", "A_HOME_SAFE")
    wash = w.outcome(margaret, "Ted to be washed and dressed nicely, the way he likes", "A_HYGIENE")
    council = ManagedBy.COUNCIL_MANAGED
    w.costs(
        margaret,
        out,
        "Two days a week at Foxglove day centre, with transport",
        kind=ItemKind.DAY_OPPORTUNITY,
        provider="Foxglove day centre",
        weekly="130.00",
        paid_by=council,
    )
    w.hours(
        margaret,
        safe,
        "Night sitting service two nights a week so that Margaret can sleep",
        kind=ItemKind.AGENCY,
        provider="Sunrise Home Care Ltd",
        hours="20",
        rate="19.50",
        paid_by=council,
    )
    w.costs(
        margaret,
        safe,
        "Telecare door sensor that alerts Margaret when the front door opens at night",
        kind=ItemKind.EQUIPMENT,
        provider="Council equipment and telecare service",
        weekly="4.50",
        one_off="85.00",
        paid_by=council,
    )
    w.informal(margaret, wash, "Margaret helps Ted wash and dress each morning", by="Margaret Okafor")
    w.risk(
        margaret,
        description="Ted goes out walking on his own and gets lost",
        likelihood="high",
        reduced_by=(
            "He walks the same route to the park in the day; he wears a pendant with his name and Margaret's "
            "number; the door sensor tells Margaret if he goes out at night"
        ),
        responsible="Margaret, with the telecare service",
        persons_view=(
            "Ted loves his walks and gets upset if he is stopped. We agreed he keeps his daytime walks, "
            "because they matter to him, and we manage the night-time ones."
        ),
    )
    w.details(
        margaret,
        management_method=ManagementMethod.COUNCIL_MANAGED,
        over_budget_justification=(
            "Ted has started going out at night and Margaret, who is 80, is not sleeping. Two nights of sitting a "
            "week let her rest and keep caring for Ted at home, which is what he wants. Without them a care home "
            "is likely, which would cost more."
        ),
        contingency_plan=(
            "If the day centre is closed, a friend from Margaret's carers' group sits with Ted. If a sitter cannot come, "
            "Sunrise send another; if they cannot, Margaret rings the council's out-of-hours team."
        ),
        helped_by="Margaret Okafor (Ted's wife and attorney), with Chloe Bennett",
    )
    w.send_for_checking(margaret, "Margaret Okafor, for Ted", staff.practitioner)
    w.put_forward(
        staff.practitioner,
        "The night sitting is what keeps Ted at home. It costs more than a team manager may approve, so it goes "
        "to the panel.",
    )
    plan = w.plan
    plan.refresh_from_db()
    return f"Ted Okafor (waiting for a decision, route {plan.decision_route}: £{plan.weekly_total} a week)"


def _raj(person, priya, staff: _Staff) -> str:
    w = _Writer.start(person, priya)
    wash = w.outcome(priya, "I want to shower every morning without worrying about falling", "A_HYGIENE")
    dress = w.outcome(priya, "I want to be dressed and ready before Priya goes to work", "A_CLOTHED")
    owen = {
        "kind": ItemKind.PERSONAL_ASSISTANT,
        "provider": "Owen Price (self-employed personal assistant)",
        "rate": "16.00",
        "paid_by": ManagedBy.DIRECT_PAYMENT,
    }
    w.hours(priya, wash, "Owen helps Raj shower, every morning", hours="5", **owen)
    w.hours(priya, dress, "Owen helps Raj get dressed after his shower", hours="2", **owen)
    w.costs(
        priya,
        wash,
        "Grab rail and perching stool from the equipment service",
        kind=ItemKind.EQUIPMENT,
        provider="Council equipment and telecare service",
    )
    w.risk(
        priya,
        description="Falling in the shower",
        likelihood="medium",
        reduced_by="Owen is there while Raj showers; grab rail and perching stool fitted",
        responsible="Owen Price, with Raj",
        persons_view="I am careful now. I want to do as much as I can myself.",
    )
    w.details(
        priya,
        management_method=ManagementMethod.DIRECT_PAYMENT,
        direct_payment_recipient=DirectPaymentRecipient.ADULT,
        contingency_plan=(
            "If Owen is ill or on holiday, Priya comes in before work on those days, and Owen's friend Dev, "
            "another self-employed assistant, covers the rest."
        ),
        helped_by="Raj, with his daughter Priya",
    )
    w.send_for_checking(priya, "Priya Shah, for my dad Raj Shah", staff.practitioner)
    return "Raj Shah (being checked by the practitioner)"


def _aisha(person, aisha, staff: _Staff) -> str:
    broker = staff.broker
    w = _Writer.start(person, aisha)
    w.broker(aisha, broker)
    people = w.outcome(aisha, "I want to meet people who understand what it is like", "A_RELATIONSHIPS")
    well = w.outcome(aisha, "I want to keep active; swimming keeps me well", "A_COMMUNITY")
    home = w.outcome(aisha, "When I am unwell I want to keep my flat going and eat properly", "A_HABITABLE")
    w.costs(
        aisha,
        people,
        "Peer-support group on Tuesday evenings",
        kind=ItemKind.COMMUNITY,
        provider="Southwick peer-support group",
    )
    w.costs(
        aisha,
        well,
        "Leisure-centre membership for swimming and the gym",
        kind=ItemKind.DAY_OPPORTUNITY,
        provider="Southwick leisure centre",
        weekly="6.50",
        paid_by=ManagedBy.DIRECT_PAYMENT,
    )
    w.hours(
        broker,
        home,
        "A few hours of support in hard weeks: up to 9 hours, about 3 a week on average",
        kind=ItemKind.AGENCY,
        provider="Southwick wellbeing support",
        hours="3",
        rate="22.00",
        paid_by=ManagedBy.DIRECT_PAYMENT,
    )
    w.risk(
        aisha,
        description="Becoming unwell and stopping going out",
        likelihood="medium",
        reduced_by="The support hours go up in hard weeks; the peer group checks in if I miss two weeks",
        responsible="Aisha, with Southwick wellbeing support",
        persons_view="I know my signs now. I would rather have help early than go into hospital.",
    )
    w.details(
        aisha,
        management_method=ManagementMethod.DIRECT_PAYMENT,
        direct_payment_recipient=DirectPaymentRecipient.ADULT,
        contingency_plan=(
            "My own plan for when I become unwell: I ring Southwick wellbeing support and ask for more hours that "
            "week. I tell my sister. If I stop sleeping for two nights I ring my care coordinator. I have written "
            "down what helps and what doesn't, and my sister and the support workers have a copy."
        ),
        helped_by="Aisha, with Grace Liu from the Centre for Independent Living",
    )
    return "Aisha Rahman (a draft she is writing)"


HOUSEHOLDS = (
    _Household(
        given="Samuel",
        family="Kowalski",
        author_email="sam.kowalski@example.com",
        write=_sam,
        self_assessed=True,
        answers=SAM_ANSWERS,
        unable=("A_HABITABLE", "A_NUTRITION", "A_WORK_EDU", "A_COMMUNITY"),
        condition="Learning disability, diagnosed in childhood.",
        reasons="Sam needs support to run his home, cook, get to work and go out. He wants his own flat.",
        people_present="",
    ),
    _Household(
        given="Edward",
        family="Okafor",
        author_email="margaret.okafor@example.com",
        write=_ted,
        answers=TED_ANSWERS,
        unable=("A_HYGIENE", "A_HOME_SAFE", "A_COMMUNITY"),
        condition="Dementia (Alzheimer's disease), diagnosed two years ago.",
        reasons="Ted cannot stay safe at night or get out without help; Margaret needs a break to keep caring.",
        people_present="Ted, his wife Margaret (his attorney for money), and his practitioner",
    ),
    _Household(
        given="Raj",
        family="Shah",
        author_email="priya.shah@example.com",
        write=_raj,
        answers=RAJ_ANSWERS,
        unable=("A_HYGIENE", "A_CLOTHED"),
        condition="A fall at home; reduced strength and balance after reablement.",
        reasons="Raj needs help to wash and dress safely each morning.",
        people_present="Raj, his daughter Priya, and his practitioner",
    ),
    _Household(
        given="Aisha",
        family="Rahman",
        author_email="aisha.rahman@example.com",
        write=_aisha,
        answers=AISHA_ANSWERS,
        unable=("A_RELATIONSHIPS", "A_COMMUNITY", "A_HABITABLE"),
        condition="Bipolar disorder, diagnosed in her twenties.",
        reasons="When she is unwell Aisha cannot keep her home going or see people without support.",
        people_present="Aisha and her practitioner",
    ),
)


class Command(BaseCommand):
    help = "Adds demo support plans for the PEOPLE.md households, in different states (once per person)."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Demo data is never loaded with production settings.")
        panel = _user(Role.PANEL_MEMBER, "Helen", "Ward")
        broker = _user(Role.BROKER, "Grace", "Liu")
        if panel is None or broker is None:
            self.stdout.write("No funding panel member or broker in the demo council: run seed_demo first.")
            return
        if selectors.decision_policy_in_force() is None:
            self.stdout.write("No financial delegation policy is in force: run planning_load_default first.")
            return
        version = (
            QuestionnaireVersion.objects.filter(
                questionnaire__code=DEFAULT_QUESTIONNAIRE_CODE, status=VersionStatus.PUBLISHED
            )
            .order_by("-number")
            .first()
        )
        if (
            version is None
            or allocation_selectors.configuration_in_force(questionnaire_id=version.questionnaire_id) is None
        ):
            self.stdout.write(
                "No RAS configuration is in force for the self-assessment: run allocation_load_default first."
            )
            return

        made = []

        def todo(given, family) -> tuple[Person, User] | None:
            """The person and a practitioner in their team, if the person is there and has no plan yet."""
            person = _person(given, family)
            if person is None or SupportPlan.objects.filter(person=person).exists():
                return None
            practitioner = _user(Role.PRACTITIONER, "Chloe", "Bennett", team_id=person.allocated_team_id)
            if practitioner is None:
                self.stdout.write(f"No practitioner in {given} {family}'s team: left without a plan.")
                return None
            return person, practitioner

        for household in HOUSEHOLDS:
            author = _account(household.author_email)
            if author and (found := todo(household.given, household.family)):
                person, practitioner = found
                _make_ready(household, person=person, practitioner=practitioner, author=author, version=version)
                staff = _Staff(practitioner=practitioner, broker=broker, panel=panel)
                with transaction.atomic():
                    made.append(household.write(person, author, staff))

        self.stdout.write("Support plans added: " + "; ".join(made) if made else "Demo support plans already exist.")
