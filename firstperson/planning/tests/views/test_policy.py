"""The administrator's pages: the financial delegation policy and the list of prohibited purchases."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from firstperson.planning import services
from firstperson.planning.models import DecisionPolicy, ProhibitedPurchase
from firstperson.platform.accounts.roles import Role


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR, first_name="Ravi", last_name="Menon")


def policy_form(day: datetime.date, **changes):
    data = {
        "version": "Delegation from next month",
        "effective_from_0": day.day,
        "effective_from_1": day.month,
        "effective_from_2": day.year,
        "practitioner_weekly_limit": "",
        "team_manager_weekly_limit": "300.00",
        "practitioner_one_off_limit": "",
        "team_manager_one_off_limit": "1500.00",
        "direct_payment_interval_weeks": "2",
        "panel_target_days": "10",
        "first_review_weeks": "6",
        "notes": "",
    }
    data.update(changes)
    return data


def test_policy_list_shows_which_policy_is_in_force(administrator, policy, sign_in_client):
    later = services.decision_policy_create(
        actor=administrator,
        version="Delegation from next year",
        effective_from=timezone.localdate() + datetime.timedelta(days=365),
        practitioner_weekly_limit=None,
        team_manager_weekly_limit=None,
        panel_target_days=15,
        first_review_weeks=8,
        team_manager_one_off_limit=None,
        direct_payment_interval_weeks=2,
    )
    services.decision_policy_create(
        actor=administrator,
        version="Delegation with one-off limits",
        effective_from=timezone.localdate() + datetime.timedelta(days=400),
        practitioner_weekly_limit=None,
        team_manager_weekly_limit=Decimal("300.00"),
        team_manager_one_off_limit=Decimal("1500.00"),
        panel_target_days=15,
        first_review_weeks=8,
    )

    text = sign_in_client(administrator).get(reverse("planning:policy-list")).content.decode()

    assert f"In force now: <strong>{policy.version}</strong>" in text
    assert later.version in text and "Starts later" in text
    assert "£250.00 a week" in text
    assert "8 weeks" in text
    assert "£1,500.00 in one-off costs" in text
    assert "no one-off costs" in text
    assert "Every 2 weeks" in text and "Every 4 weeks" in text


def test_administrator_sets_a_new_policy(administrator, policy, sign_in_client):
    start = timezone.localdate() + datetime.timedelta(days=30)

    response = sign_in_client(administrator).post(reverse("planning:policy-create"), policy_form(start))

    assert response.status_code == 302
    created = DecisionPolicy.objects.get(version="Delegation from next month")
    assert created.effective_from == start
    assert created.practitioner_weekly_limit is None
    assert str(created.team_manager_weekly_limit) == "300.00"
    assert created.practitioner_one_off_limit is None
    assert created.team_manager_one_off_limit == Decimal("1500.00")
    assert created.direct_payment_interval_weeks == 2
    assert created.created_by == administrator


def test_the_policy_form_says_an_empty_one_off_limit_means_none_above_nothing(administrator, policy, sign_in_client):
    text = sign_in_client(administrator).get(reverse("planning:policy-create")).content.decode()

    assert "may not approve any one-off costs (none above £0)" in text
    assert 'name="direct_payment_interval_weeks"' in text and 'value="4"' in text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version": ""}, "Enter a name for the policy"),
        ({"team_manager_weekly_limit": "lots"}, "must be an amount of money"),
        ({"panel_target_days": "0"}, "The number of days must be 1 or more"),
        ({"first_review_weeks": "12"}, "Select a valid choice"),
        (
            {"practitioner_weekly_limit": "400.00"},
            "A practitioner&#x27;s limit cannot be more than a team manager&#x27;s",
        ),
        ({"team_manager_weekly_limit": "-1.00"}, "A limit cannot be less than £0"),
        ({"team_manager_one_off_limit": "-5.00"}, "A limit cannot be less than £0"),
        (
            {"practitioner_weekly_limit": "100.00", "practitioner_one_off_limit": "2000.00"},
            "A practitioner&#x27;s one-off limit cannot be more than a team manager&#x27;s",
        ),
        ({"direct_payment_interval_weeks": "14"}, "Give a number of weeks from 1 to 13"),
        ({"direct_payment_interval_weeks": "0"}, "Give a number of weeks from 1 to 13"),
        ({"direct_payment_interval_weeks": ""}, "Enter how often direct payments are paid, in weeks"),
    ],
)
def test_a_policy_with_bad_values_is_refused_with_the_reason(changes, message, administrator, policy, sign_in_client):
    start = timezone.localdate() + datetime.timedelta(days=30)

    response = sign_in_client(administrator).post(reverse("planning:policy-create"), policy_form(start, **changes))

    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert message in text
    assert DecisionPolicy.objects.count() == 1


def test_a_policy_cannot_start_in_the_past(administrator, policy, sign_in_client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = sign_in_client(administrator).post(reverse("planning:policy-create"), policy_form(yesterday))

    text = response.content.decode()
    assert "A new policy cannot start in the past." in text
    assert 'href="#id_effective_from_0"' in text  # the error is on the date field
    assert DecisionPolicy.objects.count() == 1


def test_administrator_adds_and_changes_a_prohibited_purchase(administrator, sign_in_client):
    client = sign_in_client(administrator)

    added = client.post(
        reverse("planning:prohibited-create"),
        {
            "code": "holidays-abroad",
            "label": "holidays abroad",
            "keywords": "holiday abroad\n\n  flights  \n",
            "reason": "A personal budget cannot pay for holidays abroad.",
            "active": "on",
        },
    )

    assert added.status_code == 302
    entry = ProhibitedPurchase.objects.get(code="holidays-abroad")
    assert entry.keyword_list() == ("holiday abroad", "flights")
    assert entry.active

    changed = client.post(
        reverse("planning:prohibited-edit", kwargs={"code": "holidays-abroad"}),
        {"label": "foreign holidays", "keywords": "flights", "reason": "Not allowed.", "code": "sneaky"},
    )

    assert changed.status_code == 302
    entry.refresh_from_db()
    assert entry.label == "foreign holidays"
    assert not entry.active
    assert not ProhibitedPurchase.objects.filter(code="sneaky").exists()
    assert "foreign holidays" in client.get(reverse("planning:prohibited-list")).content.decode()


def test_a_prohibited_purchase_needs_keywords_and_a_new_code(administrator, sign_in_client):
    services.prohibited_purchases_load_default()
    client = sign_in_client(administrator)

    no_words = client.post(
        reverse("planning:prohibited-create"),
        {"code": "boats", "label": "boats", "keywords": "  \n ", "reason": "No boats."},
    )
    taken = client.post(
        reverse("planning:prohibited-create"),
        {"code": "gambling", "label": "bets", "keywords": "bets", "reason": "No."},
    )

    assert "Give at least one word or phrase" in no_words.content.decode()
    assert "An entry already uses that short code" in taken.content.decode()
    assert not ProhibitedPurchase.objects.filter(code="boats").exists()
    assert ProhibitedPurchase.objects.get(code="gambling").label == "gambling"


def test_changing_an_unknown_entry_is_404(administrator, sign_in_client):
    url = reverse("planning:prohibited-edit", kwargs={"code": "nothing-here"})

    assert sign_in_client(administrator).get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.PANEL_MEMBER, Role.PRACTITIONER, Role.RESIDENT])
@pytest.mark.parametrize(
    "url_name",
    ["planning:policy-list", "planning:policy-create", "planning:prohibited-list", "planning:prohibited-create"],
)
def test_policy_pages_are_404_for_anyone_but_an_administrator(role, url_name, make_user, sign_in_client):
    assert sign_in_client(make_user(role)).get(reverse(url_name)).status_code == 404
