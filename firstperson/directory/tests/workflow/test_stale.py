"""A published record not checked for 12 months is stale; its organisation's members are reminded."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from firstperson.directory.choices import RecordStatus
from firstperson.directory.editor_selectors import (
    quality_dashboard,
    service_is_stale,
    services_of_organisation_member,
    stale_cutoff,
    stale_services,
)
from firstperson.directory.models import Organization, Service
from firstperson.directory.services import stale_reminders_send
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)


def _service(organization, name, *, reviewed, status=RecordStatus.PUBLISHED):
    return Service.objects.create(organization=organization, name=name, record_status=status, last_reviewed_at=reviewed)


@pytest.mark.parametrize(
    ("now", "cutoff"),
    [
        (NOW, datetime.datetime(2025, 6, 15, 12, 0, tzinfo=datetime.UTC)),
        (
            datetime.datetime(2028, 2, 29, 9, 0, tzinfo=datetime.UTC),
            datetime.datetime(2027, 2, 28, 9, 0, tzinfo=datetime.UTC),
        ),
    ],
)
def test_the_cutoff_is_twelve_calendar_months_earlier(now, cutoff):
    assert stale_cutoff(now) == cutoff


def test_stale_at_exactly_twelve_months_and_not_a_second_before(organisation):
    cutoff = stale_cutoff(NOW)
    at_boundary = _service(organisation, "Checked exactly a year ago", reviewed=cutoff)
    just_inside = _service(
        organisation, "Checked a year ago less a second", reviewed=cutoff + datetime.timedelta(seconds=1)
    )
    never = _service(organisation, "Never checked", reviewed=None)
    old_draft = _service(organisation, "An old draft", reviewed=None, status=RecordStatus.DRAFT)
    assert service_is_stale(at_boundary, NOW) is True
    assert service_is_stale(just_inside, NOW) is False
    assert service_is_stale(never, NOW) is True
    assert service_is_stale(old_draft, NOW) is False
    assert [s.name for s in stale_services(now=NOW)] == ["Never checked", "Checked exactly a year ago"]


def test_the_dashboard_counts_and_lists_the_stalest_and_the_weakest(organisation):
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    _service(organisation, "Stale one", reviewed=long_ago)
    fresh = _service(organisation, "Fresh one", reviewed=datetime.datetime.now(datetime.UTC))
    Service.objects.filter(pk=fresh.pk).update(quality_score=88)
    dashboard = quality_dashboard()
    assert (dashboard.published, dashboard.stale, dashboard.weak) == (2, 1, 1)
    assert [s.name for s in dashboard.stalest] == ["Stale one"]
    assert [s.name for s in dashboard.weakest] == ["Stale one", "Fresh one"]


def test_the_organisation_sees_its_stale_services_flagged(organisation, leroy):
    _service(organisation, "Stale one", reviewed=None)
    _service(organisation, "Fresh one", reviewed=datetime.datetime.now(datetime.UTC))
    rows = {row.service.name: row.stale for row in services_of_organisation_member(actor=leroy)}
    assert rows == {"Stale one": True, "Fresh one": False}


def test_reminders_go_to_each_member_of_each_owning_organisation_listing_only_their_stale_services(
    organisation, other_organisation, leroy, other_member, make_user, django_capture_on_commit_callbacks
):
    second_member = make_user(Role.ORGANISATION, first_name="Jean", username="jean@stmarks.example.org")
    organisation.members.add(second_member)
    former = make_user(Role.ORGANISATION, username="former@stmarks.example.org", is_active=False)
    organisation.members.add(former)
    _service(organisation, "St Mark's Luncheon Club", reviewed=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    _service(organisation, "St Mark's Coffee Morning", reviewed=NOW - datetime.timedelta(days=30))
    _service(other_organisation, "Oak Tree Day Centre", reviewed=None)
    nobody = Organization.objects.create(name="Nobody's Group")
    _service(nobody, "Orphan Service", reviewed=None)

    with django_capture_on_commit_callbacks(execute=True):
        report = stale_reminders_send(now=NOW)

    assert (report.stale_services, report.organisations_reminded, report.emails_sent) == (3, 2, 3)
    assert report.organisations_without_anyone == ["Nobody's Group"]
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {leroy.email, second_member.email, other_member.email}
    leroys = by_recipient[leroy.email]
    assert leroys.subject == "Please check your directory entries for St Mark's Church Volunteers"
    assert "St Mark's Luncheon Club (last checked 1 March 2024)" in leroys.body
    assert "Coffee Morning" not in leroys.body
    assert "Oak Tree" not in leroys.body
    assert "/directory/my-services/" in leroys.body
    assert "Oak Tree Day Centre (last checked never)" in by_recipient[other_member.email].body


def test_the_command_reminds_and_says_what_it_did(organisation, leroy, capsys, django_capture_on_commit_callbacks):
    _service(organisation, "St Mark's Luncheon Club", reviewed=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("directory_remind_stale")
    out = capsys.readouterr().out
    assert "1 stale services. Sent 1 reminders to the members of 1 organisations." in out
    assert [message.to for message in mail.outbox] == [[leroy.email]]


def test_an_organisation_is_reminded_at_most_every_28_days_however_often_the_command_runs(
    organisation, leroy, django_capture_on_commit_callbacks
):
    _service(organisation, "St Mark's Luncheon Club", reviewed=None)
    with django_capture_on_commit_callbacks(execute=True):
        first = stale_reminders_send(now=NOW)
    organisation.refresh_from_db()
    assert (first.organisations_reminded, first.emails_sent) == (1, 1)
    assert organisation.stale_reminder_sent_at == NOW

    for days_later, reminded in ((1, 0), (27, 0), (28, 1), (29, 0)):
        with django_capture_on_commit_callbacks(execute=True):
            report = stale_reminders_send(now=NOW + datetime.timedelta(days=days_later))
        assert (report.organisations_reminded, report.organisations_reminded_lately) == (reminded, 1 - reminded)
    assert len(mail.outbox) == 2  # the first day and day 28, never in between
    organisation.refresh_from_db()
    assert organisation.stale_reminder_sent_at == NOW + datetime.timedelta(days=28)


def test_an_organisation_with_no_one_to_remind_is_not_marked_as_reminded(organisation):
    nobody = Organization.objects.create(name="Nobody's Group")
    _service(nobody, "Orphan Service", reviewed=None)
    report = stale_reminders_send(now=NOW)
    nobody.refresh_from_db()
    assert report.organisations_without_anyone == ["Nobody's Group"]
    assert nobody.stale_reminder_sent_at is None


def test_the_command_says_when_organisations_were_reminded_lately(organisation, leroy, capsys):
    _service(organisation, "St Mark's Luncheon Club", reviewed=None)
    Organization.objects.filter(pk=organisation.pk).update(stale_reminder_sent_at=datetime.datetime.now(datetime.UTC))
    call_command("directory_remind_stale")
    out = capsys.readouterr().out
    assert "Sent 0 reminders to the members of 0 organisations." in out
    assert "1 organisations with stale services were reminded in the last 28 days, so not again now." in out
    assert mail.outbox == []
