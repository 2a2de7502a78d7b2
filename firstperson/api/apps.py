from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "firstperson.api"
    label = "api"
    verbose_name = "API"
