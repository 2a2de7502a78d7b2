"""Changes to a published service wait for an editor: the published record stays as it was until
the change is approved; rejecting needs a reason; history is kept."""

from decimal import Decimal

import pytest

from firstperson.directory.choices import RecordStatus
from firstperson.directory.editor_selectors import (
    ServiceDetails,
    details_from_record,
    revision_comparison,
    service_details,
    service_record,
)
from firstperson.directory.exceptions import WorkflowError
from firstperson.directory.models import CostOption, Service, ServiceRevision
from firstperson.directory.selectors import ServiceQuery, service_search
from firstperson.directory.services import (
    ServiceDetailsRefused,
    revision_approve,
    revision_reject,
    service_review_move,
    service_submit,
    service_update,
)
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, leroy, ben):
    service_submit(service=draft, actor=leroy)
    return service_review_move(service=draft, to_status=RecordStatus.PUBLISHED, actor=ben)


@pytest.fixture
def cheaper(full_details):
    return ServiceDetails(
        **{**full_details.__dict__, "name": "St Mark's Friday Lunch", "cost_amount": Decimal("3.00"), "days": ("FR",)}
    )


def _names(search):
    return list(service_search(query=ServiceQuery(search=search)).values_list("name", flat=True))


def test_changing_a_published_service_proposes_a_revision_and_leaves_the_record_unchanged(published, leroy, cheaper):
    record_before = service_record(service_id=published.pk)
    outcome = service_update(service=published, details=cheaper, actor=leroy)
    revision = outcome.revision
    assert revision.decision == ServiceRevision.Decision.WAITING
    assert revision.proposed_by == leroy
    assert set(outcome.changed) == {"Name", "Amount per session", "Days open"}
    # The proposal is the ORUK JSON of the changed service.
    assert revision.proposed["name"] == "St Mark's Friday Lunch"
    assert revision.proposed["cost_options"][0]["amount"] == 3.0
    assert revision.proposed["schedules"][0]["byday"] == "FR"
    assert revision.proposed["id"] == str(published.pk)
    assert details_from_record(revision.proposed) == ServiceDetails(
        **{**cheaper.__dict__, "description": details_from_record(revision.proposed).description}
    )
    # Nothing residents see has moved.
    published.refresh_from_db()
    assert published.record_status == RecordStatus.PUBLISHED
    assert service_record(service_id=published.pk) == record_before
    assert _names("luncheon") == ["St Mark's Luncheon Club"]
    assert _names("friday") == []
    event = AuditEvent.objects.filter(verb=AuditVerb.DIRECTORY_SERVICE_UPDATED).latest("sequence")
    assert event.payload["waiting_for_review"] is True and event.payload["revision"] == str(revision.pk)


def test_a_second_change_replaces_the_waiting_one(published, leroy, cheaper, full_details):
    first = service_update(service=published, details=cheaper, actor=leroy).revision
    again = ServiceDetails(**{**cheaper.__dict__, "name": "St Mark's Friday Luncheon"})
    second = service_update(service=published, details=again, actor=leroy).revision
    assert second.pk == first.pk
    assert ServiceRevision.objects.filter(decision=ServiceRevision.Decision.WAITING).count() == 1
    assert ServiceRevision.objects.get().proposed["name"] == "St Mark's Friday Luncheon"


def test_a_change_that_changes_nothing_is_refused(published, leroy, full_details):
    with pytest.raises(ServiceDetailsRefused, match="You have not changed anything"):
        service_update(service=published, details=full_details, actor=leroy)
    assert not ServiceRevision.objects.exists()


def test_the_comparison_shows_current_and_proposed_field_by_field(published, leroy, cheaper):
    revision = service_update(service=published, details=cheaper, actor=leroy).revision
    rows = {row.label: row for row in revision_comparison(revision=revision)}
    assert (rows["Name"].current, rows["Name"].proposed, rows["Name"].changed) == (
        "St Mark's Luncheon Club",
        "St Mark's Friday Lunch",
        True,
    )
    assert (rows["Amount per session"].current, rows["Amount per session"].proposed) == ("£4.50", "£3.00")
    assert (rows["Days open"].current, rows["Days open"].proposed) == ("Thursday", "Friday")
    assert rows["Postcode"].changed is False and rows["Postcode"].current == "WS1 4FG"
    assert rows["Categories"].current == "Meals and lunch clubs"


def test_approving_applies_the_change_keeps_history_and_reindexes(published, leroy, ben, cheaper):
    revision = service_update(service=published, details=cheaper, actor=leroy).revision
    versions_before = published.history.count()
    service = revision_approve(revision=revision, actor=ben)
    assert service.name == "St Mark's Friday Lunch"
    assert service.record_status == RecordStatus.PUBLISHED
    assert CostOption.objects.get(service=service).amount == Decimal("3.00")
    assert service_details(service=service).days == ("FR",)
    assert _names("friday") == ["St Mark's Friday Lunch"]
    history = list(service.history.order_by("history_date"))
    assert len(history) > versions_before
    assert history[0].name == "St Mark's Luncheon Club"
    assert history[-1].name == "St Mark's Friday Lunch"
    assert history[-1].history_user == ben
    revision.refresh_from_db()
    assert (revision.decision, revision.decided_by) == (ServiceRevision.Decision.APPROVED, ben)
    event = AuditEvent.objects.get(verb=AuditVerb.DIRECTORY_REVISION_DECIDED)
    assert (event.actor, event.payload["decision"]) == (ben, "approved")
    assert "Name" in event.payload["fields"]


def test_rejecting_needs_a_reason_and_leaves_the_service_unchanged(published, leroy, ben, cheaper):
    revision = service_update(service=published, details=cheaper, actor=leroy).revision
    record_before = service_record(service_id=published.pk)
    with pytest.raises(WorkflowError, match="Give a reason") as refused:
        revision_reject(revision=revision, actor=ben, reason=" ")
    assert refused.value.field == "reason"
    revision.refresh_from_db()
    assert revision.decision == ServiceRevision.Decision.WAITING
    revision_reject(revision=revision, actor=ben, reason="The church says lunch is still on Thursdays")
    revision.refresh_from_db()
    assert (revision.decision, revision.reason) == (
        ServiceRevision.Decision.REJECTED,
        "The church says lunch is still on Thursdays",
    )
    assert service_record(service_id=published.pk) == record_before
    event = AuditEvent.objects.get(verb=AuditVerb.DIRECTORY_REVISION_DECIDED)
    assert event.payload["decision"] == "rejected"


def test_a_decided_change_cannot_be_decided_again(published, leroy, ben, cheaper):
    revision = service_update(service=published, details=cheaper, actor=leroy).revision
    revision_reject(revision=revision, actor=ben, reason="No")
    with pytest.raises(WorkflowError, match="This change has already been decided"):
        revision_approve(revision=revision, actor=ben)
    assert Service.objects.get(pk=published.pk).name == "St Mark's Luncheon Club"


def test_only_editors_decide_on_changes(published, leroy, cheaper):
    revision = service_update(service=published, details=cheaper, actor=leroy).revision
    with pytest.raises(WorkflowError, match="Only a directory editor can do that"):
        revision_approve(revision=revision, actor=leroy)
    with pytest.raises(WorkflowError, match="Only a directory editor can do that"):
        revision_reject(revision=revision, actor=leroy, reason="I changed my mind")


def test_archiving_a_service_turns_down_its_waiting_change(published, leroy, ben, cheaper):
    revision = service_update(service=published, details=cheaper, actor=leroy).revision
    service_review_move(service=published, to_status=RecordStatus.ARCHIVED, actor=ben, reason="Closed for good")
    revision.refresh_from_db()
    assert revision.decision == ServiceRevision.Decision.REJECTED
    assert revision.reason == "The service was archived: Closed for good"


def test_changes_only_touch_what_the_form_looks_after(published, leroy, ben):
    """A second phone number added by an import is kept when the organisation's change is applied."""
    from firstperson.directory.models import Phone

    Phone.objects.create(service=published, number="01632 960 999", description="Minibus bookings")
    shown = service_details(service=published)  # what the organisation's form shows: one of the two numbers
    changed = ServiceDetails(**{**shown.__dict__, "name": "St Mark's Friday Lunch"})
    revision = service_update(service=published, details=changed, actor=leroy).revision
    revision_approve(revision=revision, actor=ben)
    numbers = sorted(Phone.objects.filter(service=published).values_list("number", flat=True))
    assert numbers == ["01632 960 001", "01632 960 999"]
