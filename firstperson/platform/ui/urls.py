from django.urls import path

from . import views

app_name = "ui"

urlpatterns = [
    path("", views.StartPageView.as_view(), name="start"),
    path("home/", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("cookies/", views.CookiesView.as_view(), name="cookies"),
    path("feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("healthz", views.HealthCheckView.as_view(), name="healthz"),
]
