"""The bulk recalculation page of a configuration: the start page with the count of open assessments,
the job's progress (refreshing itself while it runs, without JavaScript) and its summary; who may
start it; refusals shown in the error summary."""

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


def test_a_running_job_refreshes_its_page_every_few_seconds(sign_in_client, finance_officer, dearer):
    job = BatchJob.objects.create(
        kind=recalculation.KIND,
        key=recalculation.job_key(dearer),
        description="Recalculate",
        parameters={"configuration": str(dearer.pk)},
        status=JobStatus.RUNNING,
        total=200,
        processed=50,
    )
    response = sign_in_client(finance_officer).get(url(dearer))
    assert response["Refresh"] == "5"
    page = text(response)
    assert "25% done" in page
    assert "This page updates every 5 seconds" in page
    assert "Carry on" not in page
    BatchJob.objects.filter(pk=job.pk).update(status=JobStatus.INTERRUPTED)
    page = text(sign_in_client(finance_officer).get(url(dearer)))
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
