from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "firstperson.people"
    label = "people"
    verbose_name = "People"
