"""RAS modelling pages for finance officers, commissioners and administrators (issue 4 §8):

- calibration: upload a CSV of existing care packages, see the fitted prices (through zero, with a
  fixed part, and bands), their R² and residuals, a scatter chart drawn on the server as SVG and the
  data as a table; an administrator may start a new draft configuration from a fit;
- what-if: a candidate configuration applied to everyone's current assessment, storing nothing;
- equality check: budgets per point by age band, sex, ethnicity and primary support reason.

The uploaded packages are kept only in the session (points and costs, no names) between the result's
pages; nothing about them is saved to the database but the audit event.
"""

import csv
from decimal import Decimal
from fractions import Fraction

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role
from firstperson.platform.exceptions import ApplicationError

from .. import forms_calibration as forms
from .. import permissions, selectors
from ..explanations import period_words
from ..models import ConfigurationStatus, Period
from ..rules import calibration as rules
from ..rules import equality as equality_rules
from ..services import calibration as calibration_services
from ..services import equality as equality_services
from ..services import what_if as what_if_services
from .recalculation import STARTERS as RECALCULATION_STARTERS

MODELLING_ROLES = frozenset({Role.FINANCE_OFFICER, Role.COMMISSIONER, Role.ADMINISTRATOR})
MODELLERS = for_roles(MODELLING_ROLES, "Finance officers, commissioners and administrators")
#: Only administrators author configurations, so only they start a draft from a fit.
DRAFT_MAKERS = for_roles(permissions.CONFIGURATION_AUTHORS, "Administrators")
#: The per-person what-if download names people: finance officers only.
DOWNLOADERS = for_roles({Role.FINANCE_OFFICER}, "Finance officers")

SESSION_KEY = "allocation_calibration"
ROWS_PER_PAGE = 50

EXAMPLE_CSV = (
    "reference,points,weekly_cost\nP001,12,58.00\nP002,20,96.50\nP003,31,160.00\nP004,38.6,183.35\nP005,45,230.00\n"
)


class ModellingHomeView(AccessPolicyMixin, TemplateView):
    access_policy = MODELLERS
    template_name = "allocation/calibration_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_download"] = self.request.user.role == Role.FINANCE_OFFICER
        # Where a finance officer starts the bulk recalculation under a published configuration.
        if self.request.user.role in RECALCULATION_STARTERS:
            context["published"] = selectors.configuration_list().filter(status=ConfigurationStatus.PUBLISHED)
        return context


# --- Calibration ------------------------------------------------------------------------------


class CalibrationExampleView(AccessPolicyMixin, TemplateView):
    """A small example file, to show the columns."""

    access_policy = MODELLERS

    def get(self, request, *args, **kwargs):
        response = HttpResponse(EXAMPLE_CSV, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="care-packages-example.csv"'
        return response


class CalibrationUploadView(AccessPolicyMixin, FormView):
    access_policy = MODELLERS
    template_name = "allocation/calibration_upload.html"
    form_class = forms.CalibrationUploadForm

    def get_initial(self):
        current = selectors.configuration_current()
        return {"configuration": current.pk if current else None, "bands": rules.DEFAULT_BANDS}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        configuration = form.cleaned_data["configuration"]
        try:
            run = calibration_services.calibration_run(
                actor=self.request.user,
                content=upload.read(),
                configuration=configuration,
                bands=form.cleaned_data["bands"],
                file_name=upload.name,
            )
        except calibration_services.CalibrationRefused as error:
            for problem in error.problems:
                form.add_error("file", str(problem))
            if error.more:
                form.add_error("file", f"And {error.more} more problems. Fix these and upload the file again.")
            return self.form_invalid(form)
        self.request.session[SESSION_KEY] = {
            "rows": calibration_services.packages_to_session(run.packages),
            "configuration": str(configuration.pk),
            "bands": form.cleaned_data["bands"],
            "file": upload.name[:200],
            "source": run.source,
        }
        return redirect("allocation:calibration-result")


RESIDUAL_ROWS = (
    ("smallest", "Smallest (the most below the fitted amount)"),
    ("lower_quartile", "Lower quartile"),
    ("median", "Median"),
    ("upper_quartile", "Upper quartile"),
    ("largest", "Largest (the most above the fitted amount)"),
    ("mean", "Average"),
    ("mean_absolute", "Average size, up or down"),
    ("root_mean_square", "Root mean square"),
)


def _money(value: Fraction) -> Decimal:
    return rules.to_money(value)


def _r2(fit: rules.Fit) -> Decimal | None:
    return None if fit.r_squared is None else rules.to_decimal(fit.r_squared, 3)


def _residuals(fit: rules.Fit) -> dict:
    r = fit.residuals
    return {
        "mean": _money(r.mean),
        "smallest": _money(r.smallest),
        "lower_quartile": _money(r.lower_quartile),
        "median": _money(r.median),
        "upper_quartile": _money(r.upper_quartile),
        "largest": _money(r.largest),
        "mean_absolute": _money(r.mean_absolute),
        "root_mean_square": r.root_mean_square.quantize(Decimal("0.01")),
    }


class _CalibrationStored:
    """Pages that work on the packages kept in the session by the upload."""

    def load_objects(self, request, *args, **kwargs):
        self.stored = request.session.get(SESSION_KEY)
        if not self.stored:
            messages.success(request, "Upload a file of care packages first.")
            return redirect("allocation:calibration-upload")
        try:
            self.packages = calibration_services.packages_from_session(self.stored["rows"])
            self.calibration = rules.calibrate(self.packages, int(self.stored["bands"]))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            request.session.pop(SESSION_KEY, None)
            messages.success(request, "Upload the file of care packages again.")
            return redirect("allocation:calibration-upload")
        self.configuration = (
            calibration_services.calibration_configurations().filter(pk=self.stored["configuration"]).first()
        )
        return None


class CalibrationResultView(_CalibrationStored, AccessPolicyMixin, TemplateView):
    access_policy = MODELLERS
    template_name = "allocation/calibration_result.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        calibration = self.calibration
        origin, line, banded = calibration.through_origin, calibration.with_intercept, calibration.banded
        data = rules.observations(self.packages)
        rows = [
            {
                "line": package.line,
                "reference": package.reference,
                "points": package.points,
                "weekly_cost": package.weekly_cost,
                "fitted": _money(origin.predict(observation.points)),
                "residual": _money(observation.cost - origin.predict(observation.points)),
                "band": rules.band_for(banded.bands, observation.points).name,
            }
            for package, observation in zip(self.packages, data, strict=True)
        ]
        paginator = Paginator(rows, ROWS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        configuration = self.configuration
        context.update(
            stored=self.stored,
            configuration=configuration,
            count=calibration.count,
            mean_points=rules.to_decimal(calibration.total_points / calibration.count, 1),
            mean_cost=_money(calibration.total_cost / calibration.count),
            ratio=_money(calibration.ratio),
            ratio_annual=_money(calibration.ratio * 52),
            origin={
                "price": _money(origin.slope),
                "price_exact": rules.to_decimal(origin.slope, 4),
                "price_annual": _money(origin.slope * 52),
                "r_squared": _r2(origin.fit),
                "residuals": _residuals(origin.fit),
            },
            line={
                "intercept": _money(line.intercept),
                "slope": _money(line.slope),
                "slope_exact": rules.to_decimal(line.slope, 4),
                "r_squared": _r2(line.fit),
                "residuals": _residuals(line.fit),
            },
            banded={
                "bands": [
                    {
                        "name": band.name,
                        "from": rules.to_decimal(band.min_points, 2),
                        "to": (
                            rules.to_decimal(banded.bands[n + 1].min_points, 2) if n + 1 < len(banded.bands) else None
                        ),
                        "lowest": rules.to_decimal(band.lowest_points, 2),
                        "highest": rules.to_decimal(band.highest_points, 2),
                        "count": band.count,
                        "mean": band.amount,
                        "median": _money(band.median_cost),
                        "annual": calibration_services.fitted_band_amount(band, Period.ANNUAL),
                    }
                    for n, band in enumerate(banded.bands)
                ],
                "asked": int(self.stored["bands"]),
                "r_squared": _r2(banded.fit),
                "residuals": _residuals(banded.fit),
            },
            chart=rules.scatter_chart(calibration, data),
            residual_rows=[
                {
                    "label": label,
                    "origin": _residuals(origin.fit)[key],
                    "line": _residuals(line.fit)[key],
                    "banded": _residuals(banded.fit)[key],
                }
                for key, label in RESIDUAL_ROWS
            ],
            page=page,
            rows=page.object_list,
            can_make_draft=self.request.user.role in permissions.CONFIGURATION_AUTHORS and configuration is not None,
            draft_form=kwargs.get("draft_form") or forms.CalibrationDraftForm(),
            per=period_words(configuration.period) if configuration else "",
        )
        return context


class CalibrationDraftView(_CalibrationStored, AccessPolicyMixin, FormView):
    """An administrator starts a new draft version of the chosen configuration from a fit."""

    access_policy = DRAFT_MAKERS
    form_class = forms.CalibrationDraftForm
    template_name = "allocation/calibration_result.html"

    def get(self, request, *args, **kwargs):
        return redirect("allocation:calibration-result")

    def form_invalid(self, form):
        view = CalibrationResultView()
        view.setup(self.request)
        view.stored, view.packages = self.stored, self.packages
        view.calibration, view.configuration = self.calibration, self.configuration
        return self.render_to_response(view.get_context_data(draft_form=form))

    def form_valid(self, form):
        if self.configuration is None:
            messages.success(self.request, "That configuration has been retired. Upload the file again.")
            return redirect("allocation:calibration-upload")
        try:
            draft = calibration_services.calibration_make_draft(
                actor=self.request.user,
                configuration=self.configuration,
                calibration=self.calibration,
                method=form.cleaned_data["method"],
                note=self.stored.get("file", ""),
            )
        except ApplicationError as error:
            for problem in getattr(error, "problems", None) or [error.message]:
                form.add_error("method", problem)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"You started {draft.version_label}, a copy of {self.configuration.version_label} with the fitted money. "
            "Check it, set the date it takes effect, and publish it when it is right.",
        )
        return redirect("allocation:configuration-detail", configuration_id=draft.pk)


# --- What-if ------------------------------------------------------------------------------------


class WhatIfView(AccessPolicyMixin, FormView):
    access_policy = MODELLERS
    template_name = "allocation/what_if_page.html"
    form_class = forms.WhatIfForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "configuration" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        run = None
        if form.is_bound and form.is_valid():
            run = what_if_services.what_if_run(actor=request.user, configuration=form.cleaned_data["configuration"])
        return self.render_to_response(self.get_context_data(form=form, run=run))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = kwargs.get("run")
        context["can_download"] = self.request.user.role == Role.FINANCE_OFFICER
        if run is not None:
            context.update(summary=run.summary, run_problems=run.problems, seconds=run.seconds)
        return context


class WhatIfDownloadView(AccessPolicyMixin, TemplateView):
    """The per-person CSV of a what-if: finance officers only, audited with everyone in it."""

    access_policy = DOWNLOADERS

    def get(self, request, *args, **kwargs):
        form = forms.WhatIfForm(request.GET)
        if not form.is_valid():
            return redirect("allocation:what-if")
        configuration = form.cleaned_data["configuration"]
        rows = what_if_services.what_if_download(actor=request.user, configuration=configuration)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="what-if-{configuration.questionnaire.code}-v{configuration.number}.csv"'
        )
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerows(rows)
        return response


# --- Equality check -----------------------------------------------------------------------------


class EqualityView(AccessPolicyMixin, FormView):
    access_policy = MODELLERS
    template_name = "allocation/equality_page.html"
    form_class = forms.EqualityForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "threshold_percent" in self.request.GET or "figure" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        run = None
        if not form.is_bound:
            # The first visit runs the check with the configuration's threshold, so the page shows an
            # answer at once, and the form offers that threshold to change.
            run = equality_services.equality_run(actor=request.user)
            if run.threshold_percent is not None:
                form.initial["threshold_percent"] = run.threshold_percent
        elif form.is_valid():
            run = equality_services.equality_run(
                actor=request.user,
                threshold_percent=form.cleaned_data["threshold_percent"],
                figure=form.cleaned_data["figure"],
            )
        return self.render_to_response(self.get_context_data(form=form, run=run))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = kwargs.get("run")
        context["report"] = run.report if run else None
        context["configuration_in_force"] = run.configuration if run else None
        context["no_configuration"] = run is not None and run.configuration is None
        context["figure_label"] = dict(equality_services.FIGURES).get(run.figure) if run else ""
        context["threshold_percent"] = run.threshold_percent if run else None
        context["threshold_is_the_configurations"] = run.threshold_is_the_configurations if run else False
        context["other_versions"] = run.other_versions if run else 0
        context["can_recalculate"] = self.request.user.role in RECALCULATION_STARTERS
        context["min_group_size"] = equality_rules.MIN_GROUP_SIZE
        context["statuses"] = {"flagged": equality_rules.FLAGGED, "no_points": equality_rules.NO_POINTS}
        return context
