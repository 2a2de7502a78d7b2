"""The ORUK API's /services answers a search by words from the search index alone
(`service_search_by_words`) and an unfiltered list from the kept count of public services
(PublicDirectoryCount): both give what the public pages' search (`service_search`) gives.
The directory-side tests are in directory/tests/search/test_search_by_words.py and
test_search_copies.py."""

# Fixtures imported from other test packages are parameters of the tests that use them.
# ruff: noqa: F811

import pytest
from django.urls import reverse

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import PublicDirectoryCount
from firstperson.directory.selectors import ServiceQuery, public_service_count, public_services, service_search
from firstperson.directory.services import service_review_move, service_transition
from firstperson.directory.tests.search.corpus import corpus  # noqa: F401 - a fixture
from firstperson.directory.tests.search.test_search_by_words import SEARCHES
from firstperson.directory.tests.search.test_search_copies import assert_no_drift
from firstperson.directory.tests.workflow.conftest import ben  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("search", [s for s in SEARCHES if not s.cost], ids=repr)
def test_the_api_lists_what_the_public_search_finds(corpus, api, search):
    query = search.query(corpus)
    expected = [str(pk) for pk in service_search(query=query).values_list("pk", flat=True)]
    body = api.get("service-list", search.params(query)).json()
    assert [item["id"] for item in body["contents"]] == expected
    assert body["total_items"] == len(expected)


def test_the_api_pages_through_a_search_in_the_same_order(corpus, api):
    expected = [str(pk) for pk in service_search(query=ServiceQuery(search="people")).values_list("pk", flat=True)]
    assert len(expected) > 5
    pages = [api.get("service-list", {"search": "people", "per_page": 2, "page": n}).json() for n in range(1, 5)]
    assert [item["id"] for page in pages for item in page["contents"]] == expected[:8]
    assert {page["total_items"] for page in pages} == {len(expected)}
    beyond = api.get("service-list", {"search": "people", "per_page": 50, "page": 9}).json()
    assert (beyond["contents"], beyond["total_items"]) == ([], len(expected))


def test_the_api_answers_in_the_same_order_with_the_full_service(corpus, client):
    expected = [str(pk) for pk in service_search(query=ServiceQuery(search="carers")).values_list("pk", flat=True)]
    body = client.get(reverse("oruk:service-list"), {"search": "carers", "full_service": "true"}).json()
    assert [item["id"] for item in body["contents"]] == expected
    assert body["total_items"] == len(expected)


# --- the kept count -----------------------------------------------------------------------------


def service_total(api) -> int:
    return api.get("service-list").json()["total_items"]


def test_the_kept_count_and_the_api_total_follow_a_publish_and_an_archive(corpus, ben, api):
    submitted = service_transition(service=corpus["Draft Carers Group"], to_status=RecordStatus.SUBMITTED, actor=None)
    public = public_services().count()
    assert public_service_count() == public == 30
    assert service_total(api) == public

    service_review_move(service=submitted, to_status=RecordStatus.PUBLISHED, actor=ben)

    assert public_service_count() == public_services().count() == public + 1
    assert service_total(api) == public + 1
    ids = [item["id"] for item in api.get("service-list", {"per_page": 100}).json()["contents"]]
    assert str(submitted.pk) in ids and len(ids) == public + 1

    service_review_move(service=submitted, to_status=RecordStatus.ARCHIVED, actor=ben, reason="It has closed")
    service_review_move(service=corpus["Men's Shed"], to_status=RecordStatus.ARCHIVED, actor=ben, reason="Closed")

    assert public_service_count() == public_services().count() == public - 1
    assert service_total(api) == public - 1
    assert_no_drift()


def test_a_filtered_list_is_counted_not_read_from_the_kept_count(corpus, api):
    PublicDirectoryCount.objects.update(services=999)
    assert service_total(api) == 999  # unfiltered: the kept count, as designed
    owner = corpus["Westshire Carers' Café"].organization_id
    body = api.get("service-list", {"organization_id": str(owner)}).json()
    assert body["total_items"] == public_services().filter(organization_id=owner).count()
