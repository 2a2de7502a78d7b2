"""Editors' moves through the review workflow: which are allowed, who may make them, reasons,
status history and audit."""

import pytest
from django.utils import timezone

from firstperson.directory.choices import RecordStatus
from firstperson.directory.exceptions import WorkflowError
from firstperson.directory.models import Service, ServiceStatusChange
from firstperson.directory.selectors import ServiceQuery, service_search
from firstperson.directory.services import service_mark_checked, service_review_move, service_submit
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(draft, leroy):
    return service_submit(service=draft, actor=leroy)


def _found(name):
    return list(service_search(query=ServiceQuery(search=name)).values_list("name", flat=True))


def test_publishing_a_submitted_service_makes_it_findable_and_records_who_and_when(submitted, ben):
    assert _found("luncheon club") == []
    published = service_review_move(service=submitted, to_status=RecordStatus.PUBLISHED, actor=ben)
    assert published.record_status == RecordStatus.PUBLISHED
    assert published.last_reviewed_at is not None
    assert _found("luncheon club") == ["St Mark's Luncheon Club"]
    moves = list(ServiceStatusChange.objects.filter(service=published).order_by("changed_at", "id"))
    assert [(m.from_status, m.to_status) for m in moves] == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "published"),
    ]
    assert moves[-1].changed_by == ben
    event = AuditEvent.objects.filter(verb=AuditVerb.DIRECTORY_SERVICE_STATUS_CHANGED).latest("sequence")
    assert (event.actor, event.payload["from"], event.payload["to"]) == (ben, "submitted", "published")


@pytest.mark.parametrize("to_status", [RecordStatus.CHANGES_REQUESTED, RecordStatus.REJECTED])
def test_asking_for_changes_or_rejecting_needs_a_reason(submitted, ben, to_status):
    with pytest.raises(WorkflowError, match="Give a reason. The organisation will see it") as refused:
        service_review_move(service=submitted, to_status=to_status, actor=ben, reason="   ")
    assert refused.value.field == "reason"
    submitted.refresh_from_db()
    assert submitted.record_status == RecordStatus.SUBMITTED
    moved = service_review_move(service=submitted, to_status=to_status, actor=ben, reason="Add the opening times")
    assert (moved.record_status, moved.status_reason) == (to_status, "Add the opening times")
    assert ServiceStatusChange.objects.filter(
        service=moved, to_status=to_status, reason="Add the opening times"
    ).exists()


def test_changes_requested_goes_back_to_the_organisation_who_can_change_and_resubmit(submitted, ben, leroy):
    back = service_review_move(
        service=submitted, to_status=RecordStatus.CHANGES_REQUESTED, actor=ben, reason="Say who it is for"
    )
    again = service_submit(service=back, actor=leroy)
    assert again.record_status == RecordStatus.SUBMITTED


@pytest.mark.parametrize(
    ("start", "to_status"),
    [
        (RecordStatus.DRAFT, RecordStatus.PUBLISHED),
        (RecordStatus.DRAFT, RecordStatus.REJECTED),
        (RecordStatus.PUBLISHED, RecordStatus.CHANGES_REQUESTED),
        (RecordStatus.REJECTED, RecordStatus.PUBLISHED),
        (RecordStatus.ARCHIVED, RecordStatus.PUBLISHED),
    ],
)
def test_moves_the_workflow_does_not_allow_are_refused_in_plain_words(draft, ben, start, to_status):
    Service.objects.filter(pk=draft.pk).update(record_status=start)
    draft.refresh_from_db()
    with pytest.raises(WorkflowError, match=r"^A record that is [a-z ]+ cannot be [a-z ]+$"):
        service_review_move(service=draft, to_status=to_status, actor=ben, reason="Because")
    draft.refresh_from_db()
    assert draft.record_status == start
    assert not AuditEvent.objects.filter(verb=AuditVerb.DIRECTORY_SERVICE_STATUS_CHANGED).exists()


def test_only_an_editor_may_publish_ask_for_changes_reject_or_archive(submitted, leroy, make_user):
    from firstperson.platform.accounts.roles import Role

    adviser = make_user(Role.ADVISER)
    for actor in (leroy, adviser):
        for to_status in (RecordStatus.PUBLISHED, RecordStatus.CHANGES_REQUESTED, RecordStatus.REJECTED):
            with pytest.raises(WorkflowError, match="Only a directory editor can do that"):
                service_review_move(service=submitted, to_status=to_status, actor=actor, reason="x")
    submitted.refresh_from_db()
    assert submitted.record_status == RecordStatus.SUBMITTED


def test_only_the_organisation_submits_its_service(draft, other_member, ben):
    for actor in (other_member, ben):
        with pytest.raises(ApplicationError, match="Only the organisation"):
            service_submit(service=draft, actor=actor)


def test_archiving_a_published_service_needs_a_reason_and_hides_it(submitted, ben):
    published = service_review_move(service=submitted, to_status=RecordStatus.PUBLISHED, actor=ben)
    with pytest.raises(WorkflowError, match="Give a reason"):
        service_review_move(service=published, to_status=RecordStatus.ARCHIVED, actor=ben)
    archived = service_review_move(
        service=published, to_status=RecordStatus.ARCHIVED, actor=ben, reason="The club has closed"
    )
    assert archived.record_status == RecordStatus.ARCHIVED
    assert _found("luncheon club") == []


def test_marking_as_checked_changes_only_the_date_and_is_audited(submitted, ben):
    published = service_review_move(service=submitted, to_status=RecordStatus.PUBLISHED, actor=ben)
    long_ago = timezone.now() - timezone.timedelta(days=500)
    Service.objects.filter(pk=published.pk).update(last_reviewed_at=long_ago)
    published.refresh_from_db()
    before = {f.name: getattr(published, f.name) for f in Service._meta.concrete_fields}
    history_before = published.history.count()
    checked = service_mark_checked(service=published, actor=ben)
    after = {f.name: getattr(checked, f.name) for f in Service._meta.concrete_fields}
    assert {name for name in before if before[name] != after[name]} == {"last_reviewed_at"}
    assert checked.last_reviewed_at > long_ago
    assert checked.history.count() == history_before + 1
    assert checked.history.latest().history_user == ben
    event = AuditEvent.objects.filter(verb=AuditVerb.DIRECTORY_SERVICE_UPDATED).latest("sequence")
    assert (event.actor, event.payload["checked"]) == (ben, True)


def test_a_refusal_names_the_status_and_the_move_in_plain_words(draft, ben):
    with pytest.raises(WorkflowError) as refused:
        service_review_move(service=draft, to_status=RecordStatus.PUBLISHED, actor=ben)
    assert refused.value.message == "A record that is draft cannot be published"


def test_the_move_is_checked_against_the_saved_record_not_a_stale_copy(submitted, ben):
    stale_copy = Service.objects.get(pk=submitted.pk)
    service_review_move(service=submitted, to_status=RecordStatus.PUBLISHED, actor=ben)
    with pytest.raises(WorkflowError, match="A record that is published cannot be rejected"):
        service_review_move(service=stale_copy, to_status=RecordStatus.REJECTED, actor=ben, reason="Too late")
    assert Service.objects.get(pk=submitted.pk).record_status == RecordStatus.PUBLISHED


def test_only_a_published_service_can_be_marked_as_checked(draft, ben, leroy):
    with pytest.raises(WorkflowError, match="Only a published service can be marked as checked"):
        service_mark_checked(service=draft, actor=ben)
    with pytest.raises(WorkflowError, match="Only a directory editor can do that"):
        service_mark_checked(service=draft, actor=leroy)
