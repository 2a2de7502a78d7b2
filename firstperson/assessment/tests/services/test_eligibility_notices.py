"""Telling people about an eligibility decision: the person, and the representatives who may read it,
hear that there is a decision to read, in the service and by email once it is saved; never what it
says. Nobody else hears anything."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse

from firstperson.assessment import permissions, services
from firstperson.assessment.models import EligibilityDetermination
from firstperson.people.choices import AuthorityScope
from firstperson.people.services import person_issue_access_code, person_link_account
from firstperson.platform.accounts.roles import Role
from firstperson.platform.notify.models import Notification

from ..builders import CARER_NOT_ELIGIBLE, NOT_ELIGIBLE, findings

pytestmark = pytest.mark.django_db

ELIGIBLE = findings(
    unable=("A_HYGIENE", "A_CLOTHED"), eligible=True, reasons="Sam needs prompting to wash and dress every day."
)


def decision_url(determination) -> str:
    """The address of this one decision: the message links to it, as its letter does."""
    return reverse(
        "assessment-resident:determination",
        kwargs={"assessment_id": determination.assessment_id, "determination_id": determination.pk},
    )


def record(practitioner, assessment, decided=ELIGIBLE):
    return services.eligibility_determination_record(actor=practitioner, assessment=assessment, findings=decided)


@pytest.mark.parametrize("decided", [ELIGIBLE, NOT_ELIGIBLE], ids=["eligible", "not eligible"])
def test_the_person_is_told_there_is_a_decision_to_read_but_not_what_it_is(
    submitted, practitioner, resident, decided, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = record(practitioner, submitted, decided)

    note = Notification.objects.get(recipient=resident)
    assert note.subject == "We have made a decision about your assessment"
    assert note.body == "We have made a decision about your assessment. It is ready to read."
    assert note.url == decision_url(decision) == f"/my-account/assessments/{submitted.pk}/decision/{decision.pk}/"
    [email] = mail.outbox
    assert email.to == [resident.email]
    assert email.subject == "We have made a decision about your assessment"
    assert email.body == (
        "We have made a decision about your assessment. It is ready to read.\n\n"
        f"{settings.SITE_URL}{decision_url(decision)}"
    )
    for told in (email.subject + email.body, note.subject + note.body):
        assert "eligib" not in told.lower()
        assert decided.reasons not in told and "Sam" not in told


def test_nothing_is_told_while_the_decision_is_not_saved(
    submitted, practitioner, resident, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        record(practitioner, submitted)
        raise RuntimeError("the request failed after the decision was recorded")
    assert not EligibilityDetermination.objects.exists()
    assert not Notification.objects.exists() and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        record(practitioner, submitted)
    assert Notification.objects.filter(recipient=resident).count() == 1 and len(mail.outbox) == 1


def test_representatives_who_may_read_the_decision_are_told_and_no_one_else(
    submitted, practitioner, resident, represent, django_capture_on_commit_callbacks
):
    person = submitted.person
    planner = represent(person, first_name="Priya")
    viewer = represent(person, scope=(AuthorityScope.VIEW_ONLINE,))
    money_only = represent(person, scope=(AuthorityScope.MONEY,))
    welfare_only = represent(person, scope=(AuthorityScope.HEALTH_AND_WELFARE,))
    # Told exactly when they may read the decision on the website.
    assert permissions.can_view_assessments_of(planner, person)
    assert not any(permissions.can_view_assessments_of(u, person) for u in (viewer, money_only, welfare_only))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decision = record(practitioner, submitted)

    note = Notification.objects.get(recipient=planner)
    assert note.subject == "We have made a decision about an assessment you help with"
    assert note.body == "We have made a decision about an assessment you help with. It is ready to read."
    assert note.url == decision_url(decision)
    assert sorted(Notification.objects.values_list("recipient", flat=True)) == sorted([resident.pk, planner.pk])
    assert sorted(address for email in mail.outbox for address in email.to) == sorted([resident.email, planner.email])
    to_planner = next(email for email in mail.outbox if email.to == [planner.email])
    assert "eligib" not in to_planner.body.lower() and "Sam" not in to_planner.body


def test_a_carers_assessment_is_told_to_the_carer_not_to_the_person_she_cares_for(
    carer_submitted, practitioner, make_user, represent
):
    margaret, ted = carer_submitted.person, carer_submitted.cared_for
    teds_account = make_user(Role.RESIDENT, first_name="Ted", last_name="Okafor")
    person_link_account(
        user=teds_account,
        access_code=person_issue_access_code(actor=practitioner, person=ted),
        date_of_birth=ted.date_of_birth,
    )
    teds_representative = represent(ted)

    decision = record(practitioner, carer_submitted, CARER_NOT_ELIGIBLE)

    note = Notification.objects.get()
    assert note.recipient == margaret.account
    assert note.subject == "We have made a decision about your assessment"
    assert note.url == decision_url(decision)
    assert not Notification.objects.filter(recipient__in=[teds_account, teds_representative]).exists()


def test_a_person_with_no_account_and_no_representative_is_not_told(
    small_version, make_person, team, practitioner, answer_all, django_capture_on_commit_callbacks
):
    person = make_person(team=team, legal_given_name="Joan", legal_family_name="Price")
    assessment = services.self_assessment_start(
        actor=practitioner, person=person, version=small_version, people_present="Joan and her daughter"
    )
    answer_all(assessment, practitioner, level=1)
    assessment = services.self_assessment_submit(actor=practitioner, assessment=assessment, declaration=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        recorded = record(practitioner, assessment)

    assert recorded.person == person
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_new_decision_is_told_again_as_a_new_decision(
    submitted, practitioner, resident, represent, django_capture_on_commit_callbacks
):
    planner = represent(submitted.person)
    with django_capture_on_commit_callbacks(execute=True):
        first = record(practitioner, submitted, NOT_ELIGIBLE)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        second = record(practitioner, submitted, ELIGIBLE)

    to_the_person = Notification.objects.filter(recipient=resident)
    assert sorted(n.subject for n in to_the_person) == [
        "We have made a decision about your assessment",
        "We have made a new decision about your assessment",
    ]
    newest = to_the_person.get(subject="We have made a new decision about your assessment")
    assert newest.body == (
        "We have made a new decision about your assessment. It replaces our earlier decision. It is ready to read."
    )
    assert newest.url == decision_url(second)
    # The first message still links to the first decision, which that page shows as replaced.
    earlier = to_the_person.get(subject="We have made a decision about your assessment")
    assert earlier.url == decision_url(first) != newest.url
    to_planner = Notification.objects.filter(recipient=planner)
    assert sorted(n.subject for n in to_planner) == [
        "We have made a decision about an assessment you help with",
        "We have made a new decision about an assessment you help with",
    ]
    assert to_planner.get(subject="We have made a new decision about an assessment you help with").body == (
        "We have made a new decision about an assessment you help with. It replaces our earlier decision. "
        "It is ready to read."
    )
    assert sorted(email.subject for email in mail.outbox) == [
        "We have made a new decision about an assessment you help with",
        "We have made a new decision about your assessment",
    ]


def test_the_words_are_right_in_the_service_and_in_the_email():
    """The message in the service is read by someone already signed in, and the email carries the
    link: so no notice tells them to sign in."""
    for _subject, body in services.eligibility.DECISION_NOTICES.values():
        assert "sign in" not in body.lower()
        assert body.endswith("It is ready to read.")
