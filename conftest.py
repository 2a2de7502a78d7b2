"""Shared test fixtures: users of every role, person records made by the real services, a staff
client that has passed two-factor sign-in, and the real browser (Debian's Chromium) for journeys."""

import datetime
import os

import pytest
from hypothesis import settings

# Property tests check what the rules give, never how fast: hypothesis's default 200 ms deadline a
# case would make them fail on a busy shared machine. Speed is for the benchmarks (make bench-...).
settings.register_profile("firstperson", deadline=None)
settings.load_profile("firstperson")

# Playwright's sync API runs an event loop in the main thread; Django refuses ORM calls there unless
# told this is a test. Only the browser journeys need it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def team(db):
    from firstperson.platform.accounts.models import Team

    return Team.objects.create(name="West locality team")


@pytest.fixture
def other_team(db):
    from firstperson.platform.accounts.models import Team

    return Team.objects.create(name="East locality team")


@pytest.fixture
def make_user(db):
    from firstperson.platform.accounts.models import TwoFactorDevice, User
    from firstperson.platform.accounts.roles import WORKSPACE_ROLES

    counter = {"n": 0}

    def make(role, *, team=None, password="correct horse battery staple", two_factor=True, **extra):
        counter["n"] += 1
        username = extra.pop("username", f"{role}-{counter['n']}@example.com")
        user = User.objects.create_user(
            username=username,
            email=extra.pop("email", username if "@" in username else ""),
            password=password,
            role=role,
            team=team,
            first_name=extra.pop("first_name", role.replace("_", " ").title()),
            last_name=extra.pop("last_name", str(counter["n"])),
            email_verified_at=datetime.datetime.now(datetime.UTC),
            **extra,
        )
        if role in WORKSPACE_ROLES and two_factor:
            TwoFactorDevice.objects.create(
                user=user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", confirmed_at=datetime.datetime.now(datetime.UTC)
            )
        return user

    return make


@pytest.fixture
def make_person(db):
    """Creates a person with the real service, as a system action."""
    from firstperson.people.services import PersonDetails, person_create

    counter = {"n": 0}

    def make(*, team=None, account=None, **details):
        counter["n"] += 1
        values = {
            "legal_given_name": f"Person{counter['n']}",
            "legal_family_name": "Example",
            "date_of_birth": datetime.date(1950, 1, 1) + datetime.timedelta(days=counter["n"]),
        }
        values.update(details)
        person = person_create(actor=None, details=PersonDetails(**values), allocated_team=team)
        if account is not None:
            person.account = account
            person.save(update_fields=["account"])
        return person

    return make


@pytest.fixture
def sign_in_client():
    """Signs a test client in as a user; staff are also marked as having passed two-factor."""
    from django.test import Client

    def sign_in(user):
        client = Client()
        client.force_login(user)
        if user.uses_workspace:
            session = client.session
            session["two_factor_verified"] = True
            session.save()
        return client

    return sign_in


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser journeys run last, after pytest-django has ordered the rest.

    Their live server runs each one outside a transaction, and Django then empties every table,
    taking with it the rows that data migrations made (the default questionnaires). A database test
    that relies on those rows and happened to be ordered after a journey would find them gone.
    """
    journeys = [item for item in items if "tests/journeys" in str(item.fspath)]
    if journeys:
        rest = [item for item in items if "tests/journeys" not in str(item.fspath)]
        items[:] = rest + journeys


# --- the real browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
