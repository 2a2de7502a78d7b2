"""PLACEHOLDER: to be written (helper work in progress). Each class answers 404 until then."""

from django.http import Http404
from django.views import View

from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin


class AgreementDetailView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")


class AgreementLetterView(AccessPolicyMixin, View):
    access_policy = SIGNED_IN

    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet.")
