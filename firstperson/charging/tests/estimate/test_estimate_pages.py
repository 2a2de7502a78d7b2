"""The public "Estimate what you might pay": one question a page, the answers carried from page to
page in a signed token (never the session), a check page with change links, and an estimate worked
out by the charging rule with the parameter set in force, every line explained and plainly marked as
only an estimate. Nothing is stored: no record, no session row, no session cookie."""

import datetime
import re
from dataclasses import replace
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.urls import reverse

from firstperson.charging.models import ChargingCalculation, Contribution, FinancialAssessment
from firstperson.charging.rules.reference_2025_26 import FIGURE_SOURCES, parameters_2025_26
from firstperson.charging.services.parameters import create_parameter_set, load_default_parameters
from firstperson.charging.views import estimate as views
from firstperson.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
START = reverse("charging-estimate:estimate-start")
CHECK = reverse("charging-estimate:estimate-check")
RESULT = reverse("charging-estimate:estimate-result")

#: REFERENCE §3.11, Mrs A, as a member of the public would answer (the care cost left blank: the
#: typical figure is the §3.11 care plan, 12 hours at £28.00).
MRS_A = [
    ("age", {"age": "70"}),
    ("household", {"household": "single"}),
    ("savings", {"savings": "£18,300"}),
    ("income", {"kinds": ["state-pension", "work-pension", "attendance-allowance"]}),
    ("income-state-pension", {"amount": "230.25", "period": "weekly"}),
    ("income-work-pension", {"amount": "260", "period": "monthly"}),
    ("income-attendance-allowance", {"rate": "attendance_allowance_higher", "amount": "110.40", "period": "weekly"}),
    ("housing", {"amount": "28.00", "period": "weekly"}),
    ("care-cost", {"weekly_cost": ""}),
]

#: REFERENCE §3.10, Mr B: the page uses the standard allowance for the extra costs of disability
#: (£20.00, not his itemised £21.00), so the estimate is £1.00 more than the worked example's £38.55.
MR_B = [
    ("age", {"age": "30"}),
    ("household", {"household": "single"}),
    ("savings", {"savings": "3000"}),
    ("income", {"kinds": ["esa", "pip-daily-living", "mobility"]}),
    ("income-esa", {"amount": "281.10", "period": "fortnightly"}),
    ("income-pip-daily-living", {"rate": "pip_daily_living_enhanced", "amount": "441.60", "period": "four_weekly"}),
    ("housing", {"amount": "5", "period": "weekly"}),
    ("care-cost", {"weekly_cost": "540.00"}),
]


def question_url(step):
    return reverse("charging-estimate:estimate-question", args=[step])


def text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


@pytest.fixture
def in_2025_26(db, monkeypatch):
    """The shipped 2025-26 figures published, and today 1 October 2025."""
    monkeypatch.setattr(views, "_today", lambda: datetime.date(2025, 10, 1))
    return load_default_parameters()


def split(url):
    """(path, token) of a URL of the estimate."""
    parts = urlsplit(url)
    return parts.path, (parse_qs(parts.query).get(views.TOKEN_FIELD) or [None])[0]


class Visitor:
    """A member of the public with a browser: follows the redirects' tokens as a browser would."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def start(self):
        response = self.client.post(START)
        path, self.token = split(response.url)
        return path

    def _take(self, response):
        if response.status_code == 302:
            path, token = split(response.url)
            if token:
                self.token = token
            return path
        return response

    def post(self, step, data):
        """The path it goes to next (a redirect) or the page with its errors."""
        return self._take(self.client.post(question_url(step), {**data, views.TOKEN_FIELD: self.token}))

    def get(self, url):
        """The page, or the path it redirects to."""
        return self._take(self.client.get(url, {views.TOKEN_FIELD: self.token} if self.token else {}))

    def state(self):
        return views.state_from_token(self.token)


def answer_all(client, answers) -> Visitor:
    visitor = Visitor(client)
    assert visitor.start() == question_url(answers[0][0])
    for index, (step, data) in enumerate(answers):
        path = visitor.post(step, data)
        expected = question_url(answers[index + 1][0]) if index + 1 < len(answers) else CHECK
        assert path == expected, (step, path if isinstance(path, str) else text(path))
    return visitor


def counts():
    return [model.objects.count() for model in (FinancialAssessment, ChargingCalculation, Contribution, AuditEvent)]


def test_worked_example_2_from_start_to_estimate_stores_nothing(client, in_2025_26):
    before = counts()
    start = text(client.get(START))
    assert "This is only an estimate. It is not a bill and it is not a decision." in start
    visitor = answer_all(client, MRS_A)
    check = text(visitor.get(CHECK))
    assert "How old are you? 70" in check
    assert "The higher rate: £110.40 a week" in check
    assert "£260.00 a month" in check
    assert "I do not know (we use £336.00 a week)" in check
    result = text(visitor.get(RESULT))
    assert "You might pay £100.55 a week" in result
    assert "you could afford to pay £100.55 a week. Your care costs £336.00 a week." in result
    assert "the council pays £235.45 a week" in result
    assert "Minimum Income Guarantee: Basic amount (Pension Credit age or over) minus £232.60" in result
    assert "the night part, £36.50, is not counted because the council arranges no care at night £73.90" in result
    assert "we used £336.00 a week: about 12 hours of help at home at £28.00 an hour" in result
    assert "This is only an estimate." in result
    assert "2025-26 charging figures (2025-26 v1)" in result
    assert "has not published" not in result
    assert 'href="/my-account/financial-assessment/"' in visitor.get(RESULT).content.decode()
    assert visitor.state()["answers"]["savings"] == "18300.00"
    assert counts() == before


def test_the_whole_journey_creates_no_session_and_no_session_cookie(client, in_2025_26):
    visitor = answer_all(client, MRS_A)
    visitor.get(question_url("savings"))
    visitor.get(CHECK)
    assert "You might pay £100.55 a week" in text(visitor.get(RESULT))
    assert visitor.start() == question_url("age")
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert not Session.objects.exists()


def test_attendance_allowance_at_pension_credit_age_adds_no_disability_premium(client, in_2025_26):
    """Mrs A names Attendance Allowance, but at 70 the rule's likely premiums add none (REFERENCE §3.11)."""
    visitor = answer_all(client, MRS_A)
    result = text(visitor.get(RESULT))
    assert "You might pay £100.55 a week" in result
    assert "Disability premium" not in result and "we have added" not in result


def test_each_page_carries_the_answers_in_a_signed_token(client, in_2025_26):
    visitor = answer_all(client, MRS_A)
    page = visitor.get(question_url("housing")).content.decode()
    assert f'name="{views.TOKEN_FIELD}" value="{visitor.token}"' in page
    check = visitor.get(CHECK).content.decode()
    assert f"{question_url('savings')}?{views.TOKEN_FIELD}=" in check.replace("&amp;", "&")
    assert f"{RESULT}?{views.TOKEN_FIELD}=" in check


def test_a_changed_token_is_not_believed(client, in_2025_26):
    visitor = answer_all(client, MRS_A)
    state = visitor.state()
    state["answers"]["savings"] = "0.00"
    forged = signing.dumps(state, salt="another salt", compress=True)
    for token in (forged, visitor.token[:-2] + "xx", "nonsense"):
        response = client.get(RESULT, {views.TOKEN_FIELD: token})
        assert response.url == f"{START}?again=1"
    response = client.post(question_url("savings"), {"savings": "0", views.TOKEN_FIELD: forged})
    assert response.url == f"{START}?again=1"
    assert "Please start again" in text(client.get(f"{START}?again=1"))


def test_an_old_token_means_starting_again(client, in_2025_26, monkeypatch):
    visitor = answer_all(client, MRS_A)
    assert "You might pay" in text(visitor.get(RESULT))
    monkeypatch.setattr(views, "TOKEN_MAX_AGE", 0)
    assert client.get(RESULT, {views.TOKEN_FIELD: visitor.token}).url == f"{START}?again=1"


def test_worked_example_1_with_the_standard_allowance_and_premiums_from_the_benefits(client, in_2025_26):
    visitor = answer_all(client, MR_B)
    result = text(visitor.get(RESULT))
    assert "You might pay £39.55 a week" in result
    assert "Minimum Income Guarantee: Disability premium minus £49.65" in result
    assert "Minimum Income Guarantee: Enhanced disability premium minus £24.25" in result
    assert "we have added the disability premium and the enhanced disability premium" in result
    assert "Extra costs of disability: the council's standard allowance minus £20.00" in result
    assert "The mobility part of PIP or DLA is never counted" in result
    assert "Employment and Support Allowance, £281.10 a fortnight (£140.55 a week) £140.55" in result


def test_savings_over_the_upper_limit_mean_the_full_cost(client, in_2025_26):
    answers = dict(MRS_A)
    answers["savings"] = {"savings": "30000"}
    answers["care-cost"] = {"weekly_cost": "250"}
    visitor = answer_all(client, list(answers.items()))
    result = text(visitor.get(RESULT))
    assert "You might pay £250.00 a week" in result
    assert "Your savings are more than £23,250.00." in result


def test_little_income_means_nothing_to_pay(client, in_2025_26):
    answers = [
        ("age", {"age": "40"}),
        ("household", {"household": "single"}),
        ("savings", {"savings": "0"}),
        ("income", {"kinds": ["universal-credit"]}),
        ("income-universal-credit", {"amount": "400", "period": "monthly"}),
        ("housing", {"amount": "0", "period": "weekly"}),
        ("care-cost", {"weekly_cost": "100"}),
    ]
    visitor = answer_all(client, answers)
    result = text(visitor.get(RESULT))
    assert "You might pay £0.00 a week" in result
    assert "you would probably not have to pay anything towards your care" in result


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("age", {}, "Enter your age"),
        ("age", {"age": "seventy"}, "Enter your age as a number, like 70"),
        ("age", {"age": "17"}, "This estimate is for adults: your age must be 18 or over"),
        ("age", {"age": "150"}, "Enter an age of 120 or under"),
    ],
)
def test_a_wrong_age_is_explained(client, in_2025_26, step, data, message):
    visitor = Visitor(client)
    visitor.start()
    response = visitor.post(step, data)
    assert response.status_code == 200
    page = text(response)
    assert "<title>Error: How old are you?" in response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert "govuk-error-summary" in response.content.decode()


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("savings", {"savings": ""}, "Enter how much you have in savings"),
        ("savings", {"savings": "-5"}, "Enter how much you have in savings as £0 or more"),
        ("savings", {"savings": "lots"}, "Enter how much you have in savings as a number, like 120 or 120.50"),
        ("savings", {"savings": "100.555"}, "no more than 2 numbers after the point"),
        ("income", {}, "Choose the money you get, or choose None of these"),
        ("income", {"kinds": ["none", "esa"]}, "Choose the money you get, or None of these, but not both"),
        ("income", {"kinds": ["lottery"]}, "Choose from the list"),
        ("housing", {"amount": "28"}, "Choose how often you pay this amount"),
        ("housing", {"period": "weekly"}, "Enter how much you pay for your home"),
        ("care-cost", {"weekly_cost": "-1"}, "Enter how much your care will cost each week as £0 or more"),
    ],
)
def test_other_wrong_answers_are_explained(client, in_2025_26, step, data, message):
    answers = dict(MRS_A)
    answers["income"] = {"kinds": ["none"]}
    visitor = Visitor(client)
    visitor.start()
    for earlier, earlier_data in answers.items():
        if earlier == step:
            break
        if earlier.startswith("income-"):
            continue
        assert isinstance(visitor.post(earlier, earlier_data), str)
    response = visitor.post(step, data)
    assert response.status_code == 200
    assert message in text(response)
    assert "<title>Error: " in response.content.decode()


def test_an_income_amount_needs_a_rate_amount_and_how_often(client, in_2025_26):
    visitor = answer_all(client, MRS_A)
    response = visitor.post("income-attendance-allowance", {"amount": "1.234"})
    page = text(response)
    assert "Choose which rate you get" in page
    assert "Enter how much you get with no more than 2 numbers after the point" in page
    assert "Choose how often you get this amount" in page


def test_questions_cannot_be_skipped(client, in_2025_26):
    visitor = Visitor(client)
    visitor.start()
    assert visitor.get(question_url("savings")) == question_url("age")
    assert visitor.get(CHECK) == question_url("age")
    assert visitor.get(RESULT) == question_url("age")
    visitor.post("age", {"age": "70"})
    assert visitor.get(RESULT) == question_url("household")


def test_a_partner_or_children_brings_the_children_question(client, in_2025_26):
    answers = dict(MRS_A)
    answers["household"] = {"household": "lone_parent"}
    steps = list(answers.items())
    steps.insert(2, ("children", {"children": "2"}))
    visitor = answer_all(client, steps)
    result = text(visitor.get(RESULT))
    assert "Minimum Income Guarantee: For 2 dependent children minus £205.90" in result
    # Living on one's own again: the children question and its answer go.
    assert visitor.post("household", {"household": "single"}) == CHECK
    assert "children" not in visitor.state()["answers"]
    assert "How many children" not in text(visitor.get(CHECK))
    assert "You might pay £100.55 a week" in text(visitor.get(RESULT))


def test_changing_the_kinds_of_income_asks_only_the_new_ones(client, in_2025_26):
    visitor = answer_all(client, MRS_A)
    path = visitor.post("income", {"kinds": ["state-pension", "attendance-allowance", "carers-allowance"]})
    assert path == question_url("income-carers-allowance")
    assert visitor.get(CHECK) == question_url("income-carers-allowance")
    assert visitor.post("income-carers-allowance", {"amount": "83.30", "period": "weekly"}) == CHECK
    answers = visitor.state()["answers"]
    assert "income-work-pension" not in answers
    result = text(visitor.get(RESULT))
    assert "Carer's Allowance, £83.30 a week £83.30" in result
    assert "Minimum Income Guarantee: Carer premium minus £53.25" in result
    assert "Pension from a former employer" not in result


def test_a_change_from_the_check_page_goes_back_to_it(client, in_2025_26):
    visitor = answer_all(client, MRS_A)
    page = visitor.get(question_url("savings"))
    assert 'value="18300.00"' in page.content.decode()
    assert f'href="{CHECK}?{views.TOKEN_FIELD}=' in page.content.decode()
    assert visitor.post("savings", {"savings": "3000"}) == CHECK
    assert "You might pay £83.55 a week" in text(visitor.get(RESULT))


def test_without_starting_every_page_goes_to_the_start(client, in_2025_26):
    for url in (CHECK, RESULT, question_url("age"), question_url("no-such-question")):
        assert client.get(url).url == START


def test_an_unknown_question_is_not_found(client, in_2025_26):
    visitor = Visitor(client)
    visitor.start()
    assert visitor.get(question_url("no-such-question")).status_code == 404
    assert visitor.get(question_url("income-mobility")).status_code == 404  # never asked how much
    assert visitor.get(question_url("children")).status_code == 404  # not asked of someone on their own


def test_without_any_published_figures_the_estimate_is_not_available(client, db):
    page = text(client.get(START))
    assert "This estimate is not available at the moment." in page
    assert client.post(START).url == START


def test_before_this_years_figures_are_published_the_latest_are_used_and_said(client, in_2025_26, monkeypatch):
    monkeypatch.setattr(views, "_today", lambda: datetime.date(2026, 11, 22))
    visitor = answer_all(client, MRS_A)
    result = text(visitor.get(RESULT))
    assert "You might pay £100.55 a week" in result
    assert (
        "The council has not published its charging figures for 2026-27 yet, so we used the 2025-26 figures." in result
    )


def test_the_figures_in_force_on_the_day_are_used(client, in_2025_26, monkeypatch):
    later = replace(parameters_2025_26(), year_start=datetime.date(2026, 4, 1))
    create_parameter_set(later.with_policy(standard_dre_weekly=Decimal("25.00")), sources=FIGURE_SOURCES,
                         status="published")  # fmt: skip
    visitor = answer_all(client, MRS_A)
    assert "You might pay £100.55 a week" in text(visitor.get(RESULT))
    monkeypatch.setattr(views, "_today", lambda: datetime.date(2026, 4, 1))
    result = text(visitor.get(RESULT))
    assert "You might pay £95.55 a week" in result
    assert "2026-27 charging figures (2026-27 v1)" in result


def test_starting_again_forgets_the_answers(client, in_2025_26):
    visitor = answer_all(client, MRS_A)
    visitor.start()
    assert visitor.state() == {"answers": {}, "seen": []}
    assert visitor.get(RESULT) == question_url("age")


def test_the_public_start_page_links_to_the_estimate(client, db):
    assert f'href="{START}"' in client.get("/").content.decode()
