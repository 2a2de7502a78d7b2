"""Writes for accounts: sign-in (with slow-down and lock), two-factor, registration, verification."""

import datetime

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.notify.services import notify_send_email

from .exceptions import RegistrationRefused, SignInRefused, TwoFactorCodeInvalid, VerificationLinkInvalid
from .models import TwoFactorDevice, User
from .roles import Role
from .rules.sign_in import SignInPolicy, sign_in_failure_outcome

EMAIL_VERIFICATION_SALT = "firstperson.accounts.email-verification"
EMAIL_VERIFICATION_MAX_AGE = datetime.timedelta(days=3)
TOTP_ISSUER = "FirstPerson"

_WRONG_DETAILS = "Enter a correct username or email address and password"


def _sign_in_policy() -> SignInPolicy:
    return SignInPolicy(
        slowdown_after=settings.SIGN_IN_SLOWDOWN_AFTER,
        base_wait_seconds=settings.SIGN_IN_SLOWDOWN_BASE_SECONDS,
        lock_after=settings.SIGN_IN_LOCK_AFTER,
    )


def user_authenticate(*, request, username: str, password: str) -> User:
    """Check a password sign-in. Raises SignInRefused with a message to show."""
    username = username.strip()
    now = timezone.now()
    user = User.objects.filter(username__iexact=username).select_related("team").first()
    if user is not None and user.locked_at is not None:
        raise SignInRefused(
            "Your account is locked after too many wrong passwords. Contact your administrator, "
            f"or call {settings.COUNCIL_PHONE}, to unlock it."
        )
    if user is not None and user.next_sign_in_allowed_at and now < user.next_sign_in_allowed_at:
        seconds = int((user.next_sign_in_allowed_at - now).total_seconds()) + 1
        raise SignInRefused(f"Too many wrong passwords. Wait {seconds} seconds, then try again")
    authenticated = authenticate(request, username=user.username if user else username, password=password)
    if authenticated is None:
        if user is not None:
            _record_failed_sign_in(user=user, now=now)
        raise SignInRefused(_WRONG_DETAILS)
    if authenticated.uses_resident_face and authenticated.email_verified_at is None:
        raise SignInRefused("Confirm your email address first. We sent you a link when you created your account")
    with transaction.atomic():
        User.objects.filter(pk=authenticated.pk).update(failed_sign_in_count=0, next_sign_in_allowed_at=None)
        audit_record(actor=authenticated, verb=AuditVerb.USER_SIGNED_IN, object_type="user", object_id=authenticated.pk)
    return authenticated


def _record_failed_sign_in(*, user: User, now: datetime.datetime) -> None:
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        outcome = sign_in_failure_outcome(
            failed_count_before=locked_user.failed_sign_in_count, now=now, policy=_sign_in_policy()
        )
        locked_user.failed_sign_in_count = outcome.failed_count
        locked_user.next_sign_in_allowed_at = outcome.next_allowed_at
        if outcome.locked:
            locked_user.locked_at = now
        locked_user.save(update_fields=["failed_sign_in_count", "next_sign_in_allowed_at", "locked_at"])
        audit_record(
            actor=None,
            verb=AuditVerb.USER_LOCKED if outcome.locked else AuditVerb.USER_SIGN_IN_FAILED,
            object_type="user",
            object_id=user.pk,
            payload={"failed_count": outcome.failed_count},
        )


def user_set_password(*, user: User, password: str) -> User:
    """A new password from the reset link. It also lifts a lock: the person proved they own the
    email address the link was sent to."""
    with transaction.atomic():
        user.set_password(password)
        user.locked_at = None
        user.failed_sign_in_count = 0
        user.next_sign_in_allowed_at = None
        user.save(update_fields=["password", "locked_at", "failed_sign_in_count", "next_sign_in_allowed_at"])
        audit_record(actor=user, verb=AuditVerb.USER_PASSWORD_RESET, object_type="user", object_id=user.pk)
    return user


def user_unlock(*, user: User, unlocked_by: User) -> User:
    with transaction.atomic():
        user.locked_at = None
        user.failed_sign_in_count = 0
        user.next_sign_in_allowed_at = None
        user.save(update_fields=["locked_at", "failed_sign_in_count", "next_sign_in_allowed_at"])
        audit_record(actor=unlocked_by, verb=AuditVerb.USER_UNLOCKED, object_type="user", object_id=user.pk)
    return user


def two_factor_device_for(*, user: User) -> TwoFactorDevice:
    """The user's authenticator device, made with a new secret if they have none yet."""
    device, _ = TwoFactorDevice.objects.get_or_create(user=user, defaults={"secret": pyotp.random_base32()})
    return device


def two_factor_provisioning_uri(*, device: TwoFactorDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name=TOTP_ISSUER)


def _matching_time_step(secret: str, code: str, now: datetime.datetime) -> int | None:
    """The 30-second step the code belongs to, allowing one step of clock drift either way."""
    totp = pyotp.TOTP(secret)
    for drift in (0, -1, 1):
        moment = now + datetime.timedelta(seconds=30 * drift)
        if totp.at(moment) == code:
            return totp.timecode(moment)
    return None


def two_factor_verify(*, user: User, code: str) -> TwoFactorDevice:
    """Check a code from the user's authenticator app. Confirms a new device on first success."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        raise TwoFactorCodeInvalid("Enter the 6-digit code from your authenticator app")
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            raise TwoFactorCodeInvalid("Set up two-factor sign-in first")
        step = _matching_time_step(device.secret, code, timezone.now())
        if step is None or step <= device.last_used_time_step:
            raise TwoFactorCodeInvalid("That code is wrong or has already been used. Enter the newest code")
        device.last_used_time_step = step
        newly_confirmed = device.confirmed_at is None
        if newly_confirmed:
            device.confirmed_at = timezone.now()
        device.save(update_fields=["last_used_time_step", "confirmed_at"])
        if newly_confirmed:
            audit_record(actor=user, verb=AuditVerb.USER_TWO_FACTOR_SET_UP, object_type="user", object_id=user.pk)
    return device


def unsaved_resident(*, email: str, first_name: str, last_name: str) -> User:
    """An account not yet saved, so a new password can be checked against the person's details."""
    return User(username=email, email=email, first_name=first_name, last_name=last_name, role=Role.RESIDENT)


def resident_register(*, email: str, password_hash: str, first_name: str, last_name: str) -> User:
    """Create a resident's account, not yet usable until they confirm their email address.

    Takes the password already hashed, because the registration pages keep it between steps."""
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists():
        raise RegistrationRefused(
            "There is already an account with this email address. Sign in, or reset your password"
        )
    with transaction.atomic():
        user = User(
            username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip(), role=Role.RESIDENT
        )
        user.password = password_hash
        user.save()
        audit_record(actor=user, verb=AuditVerb.USER_REGISTERED, object_type="user", object_id=user.pk)
        _send_verification_email(user=user)
    return user


def email_verification_token(*, user: User) -> str:
    return signing.dumps({"user": str(user.pk), "email": user.email}, salt=EMAIL_VERIFICATION_SALT)


def _send_verification_email(*, user: User) -> None:
    link = settings.SITE_URL + reverse("portal:register-verify", args=[email_verification_token(user=user)])
    notify_send_email(
        to=user.email,
        subject=f"Confirm your email address for {settings.SERVICE_NAME}",
        body=(
            f"Hello {user.first_name},\n\n"
            f"To finish creating your {settings.SERVICE_NAME} account, open this link:\n\n{link}\n\n"
            "The link works for 3 days. If you did not create an account, you can ignore this email.\n\n"
            f"{settings.COUNCIL_NAME}\n"
        ),
    )


def user_verify_email(*, token: str) -> User:
    try:
        data = signing.loads(token, salt=EMAIL_VERIFICATION_SALT, max_age=EMAIL_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise VerificationLinkInvalid("This link has expired. Sign in to get a new one") from error
    except signing.BadSignature as error:
        raise VerificationLinkInvalid("This link is not valid. Check you copied all of it") from error
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data["user"], email=data["email"]).first()
        if user is None:
            raise VerificationLinkInvalid("This link is not valid. Check you copied all of it")
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
            audit_record(actor=user, verb=AuditVerb.USER_EMAIL_VERIFIED, object_type="user", object_id=user.pk)
    return user


def user_resend_verification(*, user: User) -> None:
    with transaction.atomic():
        _send_verification_email(user=user)
