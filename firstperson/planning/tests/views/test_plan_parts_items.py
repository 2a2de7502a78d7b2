"""How each outcome is met, through the URLs: choosing the kind of support, each kind's form saving
only its own fields, the plan's totals, numbers typed wrongly, the rule on paying family, removing."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Organization, Service
from firstperson.planning import services
from firstperson.planning.models import ItemKind, ManagedBy, PlanItem, PlanOutcome, SupportPlan
from firstperson.planning.tests import fixtures
from firstperson.platform.accounts.roles import Role

STALE = "Someone else changed this plan while you were working on it"


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"plan_id": plan.pk, **kwargs})


def fresh(plan) -> SupportPlan:
    return SupportPlan.objects.get(pk=plan.pk)


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def sam(sign_in_client, resident):
    return sign_in_client(resident)


@pytest.fixture
def outcome(plan, resident) -> PlanOutcome:
    return services.outcome_add(
        plan=plan,
        revision=plan.revision,
        actor=resident,
        values=services.OutcomeValues(in_own_words="I want to wash without rushing", eligible_outcome_code="A_HYGIENE"),
    )


def add_page(plan, outcome, kind):
    return url("item-add-details", plan, outcome_id=outcome.pk, kind=kind)


def post_item(client, outcome, kind, **fields):
    plan = fresh(outcome.plan)
    return client.post(add_page(plan, outcome, kind), {"revision": plan.revision, **fields})


PA_FIELDS = {
    "description": "Help me get ready in the morning",
    "hours_per_week": "10",
    "hourly_rate": "13.50",
    "employer_costs_weekly": "12",
    "payee_relationship": "not_family",
    "payee_lives_with_person": "no",
    "managed_by": "direct_payment",
}

#: Who is paid, for kinds that ask it only when paid from a direct payment: a shop or a business.
SHOP = {"payee_relationship": "not_family", "payee_lives_with_person": "no"}


# --- Choosing the kind --------------------------------------------------------------------------


def test_the_kind_page_explains_each_kind_and_goes_to_its_form(sam, plan, outcome):
    page = sam.get(url("item-add", plan, outcome_id=outcome.pk)).content.decode()
    assert "How will this outcome be met?" in page
    assert "I want to wash without rushing" in page
    assert "Help from family, friends or neighbours that nobody is paid for." in page
    response = sam.post(url("item-add", plan, outcome_id=outcome.pk), {"kind": "agency"})
    assert response["Location"] == add_page(plan, outcome, "agency")
    assert not PlanItem.objects.exists()


def test_the_kind_page_needs_a_choice(sam, plan, outcome):
    response = sam.post(url("item-add", plan, outcome_id=outcome.pk), {})
    assert "Choose how this outcome will be met" in response.content.decode()


def test_an_unknown_kind_is_not_found(sam, plan, outcome):
    assert sam.get(add_page(plan, outcome, "holiday")).status_code == 404


# --- Each kind saves its own fields -------------------------------------------------------------


def test_personal_assistant_hours_are_costed_with_the_employers_costs(sam, plan, outcome):
    page = sam.get(add_page(plan, outcome, "personal_assistant")).content.decode()
    assert "National Insurance, pension, holiday pay and insurance" in page
    assert "A direct payment can pay your husband, wife, civil partner or partner" in page
    response = post_item(sam, outcome, "personal_assistant", **PA_FIELDS)
    assert response.status_code == 302
    assert response["Location"] == url("plan-detail", plan)
    item = PlanItem.objects.get(plan=plan)
    assert item.outcome == outcome
    assert item.kind == ItemKind.PERSONAL_ASSISTANT
    assert (item.hours_per_week, item.hourly_rate, item.employer_costs_weekly) == (
        Decimal("10"),
        Decimal("13.50"),
        Decimal("12.00"),
    )
    assert item.managed_by == ManagedBy.DIRECT_PAYMENT
    assert item.weekly_cost == Decimal("147.00")
    assert fresh(plan).weekly_total == Decimal("147.00")
    messages = flash(response)
    assert any("10 hours × £13.50 + £12.00 = £147.00 a week" in text for text in messages)
    assert any("Your plan now costs £147.00 a week" in text for text in messages)


def test_agency_support_is_hours_times_the_rate(sam, plan, outcome):
    post_item(
        sam,
        outcome,
        "agency",
        description="Help with washing",
        provider_name="Sunrise Home Care",
        hours_per_week="7.5",
        hourly_rate="£24.00",
        managed_by="council_managed",
    )
    item = PlanItem.objects.get(plan=plan)
    assert (item.provider_name, item.employer_costs_weekly, item.weekly_cost) == (
        "Sunrise Home Care",
        None,
        Decimal("180.00"),
    )
    assert fresh(plan).weekly_total == Decimal("180.00")


def test_agency_support_needs_the_agencys_name(sam, plan, outcome):
    response = post_item(
        sam, outcome, "agency", description="Help", hours_per_week="2", hourly_rate="20", managed_by="council_managed"
    )
    assert "Enter the name of the agency" in response.content.decode()
    assert not PlanItem.objects.exists()


@pytest.mark.parametrize("kind", ["day_opportunity", "equipment", "other"])
def test_costed_kinds_save_a_weekly_and_a_one_off_cost(sam, plan, outcome, kind):
    post_item(
        sam,
        outcome,
        kind,
        description="Gym membership and a starter kit",
        provider_name="Westside Leisure",
        weekly_amount="8",
        one_off_amount="45.00",
        managed_by="direct_payment",
        **SHOP,
    )
    item = PlanItem.objects.get(plan=plan)
    assert item.kind == kind
    assert (item.weekly_cost, item.one_off_cost, item.provider_name) == (
        Decimal("8.00"),
        Decimal("45.00"),
        "Westside Leisure",
    )
    assert item.hours_per_week is None
    saved = fresh(plan)
    assert (saved.weekly_total, saved.one_off_total) == (Decimal("8.00"), Decimal("45.00"))


def test_a_costed_kind_needs_some_cost(sam, plan, outcome):
    response = post_item(sam, outcome, "equipment", description="Door sensor", managed_by="council_managed")
    assert "Enter a weekly cost, a one-off cost, or both" in response.content.decode()
    assert not PlanItem.objects.exists()


def test_a_one_off_purchase_costs_nothing_each_week(sam, plan, outcome):
    post_item(
        sam,
        outcome,
        "one_off",
        description="A tablet computer",
        one_off_amount="199.99",
        managed_by="direct_payment",
        **SHOP,
    )
    saved = fresh(plan)
    assert (saved.weekly_total, saved.one_off_total) == (Decimal("0.00"), Decimal("199.99"))


def test_a_one_off_purchase_must_say_how_it_is_paid_for(sam, plan, outcome):
    response = post_item(sam, outcome, "one_off", description="A tablet computer", one_off_amount="199.99")
    assert "Choose how it will be paid for" in response.content.decode()
    assert not PlanItem.objects.exists()


@pytest.fixture
def lunch_club(db):
    organisation = Organization.objects.create(name="St Mark's Church")
    return Service.objects.create(
        organization=organisation, name="St Mark's Lunch Club", record_status=RecordStatus.PUBLISHED
    )


@pytest.fixture
def draft_club(db):
    organisation = Organization.objects.create(name="Draft Org")
    return Service.objects.create(
        organization=organisation, name="Lunch Club In Draft", record_status=RecordStatus.DRAFT
    )


def test_a_community_service_can_be_found_in_the_directory(sam, plan, outcome, lunch_club, draft_club):
    page = sam.get(add_page(plan, outcome, "community") + "?q=lunch").content.decode()
    assert "St Mark&#x27;s Lunch Club" in page
    assert "Lunch Club In Draft" not in page
    assert "1 service found" in page
    post_item(
        sam,
        outcome,
        "community",
        description="Lunch with friends on Fridays",
        directory_service=str(lunch_club.pk),
    )
    item = PlanItem.objects.get(plan=plan)
    assert item.directory_service == lunch_club
    assert item.provider_name == "St Mark's Lunch Club"
    assert item.weekly_cost == Decimal("0.00")
    assert item.managed_by == ""


def test_a_community_service_not_in_the_directory_is_named(sam, plan, outcome, draft_club):
    response = post_item(sam, outcome, "community", description="Lunch", directory_service=str(draft_club.pk))
    assert "Choose a service from the list, or search again" in response.content.decode()
    post_item(sam, outcome, "community", description="Walking group", provider_name="Parkrun")
    item = PlanItem.objects.get(plan=plan)
    assert (item.provider_name, item.directory_service) == ("Parkrun", None)


def test_unpaid_help_needs_their_agreement(sam, plan, outcome):
    response = post_item(sam, outcome, "informal", description="Mum helps me choose clothes", provider_name="Linda")
    assert "Tick to say they have agreed to give this help" in response.content.decode()
    assert not PlanItem.objects.exists()
    post_item(
        sam,
        outcome,
        "informal",
        description="Mum helps me choose clothes",
        provider_name="Linda, my mum",
        informal_agreement_recorded="on",
    )
    item = PlanItem.objects.get(plan=plan)
    assert item.informal_agreement_recorded
    assert (item.provider_name, item.managed_by, item.weekly_cost) == ("Linda, my mum", "", Decimal("0.00"))


# --- Numbers typed wrongly ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("hours_per_week", "ten", "Enter the hours a week as a number, like 7.5"),
        ("hours_per_week", "", "Enter the hours a week"),
        ("hours_per_week", "-3", "The hours a week cannot be less than 0"),
        ("hours_per_week", "169", "The hours a week must be 168 or less"),
        ("hours_per_week", "7.125", "Enter the hours a week with no more than 2 numbers after the point, like 7.5"),
        ("hours_per_week", "NaN", "Enter the hours a week as a number, like 7.5"),
        ("hourly_rate", "12.5.0", "Enter the hourly rate in pounds and pence, like 12.50"),
        ("hourly_rate", "-£12", "The hourly rate cannot be less than 0"),
        ("hourly_rate", "-12", "The hourly rate cannot be less than 0"),
        ("hourly_rate", "1e3", "Enter the hourly rate in pounds and pence, like 12.50"),
        ("employer_costs_weekly", "twelve", "Enter the employer&#x27;s costs a week in pounds and pence, like 12.00"),
    ],
)
def test_a_number_typed_wrongly_gets_a_message_that_says_what_to_type_and_nothing_is_saved(
    sam, plan, outcome, field, typed, message
):
    before = fresh(plan).revision
    response = post_item(sam, outcome, "personal_assistant", **{**PA_FIELDS, field: typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'href="#id_{field}"' in page  # the error summary links to the box
    assert not PlanItem.objects.exists()
    assert fresh(plan).revision == before


def test_numbers_with_pounds_signs_and_commas_are_read(sam, plan, outcome):
    post_item(
        sam,
        outcome,
        "one_off",
        description="Adapted bike",
        one_off_amount="£1,250.00",
        managed_by="direct_payment",
        **SHOP,
    )
    assert PlanItem.objects.get(plan=plan).one_off_amount == Decimal("1250.00")


# --- Stale pages, changing and removing ---------------------------------------------------------


def test_a_stale_item_page_says_so_and_saves_nothing(sam, plan, outcome, practitioner):
    read_at = fresh(plan).revision
    current = fresh(plan)
    services.support_plan_update(plan=current, revision=current.revision, actor=practitioner, helped_by="Chloe")
    response = sam.post(add_page(plan, outcome, "personal_assistant"), {"revision": read_at, **PA_FIELDS})
    assert STALE in response.content.decode()
    assert not PlanItem.objects.exists()


@pytest.fixture
def pa_item(sam, plan, outcome) -> PlanItem:
    post_item(sam, outcome, "personal_assistant", **PA_FIELDS)
    return PlanItem.objects.get(plan=plan)


def test_an_item_is_changed_with_all_its_kinds_fields(sam, plan, pa_item):
    page = sam.get(url("item-edit", plan, item_id=pa_item.pk)).content.decode()
    assert 'value="13.50"' in page
    assert 'value="10"' in page
    response = sam.post(
        url("item-edit", plan, item_id=pa_item.pk),
        {"revision": fresh(plan).revision, **PA_FIELDS, "hours_per_week": "12", "employer_costs_weekly": ""},
    )
    assert response["Location"] == url("plan-detail", plan)
    pa_item.refresh_from_db()
    assert (pa_item.hours_per_week, pa_item.employer_costs_weekly, pa_item.weekly_cost) == (
        Decimal("12"),
        None,
        Decimal("162.00"),
    )
    assert fresh(plan).weekly_total == Decimal("162.00")


def test_paying_a_partner_or_a_relative_at_home_shows_the_rule(sam, plan, pa_item):
    response = sam.post(
        url("item-edit", plan, item_id=pa_item.pk),
        {
            "revision": fresh(plan).revision,
            **PA_FIELDS,
            "payee_relationship": "close_relative",
            "payee_lives_with_person": "yes",
        },
    )
    pa_item.refresh_from_db()
    assert (pa_item.payee_relationship, pa_item.payee_lives_with_person) == ("close_relative", True)
    assert any("only if the council agrees it is necessary" in text for text in flash(response))


def test_paying_someone_else_does_not_show_the_rule(sam, plan, outcome):
    response = post_item(sam, outcome, "personal_assistant", **PA_FIELDS)
    assert not any("only if the council agrees" in text for text in flash(response))


def test_an_item_is_found_only_under_its_own_plan(
    plan, pa_item, sign_in_client, make_user, make_person, team, practitioner
):
    """Chloe may write both plans, but Sam's item is not part of the other one."""
    other = make_person(team=team, account=make_user(Role.RESIDENT))
    fixtures.ready_for_planning(person=other, practitioner=practitioner, configuration=True)
    other_plan = services.support_plan_start(person=other, started_by=practitioner)
    chloe = sign_in_client(practitioner)
    assert chloe.get(url("item-edit", plan, item_id=pa_item.pk)).status_code == 200
    assert chloe.get(url("item-edit", other_plan, item_id=pa_item.pk)).status_code == 404
    assert chloe.get(url("item-remove", other_plan, item_id=pa_item.pk)).status_code == 404


def test_removing_an_item_asks_first_and_updates_the_total(sam, plan, pa_item):
    page = sam.get(url("item-remove", plan, item_id=pa_item.pk)).content.decode()
    assert "Are you sure you want to remove this support?" in page
    assert "10 hours × £13.50 + £12.00 = £147.00 a week" in page
    response = sam.post(url("item-remove", plan, item_id=pa_item.pk), {"revision": fresh(plan).revision})
    assert response["Location"] == url("plan-detail", plan)
    assert not PlanItem.objects.filter(pk=pa_item.pk).exists()
    assert fresh(plan).weekly_total == Decimal("0.00")


OTHER_FIELDS = {
    "description": "My neighbour drives me to the pool",
    "weekly_amount": "15.00",
    "managed_by": "direct_payment",
}


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("other", OTHER_FIELDS),
        (
            "one_off",
            {"description": "My son builds a raised bed", "one_off_amount": "200", "managed_by": "direct_payment"},
        ),
    ],
)
def test_other_and_one_off_support_paid_by_direct_payment_ask_who_is_paid(sam, plan, outcome, kind, fields):
    page = sam.get(add_page(plan, outcome, kind)).content.decode()
    assert "If it is paid from a direct payment, who will you pay?" in page
    assert "Does the person you pay live with you?" in page
    assert "A direct payment can pay your husband, wife, civil partner or partner" in page

    unanswered = post_item(sam, outcome, kind, **fields)
    text = unanswered.content.decode()
    assert unanswered.status_code == 200
    assert "Choose who you will pay" in text and 'href="#id_payee_relationship' in text
    assert "Choose yes if the person you pay lives with you" in text
    assert not PlanItem.objects.exists()

    response = post_item(
        sam, outcome, kind, **fields, payee_relationship="close_relative", payee_lives_with_person="yes"
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(plan=plan)
    assert (item.payee_relationship, item.payee_lives_with_person) == ("close_relative", True)
    assert any("only if the council agrees it is necessary" in text for text in flash(response))


def test_other_support_not_paid_by_direct_payment_does_not_need_who_is_paid(sam, plan, outcome):
    response = post_item(
        sam,
        outcome,
        "other",
        **{**OTHER_FIELDS, "managed_by": "council_managed"},
        payee_relationship="spouse_or_partner",
        payee_lives_with_person="yes",
    )

    assert response.status_code == 302
    item = PlanItem.objects.get(plan=plan)
    assert (item.payee_relationship, item.payee_lives_with_person) == ("not_family", False)


def test_the_edit_page_says_a_practitioner_must_record_the_exception_and_links_it_for_them(
    sam, plan, outcome, sign_in_client, practitioner
):
    post_item(
        sam, outcome, "other", **OTHER_FIELDS, payee_relationship="spouse_or_partner", payee_lives_with_person="yes"
    )
    item = PlanItem.objects.get(plan=plan)
    exception_url = url("item-exception", plan, item_id=item.pk)

    own = sam.get(url("item-edit", plan, item_id=item.pk)).content.decode()
    assert "A practitioner must record why this is necessary before the plan can be sent." in own
    assert exception_url not in own
    staff = sign_in_client(practitioner).get(url("item-edit", plan, item_id=item.pk)).content.decode()
    assert f'href="{exception_url}"' in staff

    services.item_record_relative_exception(
        item=item, revision=fresh(plan).revision, actor=practitioner, basis="care_needs", reason="Only he can help."
    )
    after = sam.get(url("item-edit", plan, item_id=item.pk)).content.decode()
    assert "A practitioner must record why" not in after
