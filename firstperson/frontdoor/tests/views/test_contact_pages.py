"""The advisers' pages: the queue, recording a contact, and working on one. Through real URLs with
data made by the real services."""

import pytest
from django.urls import reverse

from firstperson.frontdoor.choices import About, ContactStatus, Outcome
from firstperson.frontdoor.models import Contact
from firstperson.frontdoor.record_panel import contacts_record_panel
from firstperson.frontdoor.services import contact_link_person, contact_record_advice, contact_transition
from firstperson.people import record_panels
from firstperson.people.models import Person
from firstperson.people.services import person_break_glass_open
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db

QUEUE = reverse("frontdoor:contact-queue")
CREATE = reverse("frontdoor:contact-create")


def page_of(name, contact):
    return reverse(f"frontdoor:{name}", kwargs={"contact_id": contact.pk})


@pytest.fixture
def ted(make_person, front_door_team):
    return make_person(
        team=front_door_team,
        legal_given_name="Edward",
        legal_family_name="Okafor",
        preferred_name="Ted",
        postcode="WS1 4FG",
    )


# --- the queue ---------------------------------------------------------------------------------


def test_the_queue_lists_urgent_first_then_oldest_with_waiting_times(sign_in_client, adviser, ask_for_help, received):
    newer = received(ask_for_help(person_name="Newer Person"), hours=3)
    older = received(ask_for_help(person_name="Older Person"), days=2)
    urgent = received(ask_for_help(person_name="Urgent Person", at_risk=True), minutes=10)
    page = sign_in_client(adviser).get(QUEUE).content.decode()
    positions = [page.index(contact.reference) for contact in (urgent, older, newer)]
    assert positions == sorted(positions)
    assert "10 minutes" in page and "2 days" in page and "3 hours" in page
    assert "Urgent</strong>" in page
    assert "Waiting: 3 contacts" in page


def test_the_queue_filters_by_status(sign_in_client, adviser, ask_for_help):
    waiting = ask_for_help(person_name="Still Waiting")
    working = contact_transition(actor=adviser, contact=ask_for_help(), to_status="in_progress", reason="Mine")
    client = sign_in_client(adviser)
    page = client.get(QUEUE, {"status": "in_progress"}).content.decode()
    assert working.reference in page and waiting.reference not in page
    page = client.get(QUEUE, {"status": "open"}).content.decode()
    assert working.reference in page and waiting.reference in page
    assert "Waiting or in progress (2)" in page
    assert waiting.reference in client.get(QUEUE, {"status": "<script>"}).content.decode()  # unknown: waiting


def test_markup_typed_by_a_resident_is_escaped_on_staff_pages(sign_in_client, adviser, ask_for_help):
    contact = ask_for_help(person_name="<img src=x onerror=alert(1)>", reason="<script>alert(1)</script>")
    client = sign_in_client(adviser)
    for url in (QUEUE, page_of("contact-detail", contact)):
        page = client.get(url).content.decode()
        assert "<img src=x" not in page and "<script>alert(1)" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.FINANCE_OFFICER, Role.DIRECTORY_EDITOR, Role.COMMISSIONER])
def test_other_roles_get_404_for_every_front_door_page(sign_in_client, make_user, ask_for_help, role):
    contact = ask_for_help()
    client = sign_in_client(make_user(role))
    for url in [QUEUE, CREATE] + [
        page_of(name, contact)
        for name in ("contact-detail", "contact-status", "contact-person", "contact-signpost", "contact-advice")
    ]:
        assert client.get(url).status_code == 404, url


def test_signed_out_people_are_sent_to_sign_in(client, ask_for_help):
    response = client.get(page_of("contact-detail", ask_for_help()))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_a_contact_about_someone_the_user_cannot_see_is_404(
    sign_in_client, adviser, make_user, other_team, ask_for_help, ted
):
    contact = contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    outsider = sign_in_client(make_user(Role.PRACTITIONER, team=other_team))
    assert outsider.get(page_of("contact-detail", contact)).status_code == 404
    assert contact.reference not in outsider.get(QUEUE).content.decode()
    other_adviser = sign_in_client(make_user(Role.ADVISER, team=other_team))
    for name in ("contact-detail", "contact-status", "contact-person", "contact-signpost", "contact-advice"):
        assert other_adviser.get(page_of(name, contact)).status_code == 404


def test_caseworkers_read_contacts_but_do_not_change_them(sign_in_client, make_user, team, ask_for_help):
    contact = ask_for_help()
    client = sign_in_client(make_user(Role.PRACTITIONER, team=team))
    page = client.get(page_of("contact-detail", contact)).content.decode()
    assert contact.reference in page
    assert "Change status" not in page
    assert client.get(CREATE).status_code == 404
    assert (
        client.post(page_of("contact-status", contact), {"to_status": "in_progress", "reason": "x"}).status_code == 404
    )
    contact.refresh_from_db()
    assert contact.status == ContactStatus.WAITING


def test_opening_a_linked_contact_is_logged_as_a_look_at_the_person(sign_in_client, adviser, ask_for_help, ted):
    contact = contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    sign_in_client(adviser).get(page_of("contact-detail", contact))
    event = AuditEvent.objects.get(verb=AuditVerb.PERSON_VIEWED)
    assert (event.person_id, event.actor, event.page) == (ted.pk, adviser, page_of("contact-detail", contact))


# --- recording a contact -----------------------------------------------------------------------


def record_data(**overrides):
    data = {
        "channel": "phone",
        "about": "anonymous",
        "enquirer_name": "Margaret Okafor",
        "enquirer_relationship": "Wife",
        "enquirer_phone": "01632 960 123",
        "reason": "Ted goes out at night and gets lost.",
        "advice_given": "Told her about the carers' group.",
        "outcome": "",
        "close": "no",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_finding_people_keeps_what_was_typed_and_saves_nothing(sign_in_client, adviser, ted, make_person, other_team):
    make_person(team=other_team, legal_given_name="Edwina", legal_family_name="Okafor")
    client = sign_in_client(adviser)
    response = client.post(CREATE, record_data(action="find-person", **{"search-name": "okafor"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" not in page
    assert "Ted goes out at night and gets lost." in page
    assert f'value="{ted.pk}"' in page
    assert "Edward Okafor, born" in page
    assert (
        "Edwina Okafor" in page
        and reverse("people:person-break-glass", args=[Person.objects.get(legal_given_name="Edwina").pk]) in page
    )
    assert not Contact.objects.exists()


def test_finding_people_with_nothing_to_search_for_is_explained(sign_in_client, adviser):
    response = sign_in_client(adviser).post(CREATE, record_data(action="find-person"))
    page = response.content.decode()
    assert "Enter a name, date of birth, NHS number or postcode to search for" in page
    assert "Enter the reason" not in page  # the contact itself is not checked until Save


def test_searching_the_directory_shows_checkboxes_and_keeps_ticks(sign_in_client, adviser, carers_group, day_centre):
    client = sign_in_client(adviser)
    page = client.post(CREATE, record_data(action="find-services", service_words="carers")).content.decode()
    assert f'value="{carers_group.pk}"' in page and f'value="{day_centre.pk}"' not in page
    page = client.post(
        CREATE, record_data(action="find-services", service_words="day centre", services=[str(carers_group.pk)])
    ).content.decode()
    assert f'value="{carers_group.pk}" checked' in page
    assert f'value="{day_centre.pk}"' in page
    assert not Contact.objects.exists()


def test_saving_a_contact_about_someone_known_with_signposting(sign_in_client, adviser, ted, carers_group):
    client = sign_in_client(adviser)
    response = client.post(
        CREATE,
        record_data(
            about="existing_person",
            person=str(ted.pk),
            services=[str(carers_group.pk)],
            outcome="referral_for_needs_assessment",
            close="yes",
            **{"search-name": "okafor"},
        ),
    )
    contact = Contact.objects.get()
    assert response.url == page_of("contact-detail", contact)
    assert (contact.person, contact.status, contact.outcome) == (ted, "closed", "referral_for_needs_assessment")
    assert list(contact.signposted_services.all()) == [carers_group]
    page = client.get(response.url).content.decode()
    assert f"Contact {contact.reference} recorded" in page
    assert "Referral for a needs assessment" in page
    assert "Carers&#x27; support group" in page


def test_saving_with_missing_answers_explains_each_and_saves_nothing(sign_in_client, adviser):
    response = sign_in_client(adviser).post(
        CREATE, {"action": "save", "about": "existing_person", "close": "yes", "enquirer_email": "margaret@"}
    )
    page = response.content.decode()
    for message in [
        "Select how the contact came in",
        "Search for the person and choose their record",
        "Enter the reason for the contact",
        "Choose the outcome before you close the contact",
        "Enter an email address in the correct format, like name@example.com",
    ]:
        assert message in page
    assert "<title>Error: " in page
    assert not Contact.objects.exists()


def test_a_person_not_in_the_search_results_cannot_be_chosen(sign_in_client, adviser, ted, make_person, other_team):
    stranger = make_person(team=other_team, legal_given_name="Edwina", legal_family_name="Okafor")
    page = (
        sign_in_client(adviser)
        .post(CREATE, record_data(about="existing_person", person=str(stranger.pk), **{"search-name": "okafor"}))
        .content.decode()
    )
    assert "Choose a record from the search results" in page
    assert not Contact.objects.exists()


def test_saving_a_contact_about_someone_new(sign_in_client, adviser, front_door_team):
    new_person = {"new-given_name": "Edward", "new-family_name": "Okafor", "new-date_of_birth_0": "14"}
    client = sign_in_client(adviser)
    page = client.post(CREATE, record_data(about="new_person", **new_person)).content.decode()
    assert "Date of birth must include a month and a year" in page
    assert not Person.objects.exists() and not Contact.objects.exists()
    new_person.update({"new-date_of_birth_1": "5", "new-date_of_birth_2": "1943", "new-postcode": "WS1 4FG"})
    response = client.post(CREATE, record_data(about="new_person", **new_person))
    contact = Contact.objects.get()
    assert response.url == page_of("contact-detail", contact)
    assert contact.person.allocated_team == front_door_team
    assert contact.about == About.NEW_PERSON


def test_a_possible_duplicate_is_shown_with_a_box_to_confirm(sign_in_client, adviser, ted):
    new_person = {
        "new-given_name": "Edward",
        "new-family_name": "Okafor",
        "new-date_of_birth_0": str(ted.date_of_birth.day),
        "new-date_of_birth_1": str(ted.date_of_birth.month),
        "new-date_of_birth_2": str(ted.date_of_birth.year),
        "new-postcode": "WS1 4FG",
    }
    client = sign_in_client(adviser)
    page = client.post(CREATE, record_data(about="new_person", **new_person)).content.decode()
    assert "We found a record that may be the same person" in page
    assert "I have checked: this is a different person" in page
    assert Person.objects.count() == 1 and not Contact.objects.exists()
    client.post(CREATE, record_data(about="new_person", **new_person, **{"new-confirm_not_duplicate": "on"}))
    assert Person.objects.count() == 2 and Contact.objects.count() == 1


# --- working on a contact ----------------------------------------------------------------------


def test_changing_the_status_with_a_reason(sign_in_client, adviser, ask_for_help):
    contact = ask_for_help()
    client = sign_in_client(adviser)
    page = client.get(page_of("contact-status", contact)).content.decode()
    assert "Pick it up: I am working on it" in page
    assert "Reopen it" not in page
    page = client.post(page_of("contact-status", contact), {"to_status": "in_progress", "reason": ""}).content.decode()
    assert "Give a reason for the change" in page
    page = client.post(page_of("contact-status", contact), {"to_status": "closed", "reason": "Done"}).content.decode()
    assert "Record the outcome before you close the contact" in page
    contact.refresh_from_db()
    assert contact.status == ContactStatus.WAITING
    response = client.post(page_of("contact-status", contact), {"to_status": "in_progress", "reason": "Calling back"})
    assert response.url == page_of("contact-detail", contact)
    page = client.get(response.url).content.decode()
    assert "Status changed to in progress" in page
    assert "Calling back" in page
    contact.refresh_from_db()
    assert (contact.status, contact.assigned_to) == (ContactStatus.IN_PROGRESS, adviser)


def test_an_illegal_move_cannot_even_be_posted(sign_in_client, adviser, ask_for_help):
    contact = ask_for_help()
    contact_record_advice(actor=adviser, contact=contact, advice_given="", outcome=Outcome.SIGNPOSTED)
    contact_transition(actor=adviser, contact=contact, to_status="closed", reason="Signposted")
    page = (
        sign_in_client(adviser)
        .post(page_of("contact-status", contact), {"to_status": "waiting", "reason": "Back"})
        .content.decode()
    )
    assert "Select one of the options" in page
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED


def test_linking_an_existing_record(sign_in_client, adviser, ask_for_help, ted):
    contact = ask_for_help()
    client = sign_in_client(adviser)
    page = client.get(page_of("contact-person", contact), {"name": "okafor"}).content.decode()
    assert "Link this record" in page and "Edward Okafor" in page
    assert 'value="Ted"' in page  # the name given, ready for a new record
    response = client.post(page_of("contact-person", contact), {"action": "link", "person": str(ted.pk)})
    assert response.url == page_of("contact-detail", contact)
    contact.refresh_from_db()
    assert contact.person == ted


def test_linking_a_record_the_adviser_cannot_see_is_404(sign_in_client, adviser, ask_for_help, make_person, other_team):
    stranger = make_person(team=other_team)
    contact = ask_for_help()
    response = sign_in_client(adviser).post(
        page_of("contact-person", contact), {"action": "link", "person": str(stranger.pk)}
    )
    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.person is None


def test_linking_a_new_record(sign_in_client, adviser, ask_for_help, front_door_team):
    contact = ask_for_help()
    client = sign_in_client(adviser)
    data = {"action": "create", "new-given_name": "Edward", "new-family_name": "Okafor"}
    page = client.post(page_of("contact-person", contact), data).content.decode()
    assert "Enter date of birth" in page
    assert not Person.objects.exists()
    data.update({"new-date_of_birth_0": "14", "new-date_of_birth_1": "5", "new-date_of_birth_2": "1943"})
    response = client.post(page_of("contact-person", contact), data)
    assert response.url == page_of("contact-detail", contact)
    contact.refresh_from_db()
    assert contact.person.full_name == "Edward Okafor"
    assert contact.person.allocated_team == front_door_team


def test_adding_signposting(sign_in_client, adviser, ask_for_help, carers_group, day_centre):
    contact = ask_for_help()
    client = sign_in_client(adviser)
    url = page_of("contact-signpost", contact)
    page = client.get(url, {"service_words": "carers"}).content.decode()
    assert f'value="{carers_group.pk}"' in page
    page = client.post(f"{url}?service_words=carers", {}).content.decode()
    assert "Choose at least one service" in page
    page = client.post(f"{url}?service_words=carers", {"services": [str(day_centre.pk)]}).content.decode()
    assert "Choose services from the directory search results" in page
    assert not contact.signposted_services.exists()
    response = client.post(f"{url}?service_words=carers", {"services": [str(carers_group.pk)]})
    assert response.url == page_of("contact-detail", contact)
    assert list(contact.signposted_services.all()) == [carers_group]


def test_recording_advice_and_outcome(sign_in_client, adviser, ask_for_help):
    contact = ask_for_help()
    client = sign_in_client(adviser)
    url = page_of("contact-advice", contact)
    page = client.post(url, {"advice_given": "x" * 4001, "outcome": "signposted"}).content.decode()
    assert "Advice given must be 4000 characters or fewer" in page
    response = client.post(
        url, {"advice_given": "Offered Margaret a carer's assessment", "outcome": "carers_assessment"}
    )
    assert response.url == page_of("contact-detail", contact)
    contact.refresh_from_db()
    assert (contact.advice_given, contact.outcome) == ("Offered Margaret a carer's assessment", "carers_assessment")


# --- the person's record page ------------------------------------------------------------------


@pytest.fixture
def only_our_panel(monkeypatch):
    """The record page with the front door's panel alone, so other apps' panels do not interfere."""
    assert contacts_record_panel in record_panels._PANELS  # registered when the app is ready
    monkeypatch.setattr(record_panels, "_PANELS", [contacts_record_panel])


def test_the_persons_record_lists_their_contacts(
    only_our_panel, sign_in_client, adviser, ask_for_help, ted, make_user, team
):
    linked = contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    contact_record_advice(actor=adviser, contact=linked, advice_given="", outcome=Outcome.CARERS_ASSESSMENT)
    unlinked = ask_for_help(person_name="Someone Else")
    page = sign_in_client(adviser).get(reverse("people:person-detail", args=[ted.pk])).content.decode()
    assert "Contacts with the front door" in page
    assert f"{linked.reference}: Carer&#x27;s assessment" in page
    assert page_of("contact-detail", linked) in page
    assert unlinked.reference not in page


def test_a_record_without_contacts_says_so(only_our_panel, sign_in_client, adviser, ted):
    page = sign_in_client(adviser).get(reverse("people:person-detail", args=[ted.pk])).content.decode()
    assert "No contacts with the front door." in page


def test_staff_who_cannot_see_contacts_get_no_panel(
    only_our_panel, sign_in_client, make_user, adviser, ask_for_help, ted
):
    contact_link_person(actor=adviser, contact=ask_for_help(), person=ted)
    finance = make_user(Role.FINANCE_OFFICER)
    person_break_glass_open(actor=finance, person=ted, reason="Checking a financial assessment")
    page = sign_in_client(finance).get(reverse("people:person-detail", args=[ted.pk])).content.decode()
    assert "Edward Okafor" in page
    assert "Contacts with the front door" not in page
