import datetime

import pyotp
import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from firstperson.platform.accounts.exceptions import SignInRefused, TwoFactorCodeInvalid
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role
from firstperson.platform.accounts.services import two_factor_verify, user_authenticate, user_unlock
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_in(username, password):
    return user_authenticate(request=RequestFactory().post("/sign-in/"), username=username, password=password)


@override_settings(SIGN_IN_SLOWDOWN_AFTER=3, SIGN_IN_SLOWDOWN_BASE_SECONDS=5, SIGN_IN_LOCK_AFTER=5)
def test_repeated_wrong_passwords_slow_down_then_lock_the_account(make_user):
    user = make_user(Role.PRACTITIONER, username="chloe.bennett")
    for _ in range(2):
        with pytest.raises(SignInRefused, match="Enter a correct username"):
            sign_in("chloe.bennett", "wrong")
    with pytest.raises(SignInRefused, match="Enter a correct username"):
        sign_in("chloe.bennett", "wrong")
    with pytest.raises(SignInRefused, match="Wait [0-9]+ seconds"):
        sign_in("chloe.bennett", PASSWORD)  # even the right password waits its turn

    for _ in range(2):
        User.objects.filter(pk=user.pk).update(next_sign_in_allowed_at=timezone.now() - datetime.timedelta(seconds=1))
        with pytest.raises(SignInRefused):
            sign_in("chloe.bennett", "wrong")
    user.refresh_from_db()
    assert user.locked_at is not None
    assert AuditEvent.objects.filter(verb=AuditVerb.USER_LOCKED, object_id=str(user.pk)).count() == 1
    with pytest.raises(SignInRefused, match="locked"):
        sign_in("chloe.bennett", PASSWORD)

    user_unlock(user=user, unlocked_by=make_user(Role.ADMINISTRATOR))
    assert sign_in("Chloe.Bennett", PASSWORD).pk == user.pk
    user.refresh_from_db()
    assert user.failed_sign_in_count == 0


def test_a_successful_sign_in_clears_earlier_failures(make_user):
    user = make_user(Role.PRACTITIONER, username="tom.adeyemi")
    with pytest.raises(SignInRefused):
        sign_in("tom.adeyemi", "wrong")
    sign_in("tom.adeyemi", PASSWORD)
    user.refresh_from_db()
    assert user.failed_sign_in_count == 0
    assert AuditEvent.objects.filter(verb=AuditVerb.USER_SIGNED_IN).count() == 1


def test_an_unknown_username_gets_the_same_message_as_a_wrong_password(make_user):
    with pytest.raises(SignInRefused) as unknown:
        sign_in("nobody@example.com", "whatever")
    make_user(Role.RESIDENT, username="someone@example.com")
    with pytest.raises(SignInRefused) as wrong:
        sign_in("someone@example.com", "whatever")
    assert unknown.value.message == wrong.value.message


def test_a_resident_must_confirm_their_email_before_signing_in(make_user):
    resident = make_user(Role.RESIDENT, username="new@example.com")
    User.objects.filter(pk=resident.pk).update(email_verified_at=None)
    with pytest.raises(SignInRefused, match="Confirm your email address"):
        sign_in("new@example.com", PASSWORD)


def test_two_factor_accepts_the_current_code_once(make_user):
    user = make_user(Role.PRACTITIONER)
    totp = pyotp.TOTP(user.two_factor_device.secret)
    with pytest.raises(TwoFactorCodeInvalid, match="6-digit"):
        two_factor_verify(user=user, code="12ab")
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    with pytest.raises(TwoFactorCodeInvalid):
        two_factor_verify(user=user, code=wrong)
    two_factor_verify(user=user, code=totp.now())
    with pytest.raises(TwoFactorCodeInvalid, match="already been used"):
        two_factor_verify(user=user, code=totp.now())


def test_the_first_good_code_confirms_a_new_authenticator(make_user):
    from firstperson.platform.accounts.services import two_factor_device_for

    user = make_user(Role.FINANCE_OFFICER, two_factor=False)
    device = two_factor_device_for(user=user)
    assert device.confirmed_at is None
    two_factor_verify(user=user, code=pyotp.TOTP(device.secret).now())
    device.refresh_from_db()
    assert device.confirmed_at is not None
    assert AuditEvent.objects.filter(verb=AuditVerb.USER_TWO_FACTOR_SET_UP).count() == 1
