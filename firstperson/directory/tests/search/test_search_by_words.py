"""A search by words read from the search index alone (`service_search_by_words`, which the ORUK
API's /services uses) gives the same services in the same order as the public pages' search
(`service_search`), on the fixed directory in corpus.py, with and without other filters."""

# Fixtures imported from other test packages are parameters of the tests that use them.
# ruff: noqa: F811

import re
from dataclasses import dataclass, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from firstperson.directory.models import TaxonomyTerm
from firstperson.directory.selectors import (
    COUNCIL_TAXONOMY_ID,
    ServiceQuery,
    service_search,
    service_search_by_words,
)

from .corpus import CORPUS

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Search:
    words: str
    category: str = ""  # a council category's slug
    organisation_of: str = ""  # a service's name: its organisation
    minimum_age: int | None = None
    maximum_age: int | None = None
    day: str = ""
    cost: str = ""

    def query(self, corpus) -> ServiceQuery:
        term = TaxonomyTerm.objects.get(taxonomy_id=COUNCIL_TAXONOMY_ID, slug=self.category) if self.category else None
        return ServiceQuery(
            search=self.words,
            taxonomy_term_id=term.pk if term else None,
            organization_id=corpus[self.organisation_of].organization_id if self.organisation_of else None,
            minimum_age=self.minimum_age,
            maximum_age=self.maximum_age,
            day=self.day,
            cost=self.cost,
        )

    def params(self, query: ServiceQuery) -> dict:
        """The same search as ORUK API parameters (the API has no cost filter)."""
        params = {"search": self.words, "per_page": 100}
        optional = {
            "taxonomy_term_id": query.taxonomy_term_id,
            "organization_id": query.organization_id,
            "minimum_age": query.minimum_age,
            "maximum_age": query.maximum_age,
            "day": query.day,
        }
        params.update({key: str(value) for key, value in optional.items() if value not in (None, "")})
        return params


SEARCHES = [
    Search("carers"),
    Search("carer"),
    Search("caring"),
    Search("carer's group"),
    Search("lunch club"),
    Search("luncheon"),
    Search("dinner"),
    Search("alzheimers"),
    Search("cafe"),
    Search("advice"),
    Search("help for carers near me"),  # filler words
    Search("help near me"),  # only filler words
    Search("the"),  # a stop word alone: nothing
    Search("!!!"),  # punctuation alone: nothing
    Search("xylophone"),  # a word nothing has
    Search("carers xylophone"),  # every word must match
    Search("carers lunch"),
    Search("club"),
    Search("older people"),
    Search("carers", category="carers-support"),
    Search("club", category="meals-and-lunch-clubs"),
    Search("carers", organisation_of="Westshire Carers' Café"),
    Search("club", minimum_age=18),
    Search("club", maximum_age=17),
    Search("people", minimum_age=18, maximum_age=64),
    Search("club", day="WE"),
    Search("carers", day="TU"),
    Search("carers", cost="free"),
    Search("club", cost="low"),
    Search("lunch club", cost="low", day="TH"),
]


def both(query: ServiceQuery) -> tuple[list, list]:
    by_words = list(service_search_by_words(query=query).values_list("service_id", flat=True))
    public = list(service_search(query=query).values_list("pk", flat=True))
    return by_words, public


@pytest.mark.parametrize("search", SEARCHES, ids=repr)
def test_the_index_alone_gives_the_same_services_in_the_same_order(corpus, search):
    query = search.query(corpus)
    by_words, public = both(query)
    assert by_words == public
    assert service_search_by_words(query=query).count() == service_search(query=query).count() == len(public)


def test_the_table_is_not_trivial(corpus):
    """Most searches find several services, and some find none: the comparison above means something."""
    sizes = [len(both(search.query(corpus))[1]) for search in SEARCHES]
    assert sum(size >= 2 for size in sizes) >= 15
    assert sizes.count(0) >= 4
    carers = [corpus[name].pk for name in ("Carers Support Line", "Rural Carers Group")]
    assert both(ServiceQuery(search="carers"))[0][:2] == carers
    archived, draft = corpus["Old Lunch Club"].pk, corpus["Draft Carers Group"].pk
    assert {archived, draft}.isdisjoint(both(ServiceQuery(search="lunch club carers"))[0])
    assert draft not in both(ServiceQuery(search="carers"))[0]


# --- property ----------------------------------------------------------------------------------

VOCABULARY = sorted(
    {word.lower() for entry in CORPUS for word in re.findall(r"[A-Za-z']+", f"{entry.name} {entry.description}")}
    | {"carer", "caring", "lunch", "alzheimers", "xylophone"}
)
phrases = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=phrases, free=st.booleans())
def test_any_words_give_the_same_order_from_both(corpus, words, free):
    query = ServiceQuery(search=words)
    if free:
        query = replace(query, cost="free")
    by_words, public = both(query)
    assert by_words == public
