from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/two-factor/", views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path("sign-in/two-factor/set-up/", views.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.SignedOutView.as_view(), name="signed-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password-reset-confirm"),
    path("password-reset/complete/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("accounts/locked/", views.LockedAccountListView.as_view(), name="locked-account-list"),
    path("accounts/<uuid:user_id>/unlock/", views.AccountUnlockView.as_view(), name="account-unlock"),
]
