from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.PersonSearchView.as_view(), name="person-search"),
    path("new/", views.PersonCreateView.as_view(), name="person-create"),
    path("<uuid:person_id>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("<uuid:person_id>/edit/", views.PersonUpdateView.as_view(), name="person-update"),
    path("<uuid:person_id>/open/", views.PersonBreakGlassView.as_view(), name="person-break-glass"),
    path("<uuid:person_id>/history/", views.PersonHistoryView.as_view(), name="person-history"),
    path("<uuid:person_id>/account-code/", views.PersonAccessCodeView.as_view(), name="person-access-code"),
    path("<uuid:person_id>/relationships/new/", views.RelationshipCreateView.as_view(), name="relationship-create"),
    path(
        "<uuid:person_id>/relationships/<uuid:relationship_id>/end/",
        views.RelationshipEndView.as_view(),
        name="relationship-end",
    ),
]
