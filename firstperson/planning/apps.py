from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "firstperson.planning"
    label = "planning"
    verbose_name = "Support planning"
