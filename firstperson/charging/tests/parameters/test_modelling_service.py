"""Policy modelling over the current caseload: the §3.11a contrast, one query for the caseload."""

from decimal import Decimal as D

import pytest

from firstperson.charging.services import modelling, parameters
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .caseload import ASSESSED_ON, mr_b_and_mrs_a

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload(make_person, make_user):
    parameter_set = parameters.load_default_parameters()
    officer = make_user(Role.FINANCE_OFFICER)
    return parameter_set, officer, mr_b_and_mrs_a(make_person, officer)


def test_the_pip_night_switch_lowers_mr_b_only(caseload, django_assert_num_queries):
    parameter_set, _, (b, a) = caseload
    with django_assert_num_queries(3):  # income types twice (as now, changed), then the caseload once
        run = modelling.run(
            parameter_set=parameter_set,
            policy_overrides={"disregard_night_element_pip_daily_living": True},
            as_at=ASSESSED_ON,
        )
    summary = run.summary
    assert (summary.people, summary.pay_less, summary.pay_same, summary.pay_more) == (2, 1, 1, 0)
    assert summary.before_weekly == D("139.10") and summary.after_weekly == D("102.60")
    assert (summary.change_weekly, summary.change_annual) == (D("-36.50"), D("-1898.00"))
    assert [item.change_weekly for item in summary.largest_decreases] == [D("-36.50")]
    assert run.changed_levers == {"disregard_night_element_pip_daily_living": (False, True)}
    rows = {row.calculation_id: row for row in run.rows}
    assert (rows[str(b.pk)].before_weekly, rows[str(b.pk)].after_weekly) == (D("38.55"), D("2.05"))
    assert rows[str(a.pk)].change_weekly == 0


def test_a_maximum_charge_and_a_higher_dre(caseload):
    parameter_set, _, (b, a) = caseload
    run = modelling.run(
        parameter_set=parameter_set,
        policy_overrides={"maximum_charge_weekly": D("50.00"), "standard_dre_weekly": D("25.00")},
        as_at=ASSESSED_ON,
    )
    rows = {row.calculation_id: row.after_weekly for row in run.rows}
    assert rows == {str(b.pk): D("38.55"), str(a.pk): D("50.00")}  # Mr B's DRE is itemised
    assert run.summary.change_weekly == D("-50.55")


def test_no_change_changes_nothing_and_only_the_audit_is_written(caseload):
    parameter_set, officer, _ = caseload
    run = modelling.run(parameter_set=parameter_set, policy_overrides={}, as_at=ASSESSED_ON)
    assert run.summary.pay_same == 2 and run.summary.change_weekly == 0
    modelling.record(actor=officer, modelling_run=run, download=True)
    event = AuditEvent.objects.order_by("sequence").last()
    assert event.verb == AuditVerb.CHARGING_POLICY_MODELLED
    assert event.payload["per_person_download"] is True and event.payload["people"] == 2


def test_unknown_levers_are_refused(caseload):
    with pytest.raises(ValueError, match="Not policy levers"):
        modelling.run(parameter_set=caseload[0], policy_overrides={"mig": 1})


def test_csv_has_one_row_a_person(caseload):
    parameter_set, _, (b, _a) = caseload
    run = modelling.run(
        parameter_set=parameter_set,
        policy_overrides={"disregard_night_element_pip_daily_living": True},
        as_at=ASSESSED_ON,
    )
    rows = list(modelling.csv_rows(run))
    assert rows[0] == modelling.CSV_HEADER
    assert [str(b.pk), str(b.person_id), "Bilal Baxter", "38.55", "2.05", "-36.50", "-1898.00"] in rows
    assert len(rows) == 3
