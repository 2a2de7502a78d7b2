"""Organisations propose services and change them: drafts change at once; everything goes through
the services with an actor, an audit event and a fresh search index and quality score."""

import datetime
from decimal import Decimal

import pytest

from firstperson.directory.choices import RecordStatus
from firstperson.directory.editor_selectors import ServiceDetails, service_details, service_quality
from firstperson.directory.models import (
    Accessibility,
    Address,
    CostOption,
    Language,
    Location,
    Schedule,
    ServiceArea,
    ServiceRevision,
    ServiceSearchTerm,
    ServiceStatusChange,
)
from firstperson.directory.services import ServiceDetailsRefused, service_propose, service_update
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_a_proposed_service_is_a_draft_with_every_detail_stored_in_the_oruk_model(draft, full_details, leroy):
    assert draft.record_status == RecordStatus.DRAFT
    stored = service_details(service=draft)
    assert stored == ServiceDetails(**{**full_details.__dict__, "description": stored.description})
    assert stored.description == f"<p>{full_details.description}</p>"
    location = Location.objects.get(service_at_locations__service=draft)
    assert (location.latitude, location.longitude) == (52.5, -2.2)
    assert Address.objects.get(location=location).postal_code == "WS1 4FG"
    assert Accessibility.objects.get(location=location).wheelchair_accessible is True
    cost = CostOption.objects.get(service=draft)
    assert cost.amount == Decimal("4.50") and cost.option == "Per session"
    schedule = Schedule.objects.get(service=draft)
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == ("TH", datetime.time(11, 30), datetime.time(14))
    assert Language.objects.get(service=draft).code == "pl"
    assert draft.quality_score == 100
    assert ServiceSearchTerm.objects.filter(service=draft).exists()
    change = ServiceStatusChange.objects.get(service=draft)
    assert (change.from_status, change.to_status, change.changed_by) == ("", RecordStatus.DRAFT, leroy)
    event = AuditEvent.objects.get(verb=AuditVerb.DIRECTORY_SERVICE_CREATED)
    assert (event.actor, event.object_id) == (leroy, str(draft.pk))


def test_a_typed_description_becomes_paragraphs_and_html_is_sanitised(leroy, organisation):
    typed = service_propose(
        organization=organisation,
        details=ServiceDetails(name="Knit and Natter", description="Bring wool.\n\nTea & cake <3"),
        actor=leroy,
    )
    assert typed.description == "<p>Bring wool.</p><p>Tea &amp; cake &lt;3</p>"
    risky = service_propose(
        organization=organisation,
        details=ServiceDetails(
            name="Men's Shed",
            description='<p onclick="x()">Woodwork</p><script>alert(1)</script><a href="javascript:x">y</a>',
        ),
        actor=leroy,
    )
    assert "script" not in risky.description and "onclick" not in risky.description
    assert "javascript" not in risky.description
    assert risky.description.startswith("<p>Woodwork</p>")


def test_an_incomplete_draft_is_saved_with_a_low_score_and_plain_advice(leroy, organisation):
    service = service_propose(organization=organisation, details=ServiceDetails(name="Coffee morning"), actor=leroy)
    quality = service_quality(service=service)
    assert service.quality_score == quality.score == 0
    assert "Give a phone number, email address or website" in quality.missing
    assert "Say what it costs, even if it is free" in quality.missing


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter the name of the service"),
        ({"minimum_age": 70, "maximum_age": 60}, "maximum_age", "The oldest age must be the same as or more"),
        ({"city": ""}, "city", "Enter the town or city"),
        ({"postcode": "WS9 9ZZ"}, "postcode", "We could not find that postcode"),
        ({"address_1": "", "city": "", "postcode": ""}, "address_1", "Give the address of the place"),
        ({"wheelchair_accessible": None}, "wheelchair_accessible", "Say whether someone in a wheelchair can get in"),
        ({"area_postcodes": "WS1 everywhere"}, "area_postcodes", "“everywhere” is not a postcode district"),
        ({"cost_amount": None}, "cost_amount", "Enter the amount per session"),
        ({"cost_kind": "other", "cost_description": ""}, "cost_description", "Say what it costs"),
        ({"days": ()}, "days", "Choose the days it is open"),
        ({"closes_at": datetime.time(11, 0)}, "closes_at", "The closing time must be after the opening time"),
        ({"category_ids": ("not-a-category",)}, "category_ids", "Choose categories from the list"),
    ],
)
def test_bad_details_are_refused_with_a_plain_message_and_nothing_is_saved(
    leroy, organisation, full_details, changes, field, message
):
    details = ServiceDetails(**{**full_details.__dict__, **changes})
    with pytest.raises(ServiceDetailsRefused) as refused:
        service_propose(organization=organisation, details=details, actor=leroy)
    assert (field, refused.value.problems[0][1][: len(message)]) == (field, message)
    assert refused.value.problems[0][0] == field
    assert not organisation.services.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.DIRECTORY_SERVICE_CREATED).exists()


def test_every_problem_is_reported_at_once(leroy, organisation, full_details):
    details = ServiceDetails(**{**full_details.__dict__, "name": "", "city": "", "days": ()})
    with pytest.raises(ServiceDetailsRefused) as refused:
        service_propose(organization=organisation, details=details, actor=leroy)
    assert [field for field, _ in refused.value.problems] == ["name", "city", "days"]


def test_only_members_of_the_organisation_may_propose_or_change_its_services(
    organisation, other_member, ben, full_details, draft
):
    for outsider in (other_member, ben):
        with pytest.raises(ApplicationError, match="Only the organisation that runs this service can change it"):
            service_propose(organization=organisation, details=full_details, actor=outsider)
        with pytest.raises(ApplicationError, match="Only the organisation that runs this service can change it"):
            service_update(service=draft, details=full_details, actor=outsider)
    assert organisation.services.count() == 1


def test_changes_to_a_draft_apply_at_once_and_say_what_changed(draft, leroy, full_details):
    details = ServiceDetails(
        **{
            **full_details.__dict__,
            "name": "St Mark's Lunch Club",
            "cost_kind": "free",
            "cost_amount": None,
            "address_1": "",
            "city": "",
            "postcode": "",
            "wheelchair_accessible": None,
            "accessibility_description": "",
            "area_postcodes": "ws1 WS2",
            "languages": (),
        }
    )
    outcome = service_update(service=draft, details=details, actor=leroy)
    assert outcome.revision is None
    assert outcome.service.name == "St Mark's Lunch Club"
    assert set(outcome.changed) >= {"Name", "Cost", "Amount per session", "Address", "Area served", "Languages"}
    assert CostOption.objects.get(service=draft).amount == Decimal("0.00")
    assert not Location.objects.exists()  # the venue was only this service's
    assert ServiceArea.objects.get(service=draft).postcode_prefixes == " WS1 WS2 "
    assert not Language.objects.filter(service=draft).exists()
    event = AuditEvent.objects.filter(verb=AuditVerb.DIRECTORY_SERVICE_UPDATED).latest("sequence")
    assert event.payload["fields"] == outcome.changed
    assert not ServiceRevision.objects.exists()


def test_a_service_waiting_for_review_cannot_be_changed(draft, leroy, full_details):
    from firstperson.directory.services import service_submit

    service_submit(service=draft, actor=leroy)
    with pytest.raises(ApplicationError, match="waiting for review"):
        service_update(service=draft, details=ServiceDetails(**{**full_details.__dict__, "name": "X"}), actor=leroy)
    draft.refresh_from_db()
    assert draft.name == "St Mark's Luncheon Club"


def test_a_venue_other_services_use_is_not_changed_through_one_service(draft, leroy, organisation, full_details):
    from firstperson.directory.models import Service, ServiceAtLocation

    hall = Location.objects.get(service_at_locations__service=draft)
    neighbour = Service.objects.create(organization=organisation, name="Parish Coffee Morning")
    ServiceAtLocation.objects.create(service=neighbour, location=hall)
    moved = ServiceDetails(**{**full_details.__dict__, "address_1": "The Scout Hut, Mill Lane", "postcode": "WS2 7AB"})
    service_update(service=draft, details=moved, actor=leroy)
    assert Address.objects.get(location=hall).address_1 == "St Mark's Church Hall, 12 High Street"
    assert Accessibility.objects.filter(location=hall).count() == 1
    assert list(ServiceAtLocation.objects.filter(location=hall).values_list("service__name", flat=True)) == [
        "Parish Coffee Morning"
    ]
    own = Location.objects.get(service_at_locations__service=draft)
    assert own != hall
    assert Address.objects.get(location=own).postal_code == "WS2 7AB"
    assert service_details(service=draft).wheelchair_accessible is True
    # Unchanged venue details leave the shared venue where it is.
    other = service_propose(organization=organisation, details=full_details, actor=leroy)
    loc = Location.objects.get(service_at_locations__service=other)
    ServiceAtLocation.objects.create(service=neighbour, location=loc)
    service_update(service=other, details=ServiceDetails(**{**full_details.__dict__, "name": "Renamed"}), actor=leroy)
    assert Location.objects.get(service_at_locations__service=other) == loc
