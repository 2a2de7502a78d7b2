"""The resident's online financial assessment, under /my-account/financial-assessment/."""

from django.urls import path

from .views import resident as views

app_name = "charging-resident"

A = "<uuid:financial_assessment_id>/"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("start/", views.StartView.as_view(), name="start"),
    path(A, views.OverviewView.as_view(), name="overview"),
    path(A + "questions/<slug:step>/", views.StepView.as_view(), name="step"),
    path(A + "savings-and-property/", views.CapitalView.as_view(), name="capital"),
    path(A + "savings-and-property/add/", views.CapitalAddView.as_view(), name="capital-add"),
    path(A + "income/", views.IncomeView.as_view(), name="income"),
    path(A + "income/add/", views.IncomeAddView.as_view(), name="income-add"),
    path(A + "items/<uuid:item_id>/remove/", views.ItemRemoveView.as_view(), name="item-remove"),
    path(A + "evidence/", views.EvidenceView.as_view(), name="evidence"),
    path(A + "evidence/<uuid:evidence_id>/", views.EvidenceDownloadView.as_view(), name="evidence-download"),
    path(A + "evidence/<uuid:evidence_id>/remove/", views.EvidenceRemoveView.as_view(), name="evidence-remove"),
    path(A + "check/", views.CheckView.as_view(), name="check"),
    path(A + "sent/", views.SentView.as_view(), name="sent"),
    path(A + "what-you-pay/", views.ExplanationView.as_view(), name="explanation"),
    path(A + "letter.pdf", views.LetterView.as_view(), name="letter"),
]
