"""Sending messages. Emails go only once the surrounding transaction commits, so nothing is sent for
a change that was rolled back; in-service notifications are written in the same transaction, so they
exist exactly when the change does."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify_send_email(*, to: str, subject: str, body: str) -> None:
    def send() -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)

    transaction.on_commit(send)


def notification_send(*, recipient, subject: str, body: str, url: str = "", also_email: bool = True) -> Notification:
    """Tell one user something in the service, and by email too when they have an address."""
    notification = Notification.objects.create(recipient=recipient, subject=subject, body=body, url=url)
    address: str = getattr(recipient, "email", "") or ""
    if also_email and address:
        link = f"\n\n{settings.SITE_URL}{url}" if url else ""
        notify_send_email(to=address, subject=subject, body=f"{body}{link}")
    return notification


def notifications_for(*, user):
    return Notification.objects.filter(recipient=user)


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
