"""The public "Check what support you might get": one question a page, answers kept in the session
only, a check page with change links, and an estimate plainly marked as not a decision. Nothing is
stored in the database."""

import pytest
from django.urls import reverse

from firstperson.allocation.models import BudgetModeration, IndicativeBudget
from firstperson.allocation.views.estimate import SESSION_KEY
from firstperson.platform.audit.models import AuditEvent

from ..fixtures import REFERENCE_ANSWERS

pytestmark = pytest.mark.django_db
ORDER = list(REFERENCE_ANSWERS)


def question_url(code):
    return reverse("estimate:estimate-question", args=[code])


def test_the_whole_check_stores_nothing(client, configuration):
    counts = (IndicativeBudget.objects.count(), BudgetModeration.objects.count(), AuditEvent.objects.count())
    start = client.get(reverse("estimate:estimate-start")).content.decode()
    assert "Answer 9 short questions" in start
    assert "This is an estimate, not a decision." in start
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
    assert "Help from family or friends: Personal care × 0.8: -3 points × £247.00" in result
    assert client.session[SESSION_KEY]["answers"] == REFERENCE_ANSWERS
    assert (IndicativeBudget.objects.count(), BudgetModeration.objects.count(), AuditEvent.objects.count()) == counts


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
    assert client.get(question_url("personal_care")).url == reverse("estimate:estimate-start")
    assert SESSION_KEY not in client.session
