"""Fixtures for the editors' workflow: an organisation with a member, an editor, a known postcode,
and full service details, all made through the real services."""

import datetime
from decimal import Decimal

import pytest

from firstperson.directory.editor_selectors import ServiceDetails, council_categories
from firstperson.directory.models import Organization
from firstperson.directory.services import service_propose
from firstperson.platform.accounts.roles import Role
from firstperson.platform.geography.models import Postcode


@pytest.fixture
def postcodes(db):
    Postcode.objects.create(postcode="WS1 4FG", latitude=52.5, longitude=-2.2)
    Postcode.objects.create(postcode="WS2 7AB", latitude=52.51, longitude=-2.21)


@pytest.fixture
def organisation(db):
    return Organization.objects.create(name="St Mark's Church Volunteers", description="A church volunteer group")


@pytest.fixture
def other_organisation(db):
    return Organization.objects.create(name="Oak Tree Trust", description="A day centre charity")


@pytest.fixture
def leroy(make_user, organisation):
    user = make_user(Role.ORGANISATION, first_name="Leroy", last_name="Grant", username="leroy.grant@example.org")
    organisation.members.add(user)
    return user


@pytest.fixture
def other_member(make_user, other_organisation):
    user = make_user(Role.ORGANISATION, first_name="Asha", last_name="Patel")
    other_organisation.members.add(user)
    return user


@pytest.fixture
def ben(make_user):
    return make_user(Role.DIRECTORY_EDITOR, first_name="Ben", last_name="Osei")


@pytest.fixture
def categories(db):
    return {term.slug: term for term in council_categories()}


@pytest.fixture
def full_details(categories, postcodes):
    return ServiceDetails(
        name="St Mark's Luncheon Club",
        description="A hot two-course lunch on Thursdays, with a raffle and good company. Run by volunteers "
        "from St Mark's Church.",
        minimum_age=60,
        eligibility_description="People over 60 in Westbury, and their carers.",
        phone="01632 960 001",
        email="lunch@stmarks.example.org",
        url="https://stmarks.example.org",
        address_1="St Mark's Church Hall, 12 High Street",
        city="Westbury",
        postcode="WS1 4FG",
        cost_kind="paid",
        cost_amount=Decimal("4.50"),
        cost_description="Includes a hot drink",
        days=("TH",),
        opens_at=datetime.time(11, 30),
        closes_at=datetime.time(14, 0),
        wheelchair_accessible=True,
        accessibility_description="Step-free entrance and an accessible toilet",
        languages=("Polish",),
        category_ids=(str(categories["meals-and-lunch-clubs"].pk),),
    )


@pytest.fixture
def draft(leroy, organisation, full_details):
    return service_propose(organization=organisation, details=full_details, actor=leroy)
