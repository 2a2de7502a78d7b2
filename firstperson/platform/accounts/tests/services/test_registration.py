import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail

from firstperson.platform.accounts.exceptions import RegistrationRefused, VerificationLinkInvalid
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.accounts.services import email_verification_token, resident_register, user_verify_email

pytestmark = pytest.mark.django_db(transaction=True)


def register(email="Aisha.Rahman@Example.com"):
    return resident_register(
        email=email, password_hash=make_password("a long pass phrase"), first_name="Aisha", last_name="Rahman"
    )


def test_registration_sends_a_link_that_confirms_the_email_address():
    user = register()
    assert user.username == "aisha.rahman@example.com"
    assert user.role == Role.RESIDENT
    assert user.email_verified_at is None
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    token = email_verification_token(user=user)
    assert f"/register/verify/{token}/" in body
    user_verify_email(token=token)
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_an_email_address_can_only_register_once():
    register()
    with pytest.raises(RegistrationRefused, match="already an account"):
        register("aisha.rahman@example.com")
    assert User.objects.count() == 1


def test_a_tampered_link_is_refused():
    user = register()
    token = email_verification_token(user=user)
    with pytest.raises(VerificationLinkInvalid):
        user_verify_email(token=token[:-2] + "xx")
    user.refresh_from_db()
    assert user.email_verified_at is None
