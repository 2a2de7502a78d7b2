"""The bulk recalculation's chunk on PostgreSQL: every row's work done by the database, set-based.

`recalculation.recalculate_chunk` sends a chunk here on PostgreSQL. It does what the portable chunk
does (see recalculation.py for what "open" means, moderations, answers that do not fit, the audit),
with the same result, but no row passes through Python. For a million assessments, carrying every
row to Python and back cost more than all the arithmetic (ADR 0013). Python sees only each distinct
GROUP of answers, once, for the pure rule `rules.ras.indicative_budget`.

In the chunk's transaction:

1. `ras_option` (temporary): the plan's answer options: domain, points, the adjustment they
   trigger, their question's code and their own (for the stored answers).
2. `ras_chunk` (temporary): one row per candidate budget in the chunk's range of assessment ids,
   with whether it is open, whether its answers fit the configuration, its answers as `jsonb`, and
   its grouping key: the raw points in each domain and the answers to the questions that trigger
   adjustments (what `recalculation.grouping_key` says, and all the rule reads), written as one
   number when the points allow it (`_key_parts`).
3. One representative set of answers per key not yet worked out goes to the rule (in a pool of
   processes when there are many). Meanwhile the replaced budgets' changes by hand are listed,
   those waiting for a team manager are withdrawn, and the old budgets are marked not current (one
   UPDATE, before the insert: one current budget per assessment at every statement).
4. The rule's results go in one COPY to `ras_figures` (temporary), and one INSERT ... SELECT writes
   the new budgets, each row joined to its group's figures.
"""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from firstperson.assessment.models import Answer as AssessmentAnswer
from firstperson.assessment.models import AssessmentStatus, QuestionnaireVersion, SelfAssessment
from firstperson.people.models import Person

from ..exceptions import BudgetNotCalculable
from ..models import IndicativeBudget
from ..rules import ras
from . import recalculation
from .budgets import RAS_RULE_VERSION


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def chunk_last(older: list[uuid.UUID], after: uuid.UUID | None, size: int) -> uuid.UUID | None:
    """The assessment id that ends the chunk: the `size`th candidate after `after`, or the last one."""
    budget = _table(IndicativeBudget)
    where = f"is_current AND configuration_id = ANY(%s){' AND assessment_id > %s' if after else ''}"
    params: list = [older] + ([after] if after else [])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT assessment_id FROM {budget} WHERE {where} ORDER BY assessment_id OFFSET %s LIMIT 1",
            [*params, size - 1],
        )
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                f"SELECT assessment_id FROM {budget} WHERE {where} ORDER BY assessment_id DESC LIMIT 1", params
            )
            row = cursor.fetchone()
    return row[0] if row else None


def _points_written_alike(plan: recalculation.Plan) -> bool:
    """True when every answer's points have the same exponent, of at most two places. The rule's
    stored text keeps a sum's exponent (1.5 + 1.5 is 3.0, 1 + 2 is 3), and so does PostgreSQL's
    numeric sum; with one exponent, equal sums are also equal in every digit, so the points can be
    added as whole hundredths."""
    exponents = {option.points.as_tuple().exponent for option in plan.options.values() if option.domain >= 0}
    return len(exponents) <= 1 and all(isinstance(e, int) and e >= -2 for e in exponents)


def _key_parts(plan: recalculation.Plan) -> dict[int, int] | None:
    """Each answer option's share of the grouping key as one whole number, by option id; None when
    the key has to be written out domain by domain (the rule has changed since the grouping was
    checked, or the answers' points are not all written alike).

    The key is the raw points of each domain and the answer to each question that triggers an
    adjustment (`recalculation.grouping_key`). Each of these gets its own run of decimal digits in
    one number: a domain as many as its largest possible total in hundredths needs; every trigger
    question as many as the trigger question with the most answers needs. An option's part is its
    points in hundredths in its domain's digits, plus its place among its question's answers (from
    1) in its question's digits. Points are never negative and each question has one answer, so no
    run can spill into the next: the sum of an assessment's parts is equal exactly when every
    domain's points and every trigger answer are. One sum an assessment is much quicker to work out
    than one a domain.

    The trigger questions' runs are all one width so that where each run sits depends only on the
    option's own `trigger` number from `plan_from`, never on this function ordering the questions
    the same way."""
    if not plan.trusted_grouping or not _points_written_alike(plan):
        return None
    config = plan.config
    trigger_codes = {adjustment.question for adjustment in config.adjustments}
    largest_totals = [
        sum((max(o.points for o in q.options) for q in config.questions if q.domain == domain.code), Decimal(0))
        for domain in config.domains
    ]
    widths = [len(str(int(total.scaleb(2)))) for total in largest_totals]
    most_answers = max((len(q.options) for q in config.questions if q.code in trigger_codes), default=0)
    widths += [len(str(most_answers))] * len(trigger_codes)
    starts = [sum(widths[:n]) for n in range(len(widths))]
    places = {(q.code, o.code): n for q in config.questions for n, o in enumerate(q.options, start=1)}
    parts = {}
    for pk, option in plan.options.items():
        if option.domain < 0:  # not in the configuration: the assessment does not fit, and has no key
            continue
        part = int(option.points.scaleb(2)) * 10 ** starts[option.domain]
        if option.trigger >= 0:
            part += places[(option.question, option.code)] * 10 ** starts[len(config.domains) + option.trigger]
        parts[pk] = part
    return parts


def _load_options(plan: recalculation.Plan, key_parts: dict[int, int] | None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE ras_option (option_id bigint PRIMARY KEY, domain integer, points numeric, "
            "key_part numeric, trigger integer, question text, code text, required boolean) ON COMMIT DROP"
        )
        with cursor.cursor.copy(
            "COPY ras_option (option_id, domain, points, key_part, trigger, question, code, required) FROM STDIN"
        ) as copy:
            for pk, option in plan.options.items():
                copy.write_row(
                    (
                        pk,
                        option.domain,
                        option.points,
                        key_parts.get(pk) if key_parts else None,
                        option.trigger,
                        option.question,
                        option.code,
                        option.required,
                    )
                )
        cursor.execute("ANALYZE ras_option")


def _build_chunk(
    plan: recalculation.Plan, older: list[uuid.UUID], after: uuid.UUID | None, last: uuid.UUID, *, one_sum_key: bool
) -> None:
    """`ras_chunk`: every candidate in (after, last], open or not, with its key and stored answers."""
    domains = len(plan.config.domains)
    triggers = len({adjustment.question for adjustment in plan.config.adjustments})
    # The key: one sum of the answers' parts (see _key_parts), or else each domain's raw points,
    # then each trigger question's answer ('' when unanswered).
    if one_sum_key:
        key = "coalesce(sum(o.key_part), 0)::text"
    else:
        parts = [f"coalesce((sum(o.points) FILTER (WHERE o.domain = {d}))::text, '0')" for d in range(domains)]
        parts += [f"coalesce(max(o.code) FILTER (WHERE o.trigger = {t}), '')" for t in range(triggers)]
        key = " || '|' || ".join(parts) if parts else "''"
    # jsonb_object() builds the object from two arrays in one go: a fifth quicker than jsonb_object_agg,
    # which grows it pair by pair, for the whole chunk.
    known = "FILTER (WHERE o.option_id IS NOT NULL)"
    answers = f"coalesce(jsonb_object(array_agg(o.question) {known}, array_agg(o.code) {known}), '{{}}')"
    if not plan.trusted_grouping:
        key = f"({answers})::text"  # the rule has changed since the grouping was checked: the exact answers
    budget, answer = _table(IndicativeBudget), _table(AssessmentAnswer)
    assessment, person, version = _table(SelfAssessment), _table(Person), _table(QuestionnaireVersion)
    a_option, a_assessment = _column(AssessmentAnswer, "option"), _column(AssessmentAnswer, "assessment")
    s_person, s_version = _column(SelfAssessment, "person"), _column(SelfAssessment, "version")
    s_status, s_submitted = _column(SelfAssessment, "status"), _column(SelfAssessment, "submitted_at")
    v_questionnaire, p_death = _column(QuestionnaireVersion, "questionnaire"), _column(Person, "date_of_death")
    after_clause = "AND b.assessment_id > %(after)s" if after else ""
    after_assessment = "AND s.id > %(after)s" if after else ""
    sql = f"""
        CREATE TEMPORARY TABLE ras_chunk ON COMMIT DROP AS
        SELECT b.id AS old_id, b.assessment_id, b.person_id,
            (s.{s_status} = %(submitted)s AND s.{s_submitted} IS NOT NULL
             AND (SELECT p.{p_death} IS NULL FROM {person} p WHERE p.id = b.person_id)
             AND NOT EXISTS (
                SELECT 1 FROM {assessment} later JOIN {version} v ON v.id = later.{s_version}
                WHERE later.{s_person} = b.person_id AND v.{v_questionnaire} = %(questionnaire)s
                  AND later.{s_status} = %(submitted)s AND later.{s_submitted} > s.{s_submitted})) AS is_open,
            given.fits, given.answers, given.key
        FROM {budget} b
        -- The range again, for the assessments: without it, every chunk reads all of them.
        JOIN {assessment} s ON s.id = b.assessment_id AND s.id <= %(last)s {after_assessment}
        CROSS JOIN LATERAL (
            SELECT (count(a.{a_option}) FILTER (WHERE o.option_id IS NULL OR o.domain < 0) = 0
                    AND count(o.option_id) FILTER (WHERE o.required) = %(required)s) AS fits,
                {answers} AS answers,
                {key} AS key
            FROM {answer} a LEFT JOIN ras_option o ON o.option_id = a.{a_option}
            WHERE a.{a_assessment} = b.assessment_id
        ) given
        WHERE b.is_current AND b.configuration_id = ANY(%(older)s) {after_clause}
          AND b.assessment_id <= %(last)s
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "submitted": AssessmentStatus.SUBMITTED.value,
                "questionnaire": plan.configuration.questionnaire_id,
                "required": len(plan.required),
                "older": older,
                "after": after,
                "last": last,
            },
        )


def _groups(
    plan: recalculation.Plan,
) -> tuple[dict[tuple, recalculation._Figures], dict[tuple, recalculation.AnswerSet]]:
    """The chunk's groups already worked out (from the memo), and one set of answers for each of
    the others. The known figures are taken out of the memo here, as the other lane may clear it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT ON (key) key, answers FROM ras_chunk WHERE is_open AND fits ORDER BY key, assessment_id"
        )
        representatives = cursor.fetchall()
    memo = recalculation._MEMO
    if len(memo) > recalculation.MEMO_MAX - len(representatives):
        memo.clear()
    known: dict[tuple, recalculation._Figures] = {}
    wanted: dict[tuple, recalculation.AnswerSet] = {}
    for key, answers in representatives:
        memo_key = ("sql", plan.fingerprint, key)
        figures = memo.get(memo_key)
        if figures is None:
            wanted[memo_key] = answers  # jsonb arrives as text (Django's connection): the rule's pool reads it
        else:
            known[memo_key] = figures
    return known, wanted


def _write_figures(figures_by_key: dict[tuple, recalculation._Figures]) -> None:
    """`ras_figures`: the rule's result for each of the chunk's groups."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE ras_figures (key text PRIMARY KEY, version text, total_points numeric, "
            "domain_points jsonb, steps jsonb, period text, weekly_amount numeric, annual_amount numeric) "
            "ON COMMIT DROP"
        )
        # The columns in the order of _Figures' fields, so each row is the key and the figures as they are.
        with cursor.cursor.copy(
            "COPY ras_figures (key, total_points, domain_points, steps, period, weekly_amount, annual_amount, "
            "version) FROM STDIN"
        ) as copy:
            for (_, _, key), figures in figures_by_key.items():
                copy.write_row((key, *figures))


def _not_fitting(plan: recalculation.Plan) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT person_id, answers FROM ras_chunk WHERE is_open AND NOT fits ORDER BY assessment_id")
        rows = cursor.fetchall()
    listed = []
    for person_id, answers in rows:
        try:
            ras.indicative_budget(plan.config, json.loads(answers))
            reason = "The answers do not fit this configuration."
        except ras.InvalidAnswers as error:
            reason = "; ".join(f"{p.question}: {p.message}" for p in error.problems)
        listed.append((str(person_id), reason))
    return listed


def recalculate_chunk_postgresql(
    plan: recalculation.Plan,
    *,
    after: str,
    size: int,
    computed_by_id=None,
    now: datetime.datetime,
    processes: int = 1,
    parallel_from: int = recalculation.PARALLEL_FROM,
    last: str | None = None,
) -> recalculation.ChunkResult | None:
    older = recalculation.older_configuration_ids(plan.configuration)
    after_id = uuid.UUID(after) if after else None
    last_id = chunk_last(older, after_id, size) if last is None else uuid.UUID(last)
    if last_id is None:
        return None
    budget = _table(IndicativeBudget)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Compiling these statements to machine code (JIT) costs more than running them, and
            # parallel workers would take the cores the rule's pool is using.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            # The tables go when the chunk commits; an outer transaction (a test's) keeps them longer.
            cursor.execute("DROP TABLE IF EXISTS ras_option, ras_chunk, ras_figures")
        key_parts = _key_parts(plan)
        _load_options(plan, key_parts)
        _build_chunk(plan, older, after_id, last_id, one_sum_key=key_parts is not None)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(*) FILTER (WHERE is_open), count(*) FILTER (WHERE is_open AND fits) "
                "FROM ras_chunk"
            )
            rows, open_rows, fitting = cursor.fetchone()
        not_fitting = _not_fitting(plan) if fitting < open_rows else []
        figures_by_key, wanted = _groups(plan)
        # The rule works on the new groups (in other processes when there are many) while the
        # database withdraws and replaces the old budgets, which does not need the new figures.
        pending = recalculation._work_out_start(plan.config, wanted, processes, parallel_from)
        moderated: list[tuple[str, ...]] = []
        withdrawn = 0
        withdrawn_by_team: dict[str, tuple[str, int]] = {}
        if fitting:
            old = IndicativeBudget.objects.filter(
                pk__in=RawSQL("SELECT old_id FROM ras_chunk WHERE is_open AND fits", [])
            )
            moderated, withdrawn, withdrawn_by_team = recalculation._moderations_of(old, now)
            with connection.cursor() as cursor:
                # Old rows first: the partial unique index allows one current budget per assessment.
                cursor.execute(
                    f"UPDATE {budget} SET is_current = false "
                    "WHERE id IN (SELECT old_id FROM ras_chunk WHERE is_open AND fits) AND is_current"
                )
                if cursor.rowcount != fitting:
                    raise BudgetNotCalculable(
                        "Some budgets were worked out again by someone else while this ran. "
                        "Carry on to finish the rest."
                    )
        worked_out = pending()
        recalculation._MEMO.update(worked_out)
        figures_by_key.update(worked_out)
        _write_figures(figures_by_key)
        if fitting:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    INSERT INTO {budget} (id, person_id, assessment_id, configuration_id, configuration_version,
                        configuration_fingerprint, rule_version, answers, total_points, domain_points, steps,
                        period, weekly_amount, annual_amount, computed_at, computed_by_id, is_current)
                    SELECT gen_random_uuid(), c.person_id, c.assessment_id, %s, f.version, %s, %s,
                        c.answers, f.total_points, f.domain_points, f.steps, f.period, f.weekly_amount,
                        f.annual_amount, %s, %s, true
                    FROM ras_chunk c JOIN ras_figures f ON f.key = c.key
                    WHERE c.is_open AND c.fits
                    ORDER BY c.assessment_id
                    """,
                    [plan.configuration.pk, plan.fingerprint, RAS_RULE_VERSION, now, computed_by_id],
                )
                if cursor.rowcount != fitting:
                    raise BudgetNotCalculable("Some budgets could not be worked out. Carry on to try again.")
    return recalculation.ChunkResult(
        cursor=str(last_id),
        rows=rows,
        closed=rows - open_rows,
        recalculated=fitting,
        not_fitting=not_fitting,
        rule_calls=len(wanted),
        moderated=moderated,
        withdrawn=withdrawn,
        withdrawn_by_team=withdrawn_by_team,
    )
