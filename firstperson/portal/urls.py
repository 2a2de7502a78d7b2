from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("register/", views.RegisterStartView.as_view(), name="register"),
    path("register/check/", views.RegisterCheckView.as_view(), name="register-check"),
    path("register/check-your-email/", views.RegisterSentView.as_view(), name="register-sent"),
    path("register/verify/<str:token>/", views.RegisterVerifyView.as_view(), name="register-verify"),
    path("register/<slug:slug>/", views.RegisterStepView.as_view(), name="register-step"),
    path("my-account/", views.MyAccountView.as_view(), name="my-account"),
    path("my-account/who-has-looked/", views.WhoHasLookedView.as_view(), name="who-has-looked"),
    path("my-account/people/<uuid:person_id>/", views.RepresentedPersonView.as_view(), name="person-record"),
    path(
        "my-account/people/<uuid:person_id>/who-has-looked/",
        views.WhoHasLookedView.as_view(),
        name="person-who-has-looked",
    ),
]
