from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "firstperson.assessment"
    label = "assessment"
    verbose_name = "Assessment"
