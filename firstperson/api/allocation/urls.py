"""The allocation API, mounted at /api/v1/allocation/."""

from django.urls import path

from . import views

app_name = "allocation-api"

urlpatterns = [
    path("estimate", views.EstimateView.as_view(), name="estimate"),
    path("configurations/current", views.ConfigurationCurrentView.as_view(), name="configuration-current"),
    path("configurations/<str:configuration_id>", views.ConfigurationDetailView.as_view(), name="configuration-detail"),
]
