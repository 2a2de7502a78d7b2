"""PLACEHOLDER: to be written (helper work in progress). Each class answers 404 until then."""

from django.http import Http404
from django.views import View

from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin


class CaseloadPlansView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class ReviewQueueView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class DecisionQueueView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PanelQueueView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class BrokerPlansView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")
