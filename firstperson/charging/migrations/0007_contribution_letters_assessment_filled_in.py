"""Each kept outcome letter is given the financial assessment whose contribution it told of, and the
date that contribution began (both from its contribution, which every row still has here).

Undone: nothing to do while every letter still has its contribution. A letter whose contribution a
later assessment has replaced cannot go back to a table that needs one, so undoing then stops and
says so, rather than lose the letter.
"""

from django.db import migrations


def fill_in(apps, schema_editor):
    ContributionLetter = apps.get_model("charging", "ContributionLetter")
    letters = ContributionLetter.objects.select_related("contribution__calculation")
    for letter in letters.iterator(chunk_size=500):
        ContributionLetter.objects.filter(pk=letter.pk).update(
            assessment_id=letter.contribution.calculation.assessment_id,
            contribution_from=letter.contribution.effective_from,
        )


def keep_letters_whose_contribution_was_replaced(apps, schema_editor):
    ContributionLetter = apps.get_model("charging", "ContributionLetter")
    orphaned = ContributionLetter.objects.filter(contribution__isnull=True).count()
    if orphaned:
        letters = "1 kept outcome letter belongs" if orphaned == 1 else f"{orphaned} kept outcome letters belong"
        raise RuntimeError(
            f"{letters} to a contribution a later assessment replaced. Before this migration a letter "
            "needs its contribution, so undoing it would lose them."
        )


class Migration(migrations.Migration):
    dependencies = [("charging", "0006_contribution_letters_keep_their_assessment")]

    operations = [migrations.RunPython(fill_in, keep_letters_whose_contribution_was_replaced)]
