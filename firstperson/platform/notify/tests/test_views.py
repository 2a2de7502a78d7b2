"""The messages page: each user sees only their own messages, newest first, the unread ones marked
"New"; looking changes nothing, "Mark all as read" marks them read; a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from firstperson.platform.accounts.roles import Role
from firstperson.platform.notify.models import Notification
from firstperson.platform.notify.services import notification_send

pytestmark = pytest.mark.django_db

URL = "/messages/"


def send(user, subject, *, url="/plans/0b1c/", minutes_ago=0):
    notification = notification_send(
        recipient=user, subject=subject, body=f"Body of {subject}.", url=url, also_email=False
    )
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    return notification


def test_the_url_is_the_contract():
    assert reverse("notify:notification-list") == URL


def test_a_user_sees_only_their_own_messages_newest_first(sign_in_client, make_user):
    resident, other = make_user(Role.RESIDENT), make_user(Role.RESIDENT)
    send(resident, "Your support plan has been sent", minutes_ago=30)
    send(resident, "Your support plan has been approved", minutes_ago=1)
    send(other, "Someone else's plan was declined")
    response = sign_in_client(resident).get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Someone else" not in content
    assert content.index("has been approved") < content.index("has been sent")
    assert "Body of Your support plan has been approved." in content
    assert 'href="/plans/0b1c/">See your plan' in content
    assert content.count(">New</strong>") == 2
    assert "Mark all as read" in content


def test_looking_changes_nothing_and_mark_all_as_read_marks_them(sign_in_client, make_user):
    resident, other = make_user(Role.RESIDENT), make_user(Role.RESIDENT)
    send(resident, "Your support plan has been approved")
    theirs = send(other, "Their message")
    client = sign_in_client(resident)
    client.get(URL)
    assert Notification.objects.filter(recipient=resident, read_at__isnull=True).count() == 1
    response = client.post(URL)
    assert response.status_code == 302 and response["Location"] == URL
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None  # only the user's own
    content = client.get(URL).content.decode()
    assert ">New</strong>" not in content
    assert "Mark all as read" not in content
    assert "Your support plan has been approved" in content


def test_a_message_elsewhere_links_with_plain_words(sign_in_client, make_user):
    user = make_user(Role.PRACTITIONER)
    send(user, "A report is ready", url="/reports/1/")
    content = sign_in_client(user).get(URL).content.decode()
    assert 'href="/reports/1/">See more' in content


def test_no_messages(sign_in_client, make_user):
    content = sign_in_client(make_user(Role.RESIDENT)).get(URL).content.decode()
    assert "You have no messages." in content


def test_signed_out_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_fifty_to_a_page_with_a_fixed_number_of_queries(sign_in_client, make_user):
    resident = make_user(Role.RESIDENT)
    client = sign_in_client(resident)
    send(resident, "Message 0")
    client.get(URL)  # warm up the session and sign-in queries
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(1, 60):
        send(resident, f"Message {n}", minutes_ago=n)
    with CaptureQueriesContext(connection) as many:
        first = client.get(URL).content.decode()
    assert len(many) == len(few)
    assert first.count('<h2 class="govuk-heading-s') == 50
    assert "Page 1 of 2" in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert second.count('<h2 class="govuk-heading-s') == 10
    assert "Message 59" in second


def test_a_representatives_messages_about_a_plan_they_help_with_read_well(sign_in_client, make_user):
    margaret = make_user(Role.REPRESENTATIVE)
    send(margaret, "A support plan you help with has been approved")

    content = sign_in_client(margaret).get(URL).content.decode()

    assert "A support plan you help with has been approved" in content
    assert 'href="/plans/0b1c/">See the plan' in content
    assert "See your plan" not in content
    assert "do not say whose it is: follow the link to find out" in content


def test_a_message_about_an_eligibility_decision_links_to_it(sign_in_client, make_user):
    resident, representative = make_user(Role.RESIDENT), make_user(Role.REPRESENTATIVE)
    url = "/my-account/assessments/0b1c/decision/"
    send(resident, "We have made a decision about your assessment", url=url)
    send(representative, "We have made a decision about an assessment you help with", url=url)

    for user in (resident, representative):
        assert f'href="{url}">Read the decision' in sign_in_client(user).get(URL).content.decode()
