"""The charging-figures pages and the policy-modelling pages, through the real views."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse

from firstperson.charging.models import ChargingParameterSet, FigureSource, ParameterStatus
from firstperson.charging.services import parameter_authoring as authoring
from firstperson.charging.services import parameters
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .caseload import mr_b_and_mrs_a

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.FINANCE_OFFICER)


@pytest.fixture
def http(officer, sign_in_client):
    return sign_in_client(officer)


@pytest.fixture
def published():
    return parameters.load_default_parameters()


@pytest.fixture
def draft(published, officer):
    return authoring.new_version(actor=officer, parameter_set=published)


def page(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_each_year_with_its_status_and_figures_to_confirm(http, published, draft):
    html = page(http.get(reverse("charging:parameter-list")))
    assert "2025-26 v1" in html and "2025-26 v2" in html
    assert "Published" in html and "Draft" in html
    assert "In force today" in html or "No published figures are in force today" in html


def test_a_set_shows_every_figure_with_its_source_and_flags_those_to_confirm(http, published):
    html = page(http.get(reverse("charging:parameter-detail", args=[published.pk])))
    for text in ("Capital", "Minimum Income Guarantee (weekly)", "The council&#x27;s local policy", "Income"):
        assert text in html
    assert "£14,250.00" in html and "£232.60" in html and "Pension Credit (savings credit)" in html
    assert "ruils.co.uk 2025-26 MIG rates" in html
    assert "govuk-warning-text" in html and "still to confirm" in html
    flagged = published.sources.get(field="mig.couple_working_age")
    assert reverse("charging:parameter-confirm", args=[published.pk, flagged.pk]) in html
    assert "Confirm this figure" in html
    # Published: no editing links, no publish button.
    assert reverse("charging:parameter-edit-capital", args=[published.pk]) not in html
    assert "Publish 2025-26 v1" not in html


def test_confirming_needs_a_note(http, published):
    source = published.sources.get(field="mig.carer_premium")
    url = reverse("charging:parameter-confirm", args=[published.pk, source.pk])
    html = page(http.post(url, {"note": ""}))
    assert "govuk-error-summary" in html and "Say how you checked the figure" in html
    source.refresh_from_db()
    assert source.confirmed_at is None
    response = http.post(url, {"note": "LAC(DHSC)(2025)1, annex A"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.confirmed_at is not None and source.confirmation_note == "LAC(DHSC)(2025)1, annex A"
    assert AuditEvent.objects.filter(verb=AuditVerb.CHARGING_PARAMETERS_CONFIRMED).count() == 1
    # Once confirmed, the page sends people back.
    assert http.get(url).status_code == 302


def test_a_figure_of_another_set_is_not_found(http, published, draft):
    source = FigureSource.objects.get(parameter_set=draft, field="mig.carer_premium")
    assert http.get(reverse("charging:parameter-confirm", args=[published.pk, source.pk])).status_code == 404


def test_make_a_new_version_for_next_year(http, published):
    url = reverse("charging:parameter-new-version", args=[published.pk])
    html = page(http.post(url, {}))
    assert "Choose whether the new version is for the same year or the next year" in html
    assert "<title>Error: Make a new version of 2025-26 v1" in html
    assert "<title>Error" not in page(http.get(url))
    response = http.post(url, {"which": "next_year"})
    new = ChargingParameterSet.objects.get(year_start__year=2026)
    assert response.status_code == 302 and response["Location"] == reverse("charging:parameter-detail", args=[new.pk])
    assert new.status == ParameterStatus.DRAFT and new.based_on == published


@pytest.mark.parametrize("group", ["capital", "mig", "income", "policy", "details"])
def test_each_group_of_a_draft_can_be_opened(http, draft, group):
    html = page(http.get(reverse(f"charging:parameter-edit-{group}", args=[draft.pk])))
    assert "<form" in html


def capital_form(**changes):
    data = {
        "lower_capital_limit": "14250.00",
        "upper_capital_limit": "23250.00",
        "tariff_step": "250.00",
        "tariff_per_step_weekly": "1.00",
    }
    data.update(changes)
    return data


def test_bad_figures_show_every_problem_and_save_nothing(http, draft):
    url = reverse("charging:parameter-edit-capital", args=[draft.pk])
    before = ChargingParameterSet.objects.filter(pk=draft.pk).values().get()
    html = page(
        http.post(url, capital_form(lower_capital_limit="-1", tariff_step="abc", tariff_per_step_weekly="1.001"))
    )
    assert "govuk-error-summary" in html
    assert "<title>Error: " in html and "<title>Error" not in page(http.get(url))
    assert "Lower capital limit cannot be less than zero" in html
    assert "Tariff income: for every (or part of) must be an amount in pounds" in html
    assert "at most 2 decimal places" in html
    html = page(http.post(url, capital_form(upper_capital_limit="14000")))
    assert "The upper capital limit must be the same as or more than the lower limit" in html
    assert 'href="#id_upper_capital_limit"' in html
    assert ChargingParameterSet.objects.filter(pk=draft.pk).values().get() == before


def test_local_limits_below_the_statutory_ones_are_refused(http, draft):
    url = reverse("charging:parameter-edit-policy", args=[draft.pk])
    data = {
        "policy_standard_dre_weekly": "20.00",
        "policy_disregard_night_element_attendance_allowance": "on",
        "policy_disregard_night_element_dla_care": "on",
        "policy_lower_capital_limit": "10000",
    }
    html = page(http.post(url, data))
    assert "A local lower capital limit cannot be below the statutory one (£14,250.00)" in html
    draft.refresh_from_db()
    assert draft.policy_lower_capital_limit is None


def test_effective_date_must_be_in_the_year(http, draft):
    url = reverse("charging:parameter-edit-details", args=[draft.pk])
    html = page(http.post(url, {"effective_from_0": "1", "effective_from_1": "4", "effective_from_2": "2026"}))
    assert "The date it takes effect must be in the financial year it is for" in html
    draft.refresh_from_db()
    assert str(draft.effective_from) == "2025-04-01"


def test_good_figures_are_saved(http, draft):
    url = reverse("charging:parameter-edit-policy", args=[draft.pk])
    data = {
        "policy_standard_dre_weekly": "10.85",
        "policy_minimum_charge_weekly": "1.25",
        "policy_disregard_night_element_attendance_allowance": "on",
    }
    assert http.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.policy_standard_dre_weekly == D("10.85") and draft.policy_minimum_charge_weekly == D("1.25")
    assert draft.policy_disregard_night_element_dla_care is False


def test_income_treatments_page_saves_the_savings_credit_disregard(http, draft):
    url = reverse("charging:parameter-edit-income", args=[draft.pk])
    data = {"night_element_weekly": "36.50"}
    for row in draft.income_types.all():
        data[f"treatment_{row.code}"] = row.treatment
        data[f"single_{row.code}"] = str(row.disregard_weekly_single)
        data[f"couple_{row.code}"] = str(row.disregard_weekly_couple)
    data["single_pension_credit_savings"] = "7.05"
    data["couple_esa"] = "-3"
    html = page(http.post(url, data))
    assert "cannot be less than zero" in html
    assert draft.income_types.get(code="pension_credit_savings").disregard_weekly_single == D("6.95")
    data["couple_esa"] = "0"
    assert http.post(url, data).status_code == 302
    assert draft.income_types.get(code="pension_credit_savings").disregard_weekly_single == D("7.05")


@pytest.mark.parametrize("group", ["capital", "mig", "income", "policy", "details"])
def test_a_published_set_refuses_changes(http, published, group):
    url = reverse(f"charging:parameter-edit-{group}", args=[published.pk])
    response = http.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("charging:parameter-detail", args=[published.pk])
    follow = http.post(url, capital_form(lower_capital_limit="1"), follow=True)
    assert "never changes: make a new version" in follow.content.decode()
    published.refresh_from_db()
    assert published.lower_capital_limit == D("14250.00")
    assert http.post(reverse("charging:parameter-publish", args=[published.pk])).status_code == 302


def test_publish_and_retire_a_draft(http, draft):
    html = page(http.get(reverse("charging:parameter-publish", args=[draft.pk])))
    assert "still to confirm" in html
    response = http.post(reverse("charging:parameter-publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ParameterStatus.PUBLISHED
    assert AuditEvent.objects.filter(verb=AuditVerb.CHARGING_PARAMETERS_PUBLISHED, object_id=str(draft.pk)).exists()
    assert http.post(reverse("charging:parameter-retire", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ParameterStatus.RETIRED


def test_administrators_keep_the_figures_too_but_commissioners_do_not(published, make_user, sign_in_client):
    admin = sign_in_client(make_user(Role.ADMINISTRATOR))
    assert admin.get(reverse("charging:parameter-detail", args=[published.pk])).status_code == 200
    commissioner = sign_in_client(make_user(Role.COMMISSIONER))
    assert commissioner.get(reverse("charging:parameter-detail", args=[published.pk])).status_code == 404


# --- Policy modelling ----------------------------------------------------------------------------


def levers(parameter_set, **changes):
    data = {
        "parameter_set": str(parameter_set.pk),
        "standard_dre_weekly": "20.00",
        "disregard_night_element_attendance_allowance": "on",
        "disregard_night_element_dla_care": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def caseload(published, make_person, officer):
    return mr_b_and_mrs_a(make_person, officer)


def test_the_modelling_page_starts_from_the_council_policy(http, published):
    html = page(http.get(reverse("charging:modelling")))
    assert "<title>Model a change to the charging policy" in html
    assert 'value="20.00"' in html
    assert "What the change would do" not in html


def test_modelling_shows_the_change_without_names(http, published, caseload):
    url = reverse("charging:modelling")
    html = page(http.get(url, levers(published, disregard_night_element_pip_daily_living="on")))
    assert "What the change would do" in html
    assert "2 people with a current financial assessment" in html
    assert "-£36.50" in html  # the weekly change, Mr B's fall (§3.11a)
    assert "Pay £20.00 to £49.99 a week less" in html
    assert "Bilal" not in html and "Ashworth" not in html
    assert "Download each person's figures (CSV)" in html
    assert AuditEvent.objects.filter(verb=AuditVerb.CHARGING_POLICY_MODELLED).count() == 1


def test_modelling_refuses_bad_levers_and_runs_nothing(http, published, caseload):
    html = page(
        http.get(reverse("charging:modelling"), levers(published, standard_dre_weekly="-5", lower_capital_limit="100"))
    )
    assert "govuk-error-summary" in html
    assert "<title>Error: Model a change to the charging policy" in html
    assert "Standard allowance for disability-related spending (weekly) cannot be less than zero" in html
    assert "A local capital limit cannot be below the statutory one" in html
    assert "What the change would do" not in html
    assert not AuditEvent.objects.filter(verb=AuditVerb.CHARGING_POLICY_MODELLED).exists()


def test_finance_officers_download_each_persons_figures(http, published, caseload):
    response = http.get(reverse("charging:modelling-download"), levers(published, maximum_charge_weekly="50.00"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["calculation_id", "person_id", "name"]
    assert rows[1][2:6] == ["Ada Ashworth", "100.55", "50.00", "-50.55"]
    event = AuditEvent.objects.get(verb=AuditVerb.CHARGING_POLICY_MODELLED)
    assert event.payload["per_person_download"] is True


def test_commissioners_see_the_summary_but_not_the_people(published, caseload, make_user, sign_in_client):
    commissioner = sign_in_client(make_user(Role.COMMISSIONER))
    html = page(commissioner.get(reverse("charging:modelling"), levers(published, maximum_charge_weekly="50.00")))
    assert "What the change would do" in html and "Download each person" not in html
    assert commissioner.get(reverse("charging:modelling-download"), levers(published)).status_code == 404
