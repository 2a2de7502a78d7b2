"""The editors' workflow, under /directory/: organisations register and look after their services;
directory editors review them."""

from django.urls import path

from .views import editor

app_name = "directory-editor"

urlpatterns = [
    path("", editor.EditorHomeView.as_view(), name="home"),
    path("services/", editor.EditorServiceListView.as_view(), name="service-list"),
    path("services/<uuid:service_id>/", editor.ServiceReviewView.as_view(), name="service-review"),
    path(
        "services/<uuid:service_id>/proposed-change/",
        editor.ServiceChangeReviewView.as_view(),
        name="service-change-review",
    ),
    path("organisations/register/", editor.OrganisationRegisterView.as_view(), name="organisation-register"),
    path(
        "organisations/register/sent/",
        editor.OrganisationRegisterSentView.as_view(),
        name="organisation-register-sent",
    ),
    path("my-services/", editor.MyServiceListView.as_view(), name="my-services"),
    path("my-services/new/", editor.MyServiceCreateView.as_view(), name="my-service-create"),
    path("my-services/<uuid:service_id>/", editor.MyServiceDetailView.as_view(), name="my-service-detail"),
    path("my-services/<uuid:service_id>/change/", editor.MyServiceUpdateView.as_view(), name="my-service-update"),
]
