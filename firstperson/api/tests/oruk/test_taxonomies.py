"""GET /taxonomies, /taxonomy_terms and their /{id} forms."""

import pytest

from firstperson.directory.models import Taxonomy, TaxonomyTerm

from .conftest import COUNCIL_TAXONOMY_ID

pytestmark = pytest.mark.django_db


def test_lists_the_taxonomies_by_name(api, directory):
    body = api.get("taxonomy-list").json()
    assert [item["name"] for item in body["contents"]] == ["Council service categories", "Westshire needs"]
    needs = body["contents"][1]
    assert needs == {
        "id": str(directory.needs.pk),
        "name": "Westshire needs",
        "description": "What people ask for help with",
        "version": "2",
    }


def test_pages_of_taxonomies(api, directory):
    body = api.get("taxonomy-list", {"per_page": "1", "page": "2"}).json()
    assert [item["name"] for item in body["contents"]] == ["Westshire needs"]
    assert (body["total_items"], body["total_pages"], body["page_number"], body["size"]) == (2, 2, 2, 1)
    assert (body["first_page"], body["last_page"], body["empty"]) == (False, True, False)


def test_a_taxonomy_with_its_terms(api, directory):
    body = api.get("taxonomy-detail", oruk_id=str(directory.needs.pk)).json()
    assert body["name"] == "Westshire needs"
    assert [term["name"] for term in body["taxonomy_terms"]] == ["Befriending", "Isolation"]
    assert {term["taxonomy_id"] for term in body["taxonomy_terms"]} == {str(directory.needs.pk)}


def test_a_taxonomy_with_no_terms_leaves_them_out(api, db):
    empty = Taxonomy.objects.create(name="Empty", description="Nothing in it yet")
    body = api.get("taxonomy-detail", oruk_id=str(empty.pk)).json()
    assert body == {"id": str(empty.pk), "name": "Empty", "description": "Nothing in it yet"}


@pytest.mark.parametrize("oruk_id", ["6fc01c0e-63d7-41f9-af9f-3639b22202c7", "categories"])
def test_an_unknown_taxonomy_is_not_found(api, directory, oruk_id):
    response = api.get("taxonomy-detail", oruk_id=oruk_id)
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no taxonomy with that id."


def test_lists_every_term_by_name_with_its_taxonomy(api, directory):
    body = api.get("taxonomy-term-list", {"per_page": "100"}).json()
    assert body["total_items"] == TaxonomyTerm.objects.count() == 18
    names = [item["name"] for item in body["contents"]]
    assert names == sorted(names)
    befriending = next(item for item in body["contents"] if item["name"] == "Befriending")
    assert befriending == {
        "id": str(directory.befriending.pk),
        "name": "Befriending",
        "description": "Someone to talk to",
        "parent_id": str(directory.isolation.pk),
        "taxonomy": "Westshire needs",
        "taxonomy_id": str(directory.needs.pk),
        "term": "BEF",
    }


def test_pages_of_terms(api, directory):
    first = api.get("taxonomy-term-list", {"per_page": "5"}).json()
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (
        18,
        4,
        5,
        True,
        False,
    )
    last = api.get("taxonomy-term-list", {"per_page": "5", "page": "4"}).json()
    assert (last["page_number"], last["size"], last["first_page"], last["last_page"]) == (4, 3, False, True)


def test_terms_of_one_taxonomy(api, directory):
    body = api.get("taxonomy-term-list", {"taxonomy_id": str(directory.needs.pk)}).json()
    assert [item["name"] for item in body["contents"]] == ["Befriending", "Isolation"]
    council = api.get("taxonomy-term-list", {"taxonomy_id": str(COUNCIL_TAXONOMY_ID)}).json()
    assert council["total_items"] == 16


def test_children_of_a_term_and_top_terms_only(api, directory):
    children = api.get("taxonomy-term-list", {"parent_id": str(directory.isolation.pk)}).json()
    assert [item["name"] for item in children["contents"]] == ["Befriending"]
    top = api.get("taxonomy-term-list", {"taxonomy_id": str(directory.needs.pk), "top_only": "true"}).json()
    assert [item["name"] for item in top["contents"]] == ["Isolation"]


def test_one_term(api, directory):
    body = api.get("taxonomy-term-detail", oruk_id=str(directory.isolation.pk)).json()
    assert body == {
        "id": str(directory.isolation.pk),
        "name": "Isolation",
        "description": "Feeling cut off",
        "taxonomy": "Westshire needs",
        "taxonomy_id": str(directory.needs.pk),
        "term_uri": "https://needs.example.org/iso",
        "term": "ISO",
    }


@pytest.mark.parametrize("oruk_id", ["6fc01c0e-63d7-41f9-af9f-3639b22202c7", "0"])
def test_an_unknown_term_is_not_found(api, directory, oruk_id):
    response = api.get("taxonomy-term-detail", oruk_id=oruk_id)
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no taxonomy term with that id."
