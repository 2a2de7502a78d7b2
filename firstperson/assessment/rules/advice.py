"""Where to point someone whose needs are not eligible, or who cares for someone: prevention advice
and the directory's categories (Care Act 2014 s2, preventing needs; s4, information and advice).

A plain table from outcome codes (rules/eligibility.py) to the directory's category slugs
(directory/migrations/0002), so a letter can link to help that fits what the person told us.
"""

from collections.abc import Iterable

# Category slugs of the directory, with the plain-English name a letter uses.
CATEGORY_NAMES: dict[str, str] = {
    "carers-support": "Support for carers",
    "day-opportunities": "Day centres and day activities",
    "meals-and-lunch-clubs": "Meals and lunch clubs",
    "home-care": "Help at home",
    "equipment-and-adaptations": "Equipment and adaptations",
    "advice-and-advocacy": "Advice and advocacy",
    "social-and-friendship": "Friendship and social activities",
    "getting-out": "Getting out and about",
    "health-and-exercise": "Health and exercise",
    "work-and-volunteering": "Work, learning and volunteering",
}

OUTCOME_CATEGORIES: dict[str, tuple[str, ...]] = {
    "A_NUTRITION": ("meals-and-lunch-clubs",),
    "A_HYGIENE": ("equipment-and-adaptations",),
    "A_TOILET": ("equipment-and-adaptations",),
    "A_CLOTHED": ("equipment-and-adaptations",),
    "A_HOME_SAFE": ("equipment-and-adaptations",),
    "A_HABITABLE": ("home-care",),
    "A_RELATIONSHIPS": ("social-and-friendship",),
    "A_WORK_EDU": ("work-and-volunteering",),
    "A_COMMUNITY": ("getting-out", "day-opportunities"),
    "A_CHILD_CARING": ("advice-and-advocacy",),
    "C_CHILD_CARING": ("carers-support",),
    "C_OTHER_CARING": ("carers-support",),
    "C_HABITABLE": ("home-care",),
    "C_NUTRITION": ("meals-and-lunch-clubs",),
    "C_RELATIONSHIPS": ("social-and-friendship",),
    "C_WORK_EDU": ("work-and-volunteering",),
    "C_COMMUNITY": ("getting-out",),
    "C_RECREATION": ("carers-support", "health-and-exercise"),
}
# The outcomes in plain words, for the decision page and letter. They name no person ("keeping clean",
# not "keeping yourself clean"), so that they read right after "you cannot manage" and after "they
# cannot manage" when someone acting for the person reads them.
OUTCOME_PLAIN: dict[str, str] = {
    "A_NUTRITION": "eating and drinking enough",
    "A_HYGIENE": "keeping clean",
    "A_TOILET": "using the toilet",
    "A_CLOTHED": "getting dressed for the day and the weather",
    "A_HOME_SAFE": "moving around the home safely",
    "A_HABITABLE": "keeping the home clean, warm and safe",
    "A_RELATIONSHIPS": "keeping in touch with family and friends",
    "A_WORK_EDU": "work, learning or volunteering",
    "A_COMMUNITY": "getting out and using places and services nearby",
    "A_CHILD_CARING": "looking after a child",
    "C_CHILD_CARING": "looking after children",
    "C_OTHER_CARING": "caring for other people as well",
    "C_HABITABLE": "keeping the home clean, warm and safe",
    "C_NUTRITION": "eating and drinking well",
    "C_RELATIONSHIPS": "keeping in touch with family and friends",
    "C_WORK_EDU": "work, learning or volunteering",
    "C_COMMUNITY": "using places and services nearby",
    "C_RECREATION": "having time for hobbies and fun",
}

# The areas of wellbeing (Care Act 2014 s1(2); rules/eligibility.py WELLBEING_DOMAINS) in plain words,
# for the person's page and letter; staff see the words of the Act. Like the outcomes, they name no one.
WELLBEING_PLAIN: dict[str, str] = {
    "W_DIGNITY": "being treated with dignity and respect",
    "W_HEALTH": "health of body and mind, and feelings",
    "W_PROTECTION": "being safe from abuse and neglect",
    "W_CONTROL": "having a say over day-to-day life, and over care and support",
    "W_PARTICIPATION": "taking part in work, learning or free-time activities",
    "W_SOCIAL_ECONOMIC": "social life and money",
    "W_RELATIONSHIPS": "family life and relationships",
    "W_ACCOMMODATION": "having a suitable place to live",
    "W_CONTRIBUTION": "doing things for other people and the community",
}

ALWAYS_ADULT = ("advice-and-advocacy", "health-and-exercise")
ALWAYS_CARER = ("carers-support", "advice-and-advocacy")


def directory_categories_for(outcome_codes: Iterable[str], *, carer: bool) -> list[tuple[str, str]]:
    """(slug, name) of the directory categories to suggest, most specific first, each once."""
    slugs: list[str] = []
    for code in outcome_codes:
        for slug in OUTCOME_CATEGORIES.get(code, ()):
            if slug not in slugs:
                slugs.append(slug)
    for slug in ALWAYS_CARER if carer else ALWAYS_ADULT:
        if slug not in slugs:
            slugs.append(slug)
    return [(slug, CATEGORY_NAMES[slug]) for slug in slugs]
