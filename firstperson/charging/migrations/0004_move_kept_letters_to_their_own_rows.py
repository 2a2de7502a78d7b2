"""Each outcome letter kept on a contribution (`letter_html`, migration 0002) becomes a
ContributionLetter row of its own, issued at the contribution's `letter_issued_at`.

Only the last letter issued was kept there: issuing again replaced the letter before it, so earlier
issues have only their SHA-256 in the audit. Who issued the kept letter, whether it was issued again
and why are taken from its FINANCIAL_ASSESSMENT_LETTER_ISSUED audit event (the one for this
contribution with the letter's SHA-256); if there is none, the row says nobody and "first issue".

Undone, each contribution keeps its latest letter in `letter_html` again (as before this change); the
rows are then removed with the table, so a letter issued again after this migration loses the ones
before it, as it would have before.
"""

from django.db import migrations

LETTER_ISSUED = "charging.assessment.letter_issued"


def letters_to_rows(apps, schema_editor):
    Contribution = apps.get_model("charging", "Contribution")
    ContributionLetter = apps.get_model("charging", "ContributionLetter")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    kept = Contribution.objects.exclude(letter_html="").select_related("calculation")
    for contribution in kept.iterator(chunk_size=500):
        events = AuditEvent.objects.filter(
            verb=LETTER_ISSUED,
            object_type="charging.financialassessment",
            object_id=str(contribution.calculation.assessment_id),
        ).order_by("-sequence")
        event = next(
            (
                e
                for e in events
                if e.payload.get("contribution") == str(contribution.pk)
                and e.payload.get("letter_sha256") == contribution.letter_sha256
            ),
            None,
        )
        ContributionLetter.objects.create(
            contribution=contribution,
            issued_at=contribution.letter_issued_at or contribution.created_at,
            issued_by_id=event.actor_id if event else None,
            again=bool(event and event.payload.get("again")),
            reason=(event.payload.get("reason") or "") if event else "",
            html=contribution.letter_html,
            sha256=contribution.letter_sha256,
        )


def latest_rows_to_letters(apps, schema_editor):
    Contribution = apps.get_model("charging", "Contribution")
    ContributionLetter = apps.get_model("charging", "ContributionLetter")
    for letter in ContributionLetter.objects.order_by("contribution_id", "-issued_at").iterator(chunk_size=500):
        # The first row for each contribution is its latest letter; the update skips the rest.
        Contribution.objects.filter(pk=letter.contribution_id, letter_html="").update(
            letter_html=letter.html, letter_sha256=letter.sha256
        )


class Migration(migrations.Migration):
    dependencies = [
        ("charging", "0003_contribution_letters_one_row_per_issue"),
        ("audit", "0008_planning_referral_and_agreement_end_verbs"),
    ]

    operations = [migrations.RunPython(letters_to_rows, latest_rows_to_letters, elidable=False)]
