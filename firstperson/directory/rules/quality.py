"""A service's quality score: how complete the facts residents rely on are, out of 100.

Each fact a resident needs to decide whether to use a service, and how, counts equally; the list is
the issue's: description, how to contact, where (a location or an area served), cost, opening
times, who it is for (ages or a description), accessibility, and a category.
"""

from dataclasses import dataclass

CHECKS = (
    ("description", "Say what the service does, in at least a couple of sentences"),
    ("contact", "Give a phone number, email address or website"),
    ("where", "Give an address, or the area the service covers"),
    ("cost", "Say what it costs, even if it is free"),
    ("opening_times", "Give the days and times it is open"),
    ("eligibility", "Say who it is for: an age range or a description"),
    ("accessibility", "Describe access: for example, step-free entry or a hearing loop"),
    ("category", "Choose at least one category"),
)
MIN_DESCRIPTION_CHARACTERS = 80


@dataclass(frozen=True)
class ServiceFacts:
    description_characters: int
    has_contact: bool
    has_location_or_area: bool
    has_cost: bool
    has_opening_times: bool
    has_eligibility: bool
    has_accessibility: bool
    has_category: bool


@dataclass(frozen=True)
class QualityResult:
    score: int
    missing: tuple[str, ...]  # plain-English advice, in CHECKS order


def quality_of(facts: ServiceFacts) -> QualityResult:
    passed = {
        "description": facts.description_characters >= MIN_DESCRIPTION_CHARACTERS,
        "contact": facts.has_contact,
        "where": facts.has_location_or_area,
        "cost": facts.has_cost,
        "opening_times": facts.has_opening_times,
        "eligibility": facts.has_eligibility,
        "accessibility": facts.has_accessibility,
        "category": facts.has_category,
    }
    missing = tuple(advice for key, advice in CHECKS if not passed[key])
    score = round(100 * (len(CHECKS) - len(missing)) / len(CHECKS))
    return QualityResult(score=score, missing=missing)
