from django.urls import path

from . import views

app_name = "frontdoor"

urlpatterns = [
    path("ask-for-help/", views.HelpRequestStartView.as_view(), name="help-request-start"),
    path("ask-for-help/check/", views.HelpRequestCheckView.as_view(), name="help-request-check"),
    path("ask-for-help/sent/", views.HelpRequestSentView.as_view(), name="help-request-sent"),
    path("ask-for-help/<slug:slug>/", views.HelpRequestStepView.as_view(), name="help-request-step"),
    path("front-door/", views.ContactQueueView.as_view(), name="contact-queue"),
    path("front-door/contacts/new/", views.ContactCreateView.as_view(), name="contact-create"),
    path("front-door/contacts/<uuid:contact_id>/", views.ContactDetailView.as_view(), name="contact-detail"),
    path("front-door/contacts/<uuid:contact_id>/status/", views.ContactStatusView.as_view(), name="contact-status"),
    path("front-door/contacts/<uuid:contact_id>/person/", views.ContactPersonView.as_view(), name="contact-person"),
    path(
        "front-door/contacts/<uuid:contact_id>/signposting/",
        views.ContactSignpostView.as_view(),
        name="contact-signpost",
    ),
    path("front-door/contacts/<uuid:contact_id>/advice/", views.ContactAdviceView.as_view(), name="contact-advice"),
]
