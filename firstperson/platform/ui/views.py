"""Public information pages, the signed-in home page and the health check."""

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.views import View
from django.views.generic import TemplateView

from firstperson.platform.access.policies import PUBLIC, SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin

from .context_processors import phone_for_link


class StartPageView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "ui/pages/start.html"


class HomeView(AccessPolicyMixin, TemplateView):
    """Where signing in lands: residents go to their account, staff to their workspace home."""

    access_policy = SIGNED_IN
    template_name = "ui/pages/workspace_home.html"

    def get(self, request, *args, **kwargs):
        if request.user.uses_resident_face:
            return redirect("portal:my-account")
        return super().get(request, *args, **kwargs)


class AccessibilityStatementView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "ui/pages/accessibility.html"


class PrivacyNoticeView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "ui/pages/privacy.html"


class CookiesView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "ui/pages/cookies.html"


class FeedbackView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "ui/pages/feedback.html"


class HealthCheckView(AccessPolicyMixin, View):
    """200 when the database answers, 503 when it does not. No personal data, no sign-in."""

    access_policy = PUBLIC

    def get(self, request, *args, **kwargs):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The page for an error in the service (config.urls' handler500). Like Django's own, it does
    not use the request's context processors, which may need the database or the session that
    failed; it gives only what settings say, so a resident still gets the council's own number."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render(
            {
                "council_name": settings.COUNCIL_NAME,
                "council_phone": settings.COUNCIL_PHONE,
                "council_phone_tel": phone_for_link(settings.COUNCIL_PHONE),
            }
        )
    )
