from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "firstperson.platform.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
