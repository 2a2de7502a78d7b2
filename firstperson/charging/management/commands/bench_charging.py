"""Benchmark support for `make bench-charging` (scripts/bench-charging.sh drives it).

    manage.py bench_charging calculator --seconds 5      the pure rule's calls a second on an input mix
    manage.py bench_charging build --assessments 200000  a synthetic caseload: completed assessments,
                                                         each with a current 2025-26 calculation
    manage.py bench_charging run                         the uprating job to made-up 2026-27 figures,
                                                         timed from start to finished report
    manage.py bench_charging floor                       the same rows read and written by bare SQL

The caseload is built once and reused (the build is skipped when the count matches). Each `run`
first removes the previous run's proposals and job (not timed), then starts a fresh job and runs it
in this process to the end, the change report included. The floor is one INSERT ... SELECT that
copies the same current calculations as proposals inside the database (no Python per row), then
deletes them: what reading and writing those rows costs at the least.
"""

from __future__ import annotations

import datetime
import json
import random
import time
import uuid
from dataclasses import replace
from decimal import Decimal as D

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from firstperson.charging.models import (
    AssessmentStatus,
    CalculationStatus,
    ChargingCalculation,
    ChargingParameterSet,
    FinancialAssessment,
    ParameterStatus,
)
from firstperson.charging.rules import charging as rules
from firstperson.charging.rules.reference_2025_26 import FIGURE_SOURCES, INCOME_TYPES, parameters_2025_26
from firstperson.charging.services import calculations, parameters, uprating
from firstperson.people.models import Person
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob

ASSESSED_ON = datetime.date(2025, 10, 1)
APRIL_2026 = datetime.date(2026, 4, 1)
BENCH_USER = "bench-charging@example.invalid"
TEMPLATES = 5_000
BATCH = 5_000

COUNTED = ["state_pension", "occupational_pension", "private_pension", "esa", "universal_credit", "carers_allowance",
           "pension_credit_guarantee", "attendance_allowance_higher", "attendance_allowance_lower", "dla_care_middle",
           "pip_daily_living_enhanced", "pip_daily_living_standard"]  # fmt: skip
DISREGARDED = ["earnings", "pip_mobility_enhanced", "dla_mobility_lower", "war_pension", "child_benefit"]


def figures_2026_27() -> rules.ChargingParameters:
    """Made-up 2026-27 figures for the benchmark: MIG up 7% (working age) and to £241.45 (pension age)."""
    shipped = parameters_2025_26()
    mig = replace(
        shipped.mig,
        single_18_to_24=D("95.40"),
        single_25_to_pension_age=D("120.40"),
        single_pension_age=D("241.45"),
        lone_parent=D("120.40"),
        disability_premium_single=D("53.15"),
        enhanced_disability_premium_single=D("25.95"),
    )
    return replace(shipped, version="2026-27 v1", year_start=APRIL_2026, mig=mig)


def input_mix(count: int, seed: int = 7) -> list[rules.ChargingInput]:
    """A realistic mix: mostly pension age, single, homecare, one to four kinds of income, some
    savings; a few couples, lone parents, full-cost payers, free services and light-touch outcomes."""
    rng = random.Random(seed)
    known = {item[0] if isinstance(item, tuple) else item for item in INCOME_TYPES}
    counted = [c for c in COUNTED if c in known]
    disregarded = [c for c in DISREGARDED if c in known]
    mix = []
    for _ in range(count):
        age = rng.choice([rng.randint(18, 65), rng.randint(66, 98), rng.randint(66, 98)])
        household = rng.choices(list(rules.Household), weights=[80, 15, 5])[0]
        income = tuple(
            rules.IncomeItem(
                rng.choice(counted),
                D(rng.randint(2_000, 30_000)) / 100,
                rng.choices(list(rules.IncomePeriod), weights=[60, 10, 15, 12, 3])[0],
            )
            for _ in range(rng.randint(1, 4))
        ) + tuple(
            rules.IncomeItem(rng.choice(disregarded), D(rng.randint(1_000, 9_000)) / 100)
            for _ in range(rng.randint(0, 1))
        )
        capital = [rules.CapitalItem(rules.CapitalType.SAVINGS, D(rng.choice([0, rng.randint(0, 3_000_000)])) / 100)]
        if rng.random() < 0.4:
            capital.append(rules.CapitalItem(rules.CapitalType.MAIN_HOME, D(rng.randint(80_000, 400_000))))
        service = rules.Service.HOMECARE if rng.random() < 0.95 else rng.choice(list(rules.FREE_SERVICES))
        kind = rules.AssessmentKind.FULL if rng.random() < 0.95 else rng.choice(list(rules.AssessmentKind))
        mix.append(
            rules.ChargingInput(
                person=rules.Person(
                    age=age,
                    household=household,
                    disability_premium=rng.random() < 0.3,
                    enhanced_disability_premium=rng.random() < 0.1,
                    carer_premium=rng.random() < 0.05,
                    dependent_children=rng.choice([0] * 9 + [1, 2]) if age < 60 else 0,
                ),
                weekly_cost_of_care=D(rng.randint(5_000, 90_000)) / 100,
                service=service,
                capital=tuple(capital),
                income=income,
                housing_costs_weekly=D(rng.choice([0, rng.randint(0, 6_000)])) / 100,
                dre_weekly=None if rng.random() < 0.7 else D(rng.randint(500, 6_000)) / 100,
                night_care_arranged=rng.random() < 0.1,
                kind=kind,
            )
        )
    return mix


def _birth_date(age: int, rng: random.Random) -> datetime.date:
    """A date of birth that makes someone `age` on 1 October 2025."""
    latest = datetime.date(ASSESSED_ON.year - age, ASSESSED_ON.month, ASSESSED_ON.day)
    return latest - datetime.timedelta(days=rng.randint(0, 364))


class Command(BaseCommand):
    help = "Benchmark the charging rule and the yearly uprating: calculator, build, run or floor."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["calculator", "build", "run", "floor"])
        parser.add_argument("--assessments", type=int, default=200_000)
        parser.add_argument("--seconds", type=float, default=5.0)

    def handle(self, *args, **options):
        getattr(self, options["action"])(options)

    # --- calculator -------------------------------------------------------------------------------

    def calculator(self, options):
        figures = parameters_2025_26()
        mix = input_mix(1_000)
        for data in mix[:100]:
            rules.calculate(data, figures)  # warm up
        calls = 0
        deadline = time.perf_counter() + options["seconds"]
        started = time.perf_counter()
        while time.perf_counter() < deadline:
            for data in mix:
                rules.calculate(data, figures)
            calls += len(mix)
        elapsed = time.perf_counter() - started
        self.stdout.write(json.dumps({"calls_per_second": round(calls / elapsed, 1)}))

    # --- build ------------------------------------------------------------------------------------

    def _sets(self):
        shipped = parameters.load_default_parameters() or ChargingParameterSet.objects.get(
            year_start=datetime.date(2025, 4, 1), number=1
        )
        target = ChargingParameterSet.objects.filter(year_start=APRIL_2026, status=ParameterStatus.PUBLISHED).first()
        if target is None:
            target = parameters.create_parameter_set(
                figures_2026_27(), sources=FIGURE_SOURCES, status=ParameterStatus.PUBLISHED
            )
        return shipped, target

    def build(self, options):
        wanted = options["assessments"]
        shipped, _target = self._sets()
        existing = ChargingCalculation.objects.filter(status=CalculationStatus.CURRENT).count()
        if existing == wanted:
            self._analyze()
            self.stdout.write(f"Already built: {existing} current calculations.")
            return
        if existing:
            raise SystemExit(f"The database has {existing} current calculations; use an empty one.")
        started = time.perf_counter()
        user, _ = User.objects.get_or_create(
            username=BENCH_USER, defaults={"email": BENCH_USER, "role": Role.FINANCE_OFFICER}
        )
        figures = parameters.to_rules(shipped)
        rng = random.Random(42)
        templates = []
        for data in input_mix(TEMPLATES, seed=11):
            result = rules.calculate(data, figures)
            templates.append((data, calculations.input_to_json(data), calculations.result_fields(result)))
        now = timezone.now()
        done = 0
        while done < wanted:
            size = min(BATCH, wanted - done)
            people, assessments, calcs = [], [], []
            for i in range(size):
                data, snapshot, fields = templates[rng.randrange(TEMPLATES)]
                born = _birth_date(data.person.age, rng)
                person = Person(
                    legal_given_name=f"Bench{done + i}",
                    legal_family_name="Person",
                    search_name=f"bench{done + i} person",
                    date_of_birth=born,
                )
                assessment = FinancialAssessment(
                    person=person,
                    status=AssessmentStatus.COMPLETED,
                    started_via="officer",
                    started_by=user,
                    kind=str(data.kind),
                    household=str(data.person.household),
                    service=str(data.service),
                    weekly_cost_of_care=data.weekly_cost_of_care,
                    completed_at=now,
                )
                inputs = {**snapshot, "person": {**snapshot["person"], "date_of_birth": born.isoformat()}}
                calcs.append(
                    ChargingCalculation(
                        assessment=assessment,
                        person=person,
                        parameter_set=shipped,
                        status=CalculationStatus.CURRENT,
                        effective_from=ASSESSED_ON,
                        inputs=inputs,
                        computed_at=now,
                        computed_by=user,
                        **fields,
                    )
                )
                people.append(person)
                assessments.append(assessment)
            with transaction.atomic():
                Person.objects.bulk_create(people)
                FinancialAssessment.objects.bulk_create(assessments)
                for calc in calcs:
                    calc.assessment_id = calc.assessment.pk
                    calc.person_id = calc.person.pk
                ChargingCalculation.objects.bulk_create(calcs)
            done += size
            if done % 50_000 == 0 or done == wanted:
                self.stdout.write(f"   built {done}/{wanted}")
        self._analyze()
        self.stdout.write(f"Built {wanted} completed assessments in {time.perf_counter() - started:.0f} s.")

    def _analyze(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # --- run --------------------------------------------------------------------------------------

    def _reset(self):
        with transaction.atomic():
            ChargingCalculation.objects.filter(batch_job__isnull=False).delete()
            BatchJob.objects.filter(kind__in=[uprating.KIND, "bench.floor"]).delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE charging_chargingcalculation")

    def run(self, options):
        _shipped, target = self._sets()
        self._reset()
        started = time.perf_counter()
        job = BatchJob.objects.create(
            kind=uprating.KIND,
            key=uprating.job_key(target),
            description="Benchmark uprating",
            parameters={"parameter_set": str(target.pk), "effective_from": target.year_start.isoformat()},
        )
        job = jobs.run_job(job.pk)
        elapsed = time.perf_counter() - started
        rows = job.summary["uprated"] + job.summary["skipped"]
        self.stdout.write(
            json.dumps({"rows": rows, "seconds": round(elapsed, 2), "rows_per_second": round(rows / elapsed, 1)})
        )

    # --- floor ------------------------------------------------------------------------------------

    def floor(self, options):
        _shipped, target = self._sets()
        self._reset()
        job = BatchJob.objects.create(kind="bench.floor", key=f"bench.floor:{uuid.uuid4()}", description="Floor")
        table = ChargingCalculation._meta.db_table
        columns = [f.column for f in ChargingCalculation._meta.concrete_fields]
        fixed = {
            "id": "gen_random_uuid()" if connection.vendor == "postgresql" else "lower(hex(randomblob(16)))",
            "status": "%s",
            "batch_job_id": "%s",
            "parameter_set_id": "%s",
            "effective_from": "%s",
        }
        job_id = job.pk if connection.vendor == "postgresql" else job.pk.hex
        set_id = target.pk if connection.vendor == "postgresql" else target.pk.hex
        select = ", ".join(fixed.get(column, column) for column in columns)
        params = []
        for column in columns:
            if column == "status":
                params.append(CalculationStatus.PROPOSED)
            elif column == "batch_job_id":
                params.append(job_id)
            elif column == "parameter_set_id":
                params.append(set_id)
            elif column == "effective_from":
                params.append(APRIL_2026)
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} WHERE status = %s",
                [*params, CalculationStatus.CURRENT],
            )
            rows = cursor.rowcount
        elapsed = time.perf_counter() - started
        self._reset()
        self.stdout.write(
            json.dumps({"rows": rows, "seconds": round(elapsed, 2), "rows_per_second": round(rows / elapsed, 1)})
        )
