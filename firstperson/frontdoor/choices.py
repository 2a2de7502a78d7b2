"""Code lists of the front door."""

from django.db import models

from .rules import lifecycle


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    WEB_FORM = "web_form", "Web form"
    LETTER = "letter", "Letter"
    FACE_TO_FACE = "face_to_face", "Face to face"
    PROFESSIONAL_REFERRAL = "professional_referral", "Professional referral"


class About(models.TextChoices):
    """Whom the contact is about. Blank until an adviser has checked a web request against our records."""

    EXISTING_PERSON = "existing_person", "An existing person"
    NEW_PERSON = "new_person", "A new person"
    ANONYMOUS = "anonymous", "An anonymous enquiry"


class Outcome(models.TextChoices):
    INFORMATION_AND_ADVICE = "information_and_advice", "Information and advice only"
    SIGNPOSTED = "signposted", "Signposted"
    UNIVERSAL_OR_PREVENTIVE = "universal_or_preventive", "Universal or preventive service"
    EQUIPMENT_OR_MINOR_ADAPTATION = "equipment_or_minor_adaptation", "Equipment or minor adaptation"
    REFERRAL_TO_REABLEMENT = "referral_to_reablement", "Referral to reablement"
    REFERRAL_FOR_NEEDS_ASSESSMENT = "referral_for_needs_assessment", "Referral for a needs assessment"
    CARERS_ASSESSMENT = "carers_assessment", "Carer's assessment"
    SAFEGUARDING_CONCERN = "safeguarding_concern", "Safeguarding concern raised"
    URGENT_RESPONSE = "urgent_response", "Urgent response"


class ContactStatus(models.TextChoices):
    WAITING = lifecycle.WAITING, "Waiting"
    IN_PROGRESS = lifecycle.IN_PROGRESS, "In progress"
    CLOSED = lifecycle.CLOSED, "Closed"
