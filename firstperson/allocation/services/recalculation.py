"""Working indicative budgets out without a practitioner pressing the button.

On submission
    When a self-assessment is sent and a RAS configuration is in force for its questionnaire, its
    indicative budget is worked out at once, so the person knows early roughly how much money there
    is. The assessment app sends `self_assessment_submitted` once the submission is committed
    (assessment may not import allocation); AllocationConfig.ready() connects
    `indicative_budget_on_submission` to it. It uses `indicative_budget_calculate`, so the budget
    and its audit event are the same as when a practitioner presses "Work out the indicative budget"
    (which stays, for working it out again), except that the actor is the system. With no
    configuration in force, or answers that do not fit, it does nothing and the submission stands.

In bulk, when a new configuration takes effect (REFERENCE §2, issue 4 §9)
    An administrator or finance officer starts a background job (platform/jobs, kind
    "allocation.recalculate", one job per configuration, so starting twice is harmless) that works
    out again every OPEN assessment under the new configuration. An assessment is open when:

    - it is submitted (not in progress, not withdrawn);
    - the person has no date of death recorded;
    - it is the person's latest submitted assessment of that questionnaire (an older one, replaced
      by a newer one, is closed: recalculating it would make two figures current for the person);
    - its current budget was worked out under an OLDER configuration of the same questionnaire
      (a lower version number). Budgets already under this configuration, or a later one, are left
      alone, which is what makes the job idempotent and lets it carry on after an interruption.

    The work is set-based, chunk by chunk of assessments in id order (the job's cursor is the last
    assessment id looked at), a fixed number of queries per chunk whatever its size: the next
    candidates (current budgets under an older configuration: a range scan of the partial unique
    index), two queries to keep the open ones (the people alive; their submitted assessments of the
    questionnaire), one for all their answers (the option ids, aggregated per assessment), the
    arithmetic in Python with the pure rule `rules.ras.indicative_budget`, then one query for the
    replaced budgets that had been changed by hand, one UPDATE that withdraws changes still waiting
    for a team manager, ONE UPDATE that marks the old budgets not current and one bulk insert of the
    new budgets (COPY on PostgreSQL, executemany elsewhere), all in the chunk's transaction with the
    job's cursor. The chunk's rows are named by their range of assessment ids (and the few left
    alone), never by a list of thousands of ids, which costs more to send than to run. The old rows
    are updated before the new ones are inserted, so the partial unique constraint
    one_current_budget_per_assessment holds at every statement. `replaceable_budgets` says the same
    "open" in one queryset, for counts.

    That is the portable chunk, which SQLite runs. On PostgreSQL, `recalculation_postgres.py` does
    the same work with every row kept inside the database (temporary tables, one INSERT ... SELECT;
    ADR 0013); a test holds the two to the same stored rows and the same report. There, the job
    also works out two chunks at once, each in a *lane*: a thread with its own connection that
    commits its chunk with the chunk's report (`RecalculationLaneResult`), which the runner's
    transaction then takes into the job's summary as it moves the cursor on (`_run_chunk`, ADR 0014).

    The pure rule is the single source of truth for every figure and step. It is called once per
    distinct GROUP of answers: two sets of valid answers with the same raw points in every domain
    and the same answers to the questions that trigger adjustments get the same result from the
    rule (it reads nothing else; see `grouping_key` and tests/test_recalculation_grouping.py), so the
    result of one is stored for each, with each person's own answers. If the rule's version changes
    from the one this was checked against, the group is the exact set of answers instead. Results
    are remembered between chunks (bounded), and a chunk with many new groups has them worked out
    by a small pool of forked processes running only the pure rule.

    Budgets changed by hand (moderated): the change and its reason stay in the old budget's history,
    the new calculated figure becomes current, and the people are listed in the job's summary (with
    their team) so their practitioners can look again. The page counts them by team: every team for
    administrators and finance officers, only their own for practitioners and team managers
    (`moderated_counts_visible_to`). A change still waiting for a team manager is
    withdrawn, as when a practitioner works a budget out again, and counted by team too. Teams are
    counted by id (with the name they had), so a team renamed since still finds its counts. Answers
    that do not fit the new configuration (answered on a questionnaire version whose questions it
    does not have) are not recalculated: the person keeps their current budget and is listed in the
    summary with the reason.

    Audit: one ALLOCATION_RECALCULATION_STARTED event for the job (not one per person), and
    BATCH_JOB_RESUMED when someone carries on a job that stopped. Each new budget records the
    configuration, its fingerprint and `computed_by` (who started the job).
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import multiprocessing
import os
import queue
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, cast

from django.db import connection, transaction
from django.db.models import Aggregate, CharField, Exists, OuterRef, QuerySet
from django.utils import timezone

from firstperson.assessment.models import Answer as AssessmentAnswer
from firstperson.assessment.models import AnswerOption, AssessmentStatus, SelfAssessment
from firstperson.people.models import Person
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob, JobStatus
from firstperson.platform.jobs.selectors import latest_job_for_key

from .. import permissions, selectors
from ..exceptions import AnswersDoNotFit, BudgetNotCalculable
from ..models import (
    BudgetModeration,
    ConfigurationStatus,
    IndicativeBudget,
    ModerationStatus,
    RasConfiguration,
    RecalculationLaneResult,
)
from ..rules import ras
from ..rules.moderation import IN_EFFECT
from .budgets import RAS_RULE_VERSION, indicative_budget_calculate
from .configurations import signed_in_user

logger = logging.getLogger(__name__)

KIND = "allocation.recalculate"
#: Assessments per chunk: each chunk is one transaction. Below SQLite's 32,766 parameters a query.
CHUNK_SIZE = 10_000
#: At most this many people are named in a job's summary under each heading; the counts are exact.
SUMMARY_LIST_MAX = 2_000
#: The rule version `_grouping_key` was checked against (tests/test_recalculation_grouping.py).
GROUPING_CHECKED_FOR = "ras-2026.1"


class RecalculationRefused(ApplicationError):
    """A bulk recalculation that cannot start: the configuration is a draft, retired or not in force."""


# --- On submission ------------------------------------------------------------------------------


def indicative_budget_on_submission(sender, *, assessment: SelfAssessment, actor=None, **kwargs):
    """Receiver of assessment.signals.self_assessment_submitted: work the budget out now if a
    configuration is in force for the questionnaire; otherwise do nothing. Never fails the
    submission: answers that do not fit are logged and left for a practitioner."""
    assessment = SelfAssessment.objects.select_related("version").get(pk=assessment.pk)
    if selectors.configuration_in_force(questionnaire_id=assessment.version.questionnaire_id) is None:
        return None
    try:
        return indicative_budget_calculate(actor=None, assessment=assessment)
    except (BudgetNotCalculable, AnswersDoNotFit) as error:
        logger.info("No indicative budget on submission of %s: %s", assessment.pk, error)
        return None


# --- Which assessments are open -----------------------------------------------------------------


def replaceable_budgets(configuration: RasConfiguration) -> QuerySet[IndicativeBudget]:
    """The current budgets of the open assessments that `configuration` would replace (see above)."""
    later = SelfAssessment.objects.filter(
        person_id=OuterRef("person_id"),
        version__questionnaire_id=configuration.questionnaire_id,
        status=AssessmentStatus.SUBMITTED,
        submitted_at__gt=OuterRef("assessment__submitted_at"),
    )
    return IndicativeBudget.objects.filter(
        is_current=True,
        configuration__questionnaire_id=configuration.questionnaire_id,
        configuration__number__lt=configuration.number,
        assessment__status=AssessmentStatus.SUBMITTED,
        person__date_of_death__isnull=True,
    ).filter(~Exists(later))


def older_configuration_ids(configuration: RasConfiguration) -> list:
    """The ids of the configurations of the same questionnaire before this one."""
    return list(
        RasConfiguration.objects.filter(
            questionnaire_id=configuration.questionnaire_id, number__lt=configuration.number
        ).values_list("pk", flat=True)
    )


def candidate_budgets(configuration: RasConfiguration) -> QuerySet[IndicativeBudget]:
    """Current budgets under an older configuration of the same questionnaire: what a job looks at,
    chunk by chunk; `_open_only` keeps the open ones (the same rules as `replaceable_budgets`)."""
    return IndicativeBudget.objects.filter(is_current=True, configuration_id__in=older_configuration_ids(configuration))


def _open_only(configuration: RasConfiguration, rows: list[tuple], first, last) -> list[tuple]:
    """The (budget, assessment, person) rows whose assessment is open, in two queries whatever
    their number: submitted, the person alive, and no later submitted assessment of the same
    questionnaire for the person. The rows' assessments lie from `first` to `last` (a chunk is a range
    of assessment ids), so their people are named by that range, not by a list of ids."""
    if not rows:
        return []
    people = SelfAssessment.objects.filter(pk__gte=first, pk__lte=last).values("person_id")
    alive = set(
        Person.objects.filter(pk__in=people, date_of_death__isnull=True).order_by().values_list("pk", flat=True)
    )
    assessments = (
        SelfAssessment.objects.filter(person_id__in=people, version__questionnaire_id=configuration.questionnaire_id)
        .order_by()
        .values_list("pk", "person_id", "status", "submitted_at")
    )
    latest: dict = {}
    status_of: dict = {}
    for assessment_id, person_id, status, submitted_at in assessments:
        status_of[assessment_id] = (status, submitted_at)
        submitted = status == AssessmentStatus.SUBMITTED and submitted_at is not None
        if submitted and (person_id not in latest or submitted_at > latest[person_id]):
            latest[person_id] = submitted_at
    kept = []
    for row in rows:
        _, assessment_id, person_id = row
        status, submitted_at = status_of.get(assessment_id, (None, None))
        if status == AssessmentStatus.SUBMITTED and person_id in alive and latest.get(person_id) == submitted_at:
            kept.append(row)
    return kept


def job_key(configuration: RasConfiguration) -> str:
    return f"{KIND}:{configuration.pk}"


def recalculation_job_for(configuration: RasConfiguration) -> BatchJob | None:
    return latest_job_for_key(job_key(configuration))


def recalculation_problem(configuration: RasConfiguration, *, on: datetime.date | None = None) -> str | None:
    """Why a bulk recalculation under this configuration cannot start today; None when it can."""
    day = on or timezone.localdate()
    if configuration.status == ConfigurationStatus.DRAFT:
        return "This configuration is a draft. Publish it first: budgets are only worked out under one in force."
    if configuration.status == ConfigurationStatus.RETIRED:
        return "This configuration has been retired, so budgets are no longer worked out under it."
    in_force = selectors.configuration_in_force(questionnaire_id=configuration.questionnaire_id, on=day)
    if in_force is None or in_force.pk != configuration.pk:
        if configuration.effective_from and configuration.effective_from > day:
            return (
                f"This configuration takes effect on {configuration.effective_from.day} "
                f"{configuration.effective_from:%B %Y}. You can recalculate from that day."
            )
        return "This configuration is not the one in force today, so budgets are not worked out under it."
    return None


def recalculation_start(*, actor, configuration: RasConfiguration, chunk_size: int | None = None) -> BatchJob:
    """Start the bulk recalculation under `configuration` (audited once, for the whole job), or
    return the job already started for it. A job that stopped part way is carried on. `chunk_size`
    (assessments per transaction) defaults to CHUNK_SIZE."""
    problem = recalculation_problem(configuration)
    if problem:
        raise RecalculationRefused(problem)
    existing = recalculation_job_for(configuration)
    if existing is not None and not jobs.needs_resuming(existing):
        return existing
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb=AuditVerb.BATCH_JOB_RESUMED if existing else AuditVerb.ALLOCATION_RECALCULATION_STARTED,
            object_type="batch_job" if existing else "ras_configuration",
            object_id=existing.pk if existing else configuration.pk,
            payload={
                "kind": KIND,
                "configuration": str(configuration.pk),
                "version": configuration.version_label,
                "open_assessments": replaceable_budgets(configuration).count(),
            },
        )
    return jobs.start_job(
        kind=KIND,
        key=job_key(configuration),
        description=f"Work out open budgets again under {configuration.version_label}",
        parameters={"configuration": str(configuration.pk), **({"chunk_size": chunk_size} if chunk_size else {})},
        user=signed_in_user(actor),
    )


def recalculation_resume(*, actor, job: BatchJob) -> BatchJob:
    """Carry on a job that stopped part way or failed, from its last finished chunk: only while its
    configuration is still the one in force (not retired or replaced meanwhile)."""
    if job.status == JobStatus.FINISHED:
        return job
    problem = recalculation_problem(RasConfiguration.objects.get(pk=job.parameters["configuration"]))
    if problem:
        raise RecalculationRefused(problem)
    audit_record(
        actor=actor,
        verb=AuditVerb.BATCH_JOB_RESUMED,
        object_type="batch_job",
        object_id=job.pk,
        payload={"kind": job.kind, "processed": job.processed, "total": job.total},
    )
    return jobs.resume_job(job)


# --- The set-based chunk ----------------------------------------------------------------------


class _OptionIds(Aggregate):
    """The chosen option ids of an assessment, comma-separated (order does not matter: an option
    belongs to one question, so the ids say every answer)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="STRING_AGG(%(expressions)s::text, ',')", **extra_context)


@dataclass(frozen=True)
class _Option:
    question: str
    code: str
    #: Index of its domain in the configuration, or -1 when the configuration has no such answer.
    domain: int
    points: Decimal
    #: Index among the questions whose answers trigger an adjustment, or -1.
    trigger: int
    required: bool
    order: tuple[int, int]
    fragment: str  # '"question": "option"', for the stored answers


@dataclass
class Plan:
    """Everything a chunk needs about the new configuration, worked out once per chunk."""

    configuration: RasConfiguration
    config: ras.RasConfiguration
    fingerprint: str
    options: dict[int, _Option]
    required: frozenset[str]
    trusted_grouping: bool


def plan_for(configuration: RasConfiguration) -> Plan:
    # Every version of the questionnaire: an assessment answered on an older version still fits
    # when its questions and answers (by code) are in the configuration's version.
    rows = AnswerOption.objects.filter(
        question__section__version__questionnaire_id=configuration.questionnaire_id
    ).values_list("pk", "code", "question__code", "question__order", "question__section__order")
    return plan_from(selectors.ras_configuration_for(configuration), rows, configuration=configuration)


def plan_from(
    config: ras.RasConfiguration, option_rows: Iterable[tuple], *, configuration: RasConfiguration | None = None
) -> Plan:
    """The plan for the pure configuration `config`, given the answer options that assessments may
    hold as rows of (id, code, question code, question order, section order). The configuration is
    checked here, once for the job, not on every call of the rule."""
    problems = ras.configuration_problems(config)
    if problems:
        raise ras.InvalidConfiguration(" ".join(problems))
    domain_index = {domain.code: n for n, domain in enumerate(config.domains)}
    trigger_questions = sorted({adjustment.question for adjustment in config.adjustments})
    trigger_index = {code: n for n, code in enumerate(trigger_questions)}
    in_config = {
        (question.code, option.code): (domain_index[question.domain], option.points)
        for question in config.questions
        for option in question.options
    }
    required = frozenset(question.code for question in config.questions if question.required)
    options = {}
    for pk, code, question_code, question_order, section_order in option_rows:
        domain, points = in_config.get((question_code, code), (-1, Decimal(0)))
        options[pk] = _Option(
            question=question_code,
            code=code,
            domain=domain,
            points=points,
            trigger=trigger_index.get(question_code, -1),
            required=question_code in required,
            order=(section_order, question_order),
            fragment=f"{json.dumps(question_code)}: {json.dumps(code)}",
        )
    return Plan(
        configuration=configuration,  # type: ignore[arg-type]
        config=config,
        fingerprint=selectors.ras_configuration_fingerprint(config),
        options=options,
        required=required,
        trusted_grouping=ras.RULE_VERSION == GROUPING_CHECKED_FOR,
    )


def answers_fit(plan: Plan, picked: list[_Option]) -> bool:
    """True when the rule would accept these answers: each one a question and answer of the
    configuration, and every required question answered (an answer per question: one_answer_per_question)."""
    if any(option.domain < 0 for option in picked):
        return False
    return plan.required <= {option.question for option in picked}


def grouping_key(plan: Plan, picked: list[_Option]) -> tuple:
    """What the rule's result depends on, for answers that fit: the raw points in each domain and
    the answers to the questions that trigger adjustments. rules/ras.py reads nothing else."""
    if not plan.trusted_grouping:
        return ("exact", frozenset((option.question, option.code) for option in picked))
    points = [Decimal(0)] * len(plan.config.domains)
    triggers: list[str | None] = [None] * len({a.question for a in plan.config.adjustments})
    for option in picked:
        points[option.domain] += option.points
        if option.trigger >= 0:
            triggers[option.trigger] = option.code
    # As text: the rule keeps a sum's exponent (1.5 + 1.5 is 3.0, 1 + 2 is 3) and stores it so.
    return (tuple(str(p) for p in points), tuple(triggers))


class _Figures(NamedTuple):
    """The stored form of one result of the rule, shared by every person in its group. A named
    tuple: the rule's pool sends hundreds of thousands of these back, and a tuple is the quickest
    thing to pickle and unpickle."""

    total_points: str
    domain_points: str
    steps: str
    period: str
    weekly_amount: str
    annual_amount: str
    version: str


@lru_cache(maxsize=16384)
def _json_text(text: str) -> str:
    return json.dumps(text)


_TEN_THOUSANDTH = Decimal("0.0001")  # total_points is stored to four places


@lru_cache(maxsize=1024)
def _domain_json_start(code: str, name: str) -> str:
    """A domain's entry in the stored `domain_points` up to its points, written once a domain."""
    return f'{{"code": {json.dumps(code)}, "name": {json.dumps(name)}, "points": "'


def _figures(result: ras.RasResult) -> _Figures:
    """The stored form of a result. The JSON is written here rather than by json.dumps: it is the
    same JSON as selectors.stored_domain_points and stored_steps give (the tests hold them equal),
    in a fraction of the time, and this runs once for every group of answers in a bulk
    recalculation. Each step's amount is already in pounds and pence (the rule promises it)."""
    domain_points = ", ".join([_domain_json_start(d.code, d.name) + str(d.points) + '"}' for d in result.domains])
    steps = ", ".join(
        [
            '{"description": ' + _json_text(step.description) + ', "amount": "' + str(step.amount) + '"}'
            for step in result.steps
        ]
    )
    return _Figures(
        total_points=str(result.total_points.quantize(_TEN_THOUSANDTH)),
        domain_points="[" + domain_points + "]",
        steps="[" + steps + "]",
        period=str(result.period),
        weekly_amount=str(ras.money(result.weekly_amount)),
        annual_amount=str(ras.money(result.annual_amount)),
        version=result.version,
    )


@dataclass
class ChunkResult:
    cursor: str
    rows: int
    closed: int
    recalculated: int
    not_fitting: list[tuple[str, str]]  # (person id, reason)
    rule_calls: int
    #: People whose replaced budget had been changed by hand: (person id, team id, team name), the
    #: team's id and name "" for a person in no team.
    moderated: list[tuple[str, ...]]
    #: Changes still waiting for a team manager, withdrawn.
    withdrawn: int
    #: The withdrawn changes by the person's team: {team id ("" for none): (team name, count)}.
    withdrawn_by_team: dict[str, tuple[str, int]] = field(default_factory=dict)


_COLUMNS = (
    "id",
    "person_id",
    "assessment_id",
    "configuration_id",
    "configuration_version",
    "configuration_fingerprint",
    "rule_version",
    "answers",
    "total_points",
    "domain_points",
    "steps",
    "period",
    "weekly_amount",
    "annual_amount",
    "computed_at",
    "computed_by_id",
    "is_current",
)


def _insert_budgets(rows: list[tuple]) -> None:
    """Insert the new budgets in one statement (COPY on PostgreSQL, executemany elsewhere).
    Each row is in _COLUMNS order, values already in the database's text form."""
    table = connection.ops.quote_name(IndicativeBudget._meta.db_table)
    column_of = {field.attname: field.column for field in IndicativeBudget._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(column_of[name]) for name in _COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _db_uuid(value) -> str:
    """A UUID as this database stores it: text on PostgreSQL (COPY), 32 hex digits on SQLite."""
    value = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    return str(value) if connection.vendor == "postgresql" else value.hex


#: Results of the rule kept between chunks of this process, by (configuration fingerprint, group):
#: common answers (no needs at all, say) are worked out once a job, not once a chunk. Bounded.
_MEMO: dict[tuple, _Figures] = {}
MEMO_MAX = 50_000
#: A chunk with at least this many new groups has them worked out by a pool of processes (fork),
#: `processes` of them (the job's parameter; by default the machine's cores, up to 4).
PARALLEL_FROM = 2_000
PROCESSES = max(1, min(4, os.cpu_count() or 1))
_pool: ProcessPoolExecutor | None = None
_pool_size = 0


#: A set of answers for the rule: {question code: option code}, or that object as JSON text (the
#: PostgreSQL chunk's, read in the rule's worker processes rather than in the lanes' one process).
AnswerSet = dict[str, str] | str


def _figures_for(config: ras.RasConfiguration, answer_sets: list[AnswerSet]) -> list[_Figures]:
    """The rule's stored figures for each set of answers (run in a worker process too). `config` is a
    plan's, checked once by `plan_from`."""
    rule = ras.indicative_budget
    return [
        _figures(rule(config, json.loads(answers) if isinstance(answers, str) else answers)) for answers in answer_sets
    ]


def _process_pool(processes: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    if _pool is None or _pool_size != processes:
        if _pool is not None:
            _pool.shutdown()
        # fork: the workers run only the pure rule, never the database connection they inherit.
        _pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"))
        _pool_size = processes
    return _pool


def _work_out(
    config: ras.RasConfiguration, wanted: dict[tuple, AnswerSet], processes: int, parallel_from: int
) -> dict[tuple, _Figures]:
    """{key: figures} for each group, each worked out by the pure rule once."""
    return _work_out_start(config, wanted, processes, parallel_from)()


def _work_out_start(
    config: ras.RasConfiguration, wanted: dict[tuple, AnswerSet], processes: int, parallel_from: int
) -> Callable[[], dict[tuple, _Figures]]:
    """Start `_work_out`: with many groups, the pool starts on them now, so the caller can do other
    work (the database's) meanwhile; calling the result waits for them and returns {key: figures}."""
    keys = list(wanted)
    if processes <= 1 or len(keys) < parallel_from or multiprocessing.current_process().daemon:
        return lambda: dict(zip(keys, _figures_for(config, [wanted[k] for k in keys]), strict=True))
    pool = _process_pool(processes)
    step = -(-len(keys) // (processes * 4))
    slices = [keys[i : i + step] for i in range(0, len(keys), step)]
    futures = [pool.submit(_figures_for, config, [wanted[k] for k in part]) for part in slices]

    def results() -> dict[tuple, _Figures]:
        worked_out: dict[tuple, _Figures] = {}
        for part, future in zip(slices, futures, strict=True):
            worked_out.update(zip(part, future.result(), strict=True))
        return worked_out

    return results


def recalculate_chunk(
    plan: Plan,
    *,
    after: str,
    size: int,
    computed_by_id=None,
    now: datetime.datetime | None = None,
    processes: int = 1,
    parallel_from: int = PARALLEL_FROM,
    in_database: bool | None = None,
    last: str | None = None,
) -> ChunkResult | None:
    """Work out again the next `size` open assessments after the assessment id `after` (set-based,
    in the caller's transaction). None when there is nothing left.

    With `last`, the chunk is every candidate after `after` up to and including `last` instead (a
    range fixed beforehand, as the job's two lanes need), and its cursor is `last` even when
    none is left in it.

    On PostgreSQL the rows never leave the database (recalculation_postgres.py); `in_database=False`
    asks for this portable chunk there too, so tests can hold the two to the same result."""
    if in_database is None:
        in_database = connection.vendor == "postgresql"
    if in_database:
        from .recalculation_postgres import recalculate_chunk_postgresql

        return recalculate_chunk_postgresql(
            plan,
            after=after,
            size=size,
            computed_by_id=computed_by_id,
            now=now or timezone.now(),
            processes=processes,
            parallel_from=parallel_from,
            last=last,
        )
    # The next candidates in assessment order: current budgets under an older configuration of
    # the questionnaire (a range scan of the partial unique index), then which of them are open.
    every_candidate = candidate_budgets(plan.configuration)
    candidates = every_candidate.order_by("assessment_id")
    if after:
        candidates = candidates.filter(assessment_id__gt=uuid.UUID(after))
    if last is None:
        rows_in = list(candidates.values_list("pk", "assessment_id", "person_id")[:size])
    else:
        rows_in = list(
            candidates.filter(assessment_id__lte=uuid.UUID(last)).values_list("pk", "assessment_id", "person_id")
        )
        if not rows_in:
            return ChunkResult(
                cursor=last, rows=0, closed=0, recalculated=0, not_fitting=[], rule_calls=0, moderated=[], withdrawn=0
            )
    if not rows_in:
        return None
    first, last_in = rows_in[0][1], rows_in[-1][1]
    chunk = _open_only(plan.configuration, rows_in, first, last_in)
    answers = dict(
        AssessmentAnswer.objects.filter(assessment_id__gte=first, assessment_id__lte=last_in)
        .order_by()
        .values("assessment_id")
        .annotate(ids=_OptionIds("option_id"))
        .values_list("assessment_id", "ids")
    )
    options = plan.options
    if len(_MEMO) > MEMO_MAX - size:
        _MEMO.clear()
    # First pass: check each person's answers and find the groups not worked out yet.
    entries = []
    wanted: dict[tuple, AnswerSet] = {}
    not_fitting: list[tuple[str, str]] = []
    for budget_id, assessment_id, person_id in chunk:
        ids = answers.get(assessment_id, "")
        picked = [options[int(option_id)] for option_id in ids.split(",")] if ids else []
        if not answers_fit(plan, picked):
            given = {option.question: option.code for option in picked}
            try:
                ras.indicative_budget(plan.config, given)
                reason = "The answers do not fit this configuration."
            except ras.InvalidAnswers as error:
                reason = "; ".join(f"{p.question}: {p.message}" for p in error.problems)
            not_fitting.append((str(person_id), reason))
            continue
        key = (plan.fingerprint, grouping_key(plan, picked))
        if key not in _MEMO and key not in wanted:
            wanted[key] = {option.question: option.code for option in picked}
        entries.append((budget_id, assessment_id, person_id, picked, key))
    # The rule, once a group (in parallel when there are many).
    _MEMO.update(_work_out(plan.config, wanted, processes, parallel_from))
    # Second pass: the new rows, each with the person's own answers.
    now = now or timezone.now()
    postgres = connection.vendor == "postgresql"
    computed_at = now.isoformat() if postgres else connection.ops.adapt_datetimefield_value(now)
    computed_by = None if computed_by_id is None else _db_uuid(computed_by_id)
    is_current = "t" if postgres else 1
    configuration_id = _db_uuid(plan.configuration.pk)
    rule_version = RAS_RULE_VERSION
    rows: list[tuple] = []
    old_ids = []
    for budget_id, assessment_id, person_id, picked, key in entries:
        figures = _MEMO[key]
        picked.sort(key=lambda option: option.order)
        rows.append(
            (
                _db_uuid(uuid.uuid4()),
                _db_uuid(person_id),
                _db_uuid(assessment_id),
                configuration_id,
                figures.version,
                plan.fingerprint,
                rule_version,
                "{" + ", ".join(option.fragment for option in picked) + "}",
                figures.total_points,
                figures.domain_points,
                figures.steps,
                figures.period,
                figures.weekly_amount,
                figures.annual_amount,
                computed_at,
                computed_by,
                is_current,
            )
        )
        old_ids.append(budget_id)
    moderated: list[tuple[str, ...]] = []
    withdrawn = 0
    withdrawn_by_team: dict[str, tuple[str, int]] = {}
    if old_ids:
        # The old budgets are the chunk's candidates less those left alone (closed, or answers that
        # do not fit; few): a range of the partial unique index, not a list of 10,000 ids.
        replaced = set(old_ids)
        left_alone = [budget_id for budget_id, _, _ in rows_in if budget_id not in replaced]
        old = every_candidate.filter(assessment_id__gte=first, assessment_id__lte=last_in)
        old = old.exclude(pk__in=left_alone) if left_alone else old
        moderated, withdrawn, withdrawn_by_team = _moderations_of(old, now)
        # Old rows first: the partial unique index allows one current budget per assessment.
        updated = old.update(is_current=False)
        if updated != len(old_ids):
            raise BudgetNotCalculable(
                "Some budgets were worked out again by someone else while this ran. Carry on to finish the rest."
            )
        _insert_budgets(rows)
    return ChunkResult(
        cursor=last or str(last_in),
        rows=len(rows_in),
        closed=len(rows_in) - len(chunk),
        recalculated=len(rows),
        not_fitting=not_fitting,
        rule_calls=len(wanted),
        moderated=moderated,
        withdrawn=withdrawn,
        withdrawn_by_team=withdrawn_by_team,
    )


def _moderations_of(
    old: QuerySet[IndicativeBudget], now: datetime.datetime
) -> tuple[list[tuple[str, ...]], int, dict[str, tuple[str, int]]]:
    """People whose budget about to be replaced (`old`, still current) had been changed by hand (with
    their team's id and name), how many changes waiting for a team manager were withdrawn, and those
    by team (see ChunkResult). The changes are locked while they are counted and withdrawn."""
    team = ("budget__person__allocated_team_id", "budget__person__allocated_team__name")
    moderated = list(
        BudgetModeration.objects.filter(budget__in=old, status__in=IN_EFFECT)
        .values_list("budget__person_id", *team)
        .distinct()
    )
    pending = BudgetModeration.objects.filter(budget__in=old, status=ModerationStatus.PENDING)
    withdrawn_by_team: dict[str, tuple[str, int]] = {}
    pending_ids = []
    for pk, team_id, team_name in pending.select_for_update(of=("self",)).values_list("pk", *team):
        pending_ids.append(pk)
        key = str(team_id or "")
        withdrawn_by_team[key] = (team_name or "", withdrawn_by_team.get(key, ("", 0))[1] + 1)
    withdrawn = BudgetModeration.objects.filter(pk__in=pending_ids, status=ModerationStatus.PENDING).update(
        status=ModerationStatus.WITHDRAWN,
        decided_at=now,
        decision_reason="The budget was worked out again under a new RAS configuration.",
    )
    moderated_rows: list[tuple[str, ...]] = [
        (str(person_id), str(team_id or ""), team_name or "") for person_id, team_id, team_name in moderated
    ]
    return moderated_rows, withdrawn, withdrawn_by_team


def _extend_capped(items: list, more: Iterable) -> list:
    items.extend(list(more)[: max(0, SUMMARY_LIST_MAX - len(items))])
    return items


#: Chunks worked out at once, each on its own database connection (PostgreSQL only; see `_lanes`).
LANES = 2
#: Chunks each lane works out, one after another, in one step of the job. A step waits for its
#: slowest lane, so a lane that finishes early leaves its core idle until the step ends: with four
#: chunks a lane, that happens once in four chunks rather than after every one (ADR 0014).
CHUNKS_PER_LANE = 4


def _lanes(job: BatchJob) -> int:
    """How many chunks to work out at once. Almost all of a chunk's time on PostgreSQL is the
    database's own work, which one connection does on one core; more connections put more cores
    to work (ADR 0014). Only on PostgreSQL (SQLite lets one connection write at a time), and only
    when the runner's transaction is the outermost one: inside an outer transaction (a test's, say)
    another connection could not see the rows it has not committed. `connection.atomic_blocks` is
    Django's own list of the transactions (and savepoints) open on the connection."""
    if connection.vendor != "postgresql" or len(connection.atomic_blocks) > 1:
        return 1
    return max(1, int(job.parameters.get("lanes") or LANES))


def _between(work: Callable[..., ChunkResult | None], after: str, last: str) -> ChunkResult:
    """The chunk of candidates after `after` up to `last` (with `last` fixed, there is always a result)."""
    result = work(after=after, last=last)
    if result is None:
        raise BudgetNotCalculable("A chunk of budgets could not be worked out. Carry on to try again.")
    return result


def _lane(job_id, work: Callable[..., ChunkResult | None], after: str, last: str) -> ChunkResult:
    """One chunk on a lane's connection, committed together with its report
    (`RecalculationLaneResult`) for the runner's transaction to take in."""
    with transaction.atomic():
        result = _between(work, after, last)
        RecalculationLaneResult.objects.create(job_id=job_id, after=after, last=last, result=asdict(result))
    return result


def _in_lanes(job: BatchJob, work: functools.partial, ranges: list[tuple[str, str]], lanes: int) -> list[ChunkResult]:
    """Each range's chunk, `lanes` at once. A lane is a thread with a database connection of its
    own: it takes the next range not yet begun whenever it finishes one, and keeps its connection
    from chunk to chunk (a new connection is a new PostgreSQL backend, whose caches and memory
    start cold: over a million budgets, a connection a chunk cost about a sixth more of the
    database's work; ADR 0014). Waits for every chunk, then raises the first error (every other
    chunk has committed or rolled back by then, each with its own report)."""
    _process_pool_ready(work.keywords["processes"], work.keywords["size"], work.keywords["parallel_from"])
    waiting: queue.SimpleQueue[tuple[int, str, str]] = queue.SimpleQueue()
    for index, (after, last) in enumerate(ranges):
        waiting.put((index, after, last))
    outcomes: list[ChunkResult | BaseException | None] = [None] * len(ranges)

    def lane() -> None:
        try:
            while True:
                try:
                    index, after, last = waiting.get_nowait()
                except queue.Empty:
                    return
                try:
                    outcomes[index] = _lane(job.pk, work, after, last)
                except BaseException as error:  # raised once every chunk is done
                    outcomes[index] = error
                    connection.close()  # the next chunk starts on a new connection, whatever went wrong
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=min(lanes, len(ranges)), thread_name_prefix="recalculation-lane") as pool:
        started = [pool.submit(lane) for _ in range(min(lanes, len(ranges)))]
    for future in started:
        future.result()  # (a lane's own errors are in `outcomes`; this only re-raises the unforeseen)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return cast(list[ChunkResult], outcomes)


def _next_ranges(plan: Plan, cursor: str, size: int, count: int) -> list[tuple[str, str]]:
    """Up to `count` chunks of `size` candidates after `cursor`, as (after, last) assessment ids."""
    from .recalculation_postgres import chunk_last

    older = older_configuration_ids(plan.configuration)
    ranges: list[tuple[str, str]] = []
    after = cursor
    while len(ranges) < count:
        last = chunk_last(older, uuid.UUID(after) if after else None, size)
        if last is None:
            break
        ranges.append((after, str(last)))
        after = str(last)
    return ranges


def _result_from(stored: RecalculationLaneResult) -> ChunkResult:
    data = dict(stored.result)
    data["not_fitting"] = [tuple(item) for item in data["not_fitting"]]
    # A report kept before teams were counted by id has (person, team name): the name stands in.
    data["moderated"] = [tuple(item) if len(item) == 3 else (item[0], "", item[1]) for item in data["moderated"]]
    data["withdrawn_by_team"] = {key: tuple(value) for key, value in data.get("withdrawn_by_team", {}).items()}
    return ChunkResult(**data)


def _process_pool_ready(processes: int, size: int, parallel_from: int) -> None:
    """Start the rule's pool of processes (forked) before the lanes' threads exist: a fork copies
    only the thread that makes it, with any lock another thread held at that moment."""
    if processes > 1 and size >= parallel_from:  # (else no chunk has enough groups to use it)
        _process_pool(processes).submit(int).result()


def _add_to_summary(summary: dict, done: ChunkResult) -> None:
    moderated = done.moderated
    summary["recalculated"] = summary.get("recalculated", 0) + done.recalculated
    summary["closed"] = summary.get("closed", 0) + done.closed
    summary["withdrawn_changes"] = summary.get("withdrawn_changes", 0) + done.withdrawn
    summary["moderated_count"] = summary.get("moderated_count", 0) + len(moderated)
    # {team id, or "name:<name>" from an older report, or "" for no team: {name, people, withdrawn}}
    teams: dict[str, dict] = {key: dict(entry) for key, entry in summary.get("moderated_teams", {}).items()}

    def entry(team_id: str, name: str) -> dict:
        key = team_id or (f"name:{name}" if name else "")
        return teams.setdefault(key, {"name": name or "No team", "people": 0, "withdrawn": 0})

    for _, team_id, name in moderated:
        entry(team_id, name)["people"] += 1
    for team_id, (name, count) in done.withdrawn_by_team.items():
        entry(team_id, name)["withdrawn"] += count
    summary["moderated_teams"] = teams
    summary["moderated_people"] = _extend_capped(summary.get("moderated_people", []), (m[0] for m in moderated))
    summary["not_fitting_count"] = summary.get("not_fitting_count", 0) + len(done.not_fitting)
    summary["not_fitting"] = _extend_capped(
        summary.get("not_fitting", []), ({"person": p, "reason": r} for p, r in done.not_fitting)
    )
    summary["rule_calls"] = summary.get("rule_calls", 0) + done.rule_calls


def _run_chunk(job: BatchJob, cursor: str, size: int) -> jobs.ChunkDone | None:
    configuration = RasConfiguration.objects.select_related("questionnaire").get(pk=job.parameters["configuration"])
    # Checked before every chunk: a configuration retired or replaced while the job runs (or while
    # it waits to carry on) must not replace any more budgets.
    problem = recalculation_problem(configuration)
    if problem:
        raise jobs.JobStopped(f"It stopped because {problem[0].lower()}{problem[1:]}")
    parameters = job.parameters
    plan = plan_for(configuration)
    size = int(parameters.get("chunk_size") or size)
    work = functools.partial(
        recalculate_chunk,
        plan,
        size=size,
        computed_by_id=job.started_by_id,
        now=timezone.now(),
        processes=int(parameters.get("processes") or PROCESSES),
        parallel_from=int(parameters.get("parallel_from") or PARALLEL_FROM),
    )
    lanes = _lanes(job)
    results: list[ChunkResult] = []
    # With lanes, each chunk is committed by its lane with its report, and the runner's transaction
    # (this one) takes the reports into the job's summary and moves the cursor past them. Reports
    # still here were committed while the runner's transaction was lost (the job stopped part way):
    # those that carry on from the cursor are taken in now; a lane's chunk lost before a committed
    # one (a gap) is worked out again, up to where that one begins.
    stored = list(RecalculationLaneResult.objects.filter(job=job).order_by("after"))
    taken_in = []  # the reports (by where their chunk begins) this transaction takes into the summary
    while stored and stored[0].after == cursor:
        report = stored.pop(0)
        results.append(_result_from(report))
        taken_in.append(report.after)
        cursor = report.last
    ranges: list[tuple[str, str]] | None = None
    if stored:
        ranges = [(cursor, stored[0].after)]
    elif lanes > 1:
        chunks_per_lane = max(1, int(parameters.get("chunks_per_lane") or CHUNKS_PER_LANE))
        ranges = _next_ranges(plan, cursor, size, lanes * chunks_per_lane)
    if ranges is None:
        done = work(after=cursor)  # one lane: the next chunk, in the runner's transaction
        if done is not None:
            results.append(done)
            cursor = done.cursor
    elif ranges and lanes > 1:
        results += _in_lanes(job, work, ranges, lanes)
        taken_in += [after for after, _ in ranges]
        cursor = ranges[-1][1]
    elif ranges:
        results += [_between(work, after, last) for after, last in ranges]
        cursor = ranges[-1][1]
    if not results:
        return None
    summary = dict(job.summary or {})
    for done in results:
        _add_to_summary(summary, done)
    BatchJob.objects.filter(pk=job.pk).update(summary=summary)
    RecalculationLaneResult.objects.filter(job=job, after__in=taken_in).delete()
    job.summary = summary
    return jobs.ChunkDone(cursor=cursor, rows=sum(done.rows for done in results))


def _count(job: BatchJob) -> int:
    """What the job looks at (progress): every candidate; the closed ones are counted and skipped."""
    return candidate_budgets(RasConfiguration.objects.get(pk=job.parameters["configuration"])).count()


def _finish(job: BatchJob) -> dict:
    summary = dict(job.summary or {})
    for name in ("recalculated", "closed", "withdrawn_changes", "moderated_count", "not_fitting_count", "rule_calls"):
        summary.setdefault(name, 0)
    summary.setdefault("moderated_teams", {})
    summary.setdefault("moderated_people", [])
    summary.setdefault("not_fitting", [])
    return summary


def recalculation_handler() -> jobs.BatchHandler:
    return jobs.BatchHandler(kind=KIND, count=_count, run_chunk=_run_chunk, finish=_finish, chunk_size=CHUNK_SIZE)


class ModeratedCounts(NamedTuple):
    """How many people had a budget changed by hand, as one reader may see them."""

    by_team: list[tuple[str, int]]  # (team name, people), sorted by name
    total: int
    every_team: bool  # False: only the reader's own team is counted
    #: Changes waiting for a team manager that were withdrawn, as the reader may see them; None when
    #: not known for their team (a job finished before withdrawn changes were counted by team).
    withdrawn: int | None


def moderated_counts_visible_to(*, actor, job: BatchJob) -> ModeratedCounts:
    """The job's counts of people whose budget had been changed by hand, that the actor may see:
    every team for administrators and finance officers; for a practitioner or team manager, only
    their own team (nothing if they have no team), found by the team's id, under its name today.
    See permissions.py."""
    summary = job.summary or {}
    teams: dict[str, dict] | None = summary.get("moderated_teams")
    by_name: dict[str, int] = summary.get("moderated_by_team") or {}  # a job finished before teams had ids
    if permissions.can_see_every_team(actor):
        if teams is None:
            by_team = sorted(by_name.items())
        else:
            by_team = sorted((entry["name"], entry["people"]) for entry in teams.values() if entry["people"])
        return ModeratedCounts(by_team, summary.get("moderated_count", 0), True, summary.get("withdrawn_changes", 0))
    if not actor.team_id:
        return ModeratedCounts([], 0, False, None)
    name = actor.team.name
    if teams is None:  # its withdrawn changes were not counted by team
        people = by_name.get(name, 0)
        return ModeratedCounts([(name, people)] if name in by_name else [], people, False, None)
    # By the team's id; and by its name, from a chunk's report kept before teams were counted by id.
    entries = [entry for entry in (teams.get(str(actor.team_id)), teams.get(f"name:{name}")) if entry]
    people = sum(entry["people"] for entry in entries)
    withdrawn = sum(entry["withdrawn"] for entry in entries)
    return ModeratedCounts([(name, people)] if people else [], people, False, withdrawn)


def moderated_people_visible_to(*, actor, job: BatchJob) -> QuerySet[Person]:
    """The people listed in the job's summary whose budget had been changed by hand, that the actor
    may see (a practitioner: their team's caseload)."""
    listed = (job.summary or {}).get("moderated_people", [])
    return (
        permissions.people_with_visible_budgets(actor)
        .filter(pk__in=listed)
        .order_by("legal_family_name", "legal_given_name")
    )
