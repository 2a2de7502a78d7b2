from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "firstperson.directory"
    label = "directory"
    verbose_name = "Service directory"
