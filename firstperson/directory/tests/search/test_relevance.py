"""Relevance: what comes first for the searches residents make, on the fixed directory in corpus.py.

Each row of CASES is a search and the services expected at the top, in order (`top`), and services
that must not be found at all (`absent`). Ties in score are broken by name, so an order between equal
matches is still fixed. Distances are from WS1 4FG; "no place" services (phone lines, home care) come
after the places, when their service area covers the postcode.
"""

import math
from dataclasses import dataclass, field

import pytest

from firstperson.directory.models import SearchSynonymGroup, ServiceArea
from firstperson.directory.selectors import (
    ServiceQuery,
    postcode_point,
    public_category_for_slug,
    service_at_location_search,
    service_search,
)
from firstperson.platform.geography.rules.distance import METRES_PER_MILE

from .corpus import HOME_POSTCODE

CARERS_BY_NAME = ["Carers Support Line", "Rural Carers Group", "Westshire Carers' Café", "Young Carers Club"]
LUNCH_CLUBS_BY_NAME = ["Hilltop Community Lunch Club", "Riverside Luncheon Club", "Sangat Elders Lunch Club"]
UNPUBLISHED = ["Draft Carers Group", "Old Lunch Club"]


@dataclass(frozen=True)
class Case:
    words: str
    top: list[str]
    absent: list[str] = field(default_factory=list)
    postcode: str = ""
    radius_miles: int = 10
    cost: str = ""
    for_age: int | None = None
    day: str = ""
    wheelchair: bool = False
    language: str = ""
    category: str = ""
    exactly: bool = False  # the whole result list is `top`

    @property
    def id(self) -> str:
        filters = [
            f"near {self.postcode} within {self.radius_miles} miles" if self.postcode else "",
            f"cost={self.cost}" if self.cost else "",
            f"age {self.for_age}" if self.for_age is not None else "",
            f"day={self.day}" if self.day else "",
            "wheelchair" if self.wheelchair else "",
            f"language={self.language}" if self.language else "",
            f"category={self.category}" if self.category else "",
        ]
        return " + ".join(part for part in [repr(self.words) if self.words else "", *filters] if part)


CASES = [
    # Word forms: carer, carers, caring and carer's all meet; drafts and archived records never show.
    Case("carers", [*CARERS_BY_NAME, "Crossroads Sitting Service"], absent=UNPUBLISHED),
    Case("carer", [*CARERS_BY_NAME, "Crossroads Sitting Service"]),
    Case("caring", [*CARERS_BY_NAME, "Crossroads Sitting Service"]),
    Case("carer's group", ["Rural Carers Group", "Carers Support Line", "Westshire Carers' Café"]),
    # Filler words ("help", "near", "me") neither exclude nor reorder.
    Case("help for carers near me", ["Carers Support Line", "Crossroads Sitting Service", "Rural Carers Group"]),
    # Synonyms from the council's list: lunch = luncheon = dinner = meal; dementia = alzheimers; and so on.
    Case("lunch club", [*LUNCH_CLUBS_BY_NAME, "Meals on Wheels"], absent=["Old Lunch Club"], exactly=True),
    Case("luncheon", ["Riverside Luncheon Club", "Hilltop Community Lunch Club", "Meals on Wheels"]),
    Case("dinner", ["Riverside Luncheon Club", "Hilltop Community Lunch Club", "Meals on Wheels"]),
    Case("alzheimers", ["Memory Lane Dementia Café", "Oakfield Day Centre"], exactly=True),
    Case("day center", ["Oakfield Day Centre"], exactly=True),
    Case("lonely", ["Befriending by Phone"], exactly=True),
    Case("job", ["Supported Employment Team"]),
    Case("respite", ["Crossroads Sitting Service"], exactly=True),
    Case("gym", ["Chair-based Exercise Class", "Westshire Leisure Centre"]),
    # Accents do not matter.
    Case("cafe", ["Memory Lane Dementia Café", "Westshire Carers' Café"], exactly=True),
    # Names outrank descriptions: the clinic is named for advice; the others only say it.
    Case("advice", ["Benefits Advice Clinic", "Carers Support Line", "Independent Advocacy"], exactly=True),
    Case("lunch", [*LUNCH_CLUBS_BY_NAME, "Meals on Wheels", "Oakfield Day Centre"]),
    # Near a postcode: nearest first, then services with no place to visit that cover the area.
    Case(
        "lunch club",
        ["Riverside Luncheon Club", "Sangat Elders Lunch Club", "Hilltop Community Lunch Club", "Meals on Wheels"],
        postcode=HOME_POSTCODE,
        exactly=True,
    ),
    Case(
        "carers",
        [
            "Benefits Advice Clinic",
            "Westshire Carers' Café",
            "Oakfield Day Centre",
            "Young Carers Club",
            "Carers Support Line",
            "Crossroads Sitting Service",
        ],
        absent=["Rural Carers Group", "Draft Carers Group"],
        postcode=HOME_POSTCODE,
        exactly=True,
    ),
    Case(
        "carers",
        ["Benefits Advice Clinic", "Westshire Carers' Café", "Oakfield Day Centre", "Young Carers Club"],
        postcode=HOME_POSTCODE,
        radius_miles=50,
        absent=["Draft Carers Group"],
    ),
    Case(
        "",
        [
            "Benefits Advice Clinic",
            "Riverside Luncheon Club",
            "Westshire Carers' Café",
            "Bipolar Peer Support Group",
            "Chair-based Exercise Class",
        ],
        absent=[*UNPUBLISHED, "Walking Football", "Rural Carers Group"],
        postcode=HOME_POSTCODE,
    ),
    Case("", ["Benefits Advice Clinic", "Riverside Luncheon Club"], postcode=HOME_POSTCODE, radius_miles=1),
    # Filters.
    Case("carers", [*CARERS_BY_NAME, "Benefits Advice Clinic"], cost="free", absent=["Crossroads Sitting Service"]),
    Case("lunch", [*LUNCH_CLUBS_BY_NAME, "Meals on Wheels"], cost="low", exactly=True),
    Case("lunch", [], cost="free", exactly=True),
    Case("carers", CARERS_BY_NAME[:3], for_age=80, absent=["Young Carers Club"]),
    Case(
        "carers",
        ["Carers Support Line", "Rural Carers Group", "Westshire Carers' Café", "Young Carers Club"],
        for_age=12,
    ),
    Case("club", ["Easy Read Art Club", "Riverside Luncheon Club", "Meals on Wheels"], day="WE", exactly=True),
    Case("exercise", ["Chair-based Exercise Class", "Westshire Leisure Centre"], wheelchair=True, exactly=True),
    Case("", ["Polish Friendship Group"], language="Polish", exactly=True),
    Case("lunch", ["Sangat Elders Lunch Club"], language="pa", exactly=True),
    Case("", ["Memory Lane Dementia Café", "Oakfield Day Centre"], category="dementia", exactly=True),
    # "club" is in the category's own name, so Meals on Wheels matches too, below the named clubs.
    Case("club", [*LUNCH_CLUBS_BY_NAME, "Meals on Wheels"], category="meals-and-lunch-clubs", exactly=True),
    # Bad input is just words that match nothing.
    Case("'; DROP TABLE services; --", [], exactly=True),
    Case(".*(", [], exactly=True),
    Case("%_", [], exactly=True),
]


def run(case: Case):
    near = postcode_point(postcode=case.postcode) if case.postcode else None
    category = public_category_for_slug(slug=case.category) if case.category else None
    query = ServiceQuery(
        search=case.words,
        near=near,
        proximity_metres=case.radius_miles * METRES_PER_MILE if near else None,
        reaches_postcode=case.postcode,
        cost=case.cost,
        for_age=case.for_age,
        day=case.day,
        wheelchair_accessible=case.wheelchair,
        language=case.language,
        taxonomy_term_id=category.pk if category else None,
    )
    return list(service_search(query=query))


def test_there_are_at_least_twenty_queries():
    assert len(CASES) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_expected_top_results(corpus, case):
    names = [service.name for service in run(case)]
    if case.exactly:
        assert names == case.top
    else:
        assert names[: len(case.top)] == case.top, names
    assert not set(case.absent) & set(names)


@pytest.mark.django_db
def test_near_a_postcode_each_place_is_as_far_as_it_was_put(corpus):
    found = run(Case("lunch club", [], postcode=HOME_POSTCODE))
    miles = [
        None if service.distance_squared is None else round(math.sqrt(service.distance_squared) / METRES_PER_MILE, 1)
        for service in found
    ]
    assert miles == [0.3, 3.0, 4.8, None]


@pytest.mark.django_db
def test_a_synonym_group_added_by_an_editor_takes_effect_at_once(corpus):
    assert run(Case("allotment", [])) == []
    SearchSynonymGroup.objects.create(words="allotment, gardening, growing")
    assert [service.name for service in run(Case("allotment", []))] == ["Greenfingers Gardening Group"]


@pytest.mark.django_db
def test_a_synonym_of_several_words_is_ignored_rather_than_matching_everything(corpus):
    SearchSynonymGroup.objects.create(words="day centre, day service")
    assert [service.name for service in run(Case("day centre", []))] == ["Oakfield Day Centre"]


@pytest.mark.django_db
def test_names_outrank_descriptions_and_categories(corpus):
    ranked = {service.name: service.rank for service in run(Case("lunch", []))}
    named = [ranked[name] for name in LUNCH_CLUBS_BY_NAME]
    assert min(named) > ranked["Oakfield Day Centre"]  # "a hot lunch" in the description only


@pytest.mark.django_db
def test_a_service_with_no_place_is_listed_only_where_its_area_reaches(corpus):
    advocacy = corpus["Independent Advocacy"]
    ServiceArea.objects.filter(service=advocacy).update(postcode_prefixes=" WS10 ")
    assert "Independent Advocacy" not in [s.name for s in run(Case("advocate", [], postcode=HOME_POSTCODE))]
    ServiceArea.objects.filter(service=advocacy).update(postcode_prefixes=" WS10 WS1 ")
    assert "Independent Advocacy" in [s.name for s in run(Case("advocate", [], postcode=HOME_POSTCODE))]
    ServiceArea.objects.filter(service=advocacy).update(postcode_prefixes=" WS ")
    assert "Independent Advocacy" in [s.name for s in run(Case("advocate", [], postcode=HOME_POSTCODE))]


@pytest.mark.django_db
def test_a_place_covered_by_two_areas_is_listed_once(corpus):
    riverside = corpus["Riverside Luncheon Club"]
    ServiceArea.objects.create(service=riverside, postcode_prefixes=" WS1 ")
    ServiceArea.objects.create(service=riverside, postcode_prefixes=" WS ")
    near = postcode_point(postcode=HOME_POSTCODE)
    rows = service_at_location_search(
        query=ServiceQuery(search="luncheon", postcode=HOME_POSTCODE, near=near, proximity_metres=1000)
    )
    assert [row.service.name for row in rows] == ["Riverside Luncheon Club"]
