"""Two administrators at once, on PostgreSQL (where requests truly run in parallel; SQLite runs one
write at a time): the questionnaire's row lock makes two publishes for the same day, or two new
drafts, go one after the other, so the second sees the first."""

import datetime

import pytest
from django.utils import timezone

from firstperson.allocation import services
from firstperson.allocation.exceptions import ConfigurationNotPublishable
from firstperson.allocation.models import ConfigurationStatus, RasConfiguration
from tests.concurrency import at_once, postgresql_only

from ..fixtures import draft_copy

pytestmark = postgresql_only


@pytest.mark.django_db(transaction=True)
def test_two_drafts_published_at_once_for_the_same_day_make_one_in_force(configuration, administrator):
    day = timezone.localdate() + datetime.timedelta(days=7)
    first = draft_copy(configuration, actor=administrator, price_per_point="250", effective_from=day)
    second = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=day)
    results, errors = at_once(
        lambda: services.configuration_publish(actor=administrator, configuration=first),
        lambda: services.configuration_publish(actor=administrator, configuration=second),
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ConfigurationNotPublishable)
    assert "already takes effect on that day" in str(errors[0].problems)
    published = RasConfiguration.objects.filter(status=ConfigurationStatus.PUBLISHED, effective_from=day)
    assert published.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_new_drafts_at_once_take_the_next_two_numbers(configuration, administrator):
    version = configuration.questionnaire_version
    results, errors = at_once(
        lambda: services.configuration_create(actor=administrator, questionnaire_version=version),
        lambda: services.configuration_create(actor=administrator, questionnaire_version=version),
    )
    assert errors == []
    assert sorted(draft.number for draft in results) == [configuration.number + 1, configuration.number + 2]
