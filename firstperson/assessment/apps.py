from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "firstperson.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self):
        # The staff record page lists the person's self-assessments (people/record_panels.py).
        from firstperson.people.record_panels import register_record_panel

        from .panels import self_assessments_panel

        register_record_panel(self_assessments_panel)
