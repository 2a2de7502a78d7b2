"""The messages page: what the service has told the signed-in user, newest first.

Looking at the page changes nothing; "Mark all as read" (a POST) marks them read.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views.generic import TemplateView

from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role

from .services import notifications_for, notifications_mark_read

PAGE_SIZE = 50

#: Link text by where the message points, so that it says where it goes: (prefix, for the person
#: themselves, for someone who acts for a person, whose messages say "a support plan you help with"
#: or "an assessment you help with").
LINK_TEXT = (
    ("/plans/", "See your plan", "See the plan"),
    ("/my-account/assessments/", "Read the decision", "Read the decision"),
)


def link_text(url: str, *, acts_for_someone: bool = False) -> str:
    for prefix, own, for_someone in LINK_TEXT:
        if url.startswith(prefix):
            return for_someone if acts_for_someone else own
    return "See more"


class NotificationListView(AccessPolicyMixin, TemplateView):
    access_policy = SIGNED_IN
    template_name = "notify/notification_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = notifications_for(user=self.request.user).order_by("-created_at", "-id")
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        acts_for_someone = self.request.user.role == Role.REPRESENTATIVE
        notifications = [
            {
                "notification": n,
                "new": n.read_at is None,
                "link_text": link_text(n.url, acts_for_someone=acts_for_someone),
            }
            for n in page.object_list
        ]
        context.update(
            page=page,
            notifications=notifications,
            unread=notifications_for(user=self.request.user).filter(read_at__isnull=True).exists(),
        )
        return context

    def post(self, request, *args, **kwargs):
        marked = notifications_mark_read(user=request.user)
        if marked:
            messages.success(request, "All your messages are marked as read")
        return redirect("notify:notification-list")
