"""The personal budget agreement page and its letter: for the person, their representative and the
practitioner in their team; 404 for anyone else; every look audited."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from firstperson.people.choices import AuthorityScope, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .test_letters import approve, contribution_for, long_date

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


def test_a_representative_with_planning_authority_sees_it(sign_in_client, person, agreement, make_user, make_person):
    user = representative(person, make_user, make_person, [AuthorityScope.ASSESSMENT_AND_PLANNING])
    response = sign_in_client(user).get(page_url(agreement))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Personal budget agreement for Sam Kowalski" in content
    assert "They pay" in content
    assert viewed(user, agreement) == 1


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
