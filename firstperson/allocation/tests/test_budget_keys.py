"""On PostgreSQL a budget's assessment and person are one foreign key (migration 0005): a budget's
person must be its assessment's person, and each new budget costs the database one check, not two."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from firstperson.allocation import services
from firstperson.allocation.models import IndicativeBudget

from .fixtures import REFERENCE_ANSWERS, submitted_assessment

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the composite key is PostgreSQL's only: SQLite keeps Django's two keys (migration 0005)",
    ),
]

migration = importlib.import_module("firstperson.allocation.migrations.0005_budget_key_is_assessment_with_person")


def _foreign_keys() -> dict[str, tuple[list[str], tuple]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, IndicativeBudget._meta.db_table)
    return {name: (c["columns"], c["foreign_key"]) for name, c in constraints.items() if c["foreign_key"]}


def _keys_on(column: str) -> list[list[str]]:
    return sorted(columns for columns, _ in _foreign_keys().values() if column in columns)


def test_the_assessment_and_person_are_one_key():
    assert _keys_on("person_id") == [["assessment_id", "person_id"]]
    assert _keys_on("assessment_id") == [["assessment_id", "person_id"]]
    # The other keys are Django's own, one column each.
    assert sorted(columns for columns, _ in _foreign_keys().values() if len(columns) == 1) == [
        ["computed_by_id"],
        ["configuration_id"],
    ]


def test_a_budget_for_someone_other_than_the_assessments_person_is_refused(
    configuration, person, practitioner, make_person, team
):
    assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    budget = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    someone_else = make_person(team=team, legal_given_name="Priya", legal_family_name="Shah")
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the key is checked at COMMIT otherwise
        IndicativeBudget.objects.filter(pk=budget.pk).update(person=someone_else)
    budget.refresh_from_db()
    assert budget.person == person


def test_the_migration_can_be_undone_and_done_again():
    with transaction.atomic(), connection.schema_editor(atomic=False) as editor:
        migration.two_keys_again(apps, editor)
        assert _keys_on("person_id") == [["person_id"]]
        assert _keys_on("assessment_id") == [["assessment_id"]]
        migration.one_composite_key(apps, editor)
        assert _keys_on("person_id") == [["assessment_id", "person_id"]]
        assert _keys_on("assessment_id") == [["assessment_id", "person_id"]]
