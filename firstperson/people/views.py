"""Staff pages for person records: search, create, view, edit, break-glass open, history."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import RECORD_CREATING_ROLES
from firstperson.platform.audit.selectors import audit_events_for_person
from firstperson.platform.ui.form_errors import form_error_from

from . import permissions, services
from .exceptions import ApplicationError, PossibleDuplicates
from .forms import BreakGlassForm, PersonCreateForm, PersonForm, PersonSearchForm, RelationshipForm
from .models import Relationship
from .permissions import SEARCH_ROLES
from .record_panels import record_panels_for
from .selectors import (
    SearchCriteria,
    person_get_for_actor,
    person_get_for_break_glass,
    person_search,
    relationships_of,
)

STAFF_WITH_RECORDS = for_roles(SEARCH_ROLES, "Practitioners, team managers and finance officers")
# Who keeps records up to date: caseworkers, and front-door advisers for the people they took on.
RECORD_KEEPERS = for_roles(RECORD_CREATING_ROLES, "Practitioners, team managers and front-door advisers")


class PersonSearchView(AccessPolicyMixin, TemplateView):
    access_policy = STAFF_WITH_RECORDS
    template_name = "people/person_search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        searched = any(self.request.GET.get(key) for key in self.request.GET)
        form = PersonSearchForm(self.request.GET or None)
        results = None
        if searched and form.is_valid():
            criteria = SearchCriteria(
                name=form.cleaned_data["name"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                nhs_number=form.cleaned_data["nhs_number"],
                postcode=form.cleaned_data["postcode"],
            )
            results = person_search(actor=self.request.user, criteria=criteria)
        context.update(form=form, results=results, can_create=permissions.can_create(self.request.user))
        return context


class PersonDetailView(AccessPolicyMixin, TemplateView):
    access_policy = STAFF_WITH_RECORDS
    template_name = "people/person_detail.html"

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, person = self.request.user, self.person
        services.person_record_view(actor=user, person=person, page=self.request.path)
        context.update(
            person=person,
            relationships=relationships_of(person=person),
            can_edit=permissions.can_edit(user, person),
            own_team=permissions.is_own_team(user, person),
            panels=record_panels_for(actor=user, person=person),
        )
        return context


class PersonCreateView(AccessPolicyMixin, FormView):
    access_policy = RECORD_KEEPERS
    template_name = "people/person_create.html"
    form_class = PersonCreateForm

    def load_objects(self, request, *args, **kwargs):
        if not permissions.can_create(request.user):
            raise Http404("Only caseworkers with a team can create records.")
        return None

    def form_valid(self, form):
        try:
            person = services.person_create(
                actor=self.request.user,
                details=form.to_details(),
                allocated_team=self.request.user.team,
                confirmed_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
            )
        except PossibleDuplicates as error:
            return self.render_to_response(self.get_context_data(form=form, duplicates=error.candidates))
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Record created for {person.full_name}")
        return redirect("people:person-detail", person_id=person.pk)


class PersonUpdateView(AccessPolicyMixin, FormView):
    access_policy = RECORD_KEEPERS
    template_name = "people/person_update.html"
    form_class = PersonForm

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        if not permissions.can_edit(request.user, self.person):
            return redirect("people:person-detail", person_id=self.person.pk)
        return None

    def get_initial(self):
        return PersonForm.initial_from(services.person_details_of(self.person))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def form_valid(self, form):
        try:
            services.person_update(actor=self.request.user, person=self.person, details=form.to_details())
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Changes saved")
        return redirect("people:person-detail", person_id=self.person.pk)


class PersonBreakGlassView(AccessPolicyMixin, FormView):
    """Open a record outside your caseload: a typed reason, flagged in the access log."""

    access_policy = STAFF_WITH_RECORDS
    template_name = "people/person_break_glass.html"
    form_class = BreakGlassForm

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_break_glass(actor=request.user, person_id=kwargs["person_id"])
        if permissions.can_view(request.user, self.person):
            return redirect("people:person-detail", person_id=self.person.pk)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def form_valid(self, form):
        try:
            services.person_break_glass_open(
                actor=self.request.user, person=self.person, reason=form.cleaned_data["reason"], page=self.request.path
            )
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(reverse("people:person-detail", kwargs={"person_id": self.person.pk}))


class PersonHistoryView(AccessPolicyMixin, TemplateView):
    """Everything recorded about a record: changes, and who looked at it."""

    access_policy = STAFF_WITH_RECORDS
    template_name = "people/person_history.html"

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, person = self.request.user, self.person
        services.person_record_view(actor=user, person=person, page=self.request.path)
        context.update(
            person=person,
            events=audit_events_for_person(person_id=person.pk).select_related("actor")[:200],
        )
        return context


class PersonAccessCodeView(AccessPolicyMixin, TemplateView):
    """Issue a one-time code, to send by letter, that links the person's new online account to this record."""

    access_policy = RECORD_KEEPERS
    template_name = "people/person_access_code.html"

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        if not permissions.can_edit(request.user, self.person):
            return redirect("people:person-detail", person_id=self.person.pk)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def post(self, request, *args, **kwargs):
        code = services.person_issue_access_code(actor=request.user, person=self.person)
        return self.render_to_response(self.get_context_data(code=code))


class _EditablePersonMixin:
    """Pages that change a record: only for its team's practitioners and managers."""

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        if not permissions.can_edit(request.user, self.person):
            return redirect("people:person-detail", person_id=self.person.pk)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context


class RelationshipCreateView(_EditablePersonMixin, AccessPolicyMixin, FormView):
    """Record a carer or a representative, finding their record or making one."""

    access_policy = RECORD_KEEPERS
    template_name = "people/relationship_create.html"
    form_class = RelationshipForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                related = services.person_find_or_create_related(
                    actor=self.request.user, details=form.related_details()
                )
                services.relationship_create(
                    actor=self.request.user,
                    person=self.person,
                    related_person=related,
                    kind=data["kind"],
                    description=data["description"],
                    representative_type=data["representative_type"],
                    authority_scope=data["authority_scope"],
                    evidence=data["evidence"],
                    start_date=data["start_date"],
                )
        except ApplicationError as error:
            form_error_from(form, _related_field(error))
            return self.form_invalid(form)
        messages.success(self.request, f"{related.full_name} is recorded")
        return redirect("people:person-detail", person_id=self.person.pk)


def _related_field(error: ApplicationError) -> ApplicationError:
    """Errors about the carer's own details belong beside the form's 'Their ...' fields."""
    mapping = {
        "legal_given_name": "related_given_name",
        "legal_family_name": "related_family_name",
        "date_of_birth": "related_date_of_birth",
        "nhs_number": "related_nhs_number",
        "related_person": None,
    }
    if error.field in mapping:
        error.field = mapping[error.field]
    return error


class RelationshipEndView(_EditablePersonMixin, AccessPolicyMixin, View):
    access_policy = RECORD_KEEPERS

    def post(self, request, *args, **kwargs):
        relationship = get_object_or_404(Relationship, pk=kwargs["relationship_id"], person=self.person)
        if relationship.end_date is None:
            services.relationship_end(actor=request.user, relationship=relationship, end_date=timezone.localdate())
            messages.success(
                request,
                f"{relationship.related_person.full_name} is no longer recorded as {relationship.get_kind_display().lower()}",
            )
        return redirect("people:person-detail", person_id=self.person.pk)
