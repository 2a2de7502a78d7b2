from django.apps import AppConfig


class ChargingConfig(AppConfig):
    name = "firstperson.charging"
    label = "charging"
    verbose_name = "Charging and financial assessment"
