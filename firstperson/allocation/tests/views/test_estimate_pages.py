"""The public "Check what support you might get": one question a page, answers carried between the
pages in a signed cookie that only the browser keeps, a check page with change links, and an
estimate plainly marked as not a decision. Nothing is stored: no record and no session."""

import html
import time
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from firstperson.allocation import selectors
from firstperson.allocation.models import BudgetModeration, IndicativeBudget
from firstperson.allocation.views.estimate import ANSWERS_COOKIE, ANSWERS_SALT, ANSWERS_TIME_LIMIT
from firstperson.assessment.models import Question
from firstperson.platform.audit.models import AuditEvent

from ..fixtures import NO_FAMILY_HELP, REFERENCE_ANSWERS, weighted_in_force

pytestmark = pytest.mark.django_db
ORDER = list(REFERENCE_ANSWERS)


def question_url(code):
    return reverse("estimate:estimate-question", args=[code])


def answer_everything(client):
    client.post(reverse("estimate:estimate-start"))
    for code in ORDER:
        client.post(question_url(code), {"answer": REFERENCE_ANSWERS[code]})


def test_the_whole_check_stores_nothing(client, configuration):
    counts = (IndicativeBudget.objects.count(), BudgetModeration.objects.count(), AuditEvent.objects.count())
    assert not Session.objects.exists()
    start = client.get(reverse("estimate:estimate-start")).content.decode()
    assert "Answer 9 short questions" in start
    assert "This is an estimate, not a decision." in start
    assert "Your answers are sent to us to work out the figure, but we do not keep them." in start
    assert "They are forgotten when you close your browser, when you start again, or after 2 hours." in start
    response = client.post(reverse("estimate:estimate-start"))
    assert response.url == question_url("personal_care")
    for index, code in enumerate(ORDER):
        content = client.get(question_url(code)).content.decode()
        assert f"question {index + 1} of 9" in content
        response = client.post(question_url(code), {"answer": REFERENCE_ANSWERS[code]})
        expected = question_url(ORDER[index + 1]) if index + 1 < len(ORDER) else reverse("estimate:estimate-check")
        assert response.url == expected
    check = client.get(reverse("estimate:estimate-check")).content.decode()
    assert "I need help with all of it, several times a day" in check
    result = client.get(reverse("estimate:estimate-result")).content.decode()
    assert "£9,534.20 a year" in result
    assert "about £183.35 a week" in result
    assert "This is an estimate, not a decision." in result
    # The adjustment's line in words, not as the rule wrote it (the rule's text is for staff).
    assert "Help from family or friends: we take 3 points off personal care, which is £741.00 a year less." in result
    assert "Personal care × 0.8" not in result
    assert "We have not kept your answers: they are forgotten when you close your browser or start again." in result
    # A visitor may not be known to us: no worker of theirs to agree more.
    assert "If you ask us for a needs assessment, a social worker can agree more if you need it." in result
    assert "Your worker" not in result
    started = configuration.effective_from
    assert (
        f"Worked out with the council's way of working out budgets that started on {started:%-d %B %Y}."
        in html.unescape(result)
    )
    assert "RAS v" not in result and configuration.version_label not in result
    assert "minus £741.00" in result and "-£" not in result
    assert (IndicativeBudget.objects.count(), BudgetModeration.objects.count(), AuditEvent.objects.count()) == counts
    # No session: not a row in django_session, and no session cookie; the answers are in our cookie.
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies
    assert cookie_answers(client, configuration) == REFERENCE_ANSWERS


def test_weights_and_caps_read_in_words(client, configuration, administrator):
    weighted_in_force(configuration, actor=administrator)
    client.post(reverse("estimate:estimate-start"))
    for code in ORDER:
        client.post(question_url(code), {"answer": NO_FAMILY_HELP[code]})

    result = html.unescape(client.get(reverse("estimate:estimate-result")).content.decode())

    assert (
        "Personal care counts for more: we multiply its points by 1.5, so we add 7.5 points, "
        "which is £1,852.50 a year more." in result
    )
    assert "Personal care has a limit of 10 points: we take 12.5 points off, which is £3,087.50 a year less." in result
    assert "Eating and drinking counts for less: we multiply its points by 0.5, so we take 3 points off" in result
    assert "weighted ×" not in result and "capped at" not in result and "-12.5" not in result


def test_the_result_builds_the_rules_configuration_once(client, configuration):
    """The figure and its lines in words use one pure configuration, built from the sections the
    page has already read."""
    answer_everything(client)
    with mock.patch.object(selectors, "ras_configuration_for", wraps=selectors.ras_configuration_for) as built:
        result = client.get(reverse("estimate:estimate-result")).content.decode()
    assert built.call_count == 1
    assert "Help from family or friends: we take 3 points off personal care" in result


def test_the_result_takes_a_fixed_number_of_queries(client, configuration, django_assert_max_num_queries):
    """Measured: 9 (the configuration; its sections, questions and answers; its weights and
    adjustments for the rule; the titles, adjustments and weights again for the method's sentences)."""
    answer_everything(client)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("estimate:estimate-result")).status_code == 200


def cookie_answers(client, configuration) -> dict[str, str]:
    """The answers the cookie holds, read from its places: each question's place in the
    configuration's order, with its answer's place among the options (-1 for none)."""
    questions = [q for section in selectors.configuration_sections(configuration) for q in section.questions.all()]
    given = signing.loads(client.cookies[ANSWERS_COOKIE].value, salt=ANSWERS_SALT)["given"]
    answers = {}
    for question_place, option_place in given:
        question = questions[question_place]
        answers[question.code] = [o.code for o in question.options.all()][option_place] if option_place >= 0 else ""
    return answers


def test_the_cookie_holds_places_not_codes_so_it_stays_small(client, configuration):
    """A browser keeps at most about 4 KB a cookie: however long a council's codes are, the answers
    take a few bytes a question."""
    answer_everything(client)
    value = client.cookies[ANSWERS_COOKIE].value
    given = signing.loads(value, salt=ANSWERS_SALT)["given"]
    assert len(given) == len(REFERENCE_ANSWERS)
    assert all(type(place) is int for pair in given for place in pair)
    assert len(value) < 300, len(value)


def test_an_optional_question_left_unanswered_is_kept_as_seen_with_no_answer(client, configuration):
    # The fixture's questions are all required; this test makes one optional (as a council may).
    Question.objects.filter(section__version=configuration.questionnaire_version, code="family_support").update(
        required=False
    )
    client.post(reverse("estimate:estimate-start"))
    for code in ORDER:
        client.post(question_url(code), {"answer": REFERENCE_ANSWERS[code]} if code != "family_support" else {})
    assert cookie_answers(client, configuration) == {**REFERENCE_ANSWERS, "family_support": ""}
    check = client.get(reverse("estimate:estimate-check"))
    assert check.status_code == 200  # every question seen: no question is asked again
    assert "Not answered" in check.content.decode()


def test_the_answers_cookie_ends_with_the_browser_and_goes_only_to_these_pages(client, configuration):
    cookie = client.post(reverse("estimate:estimate-start")).cookies[ANSWERS_COOKIE]
    assert (cookie["max-age"], cookie["expires"]) == ("", "")
    assert cookie["path"] == reverse("estimate:estimate-start")
    assert (cookie["httponly"], cookie["samesite"], cookie["secure"]) == (True, "Lax", "")
    with override_settings(SESSION_COOKIE_SECURE=True):
        assert client.post(reverse("estimate:estimate-start")).cookies[ANSWERS_COOKIE]["secure"] is True


def test_the_cookies_page_lists_the_answers_cookie_and_how_long_it_lasts(client, db):
    content = client.get(reverse("ui:cookies")).content.decode()
    assert f'<td class="govuk-table__cell fp-break-words">{ANSWERS_COOKIE}</td>' in content
    assert f"We stop reading it after {ANSWERS_TIME_LIMIT // 3600} hours" in content


def test_starting_again_forgets_the_answers(client, configuration):
    answer_everything(client)
    assert client.get(reverse("estimate:estimate-check")).status_code == 200
    response = client.post(reverse("estimate:estimate-start"))
    assert response.url == question_url("personal_care")
    assert signing.loads(client.cookies[ANSWERS_COOKIE].value, salt=ANSWERS_SALT)["given"] == []
    assert client.get(reverse("estimate:estimate-check")).url == question_url("personal_care")


# Signed in the test, not here: a signature holds the time, and a test's name must be the same in
# every process that collects it (pytest-xdist compares them).
@pytest.mark.parametrize(
    ("salt", "payload"),
    [
        (None, "not-signed"),
        ("firstperson.charging.estimate.answers", {"configuration": "x", "given": {}}),
        (ANSWERS_SALT, ["not", "a", "dict"]),
        (ANSWERS_SALT, {"configuration": 7, "given": []}),
        (ANSWERS_SALT, {"configuration": "x", "given": [[0, "level_3"]]}),
        (ANSWERS_SALT, {"configuration": "not-an-id", "given": []}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": {"personal_care": "level_3"}}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": [[0, 1, 2]]}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": [[True, 0]]}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": [[99, 0]]}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": [[-1, 0]]}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": [[0, 99]]}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": [[0, -2]]}),
        (ANSWERS_SALT, {"configuration": "{configuration}", "given": [[0, 1], [0, 2]]}),
    ],
    ids=[
        "not-signed",
        "another-pages-cookie",
        "not-a-dict",
        "id-not-text",
        "answer-not-a-place",
        "no-such-configuration",
        "codes-not-places",
        "not-a-pair",
        "true-is-not-a-place",
        "no-such-question",
        "negative-question",
        "no-such-answer",
        "negative-answer",
        "question-twice",
    ],
)
def test_a_changed_or_foreign_cookie_is_ignored_and_starts_again(client, configuration, salt, payload):
    if isinstance(payload, dict) and payload.get("configuration") == "{configuration}":
        payload = {**payload, "configuration": str(configuration.pk)}
    value = payload if salt is None else signing.dumps(payload, salt=salt)
    client.cookies[ANSWERS_COOKIE] = value
    for url in (question_url("personal_care"), reverse("estimate:estimate-check"), reverse("estimate:estimate-result")):
        response = client.get(url)
        assert response.url == reverse("estimate:estimate-start")
        assert response.cookies[ANSWERS_COOKIE].value == ""  # forgotten
        client.cookies[ANSWERS_COOKIE] = value
    assert client.post(question_url("personal_care"), {"answer": "level_3"}).url == reverse("estimate:estimate-start")


def test_a_tampered_answer_is_not_believed(client, configuration):
    answer_everything(client)
    signed = client.cookies[ANSWERS_COOKIE].value
    payload, rest = signed.split(":", 1)
    client.cookies[ANSWERS_COOKIE] = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + ":" + rest
    assert client.get(reverse("estimate:estimate-result")).url == reverse("estimate:estimate-start")


def test_answers_are_forgotten_after_the_time_limit(client, configuration):
    with mock.patch("time.time", return_value=time.time() - ANSWERS_TIME_LIMIT - 1):
        answer_everything(client)
    assert client.get(reverse("estimate:estimate-result")).url == reverse("estimate:estimate-start")


def test_an_answer_is_needed(client, configuration):
    client.post(reverse("estimate:estimate-start"))
    response = client.post(question_url("personal_care"), {})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Choose the answer that fits you best" in content
    assert "govuk-error-summary" in content
    response = client.post(question_url("personal_care"), {"answer": "level_9"})
    assert "Choose one of the answers shown" in response.content.decode()


def test_questions_cannot_be_skipped_and_changes_return_to_the_check_page(client, configuration):
    client.post(reverse("estimate:estimate-start"))
    assert client.get(question_url("safety")).url == question_url("personal_care")
    assert client.get(reverse("estimate:estimate-result")).url == question_url("personal_care")
    for code in ORDER:
        client.post(question_url(code), {"answer": REFERENCE_ANSWERS[code]})
    response = client.post(question_url("family_support"), {"answer": "none"})
    assert response.url == reverse("estimate:estimate-check")
    assert "£10,868.00 a year" in client.get(reverse("estimate:estimate-result")).content.decode()


def test_an_unknown_question_is_not_found(client, configuration):
    client.post(reverse("estimate:estimate-start"))
    assert client.get(question_url("pets")).status_code == 404


def test_without_starting_every_page_goes_to_the_start(client, configuration):
    for name in ("estimate:estimate-check", "estimate:estimate-result"):
        assert client.get(reverse(name)).url == reverse("estimate:estimate-start")
    assert client.get(question_url("personal_care")).url == reverse("estimate:estimate-start")


def test_without_a_configuration_in_force(client, db):
    content = client.get(reverse("estimate:estimate-start")).content.decode()
    assert "This check is not available at the moment." in content
    assert client.post(reverse("estimate:estimate-start")).url == reverse("estimate:estimate-start")


def test_a_configuration_retired_meanwhile_starts_again(client, configuration, administrator):
    from firstperson.allocation import services

    client.post(reverse("estimate:estimate-start"))
    services.configuration_retire(actor=administrator, configuration=configuration)
    response = client.get(question_url("personal_care"))
    assert response.url == reverse("estimate:estimate-start")
    assert response.cookies[ANSWERS_COOKIE].value == ""
