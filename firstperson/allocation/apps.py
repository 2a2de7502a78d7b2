from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "firstperson.allocation"
    label = "allocation"
    verbose_name = "Allocation"

    def ready(self):
        # The staff record page shows the person's indicative budget (people/record_panels.py).
        from firstperson.assessment.signals import self_assessment_submitted
        from firstperson.people.record_panels import register_record_panel

        from . import jobs  # noqa: F401  registers the bulk recalculation's batch handler
        from .panels import indicative_budget_panel
        from .services.recalculation import indicative_budget_on_submission

        register_record_panel(indicative_budget_panel)
        # Work the budget out as soon as a self-assessment is sent (assessment may not import us).
        self_assessment_submitted.connect(
            indicative_budget_on_submission, dispatch_uid="allocation.budget_on_submission"
        )
