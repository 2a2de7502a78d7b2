"""Fixtures for the front door: the front-door team and an adviser in it, published directory
services (indexed for search by the real service), and contacts made by the real services."""

import datetime

import pytest
from django.utils import timezone

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Organization, Service
from firstperson.directory.services import services_reindex
from firstperson.frontdoor.models import Contact
from firstperson.frontdoor.services import HelpRequest, help_request_submit
from firstperson.platform.accounts.models import Team
from firstperson.platform.accounts.roles import Role


@pytest.fixture
def front_door_team(db):
    return Team.objects.create(name="Front door team")


@pytest.fixture
def adviser(make_user, front_door_team):
    return make_user(Role.ADVISER, team=front_door_team, first_name="Sophie", last_name="Turner")


@pytest.fixture
def make_service(db):
    organisation = Organization.objects.create(name="Westshire Carers Centre")

    def make(name, description="", *, record_status=RecordStatus.PUBLISHED):
        service = Service.objects.create(
            organization=organisation, name=name, description=description, record_status=record_status
        )
        services_reindex(service_ids=[service.pk])
        return service

    return make


@pytest.fixture
def carers_group(make_service):
    return make_service("Carers' support group", "A friendly group for carers to meet, with advice and a cup of tea.")


@pytest.fixture
def day_centre(make_service):
    return make_service("Oak Tree day centre", "A day centre for older people living with dementia.")


def help_request(**overrides) -> HelpRequest:
    values = {
        "for_self": False,
        "person_name": "Ted Okafor",
        "enquirer_name": "Margaret Okafor",
        "enquirer_relationship": "Wife",
        "phone": "01632 960 123",
        "email": "",
        "reason": "My husband has dementia and has started going out at night.",
        "at_risk": False,
    }
    values.update(overrides)
    return HelpRequest(**values)


@pytest.fixture
def ask_for_help(db):
    """Send a help request as an anonymous resident would, with the real service."""

    def ask(**overrides):
        return help_request_submit(help_request=help_request(**overrides))

    return ask


@pytest.fixture
def received(db):
    """Set when a contact came in (the service stamps now; tests of order need other times)."""

    def set_received(contact, **ago):
        Contact.objects.filter(pk=contact.pk).update(received_at=timezone.now() - datetime.timedelta(**ago))
        contact.refresh_from_db()
        return contact

    return set_received
