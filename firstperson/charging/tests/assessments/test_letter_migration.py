"""Charging migration 0004 moves the letter kept on each contribution (`letter_html`, migration 0002)
into a ContributionLetter row of its own; undone, each contribution keeps its latest letter again.

The database is taken back to migration 0003 (the new table, the old fields still there) and forward
again, so these tests run outside a transaction."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from firstperson.charging.models import Contribution
from firstperson.charging.services import assessments as services

from .test_review_fixes import _completed

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("charging", "0003_contribution_letters_one_row_per_issue")]
MOVED = [("charging", "0004_move_kept_letters_to_their_own_rows")]


def _migrate(targets=None):
    """Migrate to `targets` (the latest migrations if None) and give the models as they were there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated_back():
    try:
        yield _migrate
    finally:
        _migrate()


def test_the_kept_letter_moves_to_a_row_of_its_own_and_back(
    parameters, officer, person, make_person, team, migrated_back
):
    # Issued twice since letters were kept: the contribution kept the second letter only.
    issued = Contribution.objects.get(calculation__assessment=_completed(officer, person))
    services.letter_issue(actor=officer, contribution=issued)
    services.letter_issue(actor=officer, contribution=issued, again=True, reason="Sent to her old address.")
    by_hand = Contribution.objects.get(
        calculation__assessment=_completed(officer, make_person(team=team, date_of_birth=datetime.date(1955, 3, 2)))
    )
    before_kept = Contribution.objects.get(
        calculation__assessment=_completed(officer, make_person(team=team, date_of_birth=datetime.date(1950, 1, 9)))
    )

    old = migrated_back(BEFORE)
    OldContribution = old.get_model("charging", "Contribution")
    OldLetter = old.get_model("charging", "ContributionLetter")
    # Undoing the move left the latest letter on the contribution, as it was kept before.
    latest = OldLetter.objects.filter(contribution_id=issued.pk).order_by("-issued_at").first()
    kept = OldContribution.objects.get(pk=issued.pk)
    assert (kept.letter_html, kept.letter_sha256) == (latest.html, latest.sha256)
    # As the database was before this change: no rows; a letter kept with no audit event of its own;
    # a letter issued before letters were kept (only its time).
    OldLetter.objects.all().delete()
    OldContribution.objects.filter(pk=by_hand.pk).update(letter_html="<p>Kept</p>", letter_sha256="f" * 64)
    OldContribution.objects.filter(pk=before_kept.pk).update(letter_issued_at=timezone.now())
    kept_issued_at = OldContribution.objects.get(pk=issued.pk).letter_issued_at

    new = migrated_back(MOVED)
    NewLetter = new.get_model("charging", "ContributionLetter")
    moved = NewLetter.objects.get(contribution_id=issued.pk)
    assert (moved.html, moved.sha256) == (latest.html, latest.sha256)
    assert moved.issued_at == kept_issued_at
    assert moved.issued_by_id == officer.pk and moved.again and moved.reason == "Sent to her old address."
    unknown = NewLetter.objects.get(contribution_id=by_hand.pk)
    assert (unknown.html, unknown.sha256, unknown.issued_by_id, unknown.again) == ("<p>Kept</p>", "f" * 64, None, False)
    assert unknown.issued_at == by_hand.created_at  # no issue time was recorded: when the row was made
    assert not NewLetter.objects.filter(contribution_id=before_kept.pk).exists()
    assert NewLetter.objects.count() == 2

    # Forward again: each letter is given the assessment and the start date of its contribution.
    latest_apps = migrated_back()
    Letter = latest_apps.get_model("charging", "ContributionLetter")
    for row in Letter.objects.select_related("contribution__calculation"):
        assert row.assessment_id == row.contribution.calculation.assessment_id
        assert row.contribution_from == row.contribution.effective_from
    # A letter whose contribution was since replaced cannot go back to needing one: undoing stops.
    Letter.objects.filter(pk=moved.pk).update(contribution=None)
    with pytest.raises(
        RuntimeError, match="1 kept outcome letter belongs to a contribution a later assessment replaced"
    ):
        migrated_back([("charging", "0006_contribution_letters_keep_their_assessment")])
    Letter.objects.filter(pk=moved.pk).update(contribution_id=issued.pk)
