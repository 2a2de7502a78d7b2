"""The resident's self-assessment pages, under /my-account/assessments/."""

from django.urls import path

from . import views_resident as views

app_name = "assessment-resident"

urlpatterns = [
    path("", views.SelfAssessmentListView.as_view(), name="assessment-list"),
    path("new/", views.StartForWhomView.as_view(), name="start-for-whom"),
    path("new/which/", views.StartWhichView.as_view(), name="start-which"),
    path("new/cared-for/", views.StartCaredForView.as_view(), name="start-cared-for"),
    path("<uuid:assessment_id>/", views.AssessmentOverviewView.as_view(), name="assessment-overview"),
    path(
        "<uuid:assessment_id>/questions/<slug:question_code>/",
        views.ResidentQuestionView.as_view(),
        name="assessment-question",
    ),
    path("<uuid:assessment_id>/check/", views.ResidentCheckView.as_view(), name="assessment-check"),
    path("<uuid:assessment_id>/sent/", views.AssessmentSentView.as_view(), name="assessment-sent"),
    path("<uuid:assessment_id>/decision/", views.DecisionView.as_view(), name="decision"),
    path("<uuid:assessment_id>/decision/letter.pdf", views.DecisionLetterView.as_view(), name="decision-letter"),
    # One decision by its id: the address its letter prints, which still shows that decision after a
    # newer one replaces it.
    path(
        "<uuid:assessment_id>/decision/<uuid:determination_id>/",
        views.DecisionView.as_view(),
        name="determination",
    ),
    path(
        "<uuid:assessment_id>/decision/<uuid:determination_id>/letter.pdf",
        views.DecisionLetterView.as_view(),
        name="determination-letter",
    ),
]
