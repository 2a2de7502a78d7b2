"""Policy modelling, under /charging/modelling/: choose changed local-policy levers, run the current
caseload under them and see the change in income to the council and the people affected, without
names (finance officers and commissioners); the per-person figures as CSV (finance officers only)."""

from __future__ import annotations

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role

from ..exceptions import NoParametersInForce
from ..forms.parameters import ModellingForm
from ..models import ChargingParameterSet, ParameterStatus
from ..rules.charging import pounds
from ..services import modelling
from ..services import parameters as parameter_service

MODELLERS = for_roles([Role.FINANCE_OFFICER, Role.COMMISSIONER], "Finance officers; commissioners may view")
PER_PERSON = for_roles([Role.FINANCE_OFFICER], "Finance officers")

LEVER_LABELS = {name: field.label for name, field in ModellingForm.base_fields.items() if name != "parameter_set"}


def default_set() -> ChargingParameterSet | None:
    try:
        return parameter_service.parameters_in_force(timezone.localdate())
    except NoParametersInForce:
        return ChargingParameterSet.objects.filter(status=ParameterStatus.PUBLISHED).first()


def _lever_value(lever, value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return "Statutory limit" if "capital_limit" in lever else "None"
    return pounds(value)


class _Modelling(AccessPolicyMixin):
    def bound_form(self):
        """The form, bound when the levers came in the query string (the page works as a GET form)."""
        if "parameter_set" in self.request.GET:
            return ModellingForm(self.request.GET)
        chosen = default_set()
        return ModellingForm(initial=ModellingForm.initial_for(chosen) if chosen else {})


class ModellingView(_Modelling, TemplateView):
    access_policy = MODELLERS
    template_name = "charging/modelling_run.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.bound_form()
        context.update(
            form=form, has_sets=ChargingParameterSet.objects.filter(status=ParameterStatus.PUBLISHED).exists()
        )
        if form.is_bound and form.is_valid():
            run = modelling.run(parameter_set=form.cleaned_data["parameter_set"], policy_overrides=form.overrides())
            modelling.record(actor=self.request.user, modelling_run=run, download=False)
            context.update(
                run=run,
                summary=run.summary,
                changed=[
                    (LEVER_LABELS[lever], _lever_value(lever, before), _lever_value(lever, after))
                    for lever, (before, after) in run.changed_levers.items()
                ],
                totals=[
                    ("Now", pounds(run.summary.before_weekly), pounds(run.summary.before_annual)),
                    ("Modelled", pounds(run.summary.after_weekly), pounds(run.summary.after_annual)),
                    ("Change", pounds(run.summary.change_weekly), pounds(run.summary.change_annual)),
                ],
                rises=[pounds(item.change_weekly) for item in run.summary.largest_increases],
                falls=[pounds(item.change_weekly) for item in run.summary.largest_decreases],
                may_download=self.request.user.role == Role.FINANCE_OFFICER,
                query=self.request.GET.urlencode(),
            )
        return context


class _Echo:
    def write(self, value):
        return value


class ModellingDownloadView(_Modelling, TemplateView):
    """The per-person figures of a modelling run as CSV. Finance officers only; audited."""

    access_policy = PER_PERSON

    def get(self, request, *args, **kwargs):
        form = self.bound_form()
        if not (form.is_bound and form.is_valid()):
            return redirect("charging:modelling")
        run = modelling.run(parameter_set=form.cleaned_data["parameter_set"], policy_overrides=form.overrides())
        modelling.record(actor=request.user, modelling_run=run, download=True)
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in modelling.csv_rows(run)), content_type="text/csv; charset=utf-8"
        )
        filename = f"charging-policy-model-{run.parameter_set.financial_year}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
