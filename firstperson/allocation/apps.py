from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "firstperson.allocation"
    label = "allocation"
    verbose_name = "Allocation"

    def ready(self):
        # The staff record page shows the person's indicative budget (people/record_panels.py).
        from firstperson.people.record_panels import register_record_panel

        from .panels import indicative_budget_panel

        register_record_panel(indicative_budget_panel)
