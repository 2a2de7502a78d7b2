"""The front door's panel on a person's staff record page (people/record_panels.py): their contacts."""

from django.urls import reverse
from django.utils import timezone

from firstperson.people.record_panels import RecordPanel

from . import permissions
from .selectors import contacts_for_person

LIST_TEMPLATE = "people/_record_panel_list.html"


def contacts_record_panel(actor, person) -> RecordPanel | None:
    """The person's contacts with the front door, newest first; nothing for users who cannot see contacts."""
    if actor is None or not actor.is_authenticated or actor.role not in permissions.FRONT_DOOR_ROLES:
        return None
    items = []
    for contact in contacts_for_person(actor=actor, person=person):
        outcome = contact.get_outcome_display() or "no outcome yet"
        received = timezone.localtime(contact.received_at)
        items.append(
            {
                "text": f"{contact.reference}: {outcome}",
                "href": reverse("frontdoor:contact-detail", kwargs={"contact_id": contact.pk}),
                "meta": f"{received.day} {received:%B %Y}, {contact.get_channel_display().lower()}, "
                f"{contact.get_status_display().lower()}",
            }
        )
    return RecordPanel(
        title="Contacts with the front door",
        template_name=LIST_TEMPLATE,
        context={"items": items, "empty": "No contacts with the front door."},
    )
