from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "firstperson.platform.geography"
    label = "geography"
    verbose_name = "Geography"
