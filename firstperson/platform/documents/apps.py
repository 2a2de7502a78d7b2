from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "firstperson.platform.documents"
    label = "documents"
    verbose_name = "Documents"
