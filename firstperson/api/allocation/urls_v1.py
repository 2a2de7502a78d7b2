"""The OpenAPI document of API version 1, at /api/v1/openapi.json."""

from django.urls import path

from . import views

app_name = "api-v1"

urlpatterns = [
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
]
