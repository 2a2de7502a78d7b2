"""On PostgreSQL, an indicative budget's person and assessment become one foreign key.

Django declares two keys: `person_id` → person and `assessment_id` → self-assessment. PostgreSQL
checks each for every new row, locking the row it points to, and the bulk recalculation writes a
million rows. One composite key, `(assessment_id, person_id)` → the self-assessment's
`(id, person_id)` (assessment migration 0007 declares that pair unique), does both jobs with one
check: the assessment exists, and so does its person, who must be the budget's person. Nothing held
a budget's person equal to its assessment's before. Measured in ADR 0014's last amendment.

Only the database changes: Django still sees two keys (its state is untouched), and on SQLite they
stay as they are (SQLite cannot add a constraint to a table without rebuilding it). If a later
migration alters `IndicativeBudget.person` or `.assessment`, Django finds no single-column key to
drop and makes its own again beside this one: check the constraints afterwards.
"""

from django.db import migrations

COMPOSITE = "allocation_budget_assessment_with_its_person"
BUDGET_TABLE = "allocation_indicativebudget"


def _single_column_keys(cursor, connection, column: str) -> list[str]:
    constraints = connection.introspection.get_constraints(cursor, BUDGET_TABLE)
    return [name for name, c in constraints.items() if c["foreign_key"] and c["columns"] == [column]]


def one_composite_key(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    assessment_table = apps.get_model("assessment", "SelfAssessment")._meta.db_table
    with connection.cursor() as cursor:
        names = _single_column_keys(cursor, connection, "person_id") + _single_column_keys(
            cursor, connection, "assessment_id"
        )
    drops = ", ".join(f"DROP CONSTRAINT {quote(name)}" for name in names)
    schema_editor.execute(
        f"ALTER TABLE {quote(BUDGET_TABLE)} {drops + ', ' if drops else ''}"
        f"ADD CONSTRAINT {quote(COMPOSITE)} FOREIGN KEY (assessment_id, person_id) "
        f"REFERENCES {quote(assessment_table)} (id, person_id) DEFERRABLE INITIALLY DEFERRED"
    )


def two_keys_again(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    person_table = apps.get_model("people", "Person")._meta.db_table
    assessment_table = apps.get_model("assessment", "SelfAssessment")._meta.db_table
    schema_editor.execute(
        f"ALTER TABLE {quote(BUDGET_TABLE)} DROP CONSTRAINT {quote(COMPOSITE)}, "
        f"ADD CONSTRAINT {quote(BUDGET_TABLE + '_person_id_fk')} FOREIGN KEY (person_id) "
        f"REFERENCES {quote(person_table)} (id) DEFERRABLE INITIALLY DEFERRED, "
        f"ADD CONSTRAINT {quote(BUDGET_TABLE + '_assessment_id_fk')} FOREIGN KEY (assessment_id) "
        f"REFERENCES {quote(assessment_table)} (id) DEFERRABLE INITIALLY DEFERRED"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("allocation", "0004_equality_threshold_in_the_configuration"),
        ("assessment", "0007_self_assessment_with_its_person"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(one_composite_key, two_keys_again, elidable=False)]
