"""Charging staff pages (urls_officer): finance officers' financial assessments, under
/charging/assessments/; collected by charging/urls.py."""

from django.urls import path

from .views import assessments as views

A = "assessments/<uuid:financial_assessment_id>/"

urlpatterns = [
    path("assessments/", views.QueueView.as_view(), name="assessment-queue"),
    path("assessments/people/<uuid:person_id>/", views.PersonView.as_view(), name="assessment-person"),
    path("assessments/people/<uuid:person_id>/start/", views.StartView.as_view(), name="assessment-start"),
    path(A, views.DetailView.as_view(), name="assessment-detail"),
    path(A + "details/", views.DetailsView.as_view(), name="assessment-details"),
    path(A + "capital/add/", views.CapitalAddView.as_view(), name="assessment-capital-add"),
    path(A + "income/add/", views.IncomeAddView.as_view(), name="assessment-income-add"),
    path(A + "items/<uuid:item_id>/check/", views.ItemCheckView.as_view(), name="assessment-item-check"),
    path(A + "items/<uuid:item_id>/remove/", views.ItemRemoveView.as_view(), name="assessment-item-remove"),
    path(A + "evidence/add/", views.EvidenceAddView.as_view(), name="assessment-evidence-add"),
    path(A + "evidence/<uuid:evidence_id>/", views.EvidenceDownloadView.as_view(), name="assessment-evidence"),
    path(A + "complete/", views.CompleteView.as_view(), name="assessment-complete"),
    path(A + "letter/issue/", views.LetterIssueView.as_view(), name="assessment-letter-issue"),
    path(A + "letter.pdf", views.LetterView.as_view(), name="assessment-letter"),
    path(A + "letters/<uuid:letter_id>.pdf", views.IssuedLetterView.as_view(), name="assessment-issued-letter"),
    path(A + "reassess/", views.ReassessView.as_view(), name="assessment-reassess"),
]
