"""A few front-door contacts for the demo council, from the households in PEOPLE.md, made through
the real services so they carry references, audit events and status history."""

from firstperson.directory.models import Service
from firstperson.platform.accounts.models import User

from .choices import About, Channel, Outcome
from .models import Contact
from .services import ContactDetails, Enquirer, HelpRequest, contact_record, help_request_submit


def build_demo_contacts() -> int:
    if Contact.objects.exists():
        return 0
    adviser = User.objects.filter(username="sophie.turner").first()
    help_request_submit(
        help_request=HelpRequest(
            for_self=False,
            person_name="Ted Okafor",
            enquirer_name="Margaret Okafor",
            enquirer_relationship="His wife",
            reason="My husband Ted has dementia and has started going out at night. I am finding it hard to cope.",
            at_risk=False,
            phone="01632 960 114",
        )
    )
    help_request_submit(
        help_request=HelpRequest(
            for_self=False,
            person_name="Joan Whitfield",
            enquirer_name="Daniel Whitfield",
            enquirer_relationship="Her son; I live abroad",
            reason="My mother had a stroke and is coming home from hospital. She will need help at home.",
            at_risk=False,
            email="daniel.whitfield@example.com",
        )
    )
    made = 2
    if adviser is not None:
        carers_group = Service.objects.filter(name="Westbury Carers' Group").values_list("id", flat=True)
        contact_record(
            actor=adviser,
            details=ContactDetails(
                channel=Channel.PHONE,
                about=About.ANONYMOUS,
                reason="A daughter asked what help there is for carers who work full time.",
                enquirer=Enquirer(name="Priya", relationship="Carer for her father"),
                advice_given="Told her about carers' assessments and the Westbury Carers' Group.",
                service_ids=tuple(carers_group),
                outcome=Outcome.SIGNPOSTED,
                close=True,
            ),
        )
        made += 1
    return made
