"""Charging staff pages (urls_parameters); collected by charging/urls.py under /charging/."""

urlpatterns: list = []
