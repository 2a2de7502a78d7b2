import re

from django.conf import settings

from .navigation import navigation_for


def service(request):
    """Names every page shows, the council's phone number (the setting `COUNCIL_PHONE`, written
    as people read it and as a `tel:` link takes it) and when its lines are open
    (`COUNCIL_PHONE_HOURS`), and the navigation for the user's role."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "council_phone": settings.COUNCIL_PHONE,
        "council_phone_tel": phone_for_link(settings.COUNCIL_PHONE),
        "council_phone_hours": settings.COUNCIL_PHONE_HOURS,
        "navigation": navigation_for(request),
    }


def phone_for_link(number: str) -> str:
    """A phone number as a `tel:` link takes it: digits, and a leading + if there is one."""
    return ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)
