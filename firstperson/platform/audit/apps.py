from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "firstperson.platform.audit"
    label = "audit"
    verbose_name = "Audit"
