"""A voluntary group or provider registers: an organisation, its first member, a confirmation email."""

import re

import pytest
from django.core import mail

from firstperson.directory.models import Organization
from firstperson.directory.services import organisation_register
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.accounts.services import user_verify_email
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def register(**overrides):
    values = {
        "organisation_name": "St Mark's Church Volunteers",
        "description": "Volunteers who run a weekly luncheon club",
        "email": "",
        "website": "https://stmarks.example.org",
        "contact_first_name": "Leroy",
        "contact_last_name": "Grant",
        "contact_email": "Leroy.Grant@Example.org ",
        "password": "lunch club on thursdays",
    }
    values.update(overrides)
    return organisation_register(**values)


def test_registering_creates_the_organisation_and_its_member_and_sends_a_confirmation_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        organization = register()
    user = User.objects.get(username="leroy.grant@example.org")
    assert user.role == Role.ORGANISATION
    assert user.check_password("lunch club on thursdays")
    assert user.email_verified_at is None
    assert list(organization.members.all()) == [user]
    assert organization.website == "https://stmarks.example.org"
    event = AuditEvent.objects.get(verb=AuditVerb.DIRECTORY_ORGANIZATION_REGISTERED)
    assert (event.actor, event.object_id, event.payload["name"]) == (user, str(organization.pk), organization.name)
    assert AuditEvent.objects.filter(verb=AuditVerb.USER_REGISTERED, actor=user).exists()
    [message] = mail.outbox
    assert message.to == ["leroy.grant@example.org"]
    assert "St Mark's Church Volunteers" in message.body
    token = re.search(r"/register/verify/([^/\s]+)/", message.body).group(1)
    assert user_verify_email(token=token) == user
    user.refresh_from_db()
    assert user.email_verified_at is not None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"organisation_name": "  "}, "organisation_name", "Enter the name of your organisation"),
        ({"website": "", "email": ""}, "organisation_website", "Give your organisation's website or email address"),
    ],
)
def test_missing_details_are_refused(overrides, field, message, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError) as refused:
        register(**overrides)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert not Organization.objects.exists() and not User.objects.exists()
    assert mail.outbox == []


def test_an_email_address_with_an_account_already_is_refused(make_user, django_capture_on_commit_callbacks):
    make_user(Role.RESIDENT, username="leroy.grant@example.org")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ApplicationError, match="There is already an account with this email address"),
    ):
        register()
    assert not Organization.objects.exists()
    assert mail.outbox == []


def test_an_organisation_already_in_the_directory_is_not_registered_twice():
    Organization.objects.create(name="St Mark's Church Volunteers")
    with pytest.raises(ApplicationError, match="is already in the directory. Ask the directory team to add you"):
        register(organisation_name="st mark's  church volunteers")
    assert Organization.objects.count() == 1
    assert not User.objects.exists()
