"""The public "Estimate what you might pay", under /estimate-what-you-might-pay/. Stores nothing."""

from django.urls import path

from .views import estimate

app_name = "charging-estimate"

urlpatterns = [
    path("", estimate.EstimateStartView.as_view(), name="estimate-start"),
    path("questions/<slug:slug>/", estimate.EstimateQuestionView.as_view(), name="estimate-question"),
    path("check/", estimate.EstimateCheckView.as_view(), name="estimate-check"),
    path("estimate/", estimate.EstimateResultView.as_view(), name="estimate-result"),
]
