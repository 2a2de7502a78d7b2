"""Stored parameter sets give the rule exactly the shipped figures, and the right year by date."""

import datetime
from dataclasses import replace

import pytest

from firstperson.charging.exceptions import NoParametersInForce
from firstperson.charging.rules.reference_2025_26 import parameters_2025_26
from firstperson.charging.services import parameters

pytestmark = pytest.mark.django_db


def test_loading_the_defaults_publishes_them_once_and_reads_back_identically():
    stored = parameters.load_default_parameters()
    assert stored is not None and stored.version == "2025-26 v1"
    assert parameters.load_default_parameters() is None
    assert parameters.to_rules(stored) == replace(parameters_2025_26(), version="2025-26 v1")


def test_derived_and_unverified_figures_are_flagged_until_confirmed():
    stored = parameters.load_default_parameters()
    flagged = {source.field for source in parameters.figures_to_confirm(stored)}
    assert "mig.couple_working_age" in flagged and "mig.carer_premium" in flagged
    assert "mig.single_25_to_pension_age" not in flagged


@pytest.mark.parametrize(
    ("as_at", "found"),
    [(datetime.date(2025, 4, 1), True), (datetime.date(2026, 3, 31), True), (datetime.date(2025, 3, 31), False)],
)
def test_the_year_is_chosen_by_date(as_at, found):
    parameters.load_default_parameters()
    if found:
        assert parameters.parameters_in_force(as_at).financial_year == "2025-26"
    else:
        with pytest.raises(NoParametersInForce, match="2024-25"):
            parameters.parameters_in_force(as_at)
