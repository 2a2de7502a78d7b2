from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "firstperson.portal"
    label = "portal"
    verbose_name = "Resident portal"
