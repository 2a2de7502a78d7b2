"""The yearly uprating pages, under /charging/uprating/ (finance officers).

/charging/uprating/                     start an uprating to a published year; past and running jobs
/charging/uprating/<job>/               progress (updating itself only if the reader asks:
                                        platform/jobs/progress.py); carry on a job that stopped,
                                        failed or stalled
/charging/uprating/<job>/report/        the change report, with no names, and the approval button
/charging/uprating/<job>/report.csv     one row a person, named (audited)
/charging/uprating/<job>/letters/       record that the letters have gone out (after approval)
"""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.jobs import progress
from firstperson.platform.jobs.models import BatchJob, JobStatus

from ..models import ChargingParameterSet
from ..rules.charging import pounds
from ..services import uprating

FINANCE_OFFICERS = for_roles([Role.FINANCE_OFFICER], "Finance officers")


class StartForm(forms.Form):
    parameter_set = forms.ModelChoiceField(
        queryset=ChargingParameterSet.objects.none(),
        widget=forms.RadioSelect,
        label="Which year's figures do you want to uprate contributions to?",
        error_messages={"required": "Choose the year's figures to uprate to", "invalid_choice": "Choose one of these"},
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["parameter_set"]
        field.queryset = ChargingParameterSet.objects.filter(pk__in=[t.pk for t in targets])
        field.label_from_instance = lambda s: f"{s.version}, from {_day(s.year_start)}"


class ConfirmForm(forms.Form):
    """A page whose only input is the button: the service's refusal appears in its error summary."""


def _day(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _signed_pounds(amount: str) -> str:
    value = Decimal(amount)
    return ("+" if value > 0 else "") + pounds(value)


def _refuse(form, error: ApplicationError) -> None:
    form.add_error(None, error.message)


class UpratingHomeView(AccessPolicyMixin, FormView):
    access_policy = FINANCE_OFFICERS
    template_name = "charging/uprating_home.html"
    form_class = StartForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["targets"] = self.targets
        return kwargs

    def load_objects(self, request, *args, **kwargs):
        self.targets = uprating.uprating_targets()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            targets=[
                (target, uprating.current_calculations(target).count(), uprating.uprating_job_for(target))
                for target in self.targets
            ],
            jobs=list(uprating.uprating_jobs()[:20]),
        )
        return context

    def form_valid(self, form):
        try:
            job = uprating.uprating_start(actor=self.request.user, parameter_set=form.cleaned_data["parameter_set"])
        except ApplicationError as error:
            _refuse(form, error)
            return self.form_invalid(form)
        return redirect("charging:uprating-progress", job_id=job.pk)


class _JobPage(AccessPolicyMixin):
    access_policy = FINANCE_OFFICERS

    def load_objects(self, request, *args, **kwargs):
        try:
            self.job = uprating.uprating_job_get(kwargs["job_id"])
        except BatchJob.DoesNotExist:
            raise Http404("No such uprating.") from None
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.job
        context["summary"] = self.job.summary or {}
        context["approval"] = uprating.approval_of(self.job)
        return context


class UpratingProgressView(_JobPage, FormView):
    template_name = "charging/uprating_progress.html"
    form_class = ConfirmForm

    def get(self, request, *args, **kwargs):
        return progress.with_updates(request, self.job, super().get(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(progress.progress_context(self.request, self.job), can_resume=self.job.needs_carrying_on)
        return context

    def form_valid(self, form):
        if not self.job.needs_carrying_on:
            return redirect("charging:uprating-progress", job_id=self.job.pk)
        uprating.uprating_resume(actor=self.request.user, job=self.job)
        messages.success(self.request, "The uprating is carrying on from where it stopped.")
        return redirect("charging:uprating-progress", job_id=self.job.pk)


class UpratingReportView(_JobPage, FormView):
    template_name = "charging/uprating_report.html"
    form_class = ConfirmForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = context["summary"]
        finished = self.job.status == JobStatus.FINISHED
        context.update(
            finished=finished,
            problem=uprating.approval_problem(self.job),
            weekly_change=_signed_pounds(summary.get("weekly_change_total", "0")),
            annual_change=_signed_pounds(summary.get("annual_change_total", "0")),
            weekly_before=pounds(Decimal(summary.get("weekly_before_total", "0"))),
            weekly_after=pounds(Decimal(summary.get("weekly_after_total", "0"))),
            increases=[
                {k: pounds(Decimal(v)) for k, v in item.items()} for item in summary.get("largest_increases", [])
            ],
            effective_from=_day(datetime.date.fromisoformat(self.job.parameters["effective_from"])),
            letters=summary.get("letters"),
            # The person who started the uprating may approve it too, but is told so first.
            you_started_it=self.job.started_by_id is not None and self.job.started_by_id == self.request.user.pk,
        )
        return context

    def form_valid(self, form):
        try:
            approval = uprating.uprating_approve(actor=self.request.user, job=self.job)
        except ApplicationError as error:
            _refuse(form, error)
            return self.form_invalid(form)
        effective = datetime.date.fromisoformat(self.job.parameters["effective_from"])
        messages.success(
            self.request,
            f"You approved the uprating: {approval['approved']} new contributions from {_day(effective)}. "
            "Now send the letters.",
        )
        return redirect("charging:uprating-report", job_id=self.job.pk)


class UpratingDownloadView(_JobPage, View):
    def get(self, request, *args, **kwargs):
        if self.job.status != JobStatus.FINISHED:
            raise Http404("The change report is ready once the uprating has finished.")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"uprating-{self.job.parameters.get('effective_from', 'report')}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        uprating.write_change_csv(response, actor=request.user, job=self.job)
        return response


class UpratingLettersView(_JobPage, FormView):
    template_name = "charging/uprating_letters.html"
    form_class = ConfirmForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problem"] = uprating.letters_problem(self.job)
        return context

    def form_valid(self, form):
        try:
            marked = uprating.uprating_mark_letters_sent(actor=self.request.user, job=self.job)
        except ApplicationError as error:
            _refuse(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"You recorded that {marked} letters have gone out.")
        return redirect(reverse("charging:uprating-report", kwargs={"job_id": self.job.pk}))
