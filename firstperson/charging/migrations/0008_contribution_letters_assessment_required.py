"""Every kept outcome letter now has its financial assessment and its contribution's start date
(migration 0007): from here on, both are required. A migration of its own: PostgreSQL will not alter
a table in the transaction that has just updated its rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("charging", "0007_contribution_letters_assessment_filled_in")]

    operations = [
        migrations.AlterField(
            model_name="contributionletter",
            name="assessment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="letters", to="charging.financialassessment"
            ),
        ),
        migrations.AlterField(
            model_name="contributionletter",
            name="contribution_from",
            field=models.DateField(),
        ),
    ]
