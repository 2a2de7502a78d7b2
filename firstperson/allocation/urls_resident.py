""" "How we worked out your budget", under /my-account/."""

from django.urls import path

from .views import resident

app_name = "allocation-resident"

urlpatterns = [
    path("budget/", resident.MyBudgetView.as_view(), name="budget-own"),
    path("people/<uuid:person_id>/budget/", resident.PersonBudgetView.as_view(), name="budget-detail"),
]
