"""The council's starting categories and synonym list. Editors can change both afterwards.

Fixed ids, so that the categories are the same in every installation and re-running adds nothing.
Data migrations never import app code: the values are written out here."""

import uuid

from django.db import migrations

TAXONOMY_ID = uuid.UUID("5d0f3c0e-6a1b-4c55-9c0e-2f3b5a7c9d01")
CATEGORIES = [
    ("carers-support", "Support for carers", "Help, breaks and groups for people who look after someone"),
    ("day-opportunities", "Day centres and day activities", "Places to go and things to do in the day"),
    ("meals-and-lunch-clubs", "Meals and lunch clubs", "Lunch clubs, meals at home and community cafés"),
    ("home-care", "Help at home", "Care and support in your own home"),
    ("equipment-and-adaptations", "Equipment and adaptations", "Aids, equipment, telecare and home adaptations"),
    ("advice-and-advocacy", "Advice and advocacy", "Advice on care, money and rights; someone to speak up for you"),
    ("mental-health", "Mental health and wellbeing", "Peer support, talking therapies and wellbeing groups"),
    ("learning-disability", "Learning disability", "Support, activities and housing for people with a learning disability"),
    ("dementia", "Dementia and memory", "Support for people living with dementia and their families"),
    ("social-and-friendship", "Friendship and social activities", "Clubs, befriending and ways to meet people"),
    ("getting-out", "Getting out and about", "Transport, mobility and community activities"),
    ("health-and-exercise", "Health and exercise", "Exercise classes, leisure and healthy living"),
    ("money-and-benefits", "Money and benefits", "Benefits checks, debt advice and paying for care"),
    ("housing", "Housing and living independently", "Supported living, extra care and housing advice"),
    ("work-and-volunteering", "Work, learning and volunteering", "Supported employment, courses and volunteering"),
    ("personal-assistants", "Personal assistants", "People you can employ to support you"),
]
SYNONYMS = [
    "carer, carers, caring, caregiver",
    "lunch, luncheon, dinner, meal, meals",
    "centre, center",
    "dementia, alzheimers, alzheimer",
    "respite, sitting",
    "domiciliary, homecare",
    "counselling, counseling, therapy",
    "exercise, fitness, gym",
    "advocate, advocacy",
    "benefits, welfare",
    "lonely, loneliness, isolation, befriending",
    "job, jobs, employment, work",
    "elderly, older",
    "disabled, disability",
]


def add_defaults(apps, schema_editor):
    taxonomy_model = apps.get_model("directory", "Taxonomy")
    term_model = apps.get_model("directory", "TaxonomyTerm")
    synonym_model = apps.get_model("directory", "SearchSynonymGroup")
    taxonomy, _ = taxonomy_model.objects.get_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": "Council service categories",
            "description": "The categories residents browse the directory by.",
            "version": "1",
        },
    )
    for slug, name, description in CATEGORIES:
        term_id = uuid.uuid5(TAXONOMY_ID, slug)
        term_model.objects.get_or_create(
            id=term_id,
            defaults={"taxonomy": taxonomy, "name": name, "description": description, "code": slug, "slug": slug},
        )
    if not synonym_model.objects.exists():
        synonym_model.objects.bulk_create([synonym_model(words=words) for words in SYNONYMS])


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
