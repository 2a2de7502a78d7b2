from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "firstperson.platform.access"
    label = "access"
    verbose_name = "Access"
