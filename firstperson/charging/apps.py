from django.apps import AppConfig


class ChargingConfig(AppConfig):
    name = "firstperson.charging"
    label = "charging"
    verbose_name = "Charging and financial assessment"

    def ready(self):
        # The staff record page shows the current contribution (people/record_panels.py), and the
        # person's budget page shows it beside the personal budget (people/budget_panels.py).
        from . import panels, uprating_jobs  # noqa: F401  uprating_jobs registers the uprating batch handler

        panels.register()
