"""`manage.py bench_planning` (make bench-planning) at a tiny size: it builds the plans it says, and
the three pages it measures use the same number of queries with few plans and with all of them."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from firstperson.planning.models import PlanStatus, SupportPlan
from firstperson.planning.rules.delegation import Decider

pytestmark = pytest.mark.django_db


def test_build_makes_open_plans_in_a_mix_of_statuses_and_tops_up():
    call_command("bench_planning", "build", plans=12, stdout=StringIO())
    call_command("bench_planning", "build", plans=20, stdout=StringIO())
    plans = SupportPlan.objects.filter(person__allocated_team__name="Bench planning team")
    assert plans.count() == 20
    assert plans.filter(status=PlanStatus.AWAITING_DECISION, decision_route=Decider.PANEL).count() == 4
    assert plans.filter(status=PlanStatus.AWAITING_DECISION, decision_route=Decider.TEAM_MANAGER).count() == 4
    assert plans.filter(status=PlanStatus.DRAFT, waiting_since__isnull=True).count() == 4
    assert plans.filter(status=PlanStatus.SUBMITTED, waiting_since__isnull=False).count() == 4


def test_measure_reports_the_same_number_of_queries_with_few_plans_and_with_all():
    call_command("bench_planning", "build", plans=40, stdout=StringIO())
    out = StringIO()
    call_command("bench_planning", "measure", small=10, runs=2, warm_up=1, stdout=out)
    report = json.loads(out.getvalue().strip().splitlines()[-1])
    assert report["plans"] == 40
    assert [page["page"] for page in report["pages"]] == [
        "funding panel queue",
        "practitioner's caseload",
        "team manager's decisions",
    ]
    for page in report["pages"]:
        assert page["queries_small"] == page["queries_all"] > 0
        assert page["median_ms"] > 0 and page["floor_median_ms"] > 0
    assert SupportPlan.objects.filter(status=PlanStatus.SUPERSEDED).count() == 0  # the small count rolled back


def test_measure_refuses_without_more_plans_than_the_small_count():
    call_command("bench_planning", "build", plans=5, stdout=StringIO())
    with pytest.raises(CommandError, match="build more than --small"):
        call_command("bench_planning", "measure", small=10, stdout=StringIO())
