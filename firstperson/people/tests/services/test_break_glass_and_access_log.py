import datetime

import pytest
from django.utils import timezone

from firstperson.people.exceptions import InvalidPersonDetails
from firstperson.people.models import BreakGlassGrant
from firstperson.people.permissions import can_view
from firstperson.people.services import person_break_glass_open, person_record_view
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


def test_break_glass_needs_a_real_reason_and_records_nothing_without_one(make_user, make_person, team, other_team):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    stranger = make_person(team=other_team)
    with pytest.raises(InvalidPersonDetails) as refused:
        person_break_glass_open(actor=practitioner, person=stranger, reason="  because ")
    assert refused.value.field == "reason"
    assert not BreakGlassGrant.objects.exists()
    assert not can_view(practitioner, stranger)


def test_break_glass_opens_the_record_for_a_while_and_flags_the_access_log(make_user, make_person, team, other_team):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    stranger = make_person(team=other_team)
    reason = "Duty call: daughter reports a fall this morning"
    grant = person_break_glass_open(actor=practitioner, person=stranger, reason=reason, page="/people/x/open/")
    assert can_view(practitioner, stranger)
    opened = AuditEvent.objects.get(verb=AuditVerb.PERSON_BREAK_GLASS)
    assert opened.break_glass_reason == reason
    person_record_view(actor=practitioner, person=stranger, page=f"/people/{stranger.pk}/")
    viewed = AuditEvent.objects.get(verb=AuditVerb.PERSON_VIEWED)
    assert viewed.break_glass_reason == reason
    assert viewed.page == f"/people/{stranger.pk}/"

    grant.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    grant.save()
    assert not can_view(practitioner, stranger)


def test_a_view_inside_the_caseload_is_logged_without_a_reason(make_user, make_person, team):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    person = make_person(team=team)
    person_record_view(actor=practitioner, person=person, page="/people/x/")
    event = AuditEvent.objects.get(verb=AuditVerb.PERSON_VIEWED)
    assert event.actor == practitioner
    assert event.actor_role == Role.PRACTITIONER
    assert event.break_glass_reason == ""
