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
