"""Staff pages of the allocation app, under /allocation/."""

from django.urls import path

from .views import budgets, configurations

app_name = "allocation"

C = "configurations/<uuid:configuration_id>/"
P = "people/<uuid:person_id>/budget/"

urlpatterns = [
    path("configurations/", configurations.ConfigurationListView.as_view(), name="configuration-list"),
    path("configurations/new/", configurations.ConfigurationCreateView.as_view(), name="configuration-create"),
    path(C, configurations.ConfigurationDetailView.as_view(), name="configuration-detail"),
    path(C + "details/", configurations.ConfigurationDetailsView.as_view(), name="configuration-details"),
    path(C + "domains/", configurations.ConfigurationDomainsView.as_view(), name="configuration-domains"),
    path(C + "money/", configurations.ConfigurationMoneyView.as_view(), name="configuration-money"),
    path(C + "adjustments/", configurations.ConfigurationAdjustmentsView.as_view(), name="configuration-adjustments"),
    path(C + "preview/", configurations.ConfigurationPreviewView.as_view(), name="configuration-preview"),
    path(C + "publish/", configurations.ConfigurationPublishView.as_view(), name="configuration-publish"),
    path(C + "retire/", configurations.ConfigurationRetireView.as_view(), name="configuration-retire"),
    path(C + "new-version/", configurations.ConfigurationNewVersionView.as_view(), name="configuration-new-version"),
    path("approvals/", budgets.ModerationQueueView.as_view(), name="moderation-queue"),
    path(P, budgets.BudgetDetailView.as_view(), name="budget-detail"),
    path(P + "calculate/", budgets.BudgetCalculateView.as_view(), name="budget-calculate"),
    path(P + "change/", budgets.BudgetModerateView.as_view(), name="budget-moderate"),
    path(P + "decision/", budgets.ModerationDecideView.as_view(), name="moderation-decide"),
]

# RAS modelling (issue 4 §8): calibration, what-if and the equality check.
from .views import calibration as modelling  # noqa: E402

M = "modelling/"
urlpatterns += [
    path(M, modelling.ModellingHomeView.as_view(), name="modelling"),
    path(M + "calibration/", modelling.CalibrationUploadView.as_view(), name="calibration-upload"),
    path(M + "calibration/example.csv", modelling.CalibrationExampleView.as_view(), name="calibration-example"),
    path(M + "calibration/result/", modelling.CalibrationResultView.as_view(), name="calibration-result"),
    path(M + "calibration/draft/", modelling.CalibrationDraftView.as_view(), name="calibration-draft"),
    path(M + "what-if/", modelling.WhatIfView.as_view(), name="what-if"),
    path(M + "what-if/download/", modelling.WhatIfDownloadView.as_view(), name="what-if-download"),
    path(M + "equality/", modelling.EqualityView.as_view(), name="equality"),
]

# Working every open budget out again under a configuration that has taken effect (issue 4 §9).
from .views import recalculation  # noqa: E402

urlpatterns += [
    path(C + "recalculation/", recalculation.RecalculationView.as_view(), name="configuration-recalculation"),
]
