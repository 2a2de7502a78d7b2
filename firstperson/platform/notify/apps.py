from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "firstperson.platform.notify"
    label = "notify"
    verbose_name = "Notifications"
