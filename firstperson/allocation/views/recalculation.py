"""Working every open budget out again when a new RAS configuration takes effect (issue 4 §9).

One page per configuration, /allocation/configurations/<id>/recalculation/: before a job it says how
many open assessments there are and what will happen, with the button (administrators and finance
officers); once started it shows the job's progress (updating itself only if the reader asks:
platform/jobs/progress.py), and then its summary. Practitioners and team managers may read it: it
lists the people in their caseload whose budget had been changed by hand, and counts them for their
own team only (administrators and finance officers see every team's count; see permissions.py). A
job that stopped, failed or stalled can be carried on while its configuration is still the one in
force.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import FormView

from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import CASEWORK_ROLES, Role
from firstperson.platform.exceptions import ApplicationError
from firstperson.platform.jobs import progress

from .. import forms, selectors
from ..services import recalculation
from .configurations import form_error_from

#: Who may start a recalculation.
STARTERS = frozenset({Role.ADMINISTRATOR, Role.FINANCE_OFFICER})
READERS = for_roles(STARTERS | CASEWORK_ROLES, "Administrators, finance officers, practitioners and team managers")


def may_start(user) -> bool:
    return user.is_authenticated and user.role in STARTERS


class RecalculationView(AccessPolicyMixin, FormView):
    access_policy = READERS
    form_class = forms.ConfirmForm

    def load_objects(self, request, *args, **kwargs):
        self.configuration = selectors.configuration_get(configuration_id=kwargs["configuration_id"])
        self.job = recalculation.recalculation_job_for(self.configuration)
        return None

    def get_template_names(self):
        if self.job is None:
            return ["allocation/recalculation_start.html"]
        return ["allocation/recalculation_progress.html"]

    def get(self, request, *args, **kwargs):
        return progress.with_updates(request, self.job, super().get(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(configuration=self.configuration, job=self.job, may_start=may_start(user))
        if self.job is None:
            problem = recalculation.recalculation_problem(self.configuration)
            context.update(
                problem=problem,
                open_count=None if problem else recalculation.replaceable_budgets(self.configuration).count(),
            )
        else:
            summary = self.job.summary or {}
            stopped = self.job.needs_carrying_on
            # Carrying on is only for a configuration still in force: say why not, instead of a button.
            resume_problem = recalculation.recalculation_problem(self.configuration) if stopped else None
            context.update(
                progress.progress_context(self.request, self.job),
                summary=summary,
                moderated=recalculation.moderated_counts_visible_to(actor=user, job=self.job),
                moderated_people=list(
                    recalculation.moderated_people_visible_to(actor=user, job=self.job).select_related(
                        "allocated_team"
                    )[:500]
                ),
                resume_problem=resume_problem,
                can_resume=may_start(user) and stopped and not resume_problem,
            )
        return context

    def form_valid(self, form):
        user = self.request.user
        if not may_start(user):
            raise Http404("Only administrators and finance officers start a recalculation.")
        try:
            if self.job is not None and self.job.needs_carrying_on:
                job = recalculation.recalculation_resume(actor=user, job=self.job)
            else:
                job = recalculation.recalculation_start(actor=user, configuration=self.configuration)
        except ApplicationError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        job.refresh_from_db()
        messages.success(self.request, f"{job.description}: {job.get_status_display().lower()}.")
        return redirect("allocation:configuration-recalculation", configuration_id=self.configuration.pk)
