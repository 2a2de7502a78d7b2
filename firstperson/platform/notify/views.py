"""PLACEHOLDER: to be written (helper work in progress)."""

from django.http import Http404
from django.views import View

from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin


class NotificationListView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")
