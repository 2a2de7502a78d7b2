"""The stateless charging calculator API, under /api/v1/charging/, and its OpenAPI document."""

from django.urls import path

from . import views

app_name = "api-charging"

urlpatterns = [
    path("calculate", views.CalculateView.as_view(), name="calculate"),
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
]
