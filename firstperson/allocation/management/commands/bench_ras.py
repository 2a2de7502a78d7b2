"""Benchmark support for `make bench-ras` (scripts/bench-ras.sh drives it).

    manage.py bench_ras build --assessments 1000000   synthetic people, each with one submitted default
                                                      self-assessment (17 answers) and a current
                                                      budget under RAS v1; v2 (a new price) in force
                                                      today. Skipped when already built.
    manage.py bench_ras pure --seconds 5              calls a second of the pure rule, in this process
    manage.py bench_ras recalculate                   the bulk recalculation under v2, as the background
                                                      job runs it (run_job), timed; then put back
    manage.py bench_ras floor                         the same arithmetic vectorised with numpy

Each prints one line of JSON. The answers are drawn from a fixed seed: each person has a level of
need, and each answer sits near it, with noise (so some answers are common, as in real assessments;
the number of distinct groups the rule is called for is printed). numpy is used here only.
"""

import contextlib
import datetime
import json
import os
import random
import time
import uuid
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from firstperson.allocation import selectors, services
from firstperson.allocation.default_configuration import DEFAULT_QUESTIONNAIRE_CODE, default_configuration_load
from firstperson.allocation.models import IndicativeBudget, RasConfiguration
from firstperson.allocation.rules import ras
from firstperson.allocation.services import recalculation
from firstperson.assessment.models import Answer, AssessmentStatus, Question, QuestionnaireVersion, SelfAssessment
from firstperson.people.models import Person
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob


def _machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (not idle or waiting) since it started, from
    /proc/stat; 0 where there is no /proc."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    idle, iowait = fields[3], fields[4]
    return (sum(fields[:8]) - idle - iowait) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """CPU seconds of this process (every thread: the lanes) and of its living children (the rule's
    pool, which outlives the job, so the usual children's figure would miss it)."""
    ticks = 0
    for task in os.listdir("/proc/self/task") if os.path.isdir("/proc/self/task") else []:
        with contextlib.suppress(OSError), open(f"/proc/self/task/{task}/children") as children:
            for pid in children.read().split():
                with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                    ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return time.process_time() + ticks / os.sysconf("SC_CLK_TCK")


BENCH_USER = "bench.ras"
BENCH_NOTE = "bench-ras"
SEED = 20261122
BATCH = 50_000


def _answer_levels(n: int, sizes: list[int], seed: int = SEED):
    """An n × questions matrix of chosen option indexes: a level of need per person, answers near it."""
    import numpy as np

    rng = np.random.default_rng(seed)
    need = rng.random(n) ** 1.5
    levels = np.empty((n, len(sizes)), dtype=np.int8)
    for q, k in enumerate(sizes):
        raw = np.rint(need * (k - 1) + rng.normal(0, 0.6, n))
        levels[:, q] = np.clip(raw, 0, k - 1)
    return levels


def _db(value):
    """A value as the database adapter takes it in bulk: UUIDs as 32 hex digits on SQLite."""
    if isinstance(value, uuid.UUID) and connection.vendor != "postgresql":
        return value.hex
    return value


def _insert(model, columns: list[str], rows) -> None:
    """Insert rows (tuples in `columns` order) in one COPY (PostgreSQL) or executemany (SQLite)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


@contextlib.contextmanager
def _secondary_indexes_dropped(*models):
    """Load without the tables' plain indexes (not the primary key or unique constraints), then
    build them again in one pass each: much faster than keeping them up to date row by row."""
    saved = []
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                    [table],
                )
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL "
                    "AND sql NOT LIKE 'CREATE UNIQUE%%'",
                    [table],
                )
            for name, definition in cursor.fetchall():
                saved.append(definition)
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for definition in saved:
                cursor.execute(definition)


def _defaults(model, skip: set[str], now) -> dict:
    """Every other concrete column's value for a bulk row: its default, '' or NULL."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.attname in skip or field.primary_key:
            continue
        if field.has_default():
            value = field.get_default()
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.null:
            value = None
        else:
            value = ""
        values[field.attname] = field.get_db_prep_save(value, connection)
    return values


class Command(BaseCommand):
    help = "Benchmark the RAS: the pure rule, the bulk recalculation and a numpy floor."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build", "pure", "recalculate", "floor"])
        parser.add_argument("--assessments", type=int, default=1_000_000)
        parser.add_argument("--seconds", type=float, default=5.0)
        parser.add_argument("--chunk-size", type=int, default=recalculation.CHUNK_SIZE)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "build":
            self.build(options["assessments"])
        elif action == "pure":
            self.emit(self.pure(options["seconds"]))
        elif action == "recalculate":
            self.emit(self.recalculate(options["chunk_size"]))
        else:
            self.emit(self.floor())

    def emit(self, result: dict) -> None:
        self.stdout.write(json.dumps(result))

    # --- The synthetic council ----------------------------------------------------------------

    def configurations(self) -> tuple[RasConfiguration, RasConfiguration]:
        found = list(
            RasConfiguration.objects.filter(
                questionnaire__code=DEFAULT_QUESTIONNAIRE_CODE, notes__startswith=BENCH_NOTE
            )
            .select_related("questionnaire", "questionnaire_version")
            .order_by("number")
        )
        if len(found) != 2:
            raise CommandError("Run `bench_ras build` first.")
        return found[0], found[1]

    def build(self, n: int) -> None:
        version = QuestionnaireVersion.objects.get(questionnaire__code=DEFAULT_QUESTIONNAIRE_CODE, number=1)
        built = SelfAssessment.objects.filter(version=version).count()
        if RasConfiguration.objects.filter(notes__startswith=BENCH_NOTE).count() == 2 and built == n:
            self.stdout.write(f"Already built: {n:,} assessments.")
            return
        if built or Person.objects.exists():
            raise CommandError("This database already has other data: build into an empty one.")
        started = time.perf_counter()
        user, _ = User.objects.get_or_create(username=BENCH_USER, defaults={"role": Role.ADMINISTRATOR})
        today = timezone.localdate()
        v1, _ = default_configuration_load(actor=None, questionnaire_code=DEFAULT_QUESTIONNAIRE_CODE)
        v2 = services.configuration_new_version(actor=None, configuration=v1)
        services.configuration_set_money(
            actor=None, configuration=v2, method="price_per_point", price_per_point=Decimal("262.00")
        )
        v2.refresh_from_db()
        services.configuration_update_details(
            actor=None,
            configuration=v2,
            details=services.ConfigurationDetails(
                effective_from=today + datetime.timedelta(days=1),
                effective_to=None,
                period=v2.period,
                rounding=v2.rounding,
                minimum=v2.minimum,
                maximum=v2.maximum,
                tolerance_percent=v2.tolerance_percent,
                equality_threshold_percent=v2.equality_threshold_percent,
            ),
        )
        services.configuration_publish(actor=None, configuration=v2)
        # As if v1 took effect a year ago and v2 today (publication refuses dates in the past).
        RasConfiguration.objects.filter(pk=v1.pk).update(
            effective_from=today - datetime.timedelta(days=365), notes=f"{BENCH_NOTE} v1"
        )
        RasConfiguration.objects.filter(pk=v2.pk).update(effective_from=today, notes=f"{BENCH_NOTE} v2")
        v1.refresh_from_db()

        ordered = list(Question.objects.filter(section__version=version).order_by("section__order", "order"))
        options = [list(q.options.order_by("order").values_list("pk", flat=True)) for q in ordered]
        levels = _answer_levels(n, [len(o) for o in options])
        plan = recalculation.plan_for(v1)
        now = timezone.now()
        rng = random.Random(SEED)
        person_ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(n)]
        # In id order: each table's own indexes then grow at one end, as they do for new rows.
        assessment_ids = sorted(uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(n))
        self.stdout.write(f"Building {n:,} people, assessments, {n * len(ordered):,} answers and budgets...")

        with _secondary_indexes_dropped(Person, SelfAssessment, Answer, IndicativeBudget):
            person_cols = ["id", "legal_given_name", "legal_family_name", "search_name", "date_of_birth"]
            person_rest = _defaults(Person, set(person_cols), now)
            cols = person_cols + list(person_rest)
            rest = tuple(person_rest.values())
            with transaction.atomic():
                _insert(
                    Person,
                    cols,
                    (
                        (
                            _db(pid),
                            f"Given{i}",
                            "Bench",
                            f"given{i} bench",
                            datetime.date(1930 + i % 70, 1 + i % 12, 1 + i % 28),
                            *rest,
                        )
                        for i, pid in enumerate(person_ids)
                    ),
                )
            self.stdout.write(f"  people: {time.perf_counter() - started:.0f}s")

            a_cols = [
                "id",
                "person_id",
                "version_id",
                "status",
                "started_by_id",
                "submitted_at",
                "submitted_by_id",
                "declaration_accepted_at",
            ]
            a_rest = _defaults(SelfAssessment, set(a_cols), now)
            cols = a_cols + list(a_rest)
            rest = tuple(a_rest.values())
            stamp = SelfAssessment._meta.get_field("submitted_at").get_db_prep_save(now, connection)
            uid = _db(user.pk)
            with transaction.atomic():
                _insert(
                    SelfAssessment,
                    cols,
                    (
                        (
                            _db(aid),
                            _db(pid),
                            _db(version.pk),
                            AssessmentStatus.SUBMITTED.value,
                            uid,
                            stamp,
                            uid,
                            stamp,
                            *rest,
                        )
                        for aid, pid in zip(assessment_ids, person_ids, strict=True)
                    ),
                )
            self.stdout.write(f"  assessments: {time.perf_counter() - started:.0f}s")

            ans_cols = ["assessment_id", "question_id", "option_id", "answered_by_id"]
            ans_rest = _defaults(Answer, set(ans_cols), now)
            cols = ans_cols + list(ans_rest)
            rest = tuple(ans_rest.values())
            # Each (question, option) pair's columns once; each row is the assessment's id and one of them.
            pairs = [[(q.pk, option, uid, *rest) for option in options[n_q]] for n_q, q in enumerate(ordered)]
            stored_ids = [_db(aid) for aid in assessment_ids]
            for start in range(0, n, BATCH):
                block = levels[start : start + BATCH].tolist()
                with transaction.atomic():
                    _insert(
                        Answer,
                        cols,
                        (
                            (stored_ids[start + i], *pairs[q][level])
                            for i, row in enumerate(block)
                            for q, level in enumerate(row)
                        ),
                    )
            self.stdout.write(f"  answers: {time.perf_counter() - started:.0f}s")

            # Budgets under v1, worked out the way the bulk recalculation does (one call per group).
            memo: dict = {}
            computed_at = IndicativeBudget._meta.get_field("computed_at").get_db_prep_save(now, connection)
            b_cols = list(recalculation._COLUMNS)
            for start in range(0, n, BATCH):
                rows = []
                block = [
                    [plan.options[options[q][level]] for q, level in enumerate(row)]
                    for row in levels[start : start + BATCH].tolist()
                ]
                keys = [recalculation.grouping_key(plan, picked) for picked in block]
                wanted = {
                    key: {o.question: o.code for o in picked}
                    for key, picked in zip(keys, block, strict=True)
                    if key not in memo
                }
                memo.update(recalculation._work_out(plan.config, wanted, recalculation.PROCESSES, 1))
                for i, (picked, key) in enumerate(zip(block, keys, strict=True)):
                    figures = memo[key]
                    rows.append(
                        (
                            _db(uuid.uuid4()),
                            _db(person_ids[start + i]),
                            _db(assessment_ids[start + i]),
                            _db(v1.pk),
                            figures.version,
                            plan.fingerprint,
                            ras.RULE_VERSION,
                            "{" + ", ".join(o.fragment for o in picked) + "}",
                            figures.total_points,
                            figures.domain_points,
                            figures.steps,
                            figures.period,
                            figures.weekly_amount,
                            figures.annual_amount,
                            computed_at,
                            uid,
                            True,
                        )
                    )
                with transaction.atomic():
                    _insert(IndicativeBudget, b_cols, rows)
            self.stdout.write(f"  budgets: {time.perf_counter() - started:.0f}s ({len(memo):,} groups)")
        self.stdout.write(f"  indexes: {time.perf_counter() - started:.0f}s")
        self.analyze()
        self.stdout.write(f"Built in {time.perf_counter() - started:.0f}s.")

    def analyze(self) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")

    # --- The measurements ---------------------------------------------------------------------

    def pure(self, seconds: float) -> dict:
        """Calls a second of rules.ras.indicative_budget on v2, over the synthetic answers."""
        _, v2 = self.configurations()
        config = selectors.ras_configuration_for(v2)
        levels = _answer_levels(20_000, [len(q.options) for q in config.questions], seed=SEED + 1).tolist()
        sets = [
            {q.code: q.options[level].code for q, level in zip(config.questions, row, strict=True)} for row in levels
        ]
        calls, started, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - started < seconds:
            for answers in sets[:1000]:
                ras.indicative_budget(config, answers)
            calls += 1000
            sets = sets[1000:] + sets[:1000]
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        # Per CPU second too: on a busy machine the wall clock also counts other processes' turns.
        return {
            "pure_calls_per_second": round(calls / elapsed, 1),
            "pure_calls_per_cpu_second": round(calls / cpu, 1),
            "calls": calls,
            "load_average": os.getloadavg()[0],
        }

    def reset(self) -> None:
        """Put the data back as built: v1's budgets current, v2's gone, no job."""
        v1, v2 = self.configurations()
        BatchJob.objects.filter(key=recalculation.job_key(v2)).delete()
        with transaction.atomic():
            new = IndicativeBudget.objects.filter(configuration=v2)
            new._raw_delete(new.db)  # the bench's own rows: nothing refers to them
            IndicativeBudget.objects.filter(configuration=v1, is_current=False).update(is_current=True)
        self.analyze()
        self.checkpoint()

    def checkpoint(self) -> None:
        """Each timed run starts as on a database that has been up a while: no dirty pages left from
        putting the data back, and the write-ahead log's old files free to be used again. Without
        it, every run on a fresh cluster made and zero-filled new log files and wrote the previous
        run's pages (about 7 % of PostgreSQL's work over 200,000 budgets). Needs the pg_checkpoint
        role, which bench-ras.sh grants; without it the run goes ahead and says so."""
        if connection.vendor != "postgresql":
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute("CHECKPOINT")
        except DatabaseError as error:
            self.stderr.write(f"Not checkpointed before the run: {error}".strip())

    def recalculate(self, chunk_size: int) -> dict:
        v1, v2 = self.configurations()
        self.reset()
        job = BatchJob.objects.create(
            kind=recalculation.KIND,
            key=recalculation.job_key(v2),
            description="bench",
            parameters={"configuration": str(v2.pk), "chunk_size": chunk_size},
            started_by=User.objects.get(username=BENCH_USER),
        )
        started, busy, own = time.perf_counter(), _machine_busy_seconds(), _own_seconds()
        job = jobs.run_job(job.pk)
        elapsed = time.perf_counter() - started
        busy, own = _machine_busy_seconds() - busy, _own_seconds() - own
        rows = IndicativeBudget.objects.filter(configuration=v2, is_current=True).count()
        if rows != job.total or job.summary["recalculated"] != rows:
            raise CommandError(f"Expected {job.total:,} new budgets, found {rows:,}.")
        sample = IndicativeBudget.objects.filter(configuration=v2).order_by("assessment_id")[:50]
        for budget in sample:
            if not selectors.indicative_budget_reproduce(budget=budget).matches:
                raise CommandError(f"Budget {budget.pk} does not reproduce.")
        return {
            "database": connection.vendor,
            "rows": rows,
            "seconds": round(elapsed, 2),
            "rows_per_second": round(rows / elapsed, 1),
            "rule_calls": job.summary["rule_calls"],
            "chunk_size": chunk_size,
            # Where the cores went: this process and its rule pool, and the rest of the machine
            # (the database's backends, and anything else running: compare with the load average).
            "cpu_seconds_python": round(own, 1),
            "cpu_seconds_rest_of_machine": round(busy - own, 1),
            "load_average": os.getloadavg()[0],
        }

    def floor(self) -> dict:
        """The same arithmetic as v2's figure, vectorised with numpy over every assessment's answers
        (held in memory): points per domain, the family-support adjustment, weights and caps, the
        price per point, minimum, maximum and rounding to the penny. Checked against the rule."""
        import numpy as np

        _, v2 = self.configurations()
        config = selectors.ras_configuration_for(v2)
        if not isinstance(config.money_function, ras.PricePerPoint) or config.rounding != ras.Rounding.PENNY:
            raise CommandError("The floor covers a price per point, rounded to the penny.")
        n = SelfAssessment.objects.count()
        sizes = [len(q.options) for q in config.questions]
        levels = _answer_levels(n, sizes)
        domains = [d.code for d in config.domains]
        started = time.perf_counter()
        points = np.zeros((n, len(domains)))
        for q, question in enumerate(config.questions):
            table = np.array([float(o.points) for o in question.options])
            points[:, domains.index(question.domain)] += table[levels[:, q]]
        for adjustment in config.adjustments:
            q = next(i for i, question in enumerate(config.questions) if question.code == adjustment.question)
            chosen = np.isin(
                levels[:, q], [i for i, o in enumerate(config.questions[q].options) if o.code in adjustment.options]
            )
            for code in adjustment.domains:
                points[:, domains.index(code)] *= np.where(chosen, float(adjustment.factor), 1.0)
        for d, domain in enumerate(config.domains):
            points[:, d] *= float(domain.weight)
            if domain.cap_points is not None:
                points[:, d] = np.minimum(points[:, d], float(domain.cap_points))
        total = points.sum(axis=1)
        amount = np.floor(total * float(config.money_function.amount_per_point) * 100 + 0.5) / 100
        amount = np.maximum(amount, float(config.minimum))
        if config.maximum is not None:
            amount = np.minimum(amount, float(config.maximum))
        weekly = np.floor(amount / 52 * 100 + 0.5) / 100 if config.period == ras.Period.ANNUAL else amount
        elapsed = time.perf_counter() - started
        # The floor must be the same arithmetic: compare with the rule on the first thousand.
        mismatches = 0
        for i in range(min(n, 1000)):
            answers = {
                q.code: q.options[level].code for q, level in zip(config.questions, levels[i].tolist(), strict=True)
            }
            result = ras.indicative_budget(config, answers)
            mismatches += abs(float(result.amount) - amount[i]) > 0.005
        return {
            "floor_rows_per_second": round(n / elapsed, 1),
            "rows": n,
            "seconds": round(elapsed, 4),
            "checked_against_rule": min(n, 1000),
            "mismatches": int(mismatches),
            "weekly_total": round(float(weekly.sum()), 2),
        }
