from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "firstperson.platform.ui"
    label = "ui"
    verbose_name = "User interface"
