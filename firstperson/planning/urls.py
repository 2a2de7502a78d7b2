"""Staff pages of planning, under /planning/: queues, the broker's list, and the decision policy."""

from django.urls import path

from .views import policy, queues

app_name = "planning"

urlpatterns = [
    path("caseload/", queues.CaseloadPlansView.as_view(), name="caseload"),
    path("to-check/", queues.ReviewQueueView.as_view(), name="review-queue"),
    path("decisions/", queues.DecisionQueueView.as_view(), name="decision-queue"),
    path("panel/", queues.PanelQueueView.as_view(), name="panel-queue"),
    path("broker/", queues.BrokerPlansView.as_view(), name="broker-plans"),
    path("policy/", policy.DecisionPolicyListView.as_view(), name="policy-list"),
    path("policy/new/", policy.DecisionPolicyCreateView.as_view(), name="policy-create"),
    path("prohibited/", policy.ProhibitedListView.as_view(), name="prohibited-list"),
    path("prohibited/new/", policy.ProhibitedEditView.as_view(), name="prohibited-create"),
    path("prohibited/<slug:code>/", policy.ProhibitedEditView.as_view(), name="prohibited-edit"),
]
