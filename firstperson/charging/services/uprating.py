"""The yearly uprating of contributions (issue 5 §4).

When next year's charging figures are published (for example 2026-27, in force from 1 April 2026),
a finance officer starts a background job (platform/jobs, kind "charging.uprate", one job per target
parameter set, so starting twice is harmless) that works out again, from 1 April, every CURRENT
calculation of a COMPLETED financial assessment that was made under an earlier year's figures. Each
new figure is stored as a PROPOSED calculation (status "proposed", `batch_job` set, effective from
1 April); nothing anybody pays changes until a finance officer approves the change report.

Set-based, chunk by chunk of current calculations in id order (the job's cursor is the last
calculation id done):

- one query loads the chunk's input snapshots (`ChargingCalculation.inputs`), leaving out any
  assessment this job has already proposed a figure for (so a chunk done twice adds nothing);
- the pure rule runs on each snapshot read back with `input_from_json(snapshot, as_at=1 April)`,
  so each person's age, and with it their Minimum Income Guarantee, moves on to 1 April; the
  rule's view of the new figures (`to_rules`) is built once per job, not once per row;
- one bulk insert stores the chunk's proposals, in the same transaction as the job's cursor.

A snapshot the new figures cannot charge (an income type the new year does not list, say) is not
proposed: it is counted in the report, with the reason, and the person keeps their figure.

The finish step writes the change report into `job.summary`: how many people pay more, less or the
same, the total change in weekly and annual income, bands of change and the largest increases,
with no names (the per-person list is a CSV download, audited).

Approval is set-based too: UPDATEs mark the old current calculations superseded and the proposals
current, the open contributions are closed on 31 March, and one bulk insert adds the new
contributions (reason "uprating") from 1 April. Two kinds of proposal are not applied, each counted
with its reason in the approval record and on the report page: one whose assessment changed after the
job ran ("out_of_date"), and one for a person who already has a contribution starting on or after the
new 1 April ("later_contribution": a newer decision already covers the new year, and adding a second
open contribution would break the one-open-contribution-a-person rule). One CHARGING_UPRATING_APPROVED
event records it, with the counts.

Who approves: any finance officer, including the one who started the job. The system does not
insist on two people (a council with one finance officer must still be able to uprate), but it makes
the case plain: the report page warns the starter before they approve, and the approval record and the
audit event say who started and who approved and whether they are the same person, so an auditor can
find every self-approved uprating. Approval is refused until the job has finished. Letters go out after approval:
"mark letters sent" stamps `letter_issued_at` on the new contributions (there is no letter service
for upratings yet).
"""

from __future__ import annotations

import csv
import datetime
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from json import dumps

from django.db import connection, transaction
from django.db.models import DecimalField, Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob, JobStatus
from firstperson.platform.jobs.selectors import latest_job_for_key

from ..models import (
    AssessmentStatus,
    CalculationStatus,
    ChargingCalculation,
    ChargingParameterSet,
    Contribution,
    ContributionReason,
    ParameterStatus,
)
from ..rules import charging as rules
from ..rules import modelling
from . import parameters as parameter_service
from .calculations import input_from_json

KIND = "charging.uprate"
#: Calculations per chunk (one transaction each). Below SQLite's limit on parameters in one query.
CHUNK_SIZE = 5_000
#: How many of the largest increases the report shows.
LARGEST = 10
MONEY: DecimalField = DecimalField(max_digits=12, decimal_places=2)


class UpratingRefused(ApplicationError):
    """An uprating that cannot start, or a report that cannot be approved yet."""


# --- Which calculations ---------------------------------------------------------------------------


def job_key(parameter_set: ChargingParameterSet) -> str:
    return f"{KIND}:{parameter_set.pk}"


def uprating_job_for(parameter_set: ChargingParameterSet) -> BatchJob | None:
    return latest_job_for_key(job_key(parameter_set))


def uprating_jobs() -> QuerySet[BatchJob]:
    return BatchJob.objects.filter(kind=KIND).select_related("started_by").order_by("-created_at")


def uprating_job_get(job_id) -> BatchJob:
    return BatchJob.objects.select_related("started_by").get(pk=job_id, kind=KIND)


def target_set_of(job: BatchJob) -> ChargingParameterSet:
    return ChargingParameterSet.objects.get(pk=job.parameters["parameter_set"])


def uprating_targets() -> list[ChargingParameterSet]:
    """Published sets a caseload could be uprated to: the latest published version of each year
    that some current calculation is not yet under."""
    published = ChargingParameterSet.objects.filter(status=ParameterStatus.PUBLISHED).order_by("-year_start", "-number")
    latest: dict[datetime.date, ChargingParameterSet] = {}
    for parameter_set in published:
        latest.setdefault(parameter_set.year_start, parameter_set)
    return list(latest.values())


def current_calculations(parameter_set: ChargingParameterSet) -> QuerySet[ChargingCalculation]:
    """The current calculations of completed assessments that this set would uprate: made under an
    earlier year's figures and in force before its 1 April."""
    year_start = parameter_set.year_start
    earlier = list(ChargingParameterSet.objects.filter(year_start__lt=year_start).values_list("pk", flat=True))
    return ChargingCalculation.objects.filter(
        status=CalculationStatus.CURRENT,
        assessment__status=AssessmentStatus.COMPLETED,
        parameter_set_id__in=earlier,
        effective_from__lt=year_start,
    )


def uprating_problem(parameter_set: ChargingParameterSet) -> str | None:
    """Why an uprating to this set cannot start; None when it can."""
    if parameter_set.status != ParameterStatus.PUBLISHED:
        return "These figures are not published. Publish them before uprating contributions to them."
    newer = ChargingParameterSet.objects.filter(
        status=ParameterStatus.PUBLISHED, year_start=parameter_set.year_start, number__gt=parameter_set.number
    ).exists()
    if newer:
        return "A later version of these figures has been published: uprate to that one."
    return None


def uprating_start(*, actor, parameter_set: ChargingParameterSet, chunk_size: int | None = None) -> BatchJob:
    """Start the uprating to `parameter_set` (audited once for the whole job), or return the job
    already started for it; one that stopped part way is carried on."""
    problem = uprating_problem(parameter_set)
    if problem:
        raise UpratingRefused(problem)
    existing = uprating_job_for(parameter_set)
    if existing is not None and not jobs.needs_resuming(existing):
        return existing
    audit_record(
        actor=actor,
        verb=AuditVerb.BATCH_JOB_RESUMED if existing else AuditVerb.CHARGING_UPRATING_STARTED,
        object_type="batch_job" if existing else "charging.parameterset",
        object_id=existing.pk if existing else parameter_set.pk,
        payload={
            "kind": KIND,
            "parameter_set": str(parameter_set.pk),
            "version": parameter_set.version,
            "effective_from": parameter_set.year_start.isoformat(),
            "current_calculations": current_calculations(parameter_set).count(),
        },
    )
    parameters: dict = {"parameter_set": str(parameter_set.pk), "effective_from": parameter_set.year_start.isoformat()}
    if chunk_size:
        parameters["chunk_size"] = chunk_size
    return jobs.start_job(
        kind=KIND,
        key=job_key(parameter_set),
        description=f"Uprate contributions to the {parameter_set.version} figures from {_day(parameter_set.year_start)}",
        parameters=parameters,
        user=_signed_in(actor),
    )


def uprating_resume(*, actor, job: BatchJob) -> BatchJob:
    """Carry on a job that stopped part way or failed, from its last finished chunk."""
    if job.status == JobStatus.FINISHED:
        return job
    audit_record(
        actor=actor,
        verb=AuditVerb.BATCH_JOB_RESUMED,
        object_type="batch_job",
        object_id=job.pk,
        payload={"kind": job.kind, "processed": job.processed, "total": job.total},
    )
    return jobs.resume_job(job)


# --- The set-based chunk ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What every chunk of one job needs about the new figures, worked out once per job."""

    parameter_set: ChargingParameterSet
    figures: rules.ChargingParameters
    year_start: datetime.date
    earlier_set_ids: tuple


_plans: dict[str, Plan] = {}


def plan_for(job: BatchJob) -> Plan:
    """The job's plan, built once per job and process (a published set never changes)."""
    key = str(job.pk)
    plan = _plans.get(key)
    if plan is None:
        parameter_set = target_set_of(job)
        earlier = ChargingParameterSet.objects.filter(year_start__lt=parameter_set.year_start)
        plan = Plan(
            parameter_set=parameter_set,
            figures=parameter_service.to_rules(parameter_set),
            year_start=parameter_set.year_start,
            earlier_set_ids=tuple(earlier.values_list("pk", flat=True)),
        )
        _plans.clear()  # one job at a time per process is the norm; keep memory bounded
        _plans[key] = plan
    return plan


def _chunk_rows(job: BatchJob, plan: Plan, cursor: str, size: int) -> list[tuple]:
    """The next `size` current calculations after `cursor`, in one query, each marked with whether
    this job has already proposed a figure for its assessment."""
    already = ChargingCalculation.objects.filter(
        batch_job_id=job.pk, status=CalculationStatus.PROPOSED, assessment_id=OuterRef("assessment_id")
    )
    rows = ChargingCalculation.objects.filter(
        status=CalculationStatus.CURRENT,
        assessment__status=AssessmentStatus.COMPLETED,
        parameter_set_id__in=plan.earlier_set_ids,
        effective_from__lt=plan.year_start,
    )
    if cursor:
        rows = rows.filter(id__gt=uuid.UUID(cursor))
    return list(
        rows.annotate(done=Exists(already))
        .order_by("id")
        .values_list("id", "assessment_id", "person_id", "inputs", "done")[:size]
    )


def uprate_chunk(job: BatchJob, cursor: str, size: int) -> jobs.ChunkDone | None:
    """Propose the new figure for the next `size` current calculations after `cursor`."""
    plan = plan_for(job)
    size = int(job.parameters.get("chunk_size") or size)
    rows = _chunk_rows(job, plan, cursor, size)
    if not rows:
        return None
    last_id = rows[-1][0]
    now = timezone.now()
    computed_by_id = job.started_by_id
    set_id = plan.parameter_set.pk
    job_id = job.pk
    figures = plan.figures
    year_start = plan.year_start
    proposals = []
    skipped: Counter[str] = Counter()
    for _calc_id, assessment_id, person_id, snapshot, done in rows:
        if done:
            continue  # proposed already (a chunk carried on after an interruption)
        try:
            data = input_from_json(snapshot, as_at=year_start)
            result = rules.calculate(data, figures)
        except (rules.ChargingInputError, KeyError, ValueError) as error:
            skipped[_reason(error)] += 1
            continue
        person = snapshot["person"]
        inputs = {**snapshot, "person": {**person, "age": data.person.age}}
        proposals.append(
            (
                uuid.uuid4(),
                assessment_id,
                person_id,
                set_id,
                result.parameters_version,
                result.rule_version,
                CalculationStatus.PROPOSED.value,
                year_start,
                dumps(inputs),
                result.outcome.value,
                result.full_cost_payer,
                result.capital,
                result.tariff_income,
                result.assessable_income,
                result.mig,
                result.housing_costs,
                result.dre,
                result.assessed_charge,
                result.weekly_cost_of_care,
                result.weekly_contribution,
                dumps([{"description": x.description, "amount": str(x.amount), "kind": x.kind} for x in result.lines]),
                job_id,
                now,
                computed_by_id,
            )
        )
    insert_proposals(proposals)
    if skipped:
        summary = dict(job.summary or {})
        reasons = Counter(summary.get("skipped_reasons") or {})
        reasons.update(skipped)
        summary["skipped_reasons"] = dict(reasons)
        BatchJob.objects.filter(pk=job.pk).update(summary=summary)
        job.summary = summary
    return jobs.ChunkDone(cursor=str(last_id), rows=len(rows))


#: The columns a proposal is inserted with, in the order uprate_chunk builds each row.
PROPOSAL_COLUMNS = (
    "id", "assessment_id", "person_id", "parameter_set_id", "parameters_version", "rule_version", "status",
    "effective_from", "inputs", "outcome", "full_cost_payer", "capital", "tariff_income", "assessable_income",
    "mig", "housing_costs", "dre", "assessed_charge", "weekly_cost_of_care", "weekly_contribution", "lines",
    "batch_job_id", "computed_at", "computed_by_id",
)  # fmt: skip


def insert_proposals(rows: list[tuple]) -> None:
    """Insert a chunk's proposals in one bulk statement: COPY on PostgreSQL, one executemany of a
    prepared INSERT elsewhere. (Django's bulk_create does the same job, but on PostgreSQL it sends
    the rows as arrays that psycopg quotes on the client, character by character: six times
    slower for rows carrying JSON. See the benchmark notes in charging/README.md.)"""
    if not rows:
        return
    table = ChargingCalculation._meta.db_table
    columns = ", ".join(PROPOSAL_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        ops = connection.ops
        adapted = [
            (
                row[0].hex, row[1].hex, row[2].hex, row[3].hex, *row[4:7], ops.adapt_datefield_value(row[7]),
                *row[8:21], row[21].hex, ops.adapt_datetimefield_value(row[22]),
                row[23].hex if row[23] is not None else None,
            )
            for row in rows
        ]  # fmt: skip
        placeholders = ", ".join(["%s"] * len(PROPOSAL_COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", adapted)


def _reason(error: Exception) -> str:
    if isinstance(error, rules.ChargingInputError):
        return str(error)
    return f"The stored inputs could not be read ({type(error).__name__}: {error})"


def _count(job: BatchJob) -> int:
    return current_calculations(target_set_of(job)).count()


# --- The change report ----------------------------------------------------------------------------


def proposals_with_previous(job: BatchJob) -> QuerySet:
    """Each proposal of the job with the weekly figure of the calculation it would replace."""
    previous = ChargingCalculation.objects.filter(
        assessment_id=OuterRef("assessment_id"), status=CalculationStatus.CURRENT
    ).values("weekly_contribution")[:1]
    return ChargingCalculation.objects.filter(batch_job_id=job.pk, status=CalculationStatus.PROPOSED).annotate(
        previous_weekly=Subquery(previous, output_field=MONEY)
    )


def change_report(pairs: Iterable[tuple[Decimal | None, Decimal]]) -> dict:
    """The report (JSON for `job.summary`) from (previous weekly, new weekly) pairs, a missing previous
    figure counting as 0: rules.modelling.summarise, the summary policy modelling uses too, with the
    uprating's narrower bands."""
    summary = modelling.summarise(
        (
            modelling.PersonChange("", rules.money(previous) if previous is not None else rules.ZERO, new)
            for previous, new in pairs
        ),
        largest=LARGEST,
        edges=modelling.UPRATING_BAND_EDGES,
    )
    return {
        "uprated": summary.people,
        "pay_more": summary.pay_more,
        "pay_less": summary.pay_less,
        "pay_same": summary.pay_same,
        "weekly_before_total": str(summary.before_weekly),
        "weekly_after_total": str(summary.after_weekly),
        "weekly_change_total": str(summary.change_weekly),
        "annual_change_total": str(summary.change_annual),
        "bands": [{"label": band.label, "count": band.people} for band in summary.bands],
        "largest_increases": [
            {"before": str(item.before_weekly), "after": str(item.after_weekly), "change": str(item.change_weekly)}
            for item in summary.largest_increases
        ],
    }


def _finish(job: BatchJob) -> dict:
    parameter_set = target_set_of(job)
    pairs = (
        proposals_with_previous(job).values_list("previous_weekly", "weekly_contribution").iterator(chunk_size=10_000)
    )
    report = change_report(pairs)
    reasons = (job.summary or {}).get("skipped_reasons") or {}
    _plans.pop(str(job.pk), None)
    return {
        **report,
        "parameter_set": str(parameter_set.pk),
        "version": parameter_set.version,
        "effective_from": parameter_set.year_start.isoformat(),
        "skipped": sum(reasons.values()),
        "skipped_reasons": reasons,
    }


def uprating_handler() -> jobs.BatchHandler:
    return jobs.BatchHandler(kind=KIND, count=_count, run_chunk=uprate_chunk, finish=_finish, chunk_size=CHUNK_SIZE)


# --- Approval and letters -------------------------------------------------------------------------


def approval_of(job: BatchJob) -> dict | None:
    return (job.summary or {}).get("approval")


def approval_problem(job: BatchJob) -> str | None:
    if job.status != JobStatus.FINISHED:
        return "The uprating has not finished yet. You can approve it once every figure has been worked out."
    if approval_of(job):
        return "This uprating has already been approved."
    return None


@transaction.atomic
def uprating_approve(*, actor, job: BatchJob) -> dict:
    """Make the job's proposals current from 1 April, with the contribution history, set-based."""
    job = BatchJob.objects.select_for_update().get(pk=job.pk)
    problem = approval_problem(job)
    if problem:
        raise UpratingRefused(problem)
    year_start = datetime.date.fromisoformat(job.parameters["effective_from"])
    day_before = year_start - datetime.timedelta(days=1)
    now = timezone.now()
    proposals = ChargingCalculation.objects.filter(batch_job_id=job.pk, status=CalculationStatus.PROPOSED)
    started = job.started_at or job.created_at
    # A proposal whose assessment has changed since the job ran (a reassessment, a new figure) is
    # out of date: it is not applied, and is kept as superseded so the report can say so.
    still_current = ChargingCalculation.objects.filter(
        assessment_id=OuterRef("assessment_id"),
        status=CalculationStatus.CURRENT,
        computed_at__lte=started,
        assessment__status=AssessmentStatus.COMPLETED,
    )
    out_of_date = proposals.exclude(Exists(still_current)).update(status=CalculationStatus.SUPERSEDED)
    # A person who already pays from 1 April or later under a newer decision keeps it: the proposal is
    # not applied (and a second open contribution would break the one-open-row-a-person constraint).
    later = Contribution.objects.filter(person_id=OuterRef("person_id"), effective_from__gte=year_start)
    later_contribution = (
        ChargingCalculation.objects.filter(batch_job_id=job.pk, status=CalculationStatus.PROPOSED)
        .filter(Exists(later))
        .update(status=CalculationStatus.SUPERSEDED)
    )
    applying = ChargingCalculation.objects.filter(batch_job_id=job.pk, status=CalculationStatus.PROPOSED)
    superseded = ChargingCalculation.objects.filter(
        status=CalculationStatus.CURRENT, assessment_id__in=applying.values("assessment_id")
    ).update(status=CalculationStatus.SUPERSEDED)
    approved = applying.update(status=CalculationStatus.CURRENT)
    mine = ChargingCalculation.objects.filter(batch_job_id=job.pk, status=CalculationStatus.CURRENT)
    closed = Contribution.objects.filter(
        effective_to__isnull=True, effective_from__lte=day_before, person_id__in=mine.values("person_id")
    ).update(effective_to=day_before)
    user = _signed_in(actor)
    new_rows = _new_contributions(mine, year_start, user)
    while batch := list(islice(new_rows, 5_000)):
        Contribution.objects.bulk_create(batch)
    counts = {
        "approved": approved,
        "superseded": superseded,
        "out_of_date": out_of_date,
        "later_contribution": later_contribution,
        "contributions_closed": closed,
        "contributions_added": Contribution.objects.filter(
            calculation__batch_job_id=job.pk, reason=ContributionReason.UPRATING
        ).count(),
    }
    who = {
        "started_by": str(job.started_by_id) if job.started_by_id else None,
        "approved_by": str(user.pk) if user else None,
        "same_person_as_starter": bool(user and job.started_by_id == user.pk),
    }
    approval = {
        "by": who["approved_by"],
        "by_name": _display_name(user),
        "at": now.isoformat(),
        **who,
        **counts,
    }
    job.summary = {**(job.summary or {}), "approval": approval}
    job.save(update_fields=["summary", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.CHARGING_UPRATING_APPROVED,
        object_type="batch_job",
        object_id=job.pk,
        payload={
            "kind": KIND,
            "version": job.summary.get("version"),
            "effective_from": year_start.isoformat(),
            **who,
            **counts,
        },
    )
    return approval


def _new_contributions(calculations, year_start: datetime.date, user) -> Iterator[Contribution]:
    """One contribution from 1 April a person (a person with two current assessments, which the
    workflow does not make, gets the first one only: one open contribution a person)."""
    seen: set = set()
    rows = calculations.order_by("person_id", "id").values_list("id", "person_id", "weekly_contribution")
    for calculation_id, person_id, weekly in rows.iterator(chunk_size=5_000):
        if person_id in seen:
            continue
        seen.add(person_id)
        yield Contribution(
            person_id=person_id,
            calculation_id=calculation_id,
            weekly_amount=weekly,
            effective_from=year_start,
            reason=ContributionReason.UPRATING,
            created_by=user,
        )


def letters_problem(job: BatchJob) -> str | None:
    if not approval_of(job):
        return "Approve the uprating first: letters go out only once the new figures are approved."
    if (job.summary or {}).get("letters"):
        return "The letters for this uprating have already been marked as sent."
    return None


@transaction.atomic
def uprating_mark_letters_sent(*, actor, job: BatchJob) -> int:
    """Record that the letters telling people their new contribution have gone out."""
    job = BatchJob.objects.select_for_update().get(pk=job.pk)
    problem = letters_problem(job)
    if problem:
        raise UpratingRefused(problem)
    now = timezone.now()
    marked = Contribution.objects.filter(
        calculation__batch_job_id=job.pk, reason=ContributionReason.UPRATING, letter_issued_at__isnull=True
    ).update(letter_issued_at=now)
    user = _signed_in(actor)
    job.summary = {**job.summary, "letters": {"at": now.isoformat(), "by_name": _display_name(user), "count": marked}}
    job.save(update_fields=["summary", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.FINANCIAL_ASSESSMENT_LETTER_ISSUED,
        object_type="batch_job",
        object_id=job.pk,
        payload={"kind": KIND, "letters": marked, "what": "uprating letters marked as sent"},
    )
    return marked


# --- The per-person download ----------------------------------------------------------------------

CSV_HEADER = [
    "Name",
    "Date of birth",
    "Record",
    "Assessment",
    "Weekly before",
    "Weekly from",
    "Weekly change",
    "Status",
]


def change_rows(job: BatchJob) -> Iterator[list[str]]:
    """One row per person in the job, named: for finance officers only, and audited by the caller."""
    effective = job.parameters.get("effective_from", "")
    rows = (
        ChargingCalculation.objects.filter(batch_job_id=job.pk)
        .annotate(previous_weekly=Subquery(_previous_for_download(job), output_field=MONEY))
        .order_by("person__legal_family_name", "person__legal_given_name", "id")
        .values_list(
            "person__legal_given_name",
            "person__legal_family_name",
            "person__date_of_birth",
            "person_id",
            "assessment_id",
            "previous_weekly",
            "weekly_contribution",
            "status",
        )
    )
    for given, family, born, person_id, assessment_id, previous, new, status in rows.iterator(chunk_size=5_000):
        previous = rules.money(previous) if previous is not None else Decimal("0.00")
        yield [
            f"{given} {family}",
            born.isoformat(),
            str(person_id),
            str(assessment_id),
            str(previous),
            str(new),
            str(new - previous),
            _status_words(status, effective),
        ]


def _previous_for_download(job: BatchJob):
    """The figure the person paid before: the current one while proposed, the one superseded by
    it once approved (the latest effective before 1 April)."""
    return (
        ChargingCalculation.objects.filter(assessment_id=OuterRef("assessment_id"))
        .exclude(batch_job_id=job.pk)
        .exclude(status__in=[CalculationStatus.PROPOSED, CalculationStatus.ESTIMATE])
        .filter(effective_from__lt=OuterRef("effective_from"))
        .order_by("-effective_from", "-computed_at")
        .values("weekly_contribution")[:1]
    )


def _status_words(status: str, effective: str) -> str:
    words: dict[str, str] = {
        CalculationStatus.PROPOSED: "Proposed, waiting for approval",
        CalculationStatus.CURRENT: f"Approved, from {effective}",
        CalculationStatus.SUPERSEDED: "Not applied: the assessment changed after the uprating ran",
    }
    return words.get(status, status)


def write_change_csv(out, *, actor, job: BatchJob) -> int:
    """Write the per-person CSV to `out` and audit the download (one event, with the row count)."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    written = 0
    for row in change_rows(job):
        writer.writerow(row)
        written += 1
    audit_record(
        actor=actor,
        verb=AuditVerb.FINANCIAL_ASSESSMENT_VIEWED,
        object_type="batch_job",
        object_id=job.pk,
        payload={"kind": KIND, "what": "uprating change report downloaded, one row a person", "rows": written},
    )
    return written


# --- Helpers ---------------------------------------------------------------------------------------


def _signed_in(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _display_name(user) -> str:
    if user is None:
        return "the system"
    return getattr(user, "display_name", "") or user.get_full_name() or user.get_username()


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"
