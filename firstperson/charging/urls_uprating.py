"""Charging staff pages (urls_uprating); collected by charging/urls.py under /charging/."""

urlpatterns: list = []
