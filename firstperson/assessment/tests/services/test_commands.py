"""manage.py questionnaire_import and questionnaire_export."""

import pytest
import yaml
from django.core.management import CommandError, call_command

from firstperson.assessment.models import Questionnaire, QuestionnaireVersion, VersionStatus

from ..builders import SMALL_QUESTIONNAIRE


def test_export_then_import_makes_the_next_version(default_version, tmp_path, capsys):
    path = tmp_path / "self.yaml"
    call_command("questionnaire_export", "self-assessment", "1", "--output", str(path))
    assert yaml.safe_load(path.read_text())["questionnaire"]["code"] == "self-assessment"
    call_command("questionnaire_import", str(path), "--publish", "--effective-from", "2027-04-01")
    assert "as version 2, published" in capsys.readouterr().out
    assert (
        QuestionnaireVersion.objects.get(questionnaire__code="self-assessment", number=2).status
        == VersionStatus.PUBLISHED
    )


def test_a_bad_file_lists_every_problem_and_imports_nothing(db, tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(SMALL_QUESTIONNAIRE.replace("points: 5", "points: -5"))
    with pytest.raises(CommandError, match="The file has a problem: nothing was imported"):
        call_command("questionnaire_import", str(path))
    assert (
        "- Line 17: Section 1 (personal_care), question 1 (washing), option 2 (some): points must be 0 or more"
        in capsys.readouterr().err
    )
    assert not Questionnaire.objects.filter(code="small-test").exists()


def test_export_of_a_missing_version_says_so(db):
    with pytest.raises(CommandError, match="There is no version 7 of a questionnaire with the code self-assessment"):
        call_command("questionnaire_export", "self-assessment", "7")
