"""The search's copies (ServiceSearchTerm.public and .service_name; ServiceAtLocation's public,
service_name, latitude, longitude and postcode_coverage; PublicDirectoryCount) stay true after every
kind of change, made through the real services and the import pipeline; the checker
(`search_copy_drift`) finds a stale copy; and `search_copies_refresh` mends it.

Each change is asserted twice: no drift, and the effect seen through the searches that read the copies
(`service_search_by_words`, `service_at_location_search`, the API's count)."""

# Fixtures imported from other test packages are parameters of the tests that use them.
# ruff: noqa: F811

import copy
import uuid
from dataclasses import replace

import pytest

from firstperson.directory.choices import RecordStatus, ServiceStatus
from firstperson.directory.importing import oruk_json_import
from firstperson.directory.models import (
    PublicDirectoryCount,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceSearchTerm,
)
from firstperson.directory.selectors import (
    Point,
    ServiceQuery,
    public_service_count,
    public_services,
    search_copy_drift,
    service_at_location_search,
    service_search,
    service_search_by_words,
)
from firstperson.directory.services import (
    revision_approve,
    search_copies_refresh,
    service_review_move,
    service_submit,
    service_update,
)
from firstperson.directory.tests.importing.conftest import editor  # noqa: F401 - a fixture
from firstperson.directory.tests.importing.records import oruk_service
from firstperson.directory.tests.workflow.conftest import (  # noqa: F401 - fixtures
    ben,
    categories,
    draft,
    full_details,
    leroy,
    organisation,
    postcodes,
)
from firstperson.platform.geography.models import Postcode

pytestmark = pytest.mark.django_db

WS1 = Point(52.5, -2.2)  # WS1 4FG in the workflow fixtures
WS2 = Point(52.51, -2.21)  # WS2 7AB
NEAR = 200.0  # metres


def by_words(words: str) -> list[str]:
    """Names found by the index-only search, in its order (names read from the services)."""
    ids = list(service_search_by_words(query=ServiceQuery(search=words)).values_list("service_id", flat=True))
    names = dict(Service.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [names[pk] for pk in ids]


def places(**query) -> list[tuple[str, str]]:
    """(service name as copied, service name as it is) of each place the places search finds."""
    return [
        (row.service_name, row.service.name)
        for row in service_at_location_search(query=ServiceQuery(**query)).select_related("service")
    ]


def place_names(**query) -> list[str]:
    return [copied for copied, _ in places(**query)]


def assert_no_drift() -> None:
    assert search_copy_drift() == []
    assert public_service_count() == public_services().count()


@pytest.fixture
def submitted(draft, leroy):
    return service_submit(service=draft, actor=leroy)


@pytest.fixture
def published(submitted, ben):
    return service_review_move(service=submitted, to_status=RecordStatus.PUBLISHED, actor=ben)


def approve_change(service, details, *, leroy, ben):
    revision = service_update(service=service, details=details, actor=leroy).revision
    assert revision is not None
    return revision_approve(revision=revision, actor=ben)


# --- the review workflow --------------------------------------------------------------------------


def test_publishing_a_submitted_service_makes_its_copies_public(submitted, ben):
    assert_no_drift()
    assert by_words("luncheon") == []
    assert place_names(search="luncheon") == []
    before = public_service_count()

    service_review_move(service=submitted, to_status=RecordStatus.PUBLISHED, actor=ben)

    assert_no_drift()
    assert by_words("luncheon") == ["St Mark's Luncheon Club"]
    assert place_names(search="luncheon", near=WS1, proximity_metres=NEAR) == ["St Mark's Luncheon Club"]
    assert place_names(postcode="WS1 4FG") == ["St Mark's Luncheon Club"]
    assert set(ServiceSearchTerm.objects.filter(service=submitted).values_list("public", flat=True)) == {True}
    assert public_service_count() == before + 1 == 1


def test_archiving_a_published_service_hides_its_copies(published, ben):
    assert by_words("luncheon") == ["St Mark's Luncheon Club"]
    assert public_service_count() == 1

    service_review_move(service=published, to_status=RecordStatus.ARCHIVED, actor=ben, reason="It has closed")

    assert_no_drift()
    assert by_words("luncheon") == []
    assert place_names(search="luncheon") == []
    assert place_names(near=WS1, proximity_metres=NEAR) == []
    assert not ServiceSearchTerm.objects.filter(service=published, public=True).exists()
    assert not ServiceAtLocation.objects.filter(service=published, public=True).exists()
    assert public_service_count() == 0


def test_an_approved_revision_that_renames_a_service_renames_every_copy(published, full_details, leroy, ben):
    renamed = replace(full_details, name="St Mark's Harvest Supper")
    approve_change(published, renamed, leroy=leroy, ben=ben)

    assert_no_drift()
    assert by_words("harvest supper") == ["St Mark's Harvest Supper"]
    assert places(search="harvest") == [("St Mark's Harvest Supper", "St Mark's Harvest Supper")]
    assert places(near=WS1, proximity_metres=NEAR) == [("St Mark's Harvest Supper", "St Mark's Harvest Supper")]
    assert set(ServiceSearchTerm.objects.filter(service=published).values_list("service_name", flat=True)) == {
        "St Mark's Harvest Supper"
    }


def test_a_service_edit_that_moves_the_venue_moves_the_place_copy(published, full_details, leroy, ben):
    assert place_names(near=WS1, proximity_metres=NEAR) == ["St Mark's Luncheon Club"]
    moved = replace(full_details, address_1="Westbury Community Centre", postcode="WS2 7AB")
    approve_change(published, moved, leroy=leroy, ben=ben)

    assert_no_drift()
    (place,) = ServiceAtLocation.objects.filter(service=published)
    assert (place.latitude, place.longitude) == (WS2.latitude, WS2.longitude)
    assert place_names(near=WS2, proximity_metres=NEAR) == ["St Mark's Luncheon Club"]
    assert place_names(near=WS1, proximity_metres=NEAR) == []


def test_a_draft_edit_that_moves_the_venue_keeps_the_copies_right(draft, full_details, leroy):
    service_update(service=draft, details=replace(full_details, postcode="WS2 7AB"), actor=leroy)

    assert_no_drift()
    place = ServiceAtLocation.objects.get(service=draft)
    assert (place.latitude, place.longitude, place.public) == (WS2.latitude, WS2.longitude, False)


def test_moving_away_from_a_shared_venue_leaves_the_other_services_place_where_it_was(
    published,
    full_details,
    leroy,
    ben,
    organisation,
):
    """A venue other services use is never moved through one organisation's service (`_own_venue`):
    this service gets a venue of its own; the other one stays, and both copies are right."""
    neighbour = Service.objects.create(
        organization=organisation, name="Tuesday Toddlers", record_status=RecordStatus.PUBLISHED
    )
    venue = ServiceAtLocation.objects.get(service=published).location
    ServiceAtLocation.objects.create(service=neighbour, location=venue)
    search_copies_refresh(service_ids=[neighbour.pk])
    assert_no_drift()

    approve_change(published, replace(full_details, postcode="WS2 7AB"), leroy=leroy, ben=ben)

    assert_no_drift()
    assert place_names(near=WS1, proximity_metres=NEAR) == ["Tuesday Toddlers"]
    assert place_names(near=WS2, proximity_metres=NEAR) == ["St Mark's Luncheon Club"]


def test_a_service_edit_that_changes_the_area_served_changes_the_coverage(published, full_details, leroy, ben):
    Postcode.objects.create(postcode="WS10 1AA", latitude=52.55, longitude=-2.05)
    # No area: the whole council.
    assert ServiceAtLocation.objects.get(service=published).postcode_coverage == " * "
    assert place_names(postcode="WS10 1AA") == ["St Mark's Luncheon Club"]

    approve_change(published, replace(full_details, area_postcodes="ws2 WS1"), leroy=leroy, ben=ben)

    assert_no_drift()
    assert ServiceAtLocation.objects.get(service=published).postcode_coverage == " WS1 WS2 "
    assert place_names(postcode="WS1 4FG") == ["St Mark's Luncheon Club"]
    assert place_names(postcode="WS2 7AB") == ["St Mark's Luncheon Club"]
    assert place_names(postcode="WS10 1AA") == []  # WS1 is not WS10
    # The services search (which reads the areas themselves) agrees.
    for code in ("WS1 4FG", "WS2 7AB", "WS10 1AA"):
        services = list(service_search(query=ServiceQuery(postcode=code)).values_list("name", flat=True))
        assert services == place_names(postcode=code), code

    approve_change(published, replace(full_details, area_postcodes=""), leroy=leroy, ben=ben)

    assert_no_drift()
    assert place_names(postcode="WS10 1AA") == ["St Mark's Luncheon Club"]


# --- imports ------------------------------------------------------------------------------------


def test_an_import_that_moves_a_shared_location_moves_the_other_services_place(editor):
    hub = oruk_service("Westshire Carers Hub")
    lunch = oruk_service("Lunch Club at St Mary's", postcode="WS2 8AA", phone="01632 960999")
    shared = hub["service_at_locations"][0]["location"]
    lunch["service_at_locations"] = [{"id": str(uuid.uuid4()), "location_id": shared["id"], "location": shared}]
    oruk_json_import(data=[hub, lunch], actor=editor, source="first.json")
    assert_no_drift()
    old = Point(shared["latitude"], shared["longitude"])
    assert sorted(place_names(near=old, proximity_metres=NEAR)) == ["Lunch Club at St Mary's", "Westshire Carers Hub"]

    moved = copy.deepcopy(hub)
    moved["service_at_locations"][0]["location"].update(latitude=52.61, longitude=-1.95)
    oruk_json_import(data=[moved], actor=editor, source="second.json")

    assert_no_drift()
    not_imported = ServiceAtLocation.objects.get(service_id=lunch["id"])
    assert (not_imported.latitude, not_imported.longitude) == (52.61, -1.95)
    new = Point(52.61, -1.95)
    assert sorted(place_names(near=new, proximity_metres=NEAR)) == ["Lunch Club at St Mary's", "Westshire Carers Hub"]
    assert place_names(near=old, proximity_metres=NEAR) == []


@pytest.mark.parametrize(
    ("status", "still_public"),
    [
        (ServiceStatus.INACTIVE, False),
        (ServiceStatus.DEFUNCT, False),
        (ServiceStatus.TEMPORARILY_CLOSED, True),
    ],
)
def test_an_import_that_renames_a_service_and_changes_its_status(editor, status, still_public):
    hub = oruk_service("Westshire Carers Hub")
    oruk_json_import(data=[hub], actor=editor, source="first.json")
    assert by_words("carers hub") == ["Westshire Carers Hub"]
    assert public_service_count() == 1

    changed = copy.deepcopy(hub)
    changed.update(name="Westshire Carers Lounge", status=str(status))
    oruk_json_import(data=[changed], actor=editor, source="second.json")

    assert_no_drift()
    expected = ["Westshire Carers Lounge"] if still_public else []
    assert by_words("lounge") == expected
    assert by_words("hub") == []
    assert place_names(search="carers") == expected
    assert public_service_count() == (1 if still_public else 0)
    assert set(ServiceSearchTerm.objects.filter(service_id=hub["id"]).values_list("service_name", flat=True)) == {
        "Westshire Carers Lounge"
    }


def test_an_imported_area_with_an_empty_postcode_list_covers_the_same_for_both_searches(editor):
    """An imported area of extent_type "postcode_prefixes" with an empty extent names no postcodes.
    The places search (the copy) and the services search (the areas themselves) must agree on
    whether the service covers a postcode."""
    Postcode.objects.create(postcode="WS1 4FG", latitude=52.586, longitude=-1.982)
    hub = oruk_service("Westshire Carers Hub")
    hub["service_areas"] = [
        {"id": str(uuid.uuid4()), "name": "Westshire", "extent": "", "extent_type": "postcode_prefixes"}
    ]
    oruk_json_import(data=[hub], actor=editor, source="areas.json")
    assert_no_drift()
    (area,) = ServiceArea.objects.filter(service_id=hub["id"])
    assert not area.postcode_prefixes.split()  # it names no postcodes

    services = list(service_search(query=ServiceQuery(postcode="WS1 4FG")).values_list("name", flat=True))
    assert services == place_names(postcode="WS1 4FG") == ["Westshire Carers Hub"]  # the whole council


# --- the checker and the mend -------------------------------------------------------------------


STALE = {
    "a place's latitude": lambda: ServiceAtLocation.objects.update(latitude=0),
    "a place's longitude": lambda: ServiceAtLocation.objects.filter(service__name="Men's Shed").update(longitude=0),
    "a place's visibility": lambda: ServiceAtLocation.objects.filter(service__name="Old Lunch Club").update(
        public=True
    ),
    "a place's service name": lambda: ServiceAtLocation.objects.filter(service__name="Men's Shed").update(
        service_name="Women's Shed"
    ),
    "a place's coverage": lambda: ServiceAtLocation.objects.filter(service__name="Young Carers Club").update(
        postcode_coverage=" WS9 "
    ),
    "a term's visibility": lambda: ServiceSearchTerm.objects.filter(service__name="Walking Football").update(
        public=False
    ),
    "a term's service name": lambda: ServiceSearchTerm.objects.filter(service__name="Walking Football").update(
        service_name="Running Football"
    ),
    "the kept count": lambda: PublicDirectoryCount.objects.update(services=999),
}


@pytest.mark.parametrize("make_stale", STALE.values(), ids=STALE.keys())
def test_a_stale_copy_is_reported_and_refreshing_mends_it(corpus, make_stale):
    assert_no_drift()
    make_stale()
    problems = search_copy_drift()
    assert problems, "the checker missed a stale copy"
    assert all(isinstance(problem, str) and problem.endswith(".") for problem in problems)

    search_copies_refresh(service_ids=Service.objects.values_list("pk", flat=True))

    assert_no_drift()


def test_a_stale_copy_changes_what_the_search_finds_until_refreshed(corpus):
    """Why the copies matter: the index-only search believes them."""
    assert "Walking Football" in by_words("football")
    ServiceSearchTerm.objects.filter(service=corpus["Walking Football"]).update(public=False)
    assert "Walking Football" not in by_words("football")
    assert any(str(corpus["Walking Football"].pk) in problem for problem in search_copy_drift())

    search_copies_refresh(service_ids=[corpus["Walking Football"].pk])

    assert "Walking Football" in by_words("football")
    assert_no_drift()


def test_the_drift_names_the_kept_count_and_the_true_one(corpus):
    PublicDirectoryCount.objects.update(services=999)
    assert search_copy_drift() == [
        f"The kept count of public services is 999, but {public_services().count()} are public."
    ]
