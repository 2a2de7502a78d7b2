"""Pages of the editors' workflow.

Organisations register (public), then their members list, propose and change their services and
send them for review. Directory editors work through the review queue and the data-quality
dashboard, and decide on services and on proposed changes to published ones.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import PUBLIC, for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role
from firstperson.platform.exceptions import ApplicationError

from .. import editor_selectors as selectors
from .. import services
from ..choices import RecordStatus
from ..forms_editor import (
    EditorServiceFilterForm,
    OrganisationRegisterForm,
    RevisionDecisionForm,
    ServiceDecisionForm,
    ServiceForm,
)
from ..rules.workflow import move_is_allowed

EDITORS = for_roles({Role.DIRECTORY_EDITOR}, "Directory editors")
ORGANISATIONS = for_roles({Role.ORGANISATION}, "Members of organisations in the directory")
CHECKED = "checked"
#: An editor's choices on a service, in the order offered; each shown only when the status allows it.
EDITOR_DECISIONS = (
    (RecordStatus.PUBLISHED, "Publish it"),
    (RecordStatus.CHANGES_REQUESTED, "Ask the organisation for changes"),
    (RecordStatus.REJECTED, "Reject it"),
    (CHECKED, "Mark it as checked: it is still right"),
    (RecordStatus.ARCHIVED, "Archive it: take it out of the directory"),
)
SERVICES_PER_PAGE = 50


def _form_errors_from(form, error: ApplicationError) -> None:
    """Put a service's refusal onto the form: every problem it lists, each on its field."""
    problems = getattr(error, "problems", None) or [(error.field, error.message)]
    for field, message in problems:
        form.add_error(field if field in form.fields else None, message)


# --- organisations registering ----------------------------------------------------------------


class OrganisationRegisterView(AccessPolicyMixin, FormView):
    access_policy = PUBLIC
    template_name = "directory/editor/organisation_register.html"
    form_class = OrganisationRegisterForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            organization = services.organisation_register(
                organisation_name=data["organisation_name"],
                description=data["organisation_description"],
                email=data["organisation_email"],
                website=data["organisation_website"],
                contact_first_name=data["contact_first_name"],
                contact_last_name=data["contact_last_name"],
                contact_email=data["contact_email"],
                password=data["password"],
            )
        except ApplicationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        self.request.session["directory_registered"] = {
            "organisation": organization.name,
            "email": data["contact_email"],
        }
        return redirect("directory-editor:organisation-register-sent")


class OrganisationRegisterSentView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "directory/editor/organisation_register_sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registered"] = self.request.session.get("directory_registered", {})
        return context


# --- an organisation's own services -----------------------------------------------------------


class MyServiceListView(AccessPolicyMixin, TemplateView):
    access_policy = ORGANISATIONS
    template_name = "directory/editor/my_service_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            rows=selectors.services_of_organisation_member(actor=user),
            organizations=selectors.organizations_of(actor=user),
        )
        return context


class MyServiceCreateView(AccessPolicyMixin, FormView):
    access_policy = ORGANISATIONS
    template_name = "directory/editor/my_service_form.html"
    form_class = ServiceForm

    def load_objects(self, request, *args, **kwargs):
        self.organizations = selectors.organizations_of(actor=request.user)
        if not self.organizations:
            return redirect("directory-editor:my-services")
        return None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organizations": self.organizations,
            "categories": selectors.council_categories(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(creating=True, **kwargs)

    def form_valid(self, form):
        if "organization" in form.cleaned_data:
            organization = next(org for org in self.organizations if str(org.pk) == form.cleaned_data["organization"])
        else:
            organization = self.organizations[0]
        try:
            service = services.service_propose(
                organization=organization, details=form.to_details(), actor=self.request.user
            )
        except ApplicationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Saved as a draft. Check it, then send it for review")
        return redirect("directory-editor:my-service-detail", service_id=service.pk)


class _OwnServiceMixin:
    """Pages about one of the organisation's services: anyone else's is 404."""

    def load_objects(self, request, *args, **kwargs):
        self.service = selectors.service_get_for_actor(actor=request.user, service_id=kwargs["service_id"])
        return None


class MyServiceDetailView(_OwnServiceMixin, AccessPolicyMixin, TemplateView):
    """The organisation's page about one service. Its one button sends the service for review."""

    access_policy = ORGANISATIONS
    template_name = "directory/editor/my_service_detail.html"

    def post(self, request, *args, **kwargs):
        try:
            services.service_submit(service=self.service, actor=request.user)
        except ApplicationError as error:
            return self.render_to_response(self.get_context_data(problem=error.message))
        messages.success(request, "Sent for review. An editor will check it, usually within 5 working days")
        return redirect("directory-editor:my-service-detail", service_id=self.service.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service
        waiting = selectors.waiting_revision_of(service=service)
        context.update(
            service=service,
            rows=selectors.details_rows(selectors.service_details(service=service)),
            quality=selectors.service_quality(service=service),
            stale=selectors.service_is_stale(service),
            waiting=waiting,
            waiting_rows=[row for row in selectors.revision_comparison(revision=waiting) if row.changed]
            if waiting
            else [],
            last_decided=selectors.last_decided_revision_of(service=service),
            can_change=service.record_status in services.DIRECT_CHANGE_STATUSES
            or service.record_status == RecordStatus.PUBLISHED,
            can_submit=service.record_status in services.DIRECT_CHANGE_STATUSES
            and move_is_allowed(service.record_status, RecordStatus.SUBMITTED),
        )
        return context


class MyServiceUpdateView(_OwnServiceMixin, AccessPolicyMixin, FormView):
    access_policy = ORGANISATIONS
    template_name = "directory/editor/my_service_form.html"
    form_class = ServiceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "categories": selectors.council_categories()}

    def get_initial(self):
        waiting = selectors.waiting_revision_of(service=self.service)
        if waiting is not None:
            return ServiceForm.initial_from(selectors.details_from_record(waiting.proposed))
        return ServiceForm.initial_from(selectors.service_details(service=self.service))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            service=self.service,
            published=self.service.record_status == RecordStatus.PUBLISHED,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            outcome = services.service_update(service=self.service, details=form.to_details(), actor=self.request.user)
        except ApplicationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        if outcome.revision is not None:
            messages.success(
                self.request,
                "Your change is waiting for an editor. Residents see the service as it was until it is approved",
            )
        else:
            messages.success(self.request, "Changes saved")
        return redirect("directory-editor:my-service-detail", service_id=self.service.pk)


# --- directory editors ------------------------------------------------------------------------


class EditorHomeView(AccessPolicyMixin, TemplateView):
    access_policy = EDITORS
    template_name = "directory/editor/editor_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(queue=selectors.review_queue(), dashboard=selectors.quality_dashboard())
        return context


class EditorServiceListView(AccessPolicyMixin, TemplateView):
    access_policy = EDITORS
    template_name = "directory/editor/editor_service_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = EditorServiceFilterForm(self.request.GET or None, statuses=RecordStatus.choices)
        criteria = selectors.EditorServiceFilter()
        if form.is_valid():
            criteria = selectors.EditorServiceFilter(**form.cleaned_data)
        page = Paginator(selectors.editor_service_list(criteria=criteria), SERVICES_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(form=form, page=page, query=query.urlencode())
        return context


class ServiceReviewView(AccessPolicyMixin, FormView):
    """An editor's page about one service: its details, quality, history, and the decision."""

    access_policy = EDITORS
    template_name = "directory/editor/service_review.html"
    form_class = ServiceDecisionForm

    def load_objects(self, request, *args, **kwargs):
        self.service = selectors.service_get_for_actor(actor=request.user, service_id=kwargs["service_id"])
        return None

    def decisions(self):
        status = self.service.record_status
        return [
            (value, label)
            for value, label in EDITOR_DECISIONS
            if (value == CHECKED and status == RecordStatus.PUBLISHED) or move_is_allowed(status, value)
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "decisions": self.decisions()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service
        context.update(
            service=service,
            rows=selectors.details_rows(selectors.service_details(service=service)),
            quality=selectors.service_quality(service=service),
            stale=selectors.service_is_stale(service),
            history=selectors.service_status_history(service=service),
            waiting=selectors.waiting_revision_of(service=service),
            has_decisions=bool(self.decisions()),
        )
        return context

    def form_valid(self, form):
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == CHECKED:
                services.service_mark_checked(service=self.service, actor=self.request.user)
            else:
                services.service_review_move(
                    service=self.service, to_status=decision, actor=self.request.user, reason=reason
                )
        except ApplicationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        done = {
            RecordStatus.PUBLISHED: "Published. Residents can now find it",
            RecordStatus.CHANGES_REQUESTED: "Sent back to the organisation with your reason",
            RecordStatus.REJECTED: "Rejected. The organisation can see your reason",
            RecordStatus.ARCHIVED: "Archived. Residents can no longer find it",
            CHECKED: "Marked as checked today",
        }
        messages.success(self.request, f"{self.service.name}: {done[decision]}")
        return redirect("directory-editor:home")


class ServiceChangeReviewView(AccessPolicyMixin, FormView):
    """The change waiting for a published service: current and proposed, field by field."""

    access_policy = EDITORS
    template_name = "directory/editor/service_change_review.html"
    form_class = RevisionDecisionForm

    def load_objects(self, request, *args, **kwargs):
        self.service = selectors.service_get_for_actor(actor=request.user, service_id=kwargs["service_id"])
        self.revision = selectors.waiting_revision_of(service=self.service)
        if self.revision is None:
            return redirect("directory-editor:service-review", service_id=self.service.pk)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            service=self.service,
            revision=self.revision,
            comparison=selectors.revision_comparison(revision=self.revision),
        )
        return context

    def form_valid(self, form):
        try:
            if form.cleaned_data["decision"] == "approve":
                services.revision_approve(revision=self.revision, actor=self.request.user)
                done = "Change approved. Residents now see the new details"
            else:
                services.revision_reject(
                    revision=self.revision, actor=self.request.user, reason=form.cleaned_data["reason"]
                )
                done = "Change rejected. The organisation can see your reason"
        except ApplicationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.service.name}: {done}")
        return redirect("directory-editor:home")
