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

SAM_ANSWERS = {
    "washing": "some",
    "toilet": "none",
    "dressing": "some",
    "eating_drinking": "some",
    "preparing_meals": "all",
    "household_tasks": "all",
    "moving_around_home": "none",
    "relationships": "most",
    "getting_out": "all",
    "work_learning": "all",
    "decisions": "all",
    "communication": "most",
    "staying_safe": "most",
    "nights": "sometimes",
    "caring_for_children": "none",
    "family_support": "some",
    "family_support_future": "can_continue",
}
TED_ANSWERS = {
    "washing": "some",
    "toilet": "sometimes",
    "dressing": "some",
    "eating_drinking": "prompting",
    "preparing_meals": "all",
    "household_tasks": "all",
    "moving_around_home": "some",
    "relationships": "some",
    "getting_out": "all",
    "work_learning": "none",
    "decisions": "all",
    "communication": "most",
    "staying_safe": "all",
    "nights": "every_night",
    "caring_for_children": "none",
    "family_support": "a_lot",
    "family_support_future": "less",
}
RAJ_ANSWERS = {
    "washing": "most",
    "toilet": "sometimes",
    "dressing": "some",
    "eating_drinking": "prompting",
    "preparing_meals": "all",
    "household_tasks": "most",
    "moving_around_home": "some",
    "relationships": "some",
    "getting_out": "most",
    "work_learning": "none",
    "decisions": "none",
    "communication": "none",
    "staying_safe": "some",
    "nights": "none",
    "caring_for_children": "none",
    "family_support": "some",
    "family_support_future": "can_continue",
}
AISHA_ANSWERS = {
    "washing": "prompting",
    "toilet": "none",
    "dressing": "prompting",
    "eating_drinking": "prompting",
    "preparing_meals": "hot_meals",
    "household_tasks": "some",
    "moving_around_home": "none",
    "relationships": "most",
    "getting_out": "most",
    "work_learning": "some",
    "decisions": "some",
    "communication": "some",
    "staying_safe": "some",
    "nights": "none",
    "caring_for_children": "none",
    "family_support": "none",
    "family_support_future": "not_applicable",
}


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


class _Ready:
    """What a plan is written against: a sent self-assessment, eligibility, an indicative budget."""

    def __init__(self, *, person, practitioner, version, answers, unable, condition, reasons, people_present, by=None):
        self.person = person
        self.practitioner = practitioner
        self.version = version
        self.answers = answers
        self.unable = unable
        self.condition = condition
        self.reasons = reasons
        self.people_present = people_present
        #: Who fills it in: the practitioner (a supported self-assessment) unless the person does it.
        self.by = by or practitioner

    def make(self) -> None:
        assessment = (
            SelfAssessment.objects.filter(person=self.person, status=AssessmentStatus.SUBMITTED)
            .order_by("-submitted_at")
            .first()
        )
        if assessment is None:
            assessment = assessment_services.self_assessment_start(
                actor=self.by,
                person=self.person,
                version=self.version,
                people_present=self.people_present if self.by == self.practitioner else "",
            )
            for question, option in self.answers.items():
                assessment_services.self_assessment_answer(
                    actor=self.by, assessment=assessment, question_code=question, option_code=option
                )
            # Sent outside any enclosing transaction, the allocation app works the budget out as the
            # submission commits; the check below makes it when that has not happened.
            assessment = assessment_services.self_assessment_submit(
                actor=self.by, assessment=assessment, declaration=True
            )
        if not IndicativeBudget.objects.filter(assessment=assessment, is_current=True).exists():
            allocation_services.indicative_budget_calculate(actor=self.practitioner, assessment=assessment)
        if not EligibilityDetermination.objects.filter(person=self.person).exists():
            assessment_services.eligibility_determination_record(
                actor=self.practitioner, assessment=assessment, findings=self._findings()
            )

    def _findings(self) -> assessment_services.DeterminationInput:
        return assessment_services.DeterminationInput(
            condition_1_met=True,
            condition_1_evidence=self.condition,
            outcomes=tuple(
                assessment_services.OutcomeInput(
                    code=code,
                    unable=code in self.unable,
                    reasons=("needs_assistance",) if code in self.unable else (),
                )
                for code in assessment_services.outcomes_for("adult")
            ),
            wellbeing_impacts=("W_CONTROL", "W_PARTICIPATION", "W_HEALTH"),
            significant_impact=True,
            eligible=True,
            reasons=self.reasons,
        )


# --- Writing plans through the services ---------------------------------------------------------


class _Writer:
    """Writes one plan through the planning services, re-reading its revision before each change
    (as a form would carry it)."""

    def __init__(self, plan: SupportPlan):
        self.plan = plan

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


def _sam(person, *, sam, broker, practitioner, panel) -> str:
    plan = services.support_plan_start(person=person, started_by=sam)
    w = _Writer(plan)
    w.broker(sam, broker)
    home = w.outcome(broker, "I want to live in my own flat with my friends and keep it nice", "A_HABITABLE")
    meals = w.outcome(sam, "I want to cook my own tea and choose what I eat", "A_NUTRITION")
    work = w.outcome(sam, "I want a real job. I go to my work placement at the garden centre", "A_WORK_EDU")
    gym = w.outcome(sam, "I want to go to the gym and get fit", "A_COMMUNITY")
    isf = {"kind": ItemKind.AGENCY, "provider_name": "Westside Supported Living", "hourly_rate": D("21.00")}
    w.item(
        broker,
        home,
        description="Supported living hours in the shared flat: cleaning, bills and getting on with flatmates",
        hours_per_week=D("12"),
        managed_by=ManagedBy.INDIVIDUAL_SERVICE_FUND,
        **isf,
    )
    w.item(
        broker,
        meals,
        description="Supported living hours to plan meals, buy what he needs and cook",
        hours_per_week=D("6"),
        managed_by=ManagedBy.INDIVIDUAL_SERVICE_FUND,
        **isf,
    )
    w.item(
        sam,
        meals,
        kind=ItemKind.INFORMAL,
        description="Mum and Dad have Sunday dinner with Sam and cook with him",
        provider_name="Linda and Mark Kowalski",
        informal_agreement_recorded=True,
    )
    w.item(
        broker,
        work,
        kind=ItemKind.COMMUNITY,
        description="Supported-employment service: a job coach to find and keep paid work",
        provider_name="Westbury supported employment service",
    )
    w.item(
        broker,
        work,
        kind=ItemKind.PERSONAL_ASSISTANT,
        description="Personal assistant who goes with Sam to his work placement",
        hours_per_week=D("5"),
        hourly_rate=D("13.50"),
        employer_costs_weekly=D("12.00"),
        managed_by=ManagedBy.DIRECT_PAYMENT,
    )
    w.item(
        sam,
        gym,
        kind=ItemKind.PERSONAL_ASSISTANT,
        description="Personal assistant who goes with Sam to the gym",
        hours_per_week=D("3"),
        hourly_rate=D("13.50"),
        managed_by=ManagedBy.DIRECT_PAYMENT,
    )
    w.item(
        sam,
        gym,
        kind=ItemKind.DAY_OPPORTUNITY,
        description="Gym membership at Westbury leisure centre",
        provider_name="Westbury leisure centre",
        weekly_amount=D("7.50"),
        managed_by=ManagedBy.DIRECT_PAYMENT,
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
    w.sign_off(sam, "Sam Kowalski")
    w.submit(sam)
    w.start_review(practitioner)
    w.put_forward(
        practitioner, "Sam's own plan, in his words. The extra cost of the supported-living hours is justified."
    )
    plan.refresh_from_db()
    decider = panel if plan.decision_route == "panel_member" else None
    if decider is None:
        return f"Sam Kowalski (waiting for a decision: £{plan.weekly_total} a week)"
    w.decide(
        panel,
        PlanStatus.APPROVED,
        "The plan meets each of Sam's eligible needs in the way he chose. The cost above his indicative budget "
        "is what the supported-living hours cost; the panel agrees it.",
        timezone.localdate() - datetime.timedelta(days=14),
    )
    return f"Sam Kowalski (approved by the panel, £{plan.weekly_total} a week, agreement made)"


def _ted(person, *, margaret, practitioner) -> str:
    plan = services.support_plan_start(person=person, started_by=margaret)
    w = _Writer(plan)
    out = w.outcome(margaret, "Ted likes to be out with people. He was always at the social club.", "A_COMMUNITY")
    safe = w.outcome(margaret, "Ted to be safe at night, and for me to get some sleep", "A_HOME_SAFE")
    wash = w.outcome(margaret, "Ted to be washed and dressed nicely, the way he likes", "A_HYGIENE")
    w.item(
        margaret,
        out,
        kind=ItemKind.DAY_OPPORTUNITY,
        description="Two days a week at Foxglove day centre, with transport",
        provider_name="Foxglove day centre",
        weekly_amount=D("130.00"),
        managed_by=ManagedBy.COUNCIL_MANAGED,
    )
    w.item(
        margaret,
        safe,
        kind=ItemKind.AGENCY,
        description="Night sitting service two nights a week so that Margaret can sleep",
        provider_name="Sunrise Home Care Ltd",
        hours_per_week=D("20"),
        hourly_rate=D("19.50"),
        managed_by=ManagedBy.COUNCIL_MANAGED,
    )
    w.item(
        margaret,
        safe,
        kind=ItemKind.EQUIPMENT,
        description="Telecare door sensor that alerts Margaret when the front door opens at night",
        provider_name="Council equipment and telecare service",
        weekly_amount=D("4.50"),
        one_off_amount=D("85.00"),
        managed_by=ManagedBy.COUNCIL_MANAGED,
    )
    w.item(
        margaret,
        wash,
        kind=ItemKind.INFORMAL,
        description="Margaret helps Ted wash and dress each morning",
        provider_name="Margaret Okafor",
        informal_agreement_recorded=True,
    )
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
    w.sign_off(margaret, "Margaret Okafor, for Ted")
    w.submit(margaret)
    w.start_review(practitioner)
    w.put_forward(
        practitioner,
        "The night sitting is what keeps Ted at home. It costs more than a team manager may approve, so it goes "
        "to the panel.",
    )
    plan.refresh_from_db()
    return f"Ted Okafor (waiting for a decision, route {plan.decision_route}: £{plan.weekly_total} a week)"


def _raj(person, *, priya, practitioner) -> str:
    plan = services.support_plan_start(person=person, started_by=priya)
    w = _Writer(plan)
    wash = w.outcome(priya, "I want to shower every morning without worrying about falling", "A_HYGIENE")
    dress = w.outcome(priya, "I want to be dressed and ready before Priya goes to work", "A_CLOTHED")
    owen = {
        "kind": ItemKind.PERSONAL_ASSISTANT,
        "provider_name": "Owen Price (self-employed personal assistant)",
        "hourly_rate": D("16.00"),
        "managed_by": ManagedBy.DIRECT_PAYMENT,
    }
    w.item(priya, wash, description="Owen helps Raj shower, every morning", hours_per_week=D("5"), **owen)
    w.item(priya, dress, description="Owen helps Raj get dressed after his shower", hours_per_week=D("2"), **owen)
    w.item(
        priya,
        wash,
        kind=ItemKind.EQUIPMENT,
        description="Grab rail and perching stool from the equipment service",
        provider_name="Council equipment and telecare service",
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
    w.sign_off(priya, "Priya Shah, for my dad Raj Shah")
    w.submit(priya)
    w.start_review(practitioner)
    return "Raj Shah (being checked by the practitioner)"


def _aisha(person, *, aisha, broker) -> str:
    plan = services.support_plan_start(person=person, started_by=aisha)
    w = _Writer(plan)
    w.broker(aisha, broker)
    people = w.outcome(aisha, "I want to meet people who understand what it is like", "A_RELATIONSHIPS")
    well = w.outcome(aisha, "I want to keep active; swimming keeps me well", "A_COMMUNITY")
    home = w.outcome(aisha, "When I am unwell I want to keep my flat going and eat properly", "A_HABITABLE")
    w.item(
        aisha,
        people,
        kind=ItemKind.COMMUNITY,
        description="Peer-support group on Tuesday evenings",
        provider_name="Southwick peer-support group",
    )
    w.item(
        aisha,
        well,
        kind=ItemKind.DAY_OPPORTUNITY,
        description="Leisure-centre membership for swimming and the gym",
        provider_name="Southwick leisure centre",
        weekly_amount=D("6.50"),
        managed_by=ManagedBy.DIRECT_PAYMENT,
    )
    w.item(
        broker,
        home,
        kind=ItemKind.AGENCY,
        description="A few hours of support in hard weeks: up to 9 hours, about 3 a week on average",
        provider_name="Southwick wellbeing support",
        hours_per_week=D("3"),
        hourly_rate=D("22.00"),
        managed_by=ManagedBy.DIRECT_PAYMENT,
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

        def ready(person, practitioner, **details) -> None:
            _Ready(person=person, practitioner=practitioner, version=version, **details).make()

        sam = _account("sam.kowalski@example.com")
        if sam and (found := todo("Samuel", "Kowalski")):
            person, practitioner = found
            ready(
                person,
                practitioner,
                by=sam,
                answers=SAM_ANSWERS,
                unable=("A_HABITABLE", "A_NUTRITION", "A_WORK_EDU", "A_COMMUNITY"),
                condition="Learning disability, diagnosed in childhood.",
                reasons="Sam needs support to run his home, cook, get to work and go out. He wants his own flat.",
                people_present="",
            )
            with transaction.atomic():
                made.append(_sam(person, sam=sam, broker=broker, practitioner=practitioner, panel=panel))

        margaret = _account("margaret.okafor@example.com")
        if margaret and (found := todo("Edward", "Okafor")):
            person, practitioner = found
            ready(
                person,
                practitioner,
                answers=TED_ANSWERS,
                unable=("A_HYGIENE", "A_HOME_SAFE", "A_COMMUNITY"),
                condition="Dementia (Alzheimer's disease), diagnosed two years ago.",
                reasons="Ted cannot stay safe at night or get out without help; Margaret needs a break to keep caring.",
                people_present="Ted, his wife Margaret (his attorney for money), and his practitioner",
            )
            with transaction.atomic():
                made.append(_ted(person, margaret=margaret, practitioner=practitioner))

        priya = _account("priya.shah@example.com")
        if priya and (found := todo("Raj", "Shah")):
            person, practitioner = found
            ready(
                person,
                practitioner,
                answers=RAJ_ANSWERS,
                unable=("A_HYGIENE", "A_CLOTHED"),
                condition="A fall at home; reduced strength and balance after reablement.",
                reasons="Raj needs help to wash and dress safely each morning.",
                people_present="Raj, his daughter Priya, and his practitioner",
            )
            with transaction.atomic():
                made.append(_raj(person, priya=priya, practitioner=practitioner))

        aisha = _account("aisha.rahman@example.com")
        if aisha and (found := todo("Aisha", "Rahman")):
            person, practitioner = found
            ready(
                person,
                practitioner,
                answers=AISHA_ANSWERS,
                unable=("A_RELATIONSHIPS", "A_COMMUNITY", "A_HABITABLE"),
                condition="Bipolar disorder, diagnosed in her twenties.",
                reasons="When she is unwell Aisha cannot keep her home going or see people without support.",
                people_present="Aisha and her practitioner",
            )
            with transaction.atomic():
                made.append(_aisha(person, aisha=aisha, broker=broker))

        self.stdout.write("Support plans added: " + "; ".join(made) if made else "Demo support plans already exist.")
