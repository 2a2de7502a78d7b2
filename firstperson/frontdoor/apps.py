from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "firstperson.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"
