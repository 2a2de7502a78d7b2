"""Model changes always come with their migration."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit as exit_:
        pytest.fail(f"Missing migrations (exit {exit_.code}):\n{output.getvalue()}")
    assert "No changes detected" in output.getvalue()
