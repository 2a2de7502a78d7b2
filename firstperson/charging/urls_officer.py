"""Charging staff pages (urls_officer); collected by charging/urls.py under /charging/."""

urlpatterns: list = []
