"""Sending messages. Sent only once the surrounding transaction commits, so nothing is sent for a
change that was rolled back."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction


def notify_send_email(*, to: str, subject: str, body: str) -> None:
    def send() -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)

    transaction.on_commit(send)
