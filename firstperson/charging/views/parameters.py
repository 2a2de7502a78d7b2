"""Finance officers' and administrators' pages for the charging figures, under /charging/parameters/:
the list of sets by year, a set's figures with their sources (flagging those still to confirm),
confirming a figure, a new version, editing a draft group by group, publishing and retiring.

A published set never changes: its editing pages send people back to it with a message."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role
from firstperson.platform.exceptions import ApplicationError

from ..exceptions import NoParametersInForce, ParametersLocked
from ..forms import parameters as forms
from ..models import ChargingParameterSet, FigureSource, ParameterStatus
from ..rules.charging import pounds
from ..services import parameter_authoring as authoring
from ..services import parameters as parameter_service
from ..services.parameter_authoring import ALL_FIGURES, GROUPS, GROUPS_BY_SLUG, FiguresInvalid, TreatmentValues

PARAMETER_KEEPERS = for_roles([Role.FINANCE_OFFICER, Role.ADMINISTRATOR], "Finance officers and administrators")

MARK_WORDS = {
    "V": "Verified",
    "P": "Probable",
    "D": "Derived: to confirm",
    "U": "Unverified: to confirm",
    "I": "Invented for an example",
}
TREATMENT_WORDS = dict(forms.TREATMENT_CHOICES)


def _detail(parameter_set) -> str:
    return reverse("charging:parameter-detail", args=[parameter_set.pk])


def show_value(figure, value) -> str:
    if figure.kind == "switch":
        return "Yes" if value else "No"
    if figure.kind == "age":
        return f"{value}"
    if value is None:
        return "Statutory limit" if "capital_limit" in figure.field else "None"
    return pounds(Decimal(value))


def source_labels(parameter_set) -> dict[str, str]:
    """What each FigureSource.field is about, in words."""
    labels: dict[str, list[str]] = {}
    for figure in ALL_FIGURES.values():
        labels.setdefault(figure.source_key, []).append(figure.label)
    for row in parameter_set.income_types.all():
        labels.setdefault(f"income.{row.code}", []).append(f"{row.label}: how it is treated")
    return {key: "; ".join(values) for key, values in labels.items()}


def form_errors_from(form, error: ApplicationError) -> None:
    problems = getattr(error, "problems", None) or {error.field: error.message}
    for field, message in problems.items():
        form.add_error(field if field in form.fields else None, message)


class ParameterListView(AccessPolicyMixin, TemplateView):
    access_policy = PARAMETER_KEEPERS
    template_name = "charging/parameters_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sets = ChargingParameterSet.objects.annotate(
            to_confirm=Count("sources", filter=Q(sources__mark__in=["D", "U"], sources__confirmed_at__isnull=True))
        ).order_by("-year_start", "-number")
        try:
            in_force = parameter_service.parameters_in_force(timezone.localdate())
        except NoParametersInForce:
            in_force = None
        context.update(parameter_sets=list(sets), in_force=in_force)
        return context


class _SetPage(AccessPolicyMixin):
    access_policy = PARAMETER_KEEPERS
    #: Pages that change figures send people back once the set is published or retired.
    draft_only = True

    def load_objects(self, request, *args, **kwargs):
        self.parameter_set = get_object_or_404(ChargingParameterSet, pk=kwargs["parameter_set_id"])
        if self.draft_only and self.parameter_set.status != ParameterStatus.DRAFT:
            messages.info(
                request,
                f"{self.parameter_set.version} is {self.parameter_set.get_status_display().lower()} and never "
                "changes: make a new version to change its figures.",
            )
            return redirect(_detail(self.parameter_set))
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parameter_set"] = self.parameter_set
        return context


class ParameterDetailView(_SetPage, TemplateView):
    draft_only = False
    template_name = "charging/parameters_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parameter_set = self.parameter_set
        sources = {source.field: source for source in parameter_set.sources.select_related("confirmed_by")}
        for source in sources.values():
            source.mark_label = MARK_WORDS.get(source.mark, source.mark)
        groups = []
        for group in GROUPS:
            rows = [
                {
                    "figure": figure,
                    "value": show_value(figure, getattr(parameter_set, figure.field)),
                    "source": sources.get(figure.source_key),
                }
                for figure in group.figures
            ]
            groups.append({"group": group, "rows": rows})
        income_rows = [
            {
                "row": row,
                "treatment": TREATMENT_WORDS.get(row.treatment, row.treatment),
                "source": sources.get(f"income.{row.code}"),
            }
            for row in parameter_set.income_types.all()
        ]
        labels = source_labels(parameter_set)
        to_confirm = [
            {"source": source, "label": labels.get(source.field, source.field)}
            for source in sources.values()
            if source.needs_confirming
        ]
        context.update(
            groups=groups,
            income_rows=income_rows,
            to_confirm=to_confirm,
            mark_words=MARK_WORDS,
            is_draft=parameter_set.status == ParameterStatus.DRAFT,
            can_confirm=parameter_set.status != ParameterStatus.RETIRED,
        )
        return context


class FigureConfirmView(_SetPage, FormView):
    draft_only = False
    template_name = "charging/parameters_confirm.html"
    form_class = forms.ConfirmFigureForm

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        self.source = get_object_or_404(FigureSource, pk=kwargs["source_id"], parameter_set=self.parameter_set)
        if not self.source.needs_confirming:
            messages.info(request, "That figure does not need confirming.")
            return redirect(_detail(self.parameter_set))
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            source=self.source,
            label=source_labels(self.parameter_set).get(self.source.field, self.source.field),
            mark_words=MARK_WORDS,
        )
        return context

    def form_valid(self, form):
        try:
            authoring.confirm_figure(actor=self.request.user, source=self.source, note=form.cleaned_data["note"])
        except ApplicationError as error:
            form_errors_from(form, error)
            return self.form_invalid(form)
        label = source_labels(self.parameter_set).get(self.source.field, self.source.field)
        messages.success(self.request, f"You confirmed: {label}.")
        return redirect(_detail(self.parameter_set))


class NewVersionView(_SetPage, FormView):
    draft_only = False
    template_name = "charging/parameters_new_version.html"
    form_class = forms.NewVersionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["parameter_set"] = self.parameter_set
        return kwargs

    def form_valid(self, form):
        next_year = form.cleaned_data["which"] == forms.NewVersionForm.NEXT_YEAR
        new = authoring.new_version(actor=self.request.user, parameter_set=self.parameter_set, next_year=next_year)
        messages.success(self.request, f"You started {new.version}, a draft copy of {self.parameter_set.version}.")
        return redirect(_detail(new))


class ParameterEditView(_SetPage, FormView):
    """Change one group of a draft's figures. `group` is set per route."""

    group = ""
    template_name = "charging/parameters_edit.html"

    def get_form_class(self):
        if self.group == "details":
            return forms.DetailsForm
        if self.group == "income":
            return forms.IncomeTreatmentsForm
        return forms.FigureGroupForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.group == "income":
            kwargs["income_types"] = list(self.parameter_set.income_types.all())
        elif self.group != "details":
            kwargs["group"] = self.group
        return kwargs

    def get_initial(self):
        s = self.parameter_set
        if self.group == "details":
            return {"effective_from": s.effective_from, "notes": s.notes}
        initial = {figure.field: getattr(s, figure.field) for figure in GROUPS_BY_SLUG[self.group].figures}
        if self.group == "income":
            for row in s.income_types.all():
                initial[f"treatment_{row.code}"] = row.treatment
                initial[f"single_{row.code}"] = row.disregard_weekly_single
                initial[f"couple_{row.code}"] = row.disregard_weekly_couple
        return initial

    def _title(self) -> str:
        return "Date and notes" if self.group == "details" else GROUPS_BY_SLUG[self.group].title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(group=self.group, title=self._title())
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if self.group == "details":
                authoring.update_figures(
                    actor=self.request.user,
                    parameter_set=self.parameter_set,
                    changes={"effective_from": data["effective_from"], "notes": data["notes"]},
                )
            else:
                changes = {figure.field: data[figure.field] for figure in GROUPS_BY_SLUG[self.group].figures}
                if self.group == "income":
                    self._save_income(form, changes)
                else:
                    authoring.update_figures(actor=self.request.user, parameter_set=self.parameter_set, changes=changes)
        except ParametersLocked as error:
            messages.info(self.request, str(error))
            return redirect(_detail(self.parameter_set))
        except ApplicationError as error:
            form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self._title()}: saved.")
        return redirect(_detail(self.parameter_set))

    def _save_income(self, form, changes):
        data = form.cleaned_data
        values = {
            row.code: TreatmentValues(
                data[f"treatment_{row.code}"], data[f"single_{row.code}"], data[f"couple_{row.code}"]
            )
            for row in form.rows
        }
        with transaction.atomic():
            authoring.update_figures(actor=self.request.user, parameter_set=self.parameter_set, changes=changes)
            authoring.update_income_treatments(actor=self.request.user, parameter_set=self.parameter_set, values=values)


class PublishView(_SetPage, FormView):
    template_name = "charging/parameters_publish.html"
    form_class = forms.ConfirmForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["to_confirm"] = [s for s in self.parameter_set.sources.all() if s.needs_confirming]
        return context

    def form_valid(self, form):
        try:
            published = authoring.publish(actor=self.request.user, parameter_set=self.parameter_set)
        except FiguresInvalid as error:
            for message in error.problems.values():
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{published.version} is published. It is in force from {published.effective_from.day} "
            f"{published.effective_from:%B %Y}.",
        )
        return redirect(_detail(published))


class RetireView(_SetPage, FormView):
    draft_only = False
    template_name = "charging/parameters_retire.html"
    form_class = forms.ConfirmForm

    def form_valid(self, form):
        try:
            retired = authoring.retire(actor=self.request.user, parameter_set=self.parameter_set)
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, f"{retired.version} is retired.")
        return redirect(_detail(retired))
