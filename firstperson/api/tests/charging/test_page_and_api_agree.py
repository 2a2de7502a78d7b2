"""The public estimate page and the calculator API work the figure out with the same rule and the
same parameter set: the same circumstances give the same lines, to the penny."""

import datetime

import pytest

from firstperson.charging.rules import charging as rules
from firstperson.charging.services.parameters import parameters_for_estimate, parameters_in_force, to_rules
from firstperson.charging.views import estimate as page

from .conftest import Api

pytestmark = pytest.mark.django_db

ANSWERS = {
    "age": 70,
    "household": "single",
    "savings": "18300.00",
    "income": ["state-pension", "work-pension", "attendance-allowance"],
    "income-state-pension": {"rate": "state_pension", "amount": "230.25", "period": "weekly"},
    "income-work-pension": {"rate": "occupational_pension", "amount": "260.00", "period": "monthly"},
    "income-attendance-allowance": {"rate": "attendance_allowance_higher", "amount": "110.40", "period": "weekly"},
    "housing": {"amount": "28.00", "period": "weekly"},
    "care-cost": "",
}
REQUEST = {
    "as_at": "2025-10-01",
    "person": {"age": 70, "household": "single"},
    "capital": [{"type": "savings", "value": "18300.00"}],
    "income": [
        {"type": "state_pension", "amount": "230.25", "period": "weekly"},
        {"type": "occupational_pension", "amount": "260.00", "period": "monthly"},
        {"type": "attendance_allowance_higher", "amount": "110.40", "period": "weekly"},
    ],
    "housing_costs": {"amount": "28.00", "period": "weekly"},
    "weekly_cost_of_care": "336.00",
}


def test_the_page_and_the_api_give_the_same_lines(parameters):
    parameter_set = parameters_for_estimate(datetime.date(2025, 10, 1))
    assert parameter_set == parameters_in_force(datetime.date(2025, 10, 1))
    figures = to_rules(parameter_set)
    data, typical = page.charging_input(ANSWERS, parameters=figures)
    assert typical
    from_page = rules.calculate(data, figures)
    from_api = Api().calculate(REQUEST).json()
    assert from_api["weekly_contribution"] == f"{from_page.weekly_contribution:.2f}" == "100.55"
    assert [line["description"] for line in from_api["lines"]] == [line.description for line in from_page.lines]
    assert [line["amount"] for line in from_api["lines"]] == [f"{line.amount:.2f}" for line in from_page.lines]
