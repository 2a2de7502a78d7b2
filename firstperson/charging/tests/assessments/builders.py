"""Data for the financial assessment tests, made with the real services."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal as D

from django.core.files.uploadedfile import SimpleUploadedFile

from firstperson.charging.models import ChargingParameterSet, ParameterStatus
from firstperson.charging.rules.reference_2025_26 import FIGURE_SOURCES, parameters_2025_26
from firstperson.charging.services import assessments as services
from firstperson.charging.services.parameters import create_parameter_set, load_default_parameters

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def load_parameters() -> None:
    """The shipped 2025-26 figures, and the same figures as 2026-27 so that "today" has a year."""
    load_default_parameters()
    if not ChargingParameterSet.objects.filter(year_start=datetime.date(2026, 4, 1)).exists():
        figures = dataclasses.replace(parameters_2025_26(), year_start=datetime.date(2026, 4, 1), version="2026-27 v1")
        create_parameter_set(figures, sources=FIGURE_SOURCES, status=ParameterStatus.PUBLISHED)


def upload(content: bytes = PDF, name: str = "award-letter.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def fill_worked_example_2(actor, assessment, *, officer=False):
    """Mrs A of REFERENCE §3.11: £100.55 a week with the 2025-26 figures."""
    services.assessment_update(
        actor=actor,
        assessment=assessment,
        values={
            "kind": "full",
            "household": "single",
            "housing_costs_amount": D("28.00"),
            "housing_costs_period": "weekly",
        },
        officer=officer,
    )
    services.capital_add(actor=actor, assessment=assessment, type="main_home", value=D("200000"), officer=officer)
    services.capital_add(actor=actor, assessment=assessment, type="savings", value=D("18300.00"), officer=officer)
    services.income_add(
        actor=actor, assessment=assessment, code="state_pension", amount=D("230.25"), period="weekly", officer=officer
    )
    services.income_add(
        actor=actor,
        assessment=assessment,
        code="occupational_pension",
        amount=D("60.00"),
        period="weekly",
        officer=officer,
    )
    services.income_add(
        actor=actor,
        assessment=assessment,
        code="attendance_allowance_higher",
        amount=D("110.40"),
        period="weekly",
        officer=officer,
    )


def all_steps_done(actor, assessment):
    for step in services.STEPS:
        assessment = services.step_done(actor=actor, assessment=assessment, step=step)
    return assessment


def confirm_all(officer, assessment):
    for item in [*assessment.capital.all(), *assessment.income.all()]:
        services.item_check(actor=officer, item=item, status="confirmed")
