"""The public "Check what support you might get", under /check-what-support-you-might-get/."""

from django.urls import path

from .views import estimate

app_name = "estimate"

urlpatterns = [
    path("", estimate.EstimateStartView.as_view(), name="estimate-start"),
    path("questions/<slug:slug>/", estimate.EstimateQuestionView.as_view(), name="estimate-question"),
    path("check/", estimate.EstimateCheckView.as_view(), name="estimate-check"),
    path("estimate/", estimate.EstimateResultView.as_view(), name="estimate-result"),
]
