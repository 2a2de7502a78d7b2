"""The bulk recalculation page of a configuration: the start page with the count of open assessments,
the job's progress (updating itself only when the reader asks, without JavaScript) and its summary;
who may start it; carrying on a job that stopped, failed or stalled, only while its configuration is
in force; refusals shown in the error summary."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from firstperson.allocation import services
from firstperson.allocation.models import IndicativeBudget, RasConfiguration
from firstperson.allocation.services import recalculation
from firstperson.platform.accounts.roles import Role
from firstperson.platform.jobs.models import BatchJob, JobStatus

from ..fixtures import NO_NEEDS, REFERENCE_ANSWERS, draft_copy, submitted_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def configuration(configuration):
    """Version 1, as if published a month ago."""
    RasConfiguration.objects.filter(pk=configuration.pk).update(
        effective_from=timezone.localdate() - datetime.timedelta(days=30)
    )
    configuration.refresh_from_db()
    return configuration


@pytest.fixture
def dearer(configuration, administrator, make_person, team, practitioner):
    for answers in (REFERENCE_ANSWERS, NO_NEEDS):
        assessment = submitted_assessment(person=make_person(team=team), actor=practitioner, answers=answers)
        services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    draft = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=timezone.localdate())
    return services.configuration_publish(actor=administrator, configuration=draft)


def url(configuration):
    return reverse("allocation:configuration-recalculation", args=[configuration.pk])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_configuration_page_links_to_it(sign_in_client, administrator, dearer):
    page = text(sign_in_client(administrator).get(reverse("allocation:configuration-detail", args=[dearer.pk])))
    assert url(dearer) in page


def test_an_administrator_starts_it_and_sees_the_summary(sign_in_client, administrator, dearer):
    client = sign_in_client(administrator)
    page = text(client.get(url(dearer)))
    assert (
        'Open assessments with a budget under an earlier version</dt><dd class="govuk-summary-list__value">2<' in page
    )
    assert "Work out 2 budgets again" in page
    response = client.post(url(dearer))
    assert response.status_code == 302 and response["Location"] == url(dearer)
    page = client.get(url(dearer))
    assert "Refresh" not in page, "a finished job's page does not refresh itself"
    assert "2 budgets worked out again" in text(page)
    assert IndicativeBudget.objects.filter(configuration=dearer, is_current=True).count() == 2


def _job(configuration, **fields) -> BatchJob:
    return BatchJob.objects.create(
        kind=recalculation.KIND,
        key=recalculation.job_key(configuration),
        description="Recalculate",
        parameters={"configuration": str(configuration.pk)},
        **fields,
    )


def test_a_running_job_updates_its_page_only_when_the_reader_asks(sign_in_client, finance_officer, dearer):
    job = _job(dearer, status=JobStatus.RUNNING, total=200, processed=50)
    client = sign_in_client(finance_officer)
    response = client.get(url(dearer))
    assert "Refresh" not in response, "a page that reloads itself unasked fails WCAG 2.2.1"
    page = text(response)
    assert "25% done" in page
    assert f'<a class="govuk-link" href="{url(dearer)}?follow=1">keep this page up to date</a>' in page
    assert "Carry on" not in page
    following = client.get(url(dearer) + "?follow=1")
    assert following["Refresh"] == "5"
    assert f'This page updates every 5 seconds. <a class="govuk-link" href="{url(dearer)}">Stop updating' in text(
        following
    )
    BatchJob.objects.filter(pk=job.pk).update(status=JobStatus.INTERRUPTED)
    stopped = client.get(url(dearer) + "?follow=1")
    assert "Refresh" not in stopped, "nothing to follow once it has stopped"
    assert "Carry on from where it stopped" in text(stopped)


def test_a_stalled_job_says_so_and_can_be_carried_on(sign_in_client, finance_officer, dearer):
    """A worker killed part way leaves the job 'running' for ever: after 10 minutes with no progress
    the page says it seems to have stopped, stops offering updates, and offers to carry on."""
    job = _job(dearer, status=JobStatus.RUNNING, total=2, processed=0)
    BatchJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=3))
    client = sign_in_client(finance_officer)
    response = client.get(url(dearer) + "?follow=1")
    assert "Refresh" not in response
    page = text(response)
    assert "Nothing has moved for more than 10 minutes, so it seems to have stopped." in page
    assert "keep this page up to date" not in page
    assert "Carry on from where it stopped" in page
    client.post(url(dearer))
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED
    assert IndicativeBudget.objects.filter(configuration=dearer, is_current=True).count() == 2


def test_a_job_cannot_carry_on_once_its_configuration_is_retired(sign_in_client, administrator, dearer):
    job = _job(dearer, status=JobStatus.INTERRUPTED, total=2, processed=0, started_by=administrator)
    services.configuration_retire(actor=administrator, configuration=dearer)
    client = sign_in_client(administrator)
    page = text(client.get(url(dearer)))
    assert "It cannot carry on. This configuration has been retired" in page
    assert "Carry on from where it stopped" not in page
    response = client.post(url(dearer))  # the button's request, sent anyway
    assert response.status_code == 200
    assert "govuk-error-summary" in text(response)
    job.refresh_from_db()
    assert job.status == JobStatus.INTERRUPTED
    assert not IndicativeBudget.objects.filter(configuration=dearer).exists()


def test_a_job_running_when_its_configuration_is_retired_stops_saying_why(sign_in_client, administrator, dearer):
    from firstperson.platform.jobs import services as jobs

    job = _job(dearer, started_by=administrator)
    services.configuration_retire(actor=administrator, configuration=dearer)
    job = jobs.run_job(job.pk)
    assert job.status == JobStatus.FAILED
    assert job.stopped_reason == (
        "It stopped because this configuration has been retired, so budgets are no longer worked out under it."
    )
    assert not IndicativeBudget.objects.filter(configuration=dearer).exists()
    page = text(sign_in_client(administrator).get(url(dearer)))
    assert job.stopped_reason in page
    assert "It cannot carry on." in page


def test_a_failure_shows_plain_words_not_the_technical_error(sign_in_client, administrator, dearer):
    from firstperson.platform.jobs.services import UNEXPECTED_STOP

    _job(
        dearer,
        status=JobStatus.FAILED,
        error="IntegrityError: UNIQUE constraint failed: allocation_indicativebudget.assessment_id",
        stopped_reason=UNEXPECTED_STOP,
    )
    page = text(sign_in_client(administrator).get(url(dearer)))
    assert UNEXPECTED_STOP in page
    assert "IntegrityError" not in page
    assert "Carry on from where it stopped" in page


def test_a_finance_officer_may_start_it(sign_in_client, finance_officer, dearer):
    sign_in_client(finance_officer).post(url(dearer))
    assert BatchJob.objects.get().status == JobStatus.FINISHED


def test_a_practitioner_reads_it_but_cannot_start_it(sign_in_client, practitioner, dearer):
    client = sign_in_client(practitioner)
    page = text(client.get(url(dearer)))
    assert "An administrator or a finance officer starts this." in page
    assert client.post(url(dearer)).status_code == 404
    assert not BatchJob.objects.exists()


def test_a_configuration_not_in_force_says_why(sign_in_client, administrator, configuration):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    later = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=tomorrow)
    later = services.configuration_publish(actor=administrator, configuration=later)
    client = sign_in_client(administrator)
    page = text(client.get(url(later)))
    assert "You can recalculate from that day." in page
    response = client.post(url(later))
    assert response.status_code == 200
    assert "govuk-error-summary" in text(response)
    assert not BatchJob.objects.exists()


@pytest.fixture
def finance_officer(make_user):
    return make_user(Role.FINANCE_OFFICER)


# --- Counts of budgets changed by hand: every team for those who start it, one's own team for caseworkers.


def _finished_summary(west, east) -> dict:
    """A finished job's summary: five figures changed by hand (two in West, three in East) and two
    changes withdrawn (one in each), the teams counted by id."""
    return {
        "recalculated": 5,
        "moderated_count": 5,
        "withdrawn_changes": 2,
        "moderated_teams": {
            str(west.pk): {"name": west.name, "people": 2, "withdrawn": 1},
            str(east.pk): {"name": east.name, "people": 3, "withdrawn": 1},
        },
        "moderated_people": [],
    }


def _row(page: str, heading: str) -> str:
    found = re.search(heading + r"[^<]*</dt><dd[^>]*>(\d+)<", page)
    assert found, f"the summary list has a row for {heading}"
    return found.group(0)


def _moderated_row(page: str) -> str:
    return _row(page, "Figures that had been changed by hand")


@pytest.mark.parametrize(
    ("role", "team_name", "by_team", "count", "withdrawn"),
    [
        (Role.ADMINISTRATOR, None, [("East locality team", 3), ("West locality team", 2)], 5, 2),
        (Role.FINANCE_OFFICER, None, [("East locality team", 3), ("West locality team", 2)], 5, 2),
        (Role.PRACTITIONER, "West locality team", [("West locality team", 2)], 2, 1),
        (Role.TEAM_MANAGER, "West locality team", [("West locality team", 2)], 2, 1),
        (Role.PRACTITIONER, "East locality team", [("East locality team", 3)], 3, 1),
        (Role.TEAM_MANAGER, "North locality team", [], 0, 0),  # a team with no figures changed by hand
        (Role.PRACTITIONER, None, [], 0, None),  # no team, so no caseload
    ],
)
def test_each_role_sees_the_counts_it_may_see(
    sign_in_client, make_user, team, other_team, dearer, role, team_name, by_team, count, withdrawn
):
    from firstperson.platform.accounts.models import Team

    summary = _finished_summary(team, other_team)
    job = _job(dearer, status=JobStatus.FINISHED, total=5, processed=5, summary=summary)
    user = make_user(role, team=Team.objects.get_or_create(name=team_name)[0] if team_name else None)
    counts = recalculation.moderated_counts_visible_to(actor=user, job=job)
    every_team = role in {Role.ADMINISTRATOR, Role.FINANCE_OFFICER}
    assert counts == (by_team, count, every_team, withdrawn)

    page = text(sign_in_client(user).get(url(dearer)))
    row = _moderated_row(page)
    assert row.endswith(f">{count}<")
    assert ("in your team" in row) is not every_team
    # Another team's count is never shown to a practitioner or team manager.
    for name in ("West locality team", "East locality team"):
        assert (name in page) is (name in dict(by_team))
    assert ("By team</caption>" in page) is every_team
    if withdrawn is None:
        assert "Changes waiting for a team manager, withdrawn" not in page
    else:
        withdrawn_row = _row(page, "Changes waiting for a team manager, withdrawn")
        assert withdrawn_row.endswith(f">{withdrawn}<")
        assert ("in your team" in withdrawn_row) is not every_team


def test_a_team_renamed_since_still_sees_its_counts(sign_in_client, make_user, team, other_team, dearer):
    job = _job(dearer, status=JobStatus.FINISHED, total=5, processed=5, summary=_finished_summary(team, other_team))
    team.name = "West and Central locality team"
    team.save(update_fields=["name"])
    practitioner = make_user(Role.PRACTITIONER, team=team)
    counts = recalculation.moderated_counts_visible_to(actor=practitioner, job=job)
    assert counts == ([("West and Central locality team", 2)], 2, False, 1)
    page = text(sign_in_client(practitioner).get(url(dearer)))
    assert _moderated_row(page).endswith(">2<")


def test_a_job_finished_before_teams_were_counted_by_id_is_read_by_name(make_user, team, other_team, dearer):
    summary = {
        "recalculated": 5,
        "moderated_count": 5,
        "withdrawn_changes": 2,
        "moderated_by_team": {"West locality team": 2, "East locality team": 3},
        "moderated_people": [],
    }
    job = _job(dearer, status=JobStatus.FINISHED, total=5, processed=5, summary=summary)
    everyone = recalculation.moderated_counts_visible_to(actor=make_user(Role.ADMINISTRATOR), job=job)
    assert everyone == ([("East locality team", 3), ("West locality team", 2)], 5, True, 2)
    west = recalculation.moderated_counts_visible_to(actor=make_user(Role.PRACTITIONER, team=team), job=job)
    assert west == ([("West locality team", 2)], 2, False, None), "its team's withdrawn changes were not counted"


def test_counts_from_a_report_kept_before_teams_were_counted_by_id_reach_the_team(make_user, team, dearer):
    """A chunk's report from before the upgrade names the team, not its id (see _add_to_summary)."""
    summary = {
        "moderated_count": 3,
        "withdrawn_changes": 0,
        "moderated_teams": {
            str(team.pk): {"name": team.name, "people": 2, "withdrawn": 1},
            f"name:{team.name}": {"name": team.name, "people": 1, "withdrawn": 0},
        },
    }
    job = _job(dearer, status=JobStatus.FINISHED, total=3, processed=3, summary=summary)
    counts = recalculation.moderated_counts_visible_to(actor=make_user(Role.PRACTITIONER, team=team), job=job)
    assert counts == ([(team.name, 3)], 3, False, 1)
