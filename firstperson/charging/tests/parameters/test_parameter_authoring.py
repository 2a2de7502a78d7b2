"""Keeping the charging figures: confirm, new versions, editing drafts, publishing, retiring."""

import datetime
from decimal import Decimal as D

import pytest

from firstperson.charging.exceptions import ParametersLocked
from firstperson.charging.models import ChargingParameterSet, FigureSource, ParameterStatus
from firstperson.charging.services import parameter_authoring as authoring
from firstperson.charging.services import parameters
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.FINANCE_OFFICER)


@pytest.fixture
def published():
    return parameters.load_default_parameters()


def verbs():
    return list(AuditEvent.objects.order_by("sequence").values_list("verb", flat=True))


def test_confirming_a_flagged_figure_needs_a_note_and_is_audited(published, officer):
    source = published.sources.get(field="mig.carer_premium")
    with pytest.raises(ApplicationError, match="Say how you checked"):
        authoring.confirm_figure(actor=officer, source=source, note="  ")
    source.refresh_from_db()
    assert source.confirmed_at is None
    authoring.confirm_figure(actor=officer, source=source, note="LAC(DHSC)(2025)1 annex A")
    source.refresh_from_db()
    assert source.confirmed_by == officer and source.confirmed_at is not None
    assert "mig.carer_premium" not in {s.field for s in parameters.figures_to_confirm(published)}
    assert verbs()[-1] == AuditVerb.CHARGING_PARAMETERS_CONFIRMED
    with pytest.raises(ApplicationError, match="already confirmed"):
        authoring.confirm_figure(actor=officer, source=source, note="again")


def test_a_correction_copies_every_figure_and_confirmation_into_a_draft(published, officer):
    source = published.sources.get(field="mig.lone_parent")
    authoring.confirm_figure(actor=officer, source=source, note="checked")
    draft = authoring.new_version(actor=officer, parameter_set=published)
    assert (draft.version, draft.status, draft.based_on) == ("2025-26 v2", ParameterStatus.DRAFT, published)
    assert draft.effective_from == published.effective_from
    assert parameters.to_rules(draft).mig == parameters.to_rules(published).mig
    assert parameters.to_rules(draft).income_rules == parameters.to_rules(published).income_rules
    assert draft.sources.get(field="mig.lone_parent").confirmed_by == officer
    assert draft.sources.count() == published.sources.count()
    assert verbs()[-1] == AuditVerb.CHARGING_PARAMETERS_CREATED


def test_next_years_draft_starts_as_a_copy_with_every_statutory_figure_to_confirm(published, officer):
    draft = authoring.new_version(actor=officer, parameter_set=published, next_year=True)
    assert draft.version == "2026-27 v1"
    assert draft.year_start == datetime.date(2026, 4, 1) == draft.effective_from
    flagged = {s.field for s in parameters.figures_to_confirm(draft)}
    assert {"lower_capital_limit", "mig.single_25_to_pension_age", "night_element_weekly"} <= flagged
    assert "income.pension_credit_savings" in flagged
    assert not any(field.startswith("policy.") for field in flagged)


def test_a_published_set_never_changes(published, officer):
    for change in (
        lambda: authoring.update_figures(actor=officer, parameter_set=published, changes={"mig_carer_premium": D(1)}),
        lambda: authoring.update_income_treatments(actor=officer, parameter_set=published, values={}),
        lambda: authoring.publish(actor=officer, parameter_set=published),
    ):
        with pytest.raises(ParametersLocked, match="never changes"):
            change()
    published.refresh_from_db()
    assert published.mig_carer_premium == D("53.25")


def test_editing_a_draft_saves_and_audits_the_change(published, officer):
    draft = authoring.new_version(actor=officer, parameter_set=published)
    authoring.update_figures(
        actor=officer,
        parameter_set=draft,
        changes={"mig_carer_premium": D("53.30"), "policy_maximum_charge_weekly": D("2128.00")},
    )
    draft.refresh_from_db()
    assert draft.mig_carer_premium == D("53.30") and draft.policy_maximum_charge_weekly == D("2128.00")
    event = AuditEvent.objects.order_by("sequence").last()
    assert event.verb == AuditVerb.CHARGING_PARAMETERS_CHANGED
    assert event.payload["changed"]["mig_carer_premium"] == ["53.25", "53.30"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"mig_carer_premium": D("-1")}, "mig_carer_premium", "cannot be less than zero"),
        ({"upper_capital_limit": D("14000")}, "upper_capital_limit", "same as or more than the lower"),
        ({"policy_lower_capital_limit": D("14000")}, "policy_lower_capital_limit", "cannot be below the statutory"),
        ({"policy_upper_capital_limit": D("23000")}, "policy_upper_capital_limit", "cannot be below the statutory"),
        (
            {"policy_lower_capital_limit": D("30000")},
            "policy_upper_capital_limit",
            "upper capital limit in use must be",
        ),
        ({"effective_from": datetime.date(2026, 4, 1)}, "effective_from", "1 April 2025 to 31 March 2026"),
        ({"effective_from": datetime.date(2025, 3, 31)}, "effective_from", "in the financial year it is for"),
        (
            {"policy_minimum_charge_weekly": D("5"), "policy_maximum_charge_weekly": D("4")},
            "policy_maximum_charge_weekly",
            "cannot be below the minimum",
        ),
        ({"pension_credit_qualifying_age": 40}, "pension_credit_qualifying_age", "between 60 and 75"),
    ],
)
def test_bad_figures_are_refused_by_field_and_nothing_is_saved(published, officer, changes, field, message):
    draft = authoring.new_version(actor=officer, parameter_set=published)
    before = ChargingParameterSet.objects.filter(pk=draft.pk).values().get()
    events = AuditEvent.objects.count()
    with pytest.raises(authoring.FiguresInvalid) as refused:
        authoring.update_figures(actor=officer, parameter_set=draft, changes=changes)
    assert message in refused.value.problems[field]
    assert ChargingParameterSet.objects.filter(pk=draft.pk).values().get() == before
    assert AuditEvent.objects.count() == events


def test_every_problem_is_named_at_once(published, officer):
    draft = authoring.new_version(actor=officer, parameter_set=published)
    with pytest.raises(authoring.FiguresInvalid) as refused:
        authoring.update_figures(
            actor=officer,
            parameter_set=draft,
            changes={"lower_capital_limit": D("-5"), "mig_lone_parent": D("-1"), "policy_standard_dre_weekly": D("-2")},
        )
    assert set(refused.value.problems) == {"lower_capital_limit", "mig_lone_parent", "policy_standard_dre_weekly"}


def test_income_treatments_of_a_draft(published, officer):
    draft = authoring.new_version(actor=officer, parameter_set=published)
    authoring.update_income_treatments(
        actor=officer,
        parameter_set=draft,
        values={
            "pension_credit_savings": authoring.TreatmentValues("partly_disregarded", D("7.05"), D("10.60")),
            "war_pension": authoring.TreatmentValues("counted", D("5"), D("5")),
        },
    )
    rules = parameters.to_rules(draft).income_rules
    assert (
        rules["pension_credit_savings"].disregard_weekly_single,
        rules["pension_credit_savings"].disregard_weekly_couple,
    ) == (
        D("7.05"),
        D("10.60"),
    )
    assert rules["war_pension"].treatment == "counted" and rules["war_pension"].disregard_weekly_single == 0
    with pytest.raises(authoring.FiguresInvalid):
        authoring.update_income_treatments(
            actor=officer,
            parameter_set=draft,
            values={"esa": authoring.TreatmentValues("partly_disregarded", D("-1"), D("0"))},
        )


def test_publishing_a_draft_puts_it_in_force_and_retiring_takes_it_out(published, officer):
    draft = authoring.new_version(actor=officer, parameter_set=published)
    authoring.update_figures(actor=officer, parameter_set=draft, changes={"effective_from": datetime.date(2025, 10, 1)})
    authoring.publish(actor=officer, parameter_set=draft)
    draft.refresh_from_db()
    assert draft.status == ParameterStatus.PUBLISHED and draft.published_by == officer
    assert verbs()[-1] == AuditVerb.CHARGING_PARAMETERS_PUBLISHED
    assert parameters.parameters_in_force(datetime.date(2025, 9, 30)) == published
    assert parameters.parameters_in_force(datetime.date(2025, 10, 1)) == draft
    authoring.retire(actor=officer, parameter_set=draft)
    assert parameters.parameters_in_force(datetime.date(2025, 10, 1)) == published
    with pytest.raises(ApplicationError, match="already retired"):
        authoring.retire(actor=officer, parameter_set=draft)


def test_confirming_on_a_retired_set_is_refused(published, officer):
    authoring.retire(actor=officer, parameter_set=published)
    source = FigureSource.objects.get(parameter_set=published, field="mig.carer_premium")
    with pytest.raises(ApplicationError, match="retired"):
        authoring.confirm_figure(actor=officer, source=source, note="checked")
