"""Checking, signing off and sending a plan through its URLs; the versions sent and what changed
between them; the plan's history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from firstperson.planning import services
from firstperson.planning.models import PlanStatus, PlanSubmission
from firstperson.planning.rules.checks import PRACTITIONER_CHECKLIST
from firstperson.planning.tests import fixtures
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

CHECKLIST_CODES = [code for code, _ in PRACTITIONER_CHECKLIST]


def url(name: str, plan, **kwargs) -> str:
    return reverse(f"plans:{name}", kwargs={"plan_id": plan.pk, **kwargs})


def send(plan, actor):
    plan.refresh_from_db()
    return services.support_plan_submit(plan=plan, revision=plan.revision, actor=actor)


def send_back(plan, practitioner, comments="Say more about the gym."):
    services.support_plan_start_review(plan=plan, actor=practitioner)
    plan.refresh_from_db()
    services.support_plan_review(
        plan=plan, revision=plan.revision, actor=practitioner, checklist={}, comments=comments, put_forward=False
    )
    plan.refresh_from_db()
    return plan


# --- Check your plan -------------------------------------------------------------------------------


def test_the_check_page_says_in_plain_english_what_to_change(sign_in_client, plan, resident):
    page = sign_in_client(resident).get(url("plan-check", plan))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Add at least one outcome: what the person wants to achieve, in their own words." in text
    assert "Say what will happen if support fails" in text
    assert "Choose how the budget will be managed" in text
    assert 'id="check-contingency_plan"' in text


def test_the_check_page_ticks_the_checks_that_pass(sign_in_client, complete_plan, resident):
    text = sign_in_client(resident).get(url("plan-check", complete_plan)).content.decode()

    assert "The plan passes every automatic check." in text
    assert "There is a plan for when support lets the person down" in text
    assert "To do" not in text
    assert url("plan-submit", complete_plan) in text


def test_the_check_page_is_recorded_as_a_look_at_the_plan(sign_in_client, plan, resident):
    sign_in_client(resident).get(url("plan-check", plan))

    assert AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_VIEWED, object_id=str(plan.pk)).count() == 1


def test_the_check_page_has_change_links_only_while_the_plan_can_change(sign_in_client, complete_plan, resident):
    client = sign_in_client(resident)
    assert url("plan-contingency", complete_plan) in client.get(url("plan-check", complete_plan)).content.decode()

    send(complete_plan, resident)

    assert url("plan-contingency", complete_plan) not in client.get(url("plan-check", complete_plan)).content.decode()


# --- Signing off -----------------------------------------------------------------------------------


def test_the_person_signs_off_their_plan(sign_in_client, plan, resident):
    plan = fixtures.write_complete_plan(plan=plan, actor=resident)
    client = sign_in_client(resident)

    assert "I agree with how my money will be spent" in client.get(url("plan-sign-off", plan)).content.decode()
    response = client.post(url("plan-sign-off", plan), {"revision": plan.revision, "typed_name": " Sam Kowalski "})

    plan.refresh_from_db()
    assert response.status_code == 302
    assert response.url == url("plan-check", plan)
    assert plan.signed_off_name == "Sam Kowalski"
    assert plan.signed_off_by == resident


def test_signing_off_without_a_name_saves_nothing(sign_in_client, plan, resident):
    page = sign_in_client(resident).post(url("plan-sign-off", plan), {"revision": plan.revision, "typed_name": "  "})

    plan.refresh_from_db()
    assert page.status_code == 200
    assert "Type your full name to sign off the plan" in page.content.decode()
    assert "<title>Error: " in page.content.decode()
    assert plan.signed_off_at is None


def test_a_sent_plan_cannot_be_signed_off_again(sign_in_client, complete_plan, resident):
    send(complete_plan, resident)
    complete_plan.refresh_from_db()
    signed_at = complete_plan.signed_off_at

    page = sign_in_client(resident).post(
        url("plan-sign-off", complete_plan), {"revision": complete_plan.revision, "typed_name": "Sam K"}
    )

    complete_plan.refresh_from_db()
    assert "This plan has been sent, so it cannot be changed now" in page.content.decode()
    assert complete_plan.signed_off_name == "Sam Kowalski"
    assert complete_plan.signed_off_at == signed_at


def test_a_practitioner_cannot_sign_off_for_the_person(sign_in_client, plan, practitioner):
    assert sign_in_client(practitioner).get(url("plan-sign-off", plan)).status_code == 404


# --- Sending ---------------------------------------------------------------------------------------


def test_sending_a_plan_that_passes_every_check(sign_in_client, complete_plan, resident, policy):
    client = sign_in_client(resident)

    response = client.post(url("plan-submit", complete_plan), {"revision": complete_plan.revision})

    complete_plan.refresh_from_db()
    assert response.status_code == 302
    assert response.url == url("plan-submitted", complete_plan)
    assert complete_plan.status == PlanStatus.SUBMITTED
    assert PlanSubmission.objects.filter(plan=complete_plan, number=1, submitted_by=resident).exists()
    confirmation = client.get(response.url).content.decode()
    assert "Support plan sent" in confirmation
    assert "What happens next" in confirmation
    assert f"within {policy.panel_target_days} days" in confirmation


def test_sending_is_refused_with_every_failed_check_listed_and_nothing_changes(sign_in_client, plan, resident):
    page = sign_in_client(resident).post(url("plan-submit", plan), {"revision": plan.revision})

    text = page.content.decode()
    plan.refresh_from_db()
    assert page.status_code == 200
    assert "There is a problem" in text
    assert "<title>Error: " in text
    assert 'href="#check-outcomes_addressed"' in text
    assert "Add at least one outcome" in text
    assert "Ask the person (or someone acting for them) to read the plan and sign it off." in text
    assert plan.status == PlanStatus.DRAFT
    assert not PlanSubmission.objects.filter(plan=plan).exists()


def test_sending_a_plan_someone_changed_since_is_refused(sign_in_client, complete_plan, resident, broker):
    stale = complete_plan.revision
    services.support_plan_choose_broker(plan=complete_plan, revision=stale, actor=resident, broker=broker)

    page = sign_in_client(resident).post(url("plan-submit", complete_plan), {"revision": stale})

    text = page.content.decode()
    complete_plan.refresh_from_db()
    assert page.status_code == 200
    assert "Someone else changed this plan" in text
    assert complete_plan.status == PlanStatus.DRAFT
    assert not PlanSubmission.objects.filter(plan=complete_plan).exists()
    # The page now carries the plan as it is, so it can be sent once it has been looked at.
    assert f'name="revision" value="{complete_plan.revision}"' in text


def test_a_get_of_the_send_address_goes_to_the_check_page(sign_in_client, plan, resident):
    response = sign_in_client(resident).get(url("plan-submit", plan))

    assert response.status_code == 302
    assert response.url == url("plan-check", plan)


# --- Versions --------------------------------------------------------------------------------------


@pytest.fixture
def resent_plan(complete_plan, resident, practitioner):
    """Sent, returned with comments, changed, signed again and sent again: two versions."""
    plan = complete_plan
    send(plan, resident)
    send_back(plan, practitioner)
    plan = services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, contingency_plan="My friend Jo comes instead."
    )
    plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    send(plan, resident)
    plan.refresh_from_db()
    return plan


def test_the_versions_page_lists_each_version_sent(sign_in_client, resent_plan, resident):
    text = sign_in_client(resident).get(url("plan-versions", resent_plan)).content.decode()

    assert url("plan-version", resent_plan, number=1) in text
    assert url("plan-version", resent_plan, number=2) in text
    assert "Sam Kowalski" in text


def test_one_version_is_shown_as_it_was_sent(sign_in_client, resent_plan, resident):
    page = sign_in_client(resident).get(url("plan-version", resent_plan, number=1))

    text = page.content.decode()
    assert page.status_code == 200
    assert "If my personal assistant is ill, Mum helps in the morning" in text
    assert "My friend Jo comes instead." not in text
    assert "Personal assistant for morning routine" in text


def test_a_version_that_does_not_exist_is_404(sign_in_client, resent_plan, resident):
    assert sign_in_client(resident).get(url("plan-version", resent_plan, number=9)).status_code == 404


def test_comparing_shows_what_changed_between_the_latest_two_versions(sign_in_client, resent_plan, practitioner):
    page = sign_in_client(practitioner).get(url("plan-version-compare", resent_plan))

    text = page.content.decode()
    assert page.status_code == 200
    assert "From version 1" in text
    assert "Contingency plan" in text
    assert "If my personal assistant is ill, Mum helps in the morning and the agency covers." in text
    assert "My friend Jo comes instead." in text


def test_comparing_chosen_versions(sign_in_client, resent_plan, resident):
    text = sign_in_client(resident).get(url("plan-version-compare", resent_plan) + "?from=2&to=1").content.decode()

    assert "From version 2" in text
    assert "My friend Jo comes instead." in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=1&to=7", "There is no version with that number"),
        ("?from=one&to=2", "There is no version with that number"),
        ("?from=2&to=2", "Choose two different versions to compare"),
        ("?from=1", "Choose the version to compare with"),
    ],
)
def test_comparing_with_bad_versions_says_what_is_wrong(query, message, sign_in_client, resent_plan, resident):
    page = sign_in_client(resident).get(url("plan-version-compare", resent_plan) + query)

    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert message in page.content.decode()


def test_comparing_with_only_one_version_says_so(sign_in_client, complete_plan, resident):
    send(complete_plan, resident)

    text = sign_in_client(resident).get(url("plan-version-compare", complete_plan) + "?from=1&to=2").content.decode()

    assert "Only one version has been sent" in text


# --- History ---------------------------------------------------------------------------------------


def test_the_history_shows_who_changed_what_and_each_status_change(
    sign_in_client, plan, resident, broker, practitioner
):
    plan = services.support_plan_choose_broker(plan=plan, revision=plan.revision, actor=resident, broker=broker)
    services.risk_add(
        plan=plan,
        revision=plan.revision,
        actor=broker,
        values={
            "description": "Crossing the ring road",
            "likelihood": "medium",
            "reduced_by": "Using the crossing by the shop",
            "responsible": "Sam",
        },
    )
    plan.refresh_from_db()
    fixtures.write_complete_plan(plan=plan, actor=resident, signer=resident)
    send(plan, resident)
    send_back(plan, practitioner, comments="Please say who takes Sam to the gym.")

    page = sign_in_client(practitioner).get(url("plan-history", plan))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Added a risk: \u201cCrossing the ring road\u201d" in text
    assert "Grace Liu (broker)" in text
    assert "Sam Kowalski (the person)" in text
    assert "Changed the plan" in text and "Contingency plan" in text
    assert "Broker" in text
    assert "Signed off the plan as \u201cSam Kowalski\u201d" in text
    assert "Being written \u2192 Sent for checking" in text
    assert "Please say who takes Sam to the gym." in text
    # Newest first: the return comes before the plan was started.
    assert text.index("Being checked by a practitioner \u2192 Returned with comments") < text.index("Started the plan")
    assert AuditEvent.objects.filter(verb=AuditVerb.SUPPORT_PLAN_VIEWED, actor=practitioner).count() == 1


def test_the_history_takes_the_same_number_of_queries_however_long_it_is(sign_in_client, plan, resident):
    client = sign_in_client(resident)
    client.get(url("plan-history", plan))  # session and other first-time reads

    with CaptureQueriesContext(connection) as short:
        client.get(url("plan-history", plan))
    fixtures.write_complete_plan(plan=plan, actor=resident, signer=resident)
    with CaptureQueriesContext(connection) as long:
        page = client.get(url("plan-history", plan))

    assert "Added an outcome" in page.content.decode()
    assert len(long.captured_queries) == len(short.captured_queries)


def test_the_person_sees_staff_in_the_history_by_role_and_team_never_by_name(
    sign_in_client, complete_plan, resident, broker, practitioner
):
    plan = services.support_plan_choose_broker(
        plan=complete_plan, revision=complete_plan.revision, actor=resident, broker=broker
    )
    send(plan, resident)
    send_back(plan, practitioner, comments="Please say who takes Sam to the gym.")

    text = sign_in_client(resident).get(url("plan-history", plan)).content.decode()

    assert "A practitioner in the West locality team" in text
    assert "Chloe Bennett" not in text
    assert "Sam Kowalski (the person)" in text
    staff_view = sign_in_client(practitioner).get(url("plan-history", plan)).content.decode()
    assert "Chloe Bennett (practitioner)" in staff_view


def test_the_plan_page_names_whoever_returned_it_by_role_for_the_person(
    sign_in_client, complete_plan, resident, practitioner
):
    send(complete_plan, resident)
    send_back(complete_plan, practitioner, comments="Please say who takes Sam to the gym.")

    text = sign_in_client(resident).get(url("plan-detail", complete_plan)).content.decode()

    assert "Comments from a practitioner in the West locality team" in text
    assert "Please say who takes Sam to the gym." in text
    assert "Chloe Bennett" not in text
    assert (
        "Comments from Chloe Bennett"
        in sign_in_client(practitioner).get(url("plan-detail", complete_plan)).content.decode()
    )


def test_a_decision_on_an_earlier_version_is_not_shown_as_the_latest(
    sign_in_client, complete_plan, resident, practitioner, team_manager
):
    plan = complete_plan
    send(plan, resident)
    services.support_plan_start_review(plan=plan, actor=practitioner)
    plan.refresh_from_db()
    services.support_plan_review(
        plan=plan,
        revision=plan.revision,
        actor=practitioner,
        checklist=dict.fromkeys(CHECKLIST_CODES, True),
        comments="Good.",
        put_forward=True,
    )
    plan.refresh_from_db()
    services.support_plan_decide(
        plan=plan, revision=plan.revision, actor=team_manager, outcome="returned", reasons="Add a backup for the gym."
    )
    plan.refresh_from_db()
    returned_page = sign_in_client(resident).get(url("plan-detail", plan)).content.decode()
    assert "The decision: returned" in returned_page
    plan = services.support_plan_update(
        plan=plan, revision=plan.revision, actor=resident, contingency_plan="My friend Jo comes instead."
    )
    plan = services.support_plan_sign_off(plan=plan, revision=plan.revision, actor=resident, typed_name="Sam Kowalski")
    send(plan, resident)

    text = sign_in_client(resident).get(url("plan-detail", plan)).content.decode()

    assert "The decision:" not in text
    assert "Add a backup for the gym." not in text


@pytest.mark.parametrize("page", ["plan-submitted", "plan-sign-off", "plan-broker"])
def test_the_sent_sign_off_and_broker_pages_record_a_look_at_the_plan(page, sign_in_client, complete_plan, resident):
    if page == "plan-submitted":
        send(complete_plan, resident)

    response = sign_in_client(resident).get(url(page, complete_plan))

    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        verb=AuditVerb.SUPPORT_PLAN_VIEWED,
        actor=resident,
        object_id=str(complete_plan.pk),
        page=url(page, complete_plan),
    ).exists()
