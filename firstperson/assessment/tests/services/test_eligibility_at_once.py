"""Two practitioners deciding the same assessment: a decision made on a page that showed another
current decision (or none) than there is now is refused, saving nothing and telling nobody; on
PostgreSQL, where requests truly run in parallel, the assessment's row lock lets exactly one of two
simultaneous first decisions through, so only one notice says it is the first."""

import uuid

import pytest
from django.core import mail

from firstperson.assessment import services
from firstperson.assessment.exceptions import InvalidDetermination
from firstperson.assessment.models import EligibilityDetermination
from firstperson.assessment.selectors import (
    eligibility_determination_current,
    eligibility_determination_current_id,
    eligibility_determinations_of,
)
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.notify.models import Notification
from tests.concurrency import at_once, postgresql_only

from ..builders import NOT_ELIGIBLE, findings

ELIGIBLE = findings(unable=("A_HYGIENE", "A_CLOTHED"), eligible=True, reasons="Sam needs prompting every day.")
FIRST = "We have made a decision about your assessment"
NEW = "We have made a new decision about your assessment"


@pytest.fixture
def colleague(make_user, team):
    """A second practitioner in the same team."""
    return make_user(Role.PRACTITIONER, team=team, first_name="Dev", last_name="Sharma")


def record(actor, assessment, decided=ELIGIBLE, *, shown):
    return services.eligibility_determination_record(
        actor=actor, assessment=assessment, findings=decided, shown_determination_id=shown
    )


def told_and_audited():
    return (
        EligibilityDetermination.objects.count(),
        Notification.objects.count(),
        AuditEvent.objects.filter(verb=AuditVerb.ELIGIBILITY_DECIDED).count(),
        len(mail.outbox),
    )


def test_a_page_that_showed_no_decision_is_refused_once_one_is_recorded(
    submitted, practitioner, colleague, resident, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = record(colleague, submitted, NOT_ELIGIBLE, shown="")
    before = told_and_audited()
    assert before == (1, 1, 1, 1)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidDetermination) as refused:
        record(practitioner, submitted, ELIGIBLE, shown="")

    assert refused.value.problems == [(None, services.eligibility.STALE_DETERMINATION)]
    assert str(refused.value) == (
        "Another decision was recorded for this assessment after you opened this page. "
        "Read it before you record a new one."
    )
    assert told_and_audited() == before
    assert EligibilityDetermination.objects.get() == first
    assert Notification.objects.get(recipient=resident).subject == FIRST


def test_a_page_that_showed_an_older_decision_is_refused_and_one_showing_the_current_one_is_not(
    submitted, practitioner, colleague, resident, django_capture_on_commit_callbacks
):
    older = record(practitioner, submitted, NOT_ELIGIBLE, shown="")
    current = record(colleague, submitted, ELIGIBLE, shown=str(older.pk))
    mail.outbox.clear()
    before = told_and_audited()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidDetermination) as refused:
        record(practitioner, submitted, NOT_ELIGIBLE, shown=str(older.pk))
    assert str(refused.value) == services.eligibility.STALE_DETERMINATION
    assert told_and_audited() == before

    with django_capture_on_commit_callbacks(execute=True):
        newest = record(practitioner, submitted, NOT_ELIGIBLE, shown=str(current.pk))
    assert EligibilityDetermination.objects.filter(assessment=submitted).count() == 3
    assert eligibility_determination_current_id(assessment=submitted) == str(newest.pk)
    assert Notification.objects.filter(recipient=resident).latest("created_at").subject == NEW
    assert [email.subject for email in mail.outbox] == [NEW]


def test_without_a_page_there_is_nothing_to_check(submitted, practitioner, colleague):
    """Demo data and tests record decisions without a page, so they send no shown decision."""
    record(practitioner, submitted, NOT_ELIGIBLE, shown=None)
    record(colleague, submitted, ELIGIBLE, shown=None)
    assert EligibilityDetermination.objects.filter(assessment=submitted).count() == 2


@pytest.mark.parametrize("greater_id_first", [True, False], ids=["greater-id-first", "greater-id-second"])
def test_two_decisions_in_the_same_microsecond_agree_on_which_is_current(
    greater_id_first, submitted, practitioner, colleague, monkeypatch
):
    """The page, the letter and the stale-page check must name the same decision as current, even
    when two share a time: the one with the greater id, whichever was saved first. (Both orders are
    tried, so a database that returns ties in the order rows were saved cannot pass by luck.)"""
    ids = [uuid.UUID(int=2), uuid.UUID(int=1)] if greater_id_first else [uuid.UUID(int=1), uuid.UUID(int=2)]
    # The next two ids handed out. (Django keeps a field's default function as `_get_default`.)
    monkeypatch.setattr(EligibilityDetermination._meta.get_field("id"), "_get_default", lambda: ids.pop(0))
    first = record(practitioner, submitted, NOT_ELIGIBLE, shown="")
    second = record(colleague, submitted, ELIGIBLE, shown=str(first.pk))
    EligibilityDetermination.objects.filter(pk=second.pk).update(decided_at=first.decided_at)
    greater, lesser = (first, second) if greater_id_first else (second, first)

    assert eligibility_determination_current(assessment=submitted) == greater
    assert eligibility_determination_current_id(assessment=submitted) == str(greater.pk)
    assert list(eligibility_determinations_of(assessment=submitted)) == [greater, lesser]
    monkeypatch.undo()
    # A page that showed the other one is refused; one that showed this one is not.
    with pytest.raises(InvalidDetermination):
        record(practitioner, submitted, NOT_ELIGIBLE, shown=str(lesser.pk))
    record(practitioner, submitted, NOT_ELIGIBLE, shown=str(greater.pk))


# --- truly at once, on PostgreSQL ------------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_first_decisions_at_once_make_one_and_one_first_notice(submitted, practitioner, colleague, resident):
    results, errors = at_once(
        lambda: record(practitioner, submitted, ELIGIBLE, shown=""),
        lambda: record(colleague, submitted, NOT_ELIGIBLE, shown=""),
    )
    assert len(results) == 1 and len(errors) == 1
    # The second waits for the row lock, then finds the first's decision, which its page did not show.
    assert isinstance(errors[0], InvalidDetermination)
    assert str(errors[0]) == services.eligibility.STALE_DETERMINATION
    assert EligibilityDetermination.objects.get(assessment=submitted) == results[0]
    assert AuditEvent.objects.filter(verb=AuditVerb.ELIGIBILITY_DECIDED).count() == 1
    assert [note.subject for note in Notification.objects.filter(recipient=resident)] == [FIRST]
