"""The administrators' questionnaire pages: upload (bad files named line by line, nothing saved),
download as YAML or JSON, make a new version, publish, retire, and change only a draft."""

import re

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from firstperson.assessment import services
from firstperson.assessment.forms import QuestionnaireUploadForm
from firstperson.assessment.models import Question, Questionnaire, QuestionnaireVersion, VersionStatus
from firstperson.assessment.questionnaire_files import MAX_FILE_BYTES
from firstperson.platform.accounts.roles import Role

from ..builders import SMALL_QUESTIONNAIRE


def _url(name, *args):
    return reverse(f"assessment:{name}", args=args)


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def _upload(client, content, name="questionnaire.yaml"):
    return client.post(_url("questionnaire-upload"), {"file": SimpleUploadedFile(name, content.encode())})


def test_the_list_shows_each_questionnaire_and_its_versions(default_version, administrator, sign_in_client):
    page = _text(sign_in_client(administrator).get(_url("questionnaire-list")))
    assert "Your care and support needs" in page and "Your needs as a carer" in page
    assert _url("questionnaire-version-detail", default_version.pk) in page


def test_uploading_a_good_file_makes_a_draft(db, administrator, sign_in_client):
    response = _upload(sign_in_client(administrator), SMALL_QUESTIONNAIRE)
    version = QuestionnaireVersion.objects.get(questionnaire__code="small-test")
    assert response.url == _url("questionnaire-version-detail", version.pk)
    assert version.status == VersionStatus.DRAFT


def test_uploading_a_bad_file_lists_each_problem_and_saves_nothing(db, administrator, sign_in_client):
    client = sign_in_client(administrator)
    response = _upload(client, SMALL_QUESTIONNAIRE.replace("points: 5", "points: -5").replace("points: 4", "points: x"))
    page = _text(response)
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#id_file">The file has 2 problems: nothing was imported</a>' in page
    assert "Line 17: Section 1 (personal_care), question 1 (washing), option 2 (some): points must be 0 or more" in page
    assert "Line 25: Section 1 (personal_care), question 2 (dressing), option 3 (all): points must be a number" in page
    assert not Questionnaire.objects.filter(code="small-test").exists()
    response = client.post(_url("questionnaire-upload"), {})
    assert '<a href="#id_file">Choose a questionnaire file to upload</a>' in _text(response)


def test_a_file_too_big_is_refused_before_it_is_read(db, administrator, sign_in_client, monkeypatch):
    def read_the_file(**kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(services, "questionnaire_import", read_the_file)
    big = "# padding\n" * (MAX_FILE_BYTES // 10) + "x"
    page = _text(_upload(sign_in_client(administrator), big))
    assert '<a href="#id_file">The file is too big: a questionnaire file must be smaller than 1 MB</a>' in page


def test_the_upload_form_checks_the_size_the_import_allows():
    def form(size):
        return QuestionnaireUploadForm(data={}, files={"file": SimpleUploadedFile("q.yaml", b"#" * size)})

    assert form(MAX_FILE_BYTES).is_valid()
    too_big = form(MAX_FILE_BYTES + 1)
    assert not too_big.is_valid()
    assert too_big.errors["file"] == ["The file is too big: a questionnaire file must be smaller than 1 MB"]


def test_download_as_yaml_or_json(default_version, administrator, sign_in_client):
    client = sign_in_client(administrator)
    response = client.get(_url("questionnaire-version-download", default_version.pk))
    assert response["Content-Disposition"] == 'attachment; filename="self-assessment-v1.yaml"'
    assert yaml.safe_load(response.content)["questionnaire"]["code"] == "self-assessment"
    response = client.get(_url("questionnaire-version-download", default_version.pk) + "?format=json")
    assert response.json()["sections"][0]["code"] == "personal_care"


def test_make_a_new_version_change_it_and_publish_it(default_version, administrator, sign_in_client):
    client = sign_in_client(administrator)
    response = client.post(_url("questionnaire-version-copy", default_version.pk))
    draft = QuestionnaireVersion.objects.get(questionnaire=default_version.questionnaire, number=2)
    assert response.url == _url("questionnaire-version-detail", draft.pk)
    question_url = _url("question-update", draft.pk, "washing")
    data = {"text": "How much help do you need to wash?", "easy_read_text": "", "help_text": "", "why_we_ask": ""}
    data.update(
        {
            f"points_{code}": points
            for code, points in [("none", "0"), ("prompting", "1"), ("some", "4"), ("most", "6"), ("all", "-2")]
        }
    )
    response = client.post(question_url, data)
    assert "must be a number from 0 to 99999.99" in _text(response) and 'class="govuk-error-summary"' in _text(response)
    data["points_all"] = "9"
    assert client.post(question_url, data).url == _url("questionnaire-version-detail", draft.pk)
    assert Question.objects.get(section__version=draft, code="washing").options.get(code="all").points == 9
    response = client.post(_url("questionnaire-version-detail", draft.pk), {})
    assert '<a href="#id_effective_from_0">' in _text(response)
    response = client.post(
        _url("questionnaire-version-detail", draft.pk),
        {"effective_from_0": "1", "effective_from_1": "4", "effective_from_2": "2027"},
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED


def test_the_easy_read_why_we_ask_is_changed_on_a_draft_and_shown_with_the_easy_read_title(
    small_version, administrator, sign_in_client
):
    client = sign_in_client(administrator)
    page = _text(client.get(_url("questionnaire-version-detail", small_version.pk)))
    assert "In Easy Read: People who help you" in page
    assert "Why we ask this, in Easy Read</dt>" in page and "So we know who helps you now." in page
    draft = services.questionnaire_version_copy(actor=administrator, version=small_version)
    question_url = _url("question-update", draft.pk, "family_support")
    page = _text(client.get(question_url))
    assert "Why we ask this, in Easy Read" in page and "So we know who helps you now.</textarea>" in page
    data = {
        "text": "How much help do family or friends give you?",
        "why_we_ask": "It tells us what help you already have.",
        "easy_read_why_we_ask": "So we know who helps you.",
        **{f"points_{code}": "0" for code in ("none", "some", "a_lot")},
    }
    assert client.post(question_url, data).url == _url("questionnaire-version-detail", draft.pk)
    assert Question.objects.get(section__version=draft, code="family_support").easy_read_why_we_ask == (
        "So we know who helps you."
    )
    assert "So we know who helps you.<" in _text(client.get(_url("questionnaire-version-detail", draft.pk)))


def test_a_draft_section_s_easy_read_title_is_changed_from_the_version_page(
    small_version, administrator, sign_in_client
):
    client = sign_in_client(administrator)
    published_url = _url("section-update", small_version.pk, "personal_care")
    assert published_url not in _text(client.get(_url("questionnaire-version-detail", small_version.pk)))
    assert client.post(published_url, {"easy_read_title": "Changed"}).url == _url(
        "questionnaire-version-detail", small_version.pk
    )
    draft = services.questionnaire_version_copy(actor=administrator, version=small_version)
    url = _url("section-update", draft.pk, "personal_care")
    assert url in _text(client.get(_url("questionnaire-version-detail", draft.pk)))
    response = client.post(url, {"easy_read_title": "x" * 201})
    assert 'class="govuk-error-summary"' in _text(response)
    assert "The Easy Read title must be 200 characters or fewer" in _text(response)
    assert client.post(url, {"easy_read_title": "Looking after yourself"}).url == _url(
        "questionnaire-version-detail", draft.pk
    )
    assert "In Easy Read: Looking after yourself" in _text(client.get(_url("questionnaire-version-detail", draft.pk)))
    assert client.get(_url("section-update", draft.pk, "nothing")).status_code == 404


def test_a_published_version_cannot_be_edited_from_its_page(default_version, administrator, sign_in_client):
    client = sign_in_client(administrator)
    url = _url("question-update", default_version.pk, "washing")
    assert client.get(url).url == _url("questionnaire-version-detail", default_version.pk)
    response = client.post(url, {"text": "Changed", "points_none": "5"})
    assert response.url == _url("questionnaire-version-detail", default_version.pk)
    question = Question.objects.get(section__version=default_version, code="washing")
    assert question.text != "Changed" and question.options.get(code="none").points == 0
    page = _text(client.get(_url("questionnaire-version-detail", default_version.pk)))
    assert "A published version never changes" in page
    assert "Make a new version" in page and "Change<span" not in page


def test_retire(default_version, administrator, sign_in_client):
    client = sign_in_client(administrator)
    client.post(_url("questionnaire-version-retire", default_version.pk))
    default_version.refresh_from_db()
    assert default_version.status == VersionStatus.RETIRED


def test_only_administrators(default_version, make_user, team, sign_in_client):
    for role in (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.COMMISSIONER):
        client = sign_in_client(make_user(role, team=team))
        assert client.get(_url("questionnaire-list")).status_code == 404
        assert client.post(_url("questionnaire-version-copy", default_version.pk)).status_code == 404
    assert QuestionnaireVersion.objects.count() == 2
