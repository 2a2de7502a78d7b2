from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "firstperson.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"

    def ready(self):
        # The person's record page lists their contacts, through the people app's documented hook.
        from firstperson.people.record_panels import register_record_panel

        from .record_panel import contacts_record_panel

        register_record_panel(contacts_record_panel)
