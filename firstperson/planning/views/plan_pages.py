"""PLACEHOLDER: to be written (helper work in progress). Each class answers 404 until then."""

from django.http import Http404
from django.views import View

from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin


class PlanStartView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanDetailView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanBrokerView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanCheckView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanSignOffView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanSubmitView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanSubmittedView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanVersionsView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanVersionCompareView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanVersionView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanHistoryView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class MyPlansView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")
