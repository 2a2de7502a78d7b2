"""Staff pages under /assessments/: supported self-assessments, eligibility decisions, questionnaires."""

from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("people/<uuid:person_id>/", views.PersonAssessmentsView.as_view(), name="person-assessments"),
    path("people/<uuid:person_id>/start/", views.SupportedStartView.as_view(), name="assessment-start"),
    path("<uuid:assessment_id>/", views.AssessmentDetailView.as_view(), name="assessment-detail"),
    path(
        "<uuid:assessment_id>/questions/<slug:question_code>/",
        views.StaffQuestionView.as_view(),
        name="assessment-question",
    ),
    path("<uuid:assessment_id>/check/", views.StaffCheckView.as_view(), name="assessment-check"),
    path("<uuid:assessment_id>/eligibility/", views.EligibilityCreateView.as_view(), name="eligibility-create"),
    path("<uuid:assessment_id>/decision/", views.EligibilityDetailView.as_view(), name="eligibility-detail"),
    path("<uuid:assessment_id>/decision/letter.pdf", views.EligibilityLetterView.as_view(), name="eligibility-letter"),
    path("questionnaires/", views.QuestionnaireListView.as_view(), name="questionnaire-list"),
    path("questionnaires/upload/", views.QuestionnaireUploadView.as_view(), name="questionnaire-upload"),
    path(
        "questionnaires/versions/<uuid:version_id>/",
        views.QuestionnaireVersionDetailView.as_view(),
        name="questionnaire-version-detail",
    ),
    path(
        "questionnaires/versions/<uuid:version_id>/download/",
        views.QuestionnaireVersionDownloadView.as_view(),
        name="questionnaire-version-download",
    ),
    path(
        "questionnaires/versions/<uuid:version_id>/new-version/",
        views.QuestionnaireVersionCopyView.as_view(),
        name="questionnaire-version-copy",
    ),
    path(
        "questionnaires/versions/<uuid:version_id>/retire/",
        views.QuestionnaireVersionRetireView.as_view(),
        name="questionnaire-version-retire",
    ),
    path(
        "questionnaires/versions/<uuid:version_id>/questions/<slug:question_code>/",
        views.QuestionUpdateView.as_view(),
        name="question-update",
    ),
    path(
        "questionnaires/versions/<uuid:version_id>/sections/<slug:section_code>/",
        views.SectionUpdateView.as_view(),
        name="section-update",
    ),
]
