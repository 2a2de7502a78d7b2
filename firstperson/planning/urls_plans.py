"""One support plan's pages, under /plans/, for everyone who may see it: the person and their
representatives, the broker they chose, practitioners and managers in their team, the funding panel.
What each sees and may do is decided by planning/permissions.py; anyone else gets 404."""

from django.urls import path

from .views import agreements, decisions, plan_pages, plan_parts

app_name = "plans"

urlpatterns = [
    path("start/<uuid:person_id>/", plan_pages.PlanStartView.as_view(), name="plan-start"),
    path("<uuid:plan_id>/", plan_pages.PlanDetailView.as_view(), name="plan-detail"),
    # Writing the plan (plan_parts)
    path("<uuid:plan_id>/outcomes/add/", plan_parts.OutcomeAddView.as_view(), name="outcome-add"),
    path("<uuid:plan_id>/outcomes/<uuid:outcome_id>/", plan_parts.OutcomeEditView.as_view(), name="outcome-edit"),
    path(
        "<uuid:plan_id>/outcomes/<uuid:outcome_id>/remove/",
        plan_parts.OutcomeRemoveView.as_view(),
        name="outcome-remove",
    ),
    path(
        "<uuid:plan_id>/outcomes/<uuid:outcome_id>/support/add/",
        plan_parts.ItemKindView.as_view(),
        name="item-add",
    ),
    path(
        "<uuid:plan_id>/outcomes/<uuid:outcome_id>/support/add/<slug:kind>/",
        plan_parts.ItemAddView.as_view(),
        name="item-add-details",
    ),
    path("<uuid:plan_id>/support/<uuid:item_id>/", plan_parts.ItemEditView.as_view(), name="item-edit"),
    path("<uuid:plan_id>/support/<uuid:item_id>/remove/", plan_parts.ItemRemoveView.as_view(), name="item-remove"),
    path("<uuid:plan_id>/risks/add/", plan_parts.RiskAddView.as_view(), name="risk-add"),
    path("<uuid:plan_id>/risks/<uuid:risk_id>/", plan_parts.RiskEditView.as_view(), name="risk-edit"),
    path("<uuid:plan_id>/risks/<uuid:risk_id>/remove/", plan_parts.RiskRemoveView.as_view(), name="risk-remove"),
    path("<uuid:plan_id>/management/", plan_parts.PlanManagementView.as_view(), name="plan-management"),
    path("<uuid:plan_id>/contingency/", plan_parts.PlanContingencyView.as_view(), name="plan-contingency"),
    path(
        "<uuid:plan_id>/budget-justification/",
        plan_parts.PlanJustificationView.as_view(),
        name="plan-justification",
    ),
    path("<uuid:plan_id>/who-helped/", plan_parts.PlanHelpersView.as_view(), name="plan-helpers"),
    # Checking, signing off, sending, versions (plan_pages)
    path("<uuid:plan_id>/broker/", plan_pages.PlanBrokerView.as_view(), name="plan-broker"),
    path("<uuid:plan_id>/check/", plan_pages.PlanCheckView.as_view(), name="plan-check"),
    path("<uuid:plan_id>/sign-off/", plan_pages.PlanSignOffView.as_view(), name="plan-sign-off"),
    path("<uuid:plan_id>/send/", plan_pages.PlanSubmitView.as_view(), name="plan-submit"),
    path("<uuid:plan_id>/sent/", plan_pages.PlanSubmittedView.as_view(), name="plan-submitted"),
    path("<uuid:plan_id>/versions/", plan_pages.PlanVersionsView.as_view(), name="plan-versions"),
    path("<uuid:plan_id>/versions/compare/", plan_pages.PlanVersionCompareView.as_view(), name="plan-version-compare"),
    path("<uuid:plan_id>/versions/<int:number>/", plan_pages.PlanVersionView.as_view(), name="plan-version"),
    path("<uuid:plan_id>/history/", plan_pages.PlanHistoryView.as_view(), name="plan-history"),
    # The decision (decisions)
    path("<uuid:plan_id>/review/", decisions.PlanReviewView.as_view(), name="plan-review"),
    path("<uuid:plan_id>/decide/", decisions.PlanDecideView.as_view(), name="plan-decide"),
    path(
        "<uuid:plan_id>/reconsideration/",
        decisions.ReconsiderationRequestView.as_view(),
        name="plan-reconsideration",
    ),
    path(
        "<uuid:plan_id>/support/<uuid:item_id>/exception/",
        decisions.ItemExceptionView.as_view(),
        name="item-exception",
    ),
    # The personal budget agreement (agreements)
    path("agreements/<uuid:agreement_id>/", agreements.AgreementDetailView.as_view(), name="agreement-detail"),
    path("agreements/<uuid:agreement_id>/letter.pdf", agreements.AgreementLetterView.as_view(), name="agreement-pdf"),
]
