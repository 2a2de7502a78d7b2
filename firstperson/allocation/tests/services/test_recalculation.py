"""Bulk recalculation when a new RAS configuration takes effect (issue 4 §9): every open assessment
gets a new current budget under it, set-based, once; moderated figures are listed; the job can stop
part way and carry on with no assessment done twice and none missed."""

import datetime
import re
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from firstperson.allocation import selectors, services
from firstperson.allocation.models import (
    BudgetModeration,
    IndicativeBudget,
    ModerationStatus,
    RasConfiguration,
    RecalculationLaneResult,
)
from firstperson.allocation.rules import ras
from firstperson.allocation.services import recalculation
from firstperson.assessment.models import AssessmentStatus, SelfAssessment
from firstperson.people.models import Person
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.jobs import services as jobs
from firstperson.platform.jobs.models import BatchJob, JobStatus

from ..fixtures import NO_FAMILY_HELP, NO_NEEDS, REFERENCE_ANSWERS, draft_copy, submitted_assessment

pytestmark = pytest.mark.django_db
D = Decimal

ANSWER_SETS = [
    REFERENCE_ANSWERS,
    NO_FAMILY_HELP,
    NO_NEEDS,
    {**REFERENCE_ANSWERS, "safety": "level_3"},
    {**NO_NEEDS, "personal_care": "level_4", "family_support": "a_lot"},
    REFERENCE_ANSWERS,  # the same answers as the first: one call of the rule for both
    {**NO_FAMILY_HELP, "work": "level_3"},
]


@pytest.fixture(autouse=True)
def _fresh_memo():
    """The rule's results are kept between chunks of a process: start each test without them."""
    recalculation._MEMO.clear()


@pytest.fixture
def configuration(configuration):
    """Version 1, as if published a month ago (publication refuses a date in the past, and two
    versions taking effect on the same day)."""
    last_month = timezone.localdate() - datetime.timedelta(days=30)
    RasConfiguration.objects.filter(pk=configuration.pk).update(effective_from=last_month)
    configuration.refresh_from_db()
    return configuration


@pytest.fixture
def caseload(configuration, make_person, team, practitioner):
    """Seven people with a budget worked out under version 1."""
    people = []
    for answers in ANSWER_SETS:
        person = make_person(team=team)
        assessment = submitted_assessment(person=person, actor=practitioner, answers=answers)
        services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
        people.append(person)
    return people


@pytest.fixture
def dearer(configuration, administrator):
    """Version 2: £260 a point, in force from today."""
    draft = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=timezone.localdate())
    return services.configuration_publish(actor=administrator, configuration=draft)


def _current(person):
    return IndicativeBudget.objects.get(person=person, is_current=True)


def _expected(configuration, person):
    """What the rule gives for the person's answers under the configuration, one person at a time."""
    assessment = SelfAssessment.objects.get(person=person, status=AssessmentStatus.SUBMITTED)
    return ras.indicative_budget(
        selectors.ras_configuration_for(configuration), selectors.assessment_answers(assessment=assessment)
    )


def test_every_open_assessment_gets_a_current_budget_under_the_new_configuration(
    caseload, dearer, administrator, practitioner
):
    job = recalculation.recalculation_start(actor=administrator, configuration=dearer)
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED
    assert (job.total, job.processed, job.percent_done) == (7, 7, 100)
    assert job.summary["recalculated"] == 7
    assert job.summary["rule_calls"] == 6, "the two people with the same answers share one call of the rule"
    for person in caseload:
        budget = _current(person)
        expected = _expected(dearer, person)
        assert budget.configuration == dearer
        assert budget.annual_amount == ras.money(expected.annual_amount)
        assert budget.weekly_amount == ras.money(expected.weekly_amount)
        assert budget.steps == selectors.stored_steps(expected)
        assert budget.domain_points == selectors.stored_domain_points(expected)
        assert budget.computed_by == administrator
        assert budget.answers == selectors.assessment_answers(assessment=budget.assessment)
        reproduced = selectors.indicative_budget_reproduce(budget=budget)
        assert reproduced.matches, reproduced.differences
        assert IndicativeBudget.objects.filter(person=person).count() == 2, "the old figure is kept"
    assert _current(caseload[0]).annual_amount == D("10036.00")  # 38.6 points × £260


def test_the_job_is_audited_once_not_once_a_person(caseload, dearer, administrator):
    calculated_before = AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_INDICATIVE_BUDGET_CALCULATED).count()
    recalculation.recalculation_start(actor=administrator, configuration=dearer)
    event = AuditEvent.objects.get(verb=AuditVerb.ALLOCATION_RECALCULATION_STARTED)
    assert (event.actor, event.object_id) == (administrator, str(dearer.pk))
    assert event.payload["open_assessments"] == 7
    assert (
        AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_INDICATIVE_BUDGET_CALCULATED).count() == calculated_before
    )


UUID_IN_SQL = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


def test_each_chunk_is_set_based(caseload, dearer, administrator):
    """A chunk's queries do not grow with the number of assessments in it."""
    plan = recalculation.plan_for(dearer)
    with CaptureQueriesContext(connection) as queries:
        done = recalculation.recalculate_chunk(plan, after="", size=100, computed_by_id=administrator.pk)
    assert done.recalculated == 7
    statements = [q["sql"] for q in queries.captured_queries]
    updates = [sql for sql in statements if sql.startswith("UPDATE")]
    # Into the budgets table: SQLite's executemany is logged once ("7 times INSERT ..."); PostgreSQL
    # writes them with one INSERT ... SELECT (its own temporary tables are filled by COPY, not logged).
    inserts = [sql for sql in statements if "INSERT INTO" in sql and IndicativeBudget._meta.db_table in sql]
    # One UPDATE marks the old rows not current. (Changes waiting for a team manager would be
    # withdrawn by one more; there are none here.)
    assert len(updates) == 1, updates
    assert "is_current" in updates[-1]
    assert len(inserts) == 1, inserts  # one statement inserts the new ones
    assert statements.index(updates[-1]) < statements.index(inserts[0]), "old rows first (partial unique index)"
    assert IndicativeBudget.objects.filter(configuration=dearer, is_current=True).count() == 7
    assert len(queries.captured_queries) <= 20  # the same few queries whatever the chunk size
    ids_named = [len(UUID_IN_SQL.findall(sql)) for sql in statements]
    # The range's two ends and a configuration or two: never a list of the chunk's 7 ids.
    assert max(ids_named) <= 4, ids_named


def test_starting_twice_is_harmless_and_a_second_run_finds_nothing(caseload, dearer, administrator):
    first = recalculation.recalculation_start(actor=administrator, configuration=dearer)
    second = recalculation.recalculation_start(actor=administrator, configuration=dearer)
    assert first.pk == second.pk
    assert BatchJob.objects.filter(kind=recalculation.KIND).count() == 1
    assert IndicativeBudget.objects.filter(configuration=dearer).count() == 7
    assert AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_RECALCULATION_STARTED).count() == 1
    # Idempotent: whatever runs again finds every assessment already current under version 2.
    assert recalculation.replaceable_budgets(dearer).count() == 0
    assert recalculation.recalculate_chunk(recalculation.plan_for(dearer), after="", size=100) is None


def test_an_interrupted_job_carries_on_with_none_done_twice_and_none_missed(caseload, dearer, administrator):
    job = BatchJob.objects.create(
        kind=recalculation.KIND,
        key=recalculation.job_key(dearer),
        description="Recalculate",
        parameters={"configuration": str(dearer.pk), "chunk_size": 3},
        started_by=administrator,
    )
    job = jobs.run_job(job.pk, max_chunks=1)
    assert job.status == JobStatus.INTERRUPTED
    assert (job.total, job.processed) == (7, 3)
    assert IndicativeBudget.objects.filter(configuration=dearer).count() == 3
    assert job.summary["recalculated"] == 3
    # Meanwhile a practitioner works one of the rest out by hand: it is no longer open.
    done_by_hand = next(p for p in caseload if not IndicativeBudget.objects.filter(person=p, configuration=dearer))
    services.indicative_budget_calculate(
        actor=administrator, assessment=SelfAssessment.objects.get(person=done_by_hand)
    )
    jobs.resume_job(job)
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED
    assert job.summary["recalculated"] == 6
    for person in caseload:
        assert IndicativeBudget.objects.filter(person=person, is_current=True).count() == 1
        assert IndicativeBudget.objects.filter(person=person, configuration=dearer).count() == 1, "none twice"
        assert _current(person).configuration == dearer, "none missed"


def test_closed_assessments_are_left_alone(caseload, configuration, administrator, practitioner):
    died, withdrawn, replaced = caseload[0], caseload[1], caseload[2]
    Person.objects.filter(pk=died.pk).update(date_of_death=datetime.date(2026, 1, 5))
    SelfAssessment.objects.filter(person=withdrawn).update(status=AssessmentStatus.WITHDRAWN)
    # A newer assessment replaces the old one, both with a budget under version 1: only the newer is open.
    older = SelfAssessment.objects.get(person=replaced)
    SelfAssessment.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=30))
    newer = submitted_assessment(person=replaced, actor=practitioner, answers=NO_FAMILY_HELP)
    services.indicative_budget_calculate(actor=practitioner, assessment=newer)
    draft = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=timezone.localdate())
    dearer = services.configuration_publish(actor=administrator, configuration=draft)
    open_budgets = recalculation.replaceable_budgets(dearer)
    assert set(open_budgets.values_list("assessment__person_id", flat=True)) == {p.pk for p in caseload[2:]}
    assert older.pk not in set(open_budgets.values_list("assessment_id", flat=True))
    job = recalculation.recalculation_start(actor=administrator, configuration=dearer)
    job.refresh_from_db()
    assert (job.total, job.summary["recalculated"], job.summary["closed"]) == (8, 5, 3)
    assert _current(died).configuration == configuration
    assert _current(withdrawn).configuration == configuration
    assert IndicativeBudget.objects.get(assessment=older, is_current=True).configuration == configuration
    assert IndicativeBudget.objects.get(assessment=newer, is_current=True).configuration == dearer


def test_moderated_figures_keep_their_history_and_are_listed(caseload, dearer, administrator, practitioner):
    applied_for, pending_for = caseload[0], caseload[1]
    applied = services.budget_moderate(
        actor=practitioner, budget=_current(applied_for), amount=D("9800"), period="annual", reason="Extra night help"
    )
    pending = services.budget_moderate(
        actor=practitioner, budget=_current(pending_for), amount=D("20000"), period="annual", reason="Two carers"
    )
    assert (applied.status, pending.status) == (ModerationStatus.APPLIED, ModerationStatus.PENDING)
    job = recalculation.recalculation_start(actor=administrator, configuration=dearer)
    job.refresh_from_db()
    applied.refresh_from_db()
    pending.refresh_from_db()
    assert applied.status == ModerationStatus.APPLIED, "the change stays in the history"
    assert not applied.budget.is_current
    assert pending.status == ModerationStatus.WITHDRAWN
    new = _current(applied_for)
    assert new.configuration == dearer
    assert not selectors.budget_agreed_figure(budget=new).moderated, "the new worked-out figure is current"
    assert job.summary["moderated_people"] == [str(applied_for.pk)]
    assert job.summary["moderated_count"] == 1
    # The change applied and the one withdrawn are both the West team's (the practitioner's caseload).
    team = practitioner.team
    assert job.summary["moderated_teams"] == {str(team.pk): {"name": team.name, "people": 1, "withdrawn": 1}}
    assert job.summary["withdrawn_changes"] == 1
    visible = recalculation.moderated_people_visible_to(actor=practitioner, job=job)
    assert list(visible) == [applied_for]
    assert list(recalculation.moderated_people_visible_to(actor=administrator, job=job)) == []
    assert BudgetModeration.objects.count() == 2


def test_answers_that_do_not_fit_keep_their_budget_and_are_listed(caseload, dearer, administrator):
    person = caseload[4]
    SelfAssessment.objects.get(person=person).answers.filter(question__code="safety").delete()
    job = recalculation.recalculation_start(actor=administrator, configuration=dearer)
    job.refresh_from_db()
    assert job.summary["not_fitting"] == [
        {"person": str(person.pk), "reason": "safety: This question needs an answer."}
    ]
    assert _current(person).configuration != dearer
    assert job.summary["recalculated"] == 6


@pytest.mark.parametrize("state", ["draft", "tomorrow", "retired", "superseded"])
def test_it_starts_only_under_the_configuration_in_force(configuration, administrator, state):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    target = configuration
    if state == "draft":
        target = draft_copy(configuration, actor=administrator, effective_from=tomorrow)
    elif state == "tomorrow":
        draft = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=tomorrow)
        target = services.configuration_publish(actor=administrator, configuration=draft)
    elif state == "retired":
        target = services.configuration_retire(actor=administrator, configuration=configuration)
    else:
        draft = draft_copy(
            configuration, actor=administrator, price_per_point="260", effective_from=timezone.localdate()
        )
        services.configuration_publish(actor=administrator, configuration=draft)
    with pytest.raises(recalculation.RecalculationRefused):
        recalculation.recalculation_start(actor=administrator, configuration=target)
    assert not BatchJob.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_RECALCULATION_STARTED).exists()


def test_many_groups_are_worked_out_by_a_pool_of_processes_with_the_same_results(caseload, dearer, administrator):
    job = BatchJob.objects.create(
        kind=recalculation.KIND,
        key=recalculation.job_key(dearer),
        description="Recalculate",
        parameters={"configuration": str(dearer.pk), "processes": 2, "parallel_from": 1},
        started_by=administrator,
    )
    job = jobs.run_job(job.pk)
    assert job.status == JobStatus.FINISHED
    assert job.summary["rule_calls"] == 6
    for person in caseload:
        budget = _current(person)
        assert budget.configuration == dearer
        assert selectors.indicative_budget_reproduce(budget=budget).matches


def test_groups_worked_out_in_one_chunk_are_reused_in_the_next(caseload, dearer, administrator):
    job = BatchJob.objects.create(
        kind=recalculation.KIND,
        key=recalculation.job_key(dearer),
        description="Recalculate",
        parameters={"configuration": str(dearer.pk), "chunk_size": 1},
        started_by=administrator,
    )
    job = jobs.run_job(job.pk)
    assert job.summary["recalculated"] == 7
    assert job.summary["rule_calls"] == 6, "the repeated answers are not worked out a second time"


def _chunk_outcome(dearer, administrator, *, in_database: bool):
    """What one chunk stores and reports, run the portable way or inside the database."""
    recalculation._MEMO.clear()
    done = recalculation.recalculate_chunk(
        recalculation.plan_for(dearer),
        after="",
        size=100,
        computed_by_id=administrator.pk,
        now=timezone.now(),
        in_database=in_database,
    )
    stored = {
        budget.assessment_id: (
            budget.person_id,
            budget.configuration_version,
            budget.configuration_fingerprint,
            budget.rule_version,
            budget.answers,
            budget.total_points,
            budget.domain_points,
            budget.steps,
            budget.period,
            budget.weekly_amount,
            budget.annual_amount,
            budget.computed_by_id,
        )
        for budget in IndicativeBudget.objects.filter(configuration=dearer, is_current=True)
    }
    report = (done.rows, done.closed, done.recalculated, done.not_fitting, done.rule_calls, done.withdrawn)
    return stored, report, sorted(done.moderated)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the in-database chunk is PostgreSQL's own")
@pytest.mark.parametrize("one_sum_key", [True, False], ids=["one sum a person", "domain by domain"])
def test_the_in_database_chunk_stores_what_the_portable_chunk_stores(
    caseload, configuration, dearer, administrator, practitioner, one_sum_key, monkeypatch
):
    """On PostgreSQL every row's work is done by the database (recalculation_postgres.py). On the
    same people, including a closed assessment, answers that do not fit and changes by hand, it
    stores and reports exactly what the portable chunk does, with either way of writing the
    grouping key (the default configuration's whole points allow one sum a person; points such as
    1.5 and 3.00 side by side need each domain's points written out)."""
    from firstperson.allocation.services import recalculation_postgres

    assert recalculation_postgres._key_parts(recalculation.plan_for(dearer)) is not None, "whole points: one sum"
    if not one_sum_key:
        monkeypatch.setattr(recalculation_postgres, "_key_parts", lambda plan: None)
    Person.objects.filter(pk=caseload[6].pk).update(date_of_death=datetime.date(2026, 1, 5))
    SelfAssessment.objects.get(person=caseload[3]).answers.filter(question__code="safety").delete()
    services.budget_moderate(
        actor=practitioner, budget=_current(caseload[1]), amount=D("9800"), period="annual", reason="Night help"
    )
    services.budget_moderate(
        actor=practitioner, budget=_current(caseload[2]), amount=D("20000"), period="annual", reason="Two carers"
    )
    with transaction.atomic():
        portable = _chunk_outcome(dearer, administrator, in_database=False)
        transaction.set_rollback(True)
    in_database = _chunk_outcome(dearer, administrator, in_database=True)
    assert in_database == portable
    stored, report, moderated = in_database
    assert report[:3] == (7, 1, 5), "seven looked at, one closed, five worked out (one does not fit)"
    assert len(stored) == 5 and len(moderated) == 1 and report[5] == 1
    assert report[4] == 4, "the two people with the same answers share one call of the rule"


@pytest.mark.parametrize("in_database", [False, True] if connection.vendor == "postgresql" else [False])
def test_a_chunk_with_a_fixed_last_assessment_covers_exactly_that_range(caseload, dearer, administrator, in_database):
    """The job's two lanes fix each chunk's range beforehand: every candidate up to `last`, and a
    result (not None) even when the range has none left."""
    plan = recalculation.plan_for(dearer)
    ids = sorted(str(budget.assessment_id) for budget in recalculation.candidate_budgets(dearer))
    done = recalculation.recalculate_chunk(plan, after=ids[1], size=1, last=ids[4], in_database=in_database)
    assert (done.cursor, done.rows, done.recalculated) == (ids[4], 3, 3), "size does not cut a fixed range short"
    recalculated = IndicativeBudget.objects.filter(configuration=dearer).values_list("assessment_id", flat=True)
    assert sorted(str(i) for i in recalculated) == ids[2:5]
    again = recalculation.recalculate_chunk(plan, after=ids[1], size=10, last=ids[4], in_database=in_database)
    assert (again.cursor, again.rows, again.recalculated) == (ids[4], 0, 0)


def _lanes_job(dearer, administrator, **parameters) -> BatchJob:
    return BatchJob.objects.create(
        kind=recalculation.KIND,
        key=recalculation.job_key(dearer),
        description="Recalculate",
        parameters={"configuration": str(dearer.pk), "chunk_size": 2, **parameters},
        started_by=administrator,
    )


def _roles_in_chunk_order(caseload, practitioner) -> dict:
    """Changes and closures placed by where the job meets them. It takes assessments by id, in
    chunks of 2: the 1st-2nd, 3rd-4th, 5th-6th and 7th people. The 4th person's assessment is
    withdrawn and the 6th's answers do not fit: both stay candidates after the job, so a chunk
    worked out twice would count them twice. Of the others, one has a change by hand applied and
    one a change waiting."""
    people = sorted(caseload, key=lambda person: str(SelfAssessment.objects.get(person=person).pk))
    withdrawn, not_fitting = people[3], people[5]
    others = [person for person in people if person not in (withdrawn, not_fitting)]
    applied = next(person for person in others if _current(person).annual_amount >= 100)
    pending = next(person for person in others if person != applied)
    figure = _current(applied).annual_amount
    services.budget_moderate(
        actor=practitioner, budget=_current(applied), amount=figure + figure / 100, period="annual", reason="Night help"
    )
    figure = _current(pending).annual_amount
    services.budget_moderate(
        actor=practitioner, budget=_current(pending), amount=figure * 2 + 1000, period="annual", reason="Two carers"
    )
    SelfAssessment.objects.get(person=not_fitting).answers.filter(question__code="safety").delete()
    SelfAssessment.objects.filter(person=withdrawn).update(status=AssessmentStatus.WITHDRAWN)
    return {"applied": applied, "not_fitting": not_fitting, "withdrawn": withdrawn}


def _assert_recalculated_once(caseload, roles, configuration, dearer, job):
    """The summary and the budgets of an uninterrupted run over `_roles_in_chunk_order`'s caseload."""
    summary = job.summary
    assert job.status == JobStatus.FINISHED
    assert (summary["recalculated"], summary["closed"], summary["not_fitting_count"]) == (5, 1, 1)
    assert (summary["moderated_people"], summary["withdrawn_changes"]) == ([str(roles["applied"].pk)], 1)
    assert summary["not_fitting"] == [
        {"person": str(roles["not_fitting"].pk), "reason": "safety: This question needs an answer."}
    ]
    assert job.processed == job.total == 7
    left_alone = (roles["not_fitting"], roles["withdrawn"])
    for person in caseload:
        assert IndicativeBudget.objects.filter(person=person, is_current=True).count() == 1
        budget = _current(person)
        if person in left_alone:
            assert budget.configuration == configuration
            continue
        assert budget.configuration == dearer
        assert IndicativeBudget.objects.filter(person=person, configuration=dearer).count() == 1, "none twice"
        assert budget.annual_amount == ras.money(_expected(dearer, person).annual_amount)
        assert selectors.indicative_budget_reproduce(budget=budget).matches
    assert not RecalculationLaneResult.objects.exists(), "every lane's report was taken into the summary"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="lanes need PostgreSQL (SQLite: one writer at a time)")
@pytest.mark.django_db(transaction=True)  # each lane commits on its own connection
def test_two_lanes_work_out_every_open_assessment_once_with_the_whole_summary(
    caseload, configuration, dearer, administrator, practitioner, monkeypatch
):
    roles = _roles_in_chunk_order(caseload, practitioner)
    lane_chunks, steps = [], []
    lane, in_lanes = recalculation._lane, recalculation._in_lanes

    def counted(*args, **kwargs):
        result = lane(*args, **kwargs)
        lane_chunks.append((threading.current_thread().name, result.rows))
        return result

    def step(job, work, ranges, lanes):
        steps.append((len(ranges), lanes))
        return in_lanes(job, work, ranges, lanes)

    monkeypatch.setattr(recalculation, "_lane", counted)
    monkeypatch.setattr(recalculation, "_in_lanes", step)
    job = jobs.run_job(_lanes_job(dearer, administrator).pk)
    assert sorted(rows for _, rows in lane_chunks) == [1, 2, 2, 2], "7 candidates in chunks of 2"
    assert steps == [(4, 2)], "up to four chunks a lane in one step: all four, on two lanes"
    assert all(name.startswith("recalculation-lane") for name, _ in lane_chunks), "each on a connection of its own"
    assert len({name for name, _ in lane_chunks}) == 2, "two lanes, each taking the next chunk when it finishes one"
    _assert_recalculated_once(caseload, roles, configuration, dearer, job)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="lanes need PostgreSQL (SQLite: one writer at a time)")
@pytest.mark.django_db(transaction=True)
def test_each_lane_keeps_one_connection_for_its_chunks_and_closes_it_at_the_end(
    caseload, configuration, dearer, administrator, practitioner, monkeypatch
):
    """Four chunks on two lanes: two database backends, not four, and none left open afterwards."""
    roles = _roles_in_chunk_order(caseload, practitioner)
    backends = []
    lane = recalculation._lane

    def on_its_backend(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backends.append(cursor.fetchone()[0])
        return lane(*args, **kwargs)

    monkeypatch.setattr(recalculation, "_lane", on_its_backend)
    job = jobs.run_job(_lanes_job(dearer, administrator).pk)
    assert len(backends) == 4, "7 candidates in chunks of 2"
    assert len(set(backends)) == 2, "each lane's chunks on its one connection"
    with connection.cursor() as cursor:
        for _ in range(100):  # a backend leaves pg_stat_activity a moment after its client closes
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [sorted(set(backends))])
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.05)
        else:
            pytest.fail("a lane's connection was left open")
    _assert_recalculated_once(caseload, roles, configuration, dearer, job)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="lanes need PostgreSQL (SQLite: one writer at a time)")
@pytest.mark.django_db(transaction=True)
def test_one_chunk_a_lane_makes_a_step_of_each_pair_of_chunks(
    caseload, configuration, dearer, administrator, practitioner, monkeypatch
):
    roles = _roles_in_chunk_order(caseload, practitioner)
    steps = []
    in_lanes = recalculation._in_lanes

    def step(job, work, ranges, lanes):
        steps.append(len(ranges))
        return in_lanes(job, work, ranges, lanes)

    monkeypatch.setattr(recalculation, "_in_lanes", step)
    job = jobs.run_job(_lanes_job(dearer, administrator, chunks_per_lane=1).pk)
    assert steps == [2, 2], "7 candidates in chunks of 2, two at a time"
    _assert_recalculated_once(caseload, roles, configuration, dearer, job)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="lanes need PostgreSQL (SQLite: one writer at a time)")
@pytest.mark.django_db(transaction=True)
def test_a_lane_lost_before_one_that_committed_is_worked_out_again_and_none_twice(
    caseload, configuration, dearer, administrator, practitioner, monkeypatch
):
    """In the job's first step, the first chunk fails and the three after it commit: the job fails,
    then carries on from its cursor, works the first chunk out again, and takes the others' reports
    in, once each. The second chunk holds a withdrawn assessment and the third answers that do not
    fit, both still candidates: a job that worked those chunks out again would count them twice (or
    stop, their reports being there already)."""
    roles = _roles_in_chunk_order(caseload, practitioner)
    from firstperson.allocation.services import recalculation_postgres

    real_chunk = recalculation_postgres.recalculate_chunk_postgresql
    job = _lanes_job(dearer, administrator)

    def first_lane_fails(*args, **kwargs):
        result = real_chunk(*args, **kwargs)
        if kwargs["after"] == "":  # only the job's first chunk begins at the start
            raise RuntimeError("The lane's connection was lost.")
        return result

    monkeypatch.setattr(recalculation_postgres, "recalculate_chunk_postgresql", first_lane_fails)
    with pytest.raises(RuntimeError):
        jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.cursor, job.processed) == (JobStatus.FAILED, "", 0)
    committed = [
        (report.result["rows"], report.result["closed"], report.result["recalculated"])
        for report in RecalculationLaneResult.objects.filter(job=job).order_by("after")
    ]
    assert committed == [(2, 1, 1), (2, 0, 1), (1, 0, 1)], "the 2nd, 3rd and 4th chunks committed"
    assert IndicativeBudget.objects.filter(configuration=dearer).count() == 3, "the failed chunk rolled back"
    monkeypatch.undo()
    _assert_recalculated_once(caseload, roles, configuration, dearer, jobs.run_job(job.pk))


def test_a_lane_report_kept_before_teams_were_counted_by_id_is_counted_by_name():
    """A chunk's report committed by a lane, but not yet taken into the summary when the service
    was upgraded, gives (person, team name) and no withdrawn changes by team."""
    from firstperson.allocation.models import RecalculationLaneResult

    older_report = RecalculationLaneResult(
        after="",
        last="z",
        result={
            "cursor": "z",
            "rows": 3,
            "closed": 0,
            "recalculated": 3,
            "not_fitting": [],
            "rule_calls": 2,
            "moderated": [["person-1", "West locality team"], ["person-2", ""]],
            "withdrawn": 1,
        },
    )
    summary: dict = {}
    recalculation._add_to_summary(summary, recalculation._result_from(older_report))
    assert summary["moderated_teams"] == {
        "name:West locality team": {"name": "West locality team", "people": 1, "withdrawn": 0},
        "": {"name": "No team", "people": 1, "withdrawn": 0},
    }
    assert (summary["moderated_count"], summary["withdrawn_changes"]) == (2, 1)
    assert summary["moderated_people"] == ["person-1", "person-2"]
