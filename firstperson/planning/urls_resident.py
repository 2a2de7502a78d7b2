"""The person's own support plans (and those of people they act for), under /my-account/plans/."""

from django.urls import path

from .views import plan_pages

app_name = "planning-resident"

urlpatterns = [
    path("", plan_pages.MyPlansView.as_view(), name="plan-list"),
]
