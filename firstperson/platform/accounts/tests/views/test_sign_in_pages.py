import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_staff_cannot_reach_records_until_they_pass_two_factor(make_user, team):
    practitioner = make_user(Role.PRACTITIONER, team=team, username="chloe.bennett")
    client = Client()
    response = client.post(reverse("accounts:sign-in"), {"username": "chloe.bennett", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor-verify")
    blocked = client.get(reverse("people:person-search"))
    assert blocked.status_code == 302
    assert blocked["Location"] == reverse("accounts:two-factor-verify")

    code = pyotp.TOTP(practitioner.two_factor_device.secret).now()
    response = client.post(reverse("accounts:two-factor-verify"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("people:person-search")).status_code == 200


def test_staff_without_an_authenticator_are_sent_to_set_one_up(make_user):
    make_user(Role.COMMISSIONER, username="nadia.petrova", two_factor=False)
    client = Client()
    client.post(reverse("accounts:sign-in"), {"username": "nadia.petrova", "password": PASSWORD})
    response = client.get(reverse("ui:home"))
    assert response["Location"] == reverse("accounts:two-factor-setup")
    page = client.get(reverse("accounts:two-factor-setup")).content.decode()
    assert "<svg" in page
    assert "Key:" in page


def test_a_wrong_password_shows_the_error_summary(make_user):
    make_user(Role.PRACTITIONER, username="chloe.bennett")
    page = Client().post(reverse("accounts:sign-in"), {"username": "chloe.bennett", "password": "nope"})
    content = page.content.decode()
    assert "govuk-error-summary" in content
    assert "Enter a correct username or email address and password" in content


def test_sign_in_ignores_an_offsite_next_address(make_user):
    make_user(Role.RESIDENT, username="sam@example.com")
    response = Client().post(
        reverse("accounts:sign-in"),
        {"username": "sam@example.com", "password": PASSWORD, "next": "https://evil.example.net/"},
    )
    assert response["Location"] == reverse("ui:home")


def test_administrators_see_locked_accounts_and_can_unlock_them(make_user, sign_in_client):
    import datetime

    locked = make_user(Role.PRACTITIONER, username="locked.person", locked_at=datetime.datetime.now(datetime.UTC))
    admin = sign_in_client(make_user(Role.ADMINISTRATOR))
    page = admin.get(reverse("accounts:locked-account-list")).content.decode()
    assert "locked.person" in page
    admin.post(reverse("accounts:account-unlock", args=[locked.pk]))
    locked.refresh_from_db()
    assert locked.locked_at is None
    assert "No accounts are locked" in admin.get(reverse("accounts:locked-account-list")).content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password_and_lifts_a_lock(make_user):
    import datetime
    import re

    user = make_user(Role.RESIDENT, username="joan@example.com", locked_at=datetime.datetime.now(datetime.UTC))
    client = Client()
    response = client.post(reverse("accounts:password-reset"), {"email": "joan@example.com"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    link = re.search(r"https?://[^/]+(/password-reset/[^\s]+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    short = client.post(set_url, {"password": "short", "password_again": "short"})
    assert "Password must be 12 characters or more" in short.content.decode()
    done = client.post(set_url, {"password": "a brand new long phrase", "password_again": "a brand new long phrase"})
    assert done.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert user.check_password("a brand new long phrase")
    assert user.locked_at is None
