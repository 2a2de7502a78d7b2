"""The personal budget agreement page and its letter: for the person, their representative and the
practitioner in their team; 404 for anyone else; every look audited."""

import datetime
import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.planning import services
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .test_letters import approve, contribution_for, long_date


def pdf_text(pdf: bytes) -> str:
    """The letter's text, as pdftotext reads it (what a screen reader or a search would find)."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode())


pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(complete_plan, resident, practitioner, team_manager):
    return approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)


def representative(person, make_user, make_person, scope):
    user = make_user(Role.REPRESENTATIVE, first_name="Linda", last_name="Kowalski")
    relationship_create(
        actor=None,
        person=person,
        related_person=make_person(account=user, legal_given_name="Linda", legal_family_name="Kowalski"),
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.LPA_HEALTH_WELFARE,
        authority_scope=scope,
        start_date=datetime.date(2025, 1, 1),
    )
    return user


def page_url(agreement) -> str:
    return reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk})


def letter_url(agreement) -> str:
    return reverse("plans:agreement-pdf", kwargs={"agreement_id": agreement.pk})


def viewed(user, agreement) -> int:
    return AuditEvent.objects.filter(
        verb=AuditVerb.BUDGET_AGREEMENT_VIEWED, actor=user, person_id=agreement.person_id
    ).count()


def test_the_person_sees_their_agreement_in_plain_english(sign_in_client, resident, agreement):
    response = sign_in_client(resident).get(page_url(agreement))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Your personal budget agreement –" in content
    assert "£155.00 a week" in content
    assert "£8,060.00" in content  # 52 weeks
    assert "We have not worked out what you pay yet." in content
    assert "Direct payment" in content
    assert long_date(agreement.start_date) in content
    assert long_date(agreement.first_review_date) in content
    assert long_date(agreement.annual_review_date) in content
    assert "A team manager in the West locality team" in content
    assert "Tom Adeyemi" not in content  # staff are named by role on resident pages
    assert "The plan meets Sam&#x27;s outcomes." in content
    assert letter_url(agreement) in content
    assert f"{letter_url(agreement)}?large_print=1" in content
    assert reverse("plans:plan-detail", kwargs={"plan_id": agreement.plan_id}) in content
    event = AuditEvent.objects.get(verb=AuditVerb.BUDGET_AGREEMENT_VIEWED, actor=resident)
    assert event.person_id == agreement.person_id
    assert event.object_id == str(agreement.plan_id)
    assert event.payload["agreement"] == str(agreement.pk)


def test_the_contribution_is_taken_off(sign_in_client, complete_plan, resident, practitioner, team_manager, make_user):
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    agreement = approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)
    assert agreement.contribution_weekly_amount == Decimal("100.55")
    content = sign_in_client(resident).get(page_url(agreement)).content.decode()
    assert "£100.55" in content and "£5,228.60" in content
    assert "£54.45" in content and "£2,831.40" in content
    assert "We have not worked out what you pay yet." not in content


def test_a_representative_with_planning_authority_sees_it_without_what_the_person_pays(
    sign_in_client, person, agreement, make_user, make_person
):
    user = representative(person, make_user, make_person, [AuthorityScope.ASSESSMENT_AND_PLANNING])
    response = sign_in_client(user).get(page_url(agreement))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Personal budget agreement for Sam Kowalski" in content
    assert "£155.00 a week" in content and "Direct payment" in content
    assert "They pay" not in content and "The council pays" not in content
    assert "The direct payment is paid every 4 weeks." in content
    assert viewed(user, agreement) == 1


def test_a_representative_with_authority_over_money_sees_what_the_person_pays(
    sign_in_client, complete_plan, resident, practitioner, team_manager, make_user, make_person
):
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    agreement = approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)
    user = representative(
        complete_plan.person, make_user, make_person, [AuthorityScope.ASSESSMENT_AND_PLANNING, AuthorityScope.MONEY]
    )

    content = sign_in_client(user).get(page_url(agreement)).content.decode()

    assert "They pay" in content and "£100.55" in content
    assert "what the person pays comes off the direct payment first" in content


def test_the_direct_payment_is_shown_as_an_amount_and_how_often(
    sign_in_client, complete_plan, resident, practitioner, team_manager, make_user
):
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    agreement = approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)
    share, net = agreement.direct_payment_weekly_amount, agreement.direct_payment_net_weekly_amount
    assert net == share - Decimal("100.55")

    content = sign_in_client(resident).get(page_url(agreement)).content.decode()

    assert f"£{net * 4:,.2f} every 4 weeks</strong> (£{net:,.2f} a week)" in content
    assert "the direct payment's share of the budget, less what you pay towards your care (£100.55 a week)" in content


def test_a_broker_sees_the_budget_and_how_it_is_managed_but_not_what_the_person_pays(
    sign_in_client, complete_plan, resident, practitioner, team_manager, broker, make_user
):
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    services.support_plan_choose_broker(
        plan=complete_plan, revision=complete_plan.revision, actor=resident, broker=broker
    )
    agreement = approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)
    client = sign_in_client(broker)

    content = client.get(page_url(agreement)).content.decode()

    assert "£155.00 a week" in content and "Direct payment" in content
    assert "£100.55" not in content and "£54.45" not in content and "The council pays" not in content
    pdf = client.get(letter_url(agreement))
    assert pdf.status_code == 200
    letter_text = pdf_text(pdf.content)
    assert "£155.00" in letter_text
    assert "£100.55" not in letter_text and "You pay" not in letter_text
    assert "The direct payment is paid every 4 weeks" in letter_text
    own = pdf_text(sign_in_client(resident).get(letter_url(agreement)).content)
    assert "You pay £100.55" in own


def test_a_plain_approval_says_how_to_change_the_plan_not_to_ask_for_reconsideration(
    sign_in_client, resident, agreement
):
    content = sign_in_client(resident).get(page_url(agreement)).content.decode()

    assert "you can ask at any time: talk to your practitioner" in content
    assert "reconsideration" not in content
    assert reverse("plans:plan-reconsideration", kwargs={"plan_id": agreement.plan_id}) not in content
    assert "make a complaint" in content


def test_an_approval_with_conditions_offers_reconsideration_and_the_agreement_stays_meanwhile(
    sign_in_client, complete_plan, resident, practitioner, team_manager
):
    agreement = approve(
        complete_plan,
        author=resident,
        practitioner=practitioner,
        decider=team_manager,
        outcome="approved_with_conditions",
        conditions="Keep receipts.",
    )
    client = sign_in_client(resident)
    ask_url = reverse("plans:plan-reconsideration", kwargs={"plan_id": agreement.plan_id})
    content = client.get(page_url(agreement)).content.decode()
    assert "This is called a reconsideration. The funding panel will look at it" in content
    assert f'href="{ask_url}"' in content

    plan = agreement.plan
    plan.refresh_from_db()
    services.support_plan_request_reconsideration(plan=plan, actor=resident, reasons="The conditions are unfair.")

    content = client.get(page_url(agreement)).content.decode()
    assert "is being looked at again. This agreement stays in place until the new decision." in content
    assert f'href="{ask_url}"' not in content


def test_an_agreement_ended_on_reconsideration_says_so(
    sign_in_client, complete_plan, resident, practitioner, team_manager, panel_member
):
    agreement = approve(
        complete_plan,
        author=resident,
        practitioner=practitioner,
        decider=team_manager,
        outcome="approved_with_conditions",
        conditions="Keep receipts.",
    )
    plan = agreement.plan
    plan.refresh_from_db()
    services.support_plan_request_reconsideration(plan=plan, actor=resident, reasons="The conditions are unfair.")
    plan.refresh_from_db()
    services.support_plan_decide(
        plan=plan, revision=plan.revision, actor=panel_member, outcome="declined", reasons="Not needed after all."
    )
    agreement.refresh_from_db()
    assert not agreement.is_current and agreement.ended_at is not None

    content = sign_in_client(resident).get(page_url(agreement)).content.decode()

    assert f"This agreement ended on {long_date(agreement.ended_at.date())}." in content
    assert agreement.end_reason in content
    assert "replaced by a newer one" not in content


def test_the_practitioner_in_the_team_sees_it_with_the_deciders_name(sign_in_client, practitioner, agreement):
    response = sign_in_client(practitioner).get(page_url(agreement))
    assert response.status_code == 200
    assert "Tom Adeyemi (a team manager in the West locality team)" in response.content.decode()
    assert viewed(practitioner, agreement) == 1


@pytest.mark.parametrize("who", ["other_resident", "other_practitioner", "broker"])
def test_anyone_else_gets_404(who, sign_in_client, make_user, make_person, other_team, agreement):
    if who == "other_resident":
        user = make_user(Role.RESIDENT)
        make_person(account=user)
    elif who == "other_practitioner":
        user = make_user(Role.PRACTITIONER, team=other_team)
    else:
        user = make_user(Role.BROKER)  # a broker the person did not choose
    client = sign_in_client(user)
    assert client.get(page_url(agreement)).status_code == 404
    assert client.get(letter_url(agreement)).status_code == 404
    assert viewed(user, agreement) == 0


def test_signed_out_is_sent_to_sign_in(client, agreement):
    response = client.get(page_url(agreement))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_the_letter_is_served_as_a_pdf_and_audited(sign_in_client, resident, agreement):
    client = sign_in_client(resident)
    response = client.get(letter_url(agreement))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="personal-budget-agreement-{agreement.start_date:%Y-%m-%d}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    large = client.get(letter_url(agreement), {"large_print": "1"})
    assert large.status_code == 200 and large.content.startswith(b"%PDF-")
    assert "large-print" in large["Content-Disposition"]
    assert large.content != response.content
    events = AuditEvent.objects.filter(verb=AuditVerb.BUDGET_AGREEMENT_VIEWED, actor=resident)
    assert sorted(event.payload["as"] for event in events) == ["large print letter", "letter"]
