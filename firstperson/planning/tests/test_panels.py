"""What planning shows on other apps' pages: the agreement on the person's budget page, and the plan
and agreement on the staff record page, each only to those who may see the plan."""

import pytest
from django.urls import reverse

from firstperson.people.budget_panels import budget_panels_for
from firstperson.people.record_panels import record_panels_for
from firstperson.planning.panels import agreement_budget_panel, support_plan_record_panel
from firstperson.platform.accounts.roles import Role

from .test_letters import approve, contribution_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(complete_plan, resident, practitioner, team_manager):
    return approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)


def test_the_panels_are_registered(agreement, resident, practitioner, person):
    assert any(
        panel.title == "Your personal budget agreement" for panel in budget_panels_for(actor=resident, person=person)
    )
    assert any(panel.title == "Support plan" for panel in record_panels_for(actor=practitioner, person=person))


def test_no_budget_panel_before_approval(complete_plan, resident, person):
    assert agreement_budget_panel(resident, person) is None


def test_the_budget_page_shows_the_agreement_after_approval(sign_in_client, resident, person, agreement):
    content = sign_in_client(resident).get(reverse("allocation-resident:budget-own")).content.decode()
    assert "Your personal budget agreement" in content
    assert "The agreed personal budget is <strong>£155.00 a week</strong>" in content
    assert reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk}) in content
    assert "Read your personal budget agreement" in content


def test_the_budget_panel_takes_nothing_off(
    sign_in_client, complete_plan, resident, practitioner, team_manager, make_user
):
    """Charging's panel already deducts the contribution; the agreement's panel must not deduct it again."""
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)
    panel = agreement_budget_panel(resident, complete_plan.person)
    assert panel is not None and panel.weekly_deduction is None
    deducting = [p for p in budget_panels_for(actor=resident, person=complete_plan.person) if p.weekly_deduction]
    assert [p.title for p in deducting] == ["What you pay towards your care"]
    content = sign_in_client(resident).get(reverse("allocation-resident:budget-own")).content.decode()
    assert "£54.45 a week" in content  # the agreement's net amount


def test_the_agreed_budget_replaces_the_indicative_one_in_what_the_council_pays(
    sign_in_client, complete_plan, resident, practitioner, team_manager, make_user
):
    """Indicative £183.35, agreed plan £155.00, contribution £100.55: the council pays £54.45, not £82.80."""
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)
    content = sign_in_client(resident).get(reverse("allocation-resident:budget-own")).content.decode()
    council_pays = content.split("What the council pays", 1)[1].split("</dl>", 1)[0]
    assert "£155.00 a week, agreed in the support plan" in council_pays
    assert "<strong>£54.45 a week</strong>" in council_pays
    assert "£82.80" not in content


def test_the_budget_panel_is_only_for_those_who_may_see_the_plan(make_user, make_person, person, agreement):
    stranger = make_user(Role.RESIDENT)
    make_person(account=stranger)
    assert agreement_budget_panel(stranger, person) is None
    assert agreement_budget_panel(make_user(Role.PRACTITIONER), person) is None  # not a resident-face page


def test_the_record_page_shows_the_plan_and_the_agreement(sign_in_client, practitioner, person, agreement):
    response = sign_in_client(practitioner).get(reverse("people:person-detail", kwargs={"person_id": person.pk}))
    content = response.content.decode()
    assert "Support plan" in content
    assert "Approved" in content
    assert "£155.00 a week, against a budget of £183.35 a week" in content
    assert reverse("plans:plan-detail", kwargs={"plan_id": agreement.plan_id}) in content
    assert reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk}) in content


def test_the_record_panel_shows_an_open_plan(practitioner, person, complete_plan):
    panel = support_plan_record_panel(practitioner, person)
    assert panel.context["plan"] == complete_plan
    assert panel.context["agreement"] is None
    assert panel.context["plan_url"] == reverse("plans:plan-detail", kwargs={"plan_id": complete_plan.pk})
    assert panel.context["start_url"] == ""


def test_the_record_panel_offers_to_start_a_plan(practitioner, assessed):
    panel = support_plan_record_panel(practitioner, assessed)
    assert panel.context["plan"] is None
    assert panel.context["start_url"] == reverse("plans:plan-start", kwargs={"person_id": assessed.pk})


def test_the_record_panel_is_empty_for_staff_outside_the_team(make_user, other_team, person, agreement):
    assert support_plan_record_panel(make_user(Role.PRACTITIONER, team=other_team), person) is None


def _easy_read_budget_page(sign_in_client, user) -> str:
    content = sign_in_client(user).get(reverse("allocation-resident:budget-own") + "?format=easy-read", follow=True)
    return content.content.decode()


def test_the_easy_read_budget_page_says_what_the_plan_gives_and_who_pays(
    sign_in_client, complete_plan, resident, practitioner, team_manager, make_user
):
    """Agreed plan £155.00 a week, contribution £100.55, the council £54.45: to the nearest pound."""
    contribution_for(complete_plan.person, make_user(Role.FINANCE_OFFICER))
    agreement = approve(complete_plan, author=resident, practitioner=practitioner, decider=team_manager)
    content = _easy_read_budget_page(sign_in_client, resident)
    money_now = content.split("Money for your support now</h2>", 1)[1].split("</h2>", 1)[0]
    lines = [
        "Your support plan is agreed.",
        "Your personal budget is about £155 a week.",
        "You pay about £101 a week towards your support.",
        "The council pays about £54 a week.",
    ]
    assert [money_now.index(line) for line in lines] == sorted(money_now.index(line) for line in lines)
    agreement_url = reverse("plans:agreement-detail", kwargs={"agreement_id": agreement.pk})
    assert f'href="{agreement_url}">Read your personal budget agreement</a>' in money_now
    assert "How we worked out what you pay</a>" in money_now
    # After the plan is agreed, the plan says what there is; the first figure's next steps are gone.
    assert "Your support plan says what support you will get." in content
    assert "Next, your worker will help plan your support." not in content
    assert "£82.80" not in content and "£83" not in content  # not the indicative figure less what he pays


def test_the_easy_read_budget_page_before_a_plan_has_no_money_now(sign_in_client, complete_plan, resident):
    content = _easy_read_budget_page(sign_in_client, resident)
    assert "How we worked out your budget (Easy Read)" in content
    assert "Money for your support now" not in content
    assert "Next, your worker will help plan your support." in content
