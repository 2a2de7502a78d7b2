import pytest
from django.urls import reverse

from firstperson.people import record_panels
from firstperson.people.record_panels import RecordPanel, register_record_panel
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_registry(monkeypatch):
    """An empty registry for the test, so apps' own panels do not interfere."""
    monkeypatch.setattr(record_panels, "_PANELS", [])


def test_a_registered_panel_appears_on_the_record_for_the_people_it_allows(
    panel_registry, sign_in_client, make_user, make_person, team
):
    practitioner = make_user(Role.PRACTITIONER, team=team)
    manager = make_user(Role.TEAM_MANAGER, team=team)
    person = make_person(team=team)

    def contacts_panel(actor, shown):
        if actor.role != Role.PRACTITIONER:
            return None
        return RecordPanel(
            title="Contacts with the front door",
            template_name="people/_record_panel_list.html",
            context={
                "items": [{"text": f"Panel for {shown.legal_given_name}", "href": "/front-door/", "meta": "today"}]
            },
        )

    register_record_panel(contacts_panel)
    register_record_panel(contacts_panel)  # registering twice shows it once
    page = sign_in_client(practitioner).get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert page.count("Contacts with the front door") == 1
    assert f"Panel for {person.legal_given_name}" in page
    other = sign_in_client(manager).get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert "Contacts with the front door" not in other
