"""Charging staff pages (urls_uprating): the yearly uprating; collected by charging/urls.py under /charging/."""

from django.urls import path

from .views import uprating

J = "uprating/<uuid:job_id>/"

urlpatterns: list = [
    path("uprating/", uprating.UpratingHomeView.as_view(), name="uprating-home"),
    path(J, uprating.UpratingProgressView.as_view(), name="uprating-progress"),
    path(J + "report/", uprating.UpratingReportView.as_view(), name="uprating-report"),
    path(J + "report.csv", uprating.UpratingDownloadView.as_view(), name="uprating-download"),
    path(J + "letters/", uprating.UpratingLettersView.as_view(), name="uprating-letters"),
]
