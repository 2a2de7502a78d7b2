"""PLACEHOLDER: to be written (helper work in progress). Each class answers 404 until then."""

from django.http import Http404
from django.views import View

from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin


class OutcomeAddView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class OutcomeEditView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class OutcomeRemoveView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class ItemKindView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class ItemAddView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class ItemEditView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class ItemRemoveView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class RiskAddView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class RiskEditView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class RiskRemoveView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanManagementView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanContingencyView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanJustificationView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class PlanHelpersView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")
