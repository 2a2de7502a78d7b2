from django.urls import path  # noqa: F401

app_name = "directory-public"

urlpatterns: list = []
