"""Staff pages of a person's indicative budget, through the URLs: see it line by line, work it out,
change it with a reason, and decide on a change beyond tolerance. Anyone who may not see the
person gets 404; a view is logged."""

from decimal import Decimal

import pytest
from django.urls import reverse

from firstperson.allocation import services
from firstperson.allocation.models import BudgetModeration, IndicativeBudget, ModerationStatus
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..fixtures import REFERENCE_ANSWERS, submitted_assessment

pytestmark = pytest.mark.django_db


def url(name, person):
    return reverse(f"allocation:{name}", args=[person.pk])


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def assessment(configuration, person, practitioner):
    return submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)


@pytest.fixture
def budget(assessment, practitioner):
    return services.indicative_budget_calculate(actor=practitioner, assessment=assessment)


def test_working_out_the_budget(sign_in_client, practitioner, person, assessment):
    client = sign_in_client(practitioner)
    content = page(client.get(url("budget-detail", person)))
    assert "No indicative budget has been worked out yet." in content
    assert url("budget-calculate", person) in content
    assert "ras-worked-example RAS v1" in page(client.get(url("budget-calculate", person)))
    response = client.post(url("budget-calculate", person))
    assert response.url == url("budget-detail", person)
    content = page(client.get(url("budget-detail", person)))
    assert "£9,534.20 a year" in content
    assert "about £183.35 a week" in content
    assert "This is a starting point, not a limit." in content
    # Staff read about the person by name: the parts shared with the person's own page say whose.
    assert f"The money {person.known_as} gets is agreed in {person.known_as}'s support plan." in content
    assert f"Points for each part of {person.known_as}'s life" in content
    assert "your support plan" not in content and "part of your life" not in content
    assert "Help from family or friends: Personal care × 0.8: -3 points × £247.00" in content
    # Staff keep the sign in their tables, and the sentence that explains it.
    assert "-£741.00" in content and "minus £" not in content
    assert "A line with a minus sign takes money away." in content
    # Staff need the configuration's internal name.
    assert "using version “ras-worked-example RAS v1” of our way of working out budgets" in content
    assert IndicativeBudget.objects.get().computed_by == practitioner
    assert AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, page=url("budget-detail", person)).exists()


def test_changing_the_figure_needs_a_reason(sign_in_client, practitioner, person, budget):
    client = sign_in_client(practitioner)
    response = client.post(
        url("budget-moderate", person), {"budget": str(budget.pk), "amount": "12000", "period": "annual", "reason": ""}
    )
    assert response.status_code == 200
    assert "Explain why you are changing the figure" in page(response)
    response = client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": "12000", "period": "annual", "reason": "Too low"},
    )
    assert "Explain why you are changing the figure, in at least 10 characters" in page(response)
    response = client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": "lots", "period": "annual", "reason": "x" * 20},
    )
    assert "Enter the new figure as an amount in pounds, like 8500 or 247.50" in page(response)
    for amount, message in (
        ("", "Enter the new figure"),
        ("-5", "The figure cannot be less than £0.00"),
        ("£10,400.005", "Enter the new figure in pounds and pence, with no more than 2 digits after the point"),
        ("12345678901", "The new figure is too large"),
    ):
        response = client.post(
            url("budget-moderate", person),
            {"budget": str(budget.pk), "amount": amount, "period": "annual", "reason": "x" * 20},
        )
        assert message in page(response), amount
    assert not BudgetModeration.objects.exists()


@pytest.mark.parametrize("written", ["£10,400", "10,400.00", "10 400", " £10400 "])
def test_the_new_figure_may_be_written_as_people_write_money(sign_in_client, practitioner, person, budget, written):
    client = sign_in_client(practitioner)
    response = client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": written, "period": "annual", "reason": "The costed plan comes to this"},
    )
    assert response.url == url("budget-detail", person)
    assert BudgetModeration.objects.get().annual_amount == Decimal("10400.00")


def test_a_change_within_tolerance_stands(sign_in_client, practitioner, person, budget):
    client = sign_in_client(practitioner)
    response = client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": "10400", "period": "annual", "reason": "The costed plan comes to this"},
    )
    assert response.url == url("budget-detail", person)
    content = page(client.get(url("budget-detail", person)))
    assert "£10,400.00 a year" in content
    assert "The costed plan comes to this" in content
    assert BudgetModeration.objects.get().status == ModerationStatus.APPLIED


def test_a_change_beyond_tolerance_waits_for_a_team_manager(sign_in_client, practitioner, team_manager, person, budget):
    client = sign_in_client(practitioner)
    client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": "12000", "period": "annual", "reason": "Night support needed"},
    )
    content = page(client.get(url("budget-detail", person)))
    assert "£9,534.20 a year" in content
    assert "It is waiting for a team manager." in content
    # The practitioner cannot decide, nor ask for a second change meanwhile.
    assert client.get(url("moderation-decide", person)).status_code == 404
    assert client.get(url("budget-moderate", person)).url == url("budget-detail", person)

    manager = sign_in_client(team_manager)
    assert "Sam Kowalski" in page(manager.get(reverse("allocation:moderation-queue")))
    deciding = page(manager.get(url("moderation-decide", person)))
    assert "10% up or down" in deciding and "+10%" not in deciding  # a tolerance goes either way
    assert "+25.86%" in deciding  # the change itself has its sign
    waiting = str(BudgetModeration.objects.get(status=ModerationStatus.PENDING).pk)
    response = manager.post(
        url("moderation-decide", person), {"moderation": waiting, "decision": "approve", "reason": ""}
    )
    assert "Explain your decision" in page(response)
    response = manager.post(
        url("moderation-decide", person),
        {"moderation": waiting, "decision": "approve", "reason": "Agreed: see the plan"},
    )
    assert response.url == url("budget-detail", person)
    assert "£12,000.00 a year" in page(manager.get(url("budget-detail", person)))
    assert BudgetModeration.objects.get().status == ModerationStatus.APPROVED
    assert "Nothing is waiting." in page(manager.get(reverse("allocation:moderation-queue")))


def test_a_team_manager_is_not_asked_to_decide_their_own_change(sign_in_client, team_manager, person, budget):
    client = sign_in_client(team_manager)
    client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": "12000", "period": "annual", "reason": "Night support needed"},
    )
    assert client.get(url("moderation-decide", person)).url == url("budget-detail", person)
    assert "another team manager decides" in page(client.get(reverse("allocation:moderation-queue")))


@pytest.mark.parametrize("name", ["budget-detail", "budget-calculate", "budget-moderate", "moderation-decide"])
def test_others_get_404(sign_in_client, make_user, other_team, person, budget, name):
    for user in (
        make_user(Role.PRACTITIONER, team=other_team),
        make_user(Role.TEAM_MANAGER, team=other_team),
        make_user(Role.RESIDENT),
        make_user(Role.ADMINISTRATOR),
    ):
        client = sign_in_client(user)
        assert client.get(url(name, person)).status_code == 404, (user.role, name)
        assert (
            client.post(
                url(name, person), {"budget": str(budget.pk), "amount": "1", "period": "annual", "reason": "x" * 20}
            ).status_code
            == 404
        )
    assert BudgetModeration.objects.count() == 0
    assert IndicativeBudget.objects.count() == 1


def test_a_break_glass_look_is_read_only(sign_in_client, make_user, other_team, person, budget):
    from firstperson.people.services import person_break_glass_open

    outsider = make_user(Role.PRACTITIONER, team=other_team)
    person_break_glass_open(actor=outsider, person=person, reason="Duty desk, covering today")
    client = sign_in_client(outsider)
    content = page(client.get(url("budget-detail", person)))
    assert "£9,534.20 a year" in content
    assert url("budget-moderate", person) not in content
    response = client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": "10000", "period": "annual", "reason": "x" * 20},
    )
    assert response.url == url("budget-detail", person)
    assert not BudgetModeration.objects.exists()


def test_the_record_page_shows_the_budget(sign_in_client, practitioner, person, budget):
    content = page(sign_in_client(practitioner).get(reverse("people:person-detail", args=[person.pk])))
    assert "Indicative budget" in content
    assert "£9,534.20 a year (£183.35 a week)" in content
    assert url("budget-detail", person) in content


def test_a_changed_figure_on_the_record_page(sign_in_client, practitioner, person, budget):
    services.budget_moderate(
        actor=practitioner, budget=budget, amount=Decimal(10000), period="annual", reason="The plan costs this"
    )
    content = page(sign_in_client(practitioner).get(reverse("people:person-detail", args=[person.pk])))
    assert "£10,000.00 a year" in content
    assert "changed with a reason" in content


def test_a_change_typed_against_a_budget_since_worked_out_again_is_not_applied(
    sign_in_client, practitioner, person, assessment, budget
):
    client = sign_in_client(practitioner)
    read = page(client.get(url("budget-moderate", person)))
    assert f'<input type="hidden" name="budget" value="{budget.pk}">' in read
    newer = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)  # meanwhile
    response = client.post(
        url("budget-moderate", person),
        {"budget": str(budget.pk), "amount": "10400", "period": "annual", "reason": "The costed plan comes to this"},
    )
    assert response.status_code == 200
    assert "The budget was worked out again while this page was open." in page(response)
    assert not BudgetModeration.objects.filter(budget=newer).exists()


def test_a_manager_never_decides_a_request_other_than_the_one_they_read(
    sign_in_client, practitioner, team_manager, person, assessment, budget
):
    """The manager reads a request for £12,000; meanwhile the budget is worked out again and the
    practitioner asks for £30,000. The manager's decision on the page they read must not approve it."""
    client = sign_in_client(practitioner)
    services.budget_moderate(
        actor=practitioner, budget=budget, amount=Decimal("12000"), period="annual", reason="Night support needed"
    )
    read = BudgetModeration.objects.get(status=ModerationStatus.PENDING)
    manager = sign_in_client(team_manager)
    assert f'<input type="hidden" name="moderation" value="{read.pk}">' in page(
        manager.get(url("moderation-decide", person))
    )
    newer = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    client.post(
        url("budget-moderate", person),
        {"budget": str(newer.pk), "amount": "30000", "period": "annual", "reason": "Two carers at night now"},
    )
    response = manager.post(
        url("moderation-decide", person),
        {"moderation": str(read.pk), "decision": "approve", "reason": "Agreed: £12,000 matches the plan"},
    )
    assert response.status_code == 200
    assert "The change waiting for a decision is not the one this page showed." in page(response)
    assert BudgetModeration.objects.get(budget=newer).status == ModerationStatus.PENDING


def test_changes_stay_in_the_history_once_the_budget_is_worked_out_again(
    sign_in_client, practitioner, person, assessment, budget, make_user
):
    services.budget_moderate(
        actor=practitioner, budget=budget, amount=Decimal("10000"), period="annual", reason="AAA the plan needs it"
    )
    services.budget_moderate(
        actor=practitioner, budget=budget, amount=Decimal("12000"), period="annual", reason="BBB night support too"
    )
    services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    content = page(sign_in_client(practitioner).get(url("budget-detail", person)))
    assert "Changes to earlier figures" in content
    assert "AAA the plan needs it" in content and "BBB night support too" in content
    assert "Withdrawn" in content and "The budget was worked out again." in content
    assert "£9,534.20 a year, with ras-worked-example RAS v1, changed to £10,000.00 a year" in content
    # The person sees the same history, with staff named by role and team.
    resident = person.account
    if resident is None:
        resident = make_user(Role.RESIDENT)
        type(person).objects.filter(pk=person.pk).update(account=resident)
    mine = page(sign_in_client(resident).get(reverse("allocation-resident:budget-detail", args=[person.pk])))
    assert "AAA the plan needs it" in mine and "BBB night support too" in mine
    assert "They no longer apply." in mine
