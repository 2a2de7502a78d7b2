from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "firstperson.planning"
    label = "planning"
    verbose_name = "Support planning"

    def ready(self):
        # The person's budget page shows the personal budget agreement (people/budget_panels.py), and
        # the staff record page shows the support plan and the agreement (people/record_panels.py).
        from . import panels

        panels.register()
