from django.conf import settings

from .navigation import navigation_for


def service(request):
    """Names every page shows, and the navigation for the signed-in user's role."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation_for(request),
    }
