"""The personal budget agreement: the page, and the letter as a PDF (standard or large print).

Anyone who may see the plan may see its agreement (selectors.agreement_get_for_actor); anyone else
gets 404. Every look, at the page or the letter, is audited.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from firstperson.platform.access.policies import SIGNED_IN
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import permissions, selectors
from ..letters import agreement_letter_context, agreement_letter_filename, agreement_letter_pdf
from ..models import BudgetAgreement
from ..rules import lifecycle


def _record_viewed(request, agreement: BudgetAgreement, what: str) -> None:
    audit_record(
        actor=request.user,
        verb=AuditVerb.BUDGET_AGREEMENT_VIEWED,
        object_type="planning.supportplan",
        object_id=agreement.plan_id,
        person_id=agreement.person_id,
        page=request.path,
        payload={"agreement": str(agreement.pk), "as": what},
    )


class _AgreementMixin(AccessPolicyMixin):
    access_policy = SIGNED_IN
    agreement: BudgetAgreement

    def load_objects(self, request, *args, **kwargs):
        self.agreement = selectors.agreement_get_for_actor(actor=request.user, agreement_id=kwargs["agreement_id"])
        return None


class AgreementDetailView(_AgreementMixin, TemplateView):
    template_name = "planning/agreement_detail.html"

    def get(self, request, *args, **kwargs):
        _record_viewed(request, self.agreement, "page")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, agreement = self.request.user, self.agreement
        context.update(
            agreement_letter_context(
                agreement, show_contribution=permissions.can_see_contribution(user, agreement.plan)
            )
        )
        letter_url = reverse("plans:agreement-pdf", kwargs={"agreement_id": agreement.pk})
        context.update(
            is_own=agreement.person.account_id == user.pk,
            for_resident=user.role in RESIDENT_FACE_ROLES,
            plan_url=reverse("plans:plan-detail", kwargs={"plan_id": agreement.plan_id}),
            letter_url=letter_url,
            large_print_url=f"{letter_url}?large_print=1",
            reconsideration_url=reverse("plans:plan-reconsideration", kwargs={"plan_id": agreement.plan_id}),
            may_ask_again=(
                agreement.is_current
                and agreement.plan.status in lifecycle.RECONSIDERABLE
                and lifecycle.Part.REQUESTER in permissions.parts_for(user, agreement.plan)
            ),
        )
        return context


class AgreementLetterView(_AgreementMixin, View):
    def get(self, request, *args, **kwargs):
        large_print = request.GET.get("large_print") in {"1", "true", "yes"}
        _record_viewed(request, self.agreement, "large print letter" if large_print else "letter")
        # The letter follows the page's rule for whoever downloads it: what the person pays only for those who may see it.
        show_contribution = permissions.can_see_contribution(request.user, self.agreement.plan)
        response = HttpResponse(
            agreement_letter_pdf(self.agreement, large_print=large_print, show_contribution=show_contribution),
            content_type="application/pdf",
        )
        filename = agreement_letter_filename(self.agreement, large_print=large_print)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
