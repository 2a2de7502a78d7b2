"""The "Self-assessments" panel on a person's staff record page (people/record_panels.py)."""

from django.urls import reverse

from firstperson.people.record_panels import RecordPanel

from . import permissions
from .selectors import eligibility_determination_current, self_assessments_of_person


def self_assessments_panel(actor, person) -> RecordPanel | None:
    if not getattr(actor, "is_authenticated", False) or actor.uses_resident_face:
        return None
    if not permissions.can_view_assessments_of(actor, person):
        return None
    items = []
    for assessment in self_assessments_of_person(actor=actor, person=person)[:10]:
        decision = eligibility_determination_current(assessment=assessment)
        meta = assessment.get_status_display()
        if decision is not None:
            meta += f"; {'eligible' if decision.eligible else 'not eligible'}"
        items.append(
            {
                "text": f"{assessment.version.questionnaire.name}, started {assessment.started_at:%-d %B %Y}",
                "href": reverse("assessment:assessment-detail", args=[assessment.pk]),
                "meta": meta,
            }
        )
    items.append(
        {
            "text": "All self-assessments, or start one with the person",
            "href": reverse("assessment:person-assessments", args=[person.pk]),
            "meta": "",
        }
    )
    return RecordPanel(
        title="Self-assessments",
        template_name="people/_record_panel_list.html",
        context={"items": items, "empty": "None yet."},
    )
