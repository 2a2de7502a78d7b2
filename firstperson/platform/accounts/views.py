"""Sign-in, two-factor, sign-out, password reset and the administrators' locked-accounts page."""

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import PUBLIC, for_roles
from firstperson.platform.access.views import AccessPolicyMixin

from . import services
from .exceptions import SignInRefused, TwoFactorCodeInvalid
from .forms import NewPasswordMixin, SignInForm, TwoFactorCodeForm
from .middleware import TWO_FACTOR_SESSION_KEY
from .models import User
from .roles import WORKSPACE_ROLES, Role


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


class SignInView(AccessPolicyMixin, FormView):
    access_policy = PUBLIC
    template_name = "accounts/sign_in.html"
    form_class = SignInForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = _safe_next(self.request) or ""
        return context

    def form_valid(self, form):
        try:
            user = services.user_authenticate(
                request=self.request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
        except SignInRefused as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        self.request.session[TWO_FACTOR_SESSION_KEY] = False
        next_url = _safe_next(self.request)
        if user.uses_workspace:
            if next_url:
                self.request.session["after_two_factor"] = next_url
            return redirect("accounts:two-factor-verify")
        return redirect(next_url or "ui:home")


class SignOutView(AccessPolicyMixin, TemplateView):
    """Signing out is a POST (another site cannot sign someone out with a link); the GET page asks."""

    access_policy = PUBLIC
    template_name = "accounts/sign_out.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("accounts:signed-out")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        logout(request)
        return redirect("accounts:signed-out")


class SignedOutView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "accounts/signed_out.html"


class _TwoFactorStepMixin(AccessPolicyMixin):
    access_policy = for_roles(WORKSPACE_ROLES, "Staff who have signed in with a password")

    def _finish(self):
        self.request.session[TWO_FACTOR_SESSION_KEY] = True
        self.request.session.cycle_key()
        return redirect(self.request.session.pop("after_two_factor", None) or "ui:home")


class TwoFactorSetupView(_TwoFactorStepMixin, FormView):
    """First sign-in for staff: scan a QR code, then prove it works with one code."""

    template_name = "accounts/two_factor_setup.html"
    form_class = TwoFactorCodeForm

    def load_objects(self, request, *args, **kwargs):
        device = getattr(request.user, "two_factor_device", None)
        if device is not None and device.confirmed_at:
            return redirect("accounts:two-factor-verify")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = services.two_factor_device_for(user=self.request.user)
        uri = services.two_factor_provisioning_uri(device=device)
        context["qr_svg"] = segno.make(uri, error="m").svg_inline(scale=5, title="QR code for your authenticator app")
        context["secret_groups"] = " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))
        return context

    def form_valid(self, form):
        try:
            services.two_factor_verify(user=self.request.user, code=form.cleaned_data["code"])
        except TwoFactorCodeInvalid as error:
            form.add_error("code", error.message)
            return self.form_invalid(form)
        messages.success(self.request, "Two-factor sign-in is set up")
        return self._finish()


class TwoFactorVerifyView(_TwoFactorStepMixin, FormView):
    template_name = "accounts/two_factor_verify.html"
    form_class = TwoFactorCodeForm

    def load_objects(self, request, *args, **kwargs):
        device = getattr(request.user, "two_factor_device", None)
        if device is None or device.confirmed_at is None:
            return redirect("accounts:two-factor-setup")
        return None

    def form_valid(self, form):
        try:
            services.two_factor_verify(user=self.request.user, code=form.cleaned_data["code"])
        except TwoFactorCodeInvalid as error:
            form.add_error("code", error.message)
            return self.form_invalid(form)
        return self._finish()


class LockedAccountListView(AccessPolicyMixin, TemplateView):
    """Administrators see every locked account and can unlock it."""

    access_policy = for_roles({Role.ADMINISTRATOR}, "Administrators")
    template_name = "accounts/locked_account_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locked_users"] = (
            User.objects.filter(locked_at__isnull=False).select_related("team").order_by("-locked_at")
        )
        return context


class AccountUnlockView(AccessPolicyMixin, View):
    access_policy = for_roles({Role.ADMINISTRATOR}, "Administrators")

    def post(self, request, user_id):
        user = User.objects.filter(pk=user_id, locked_at__isnull=False).first()
        if user is None:
            raise Http404("No locked account here.")
        services.user_unlock(user=user, unlocked_by=request.user)
        messages.success(request, f"{user.display_name}'s account is unlocked")
        return redirect("accounts:locked-account-list")


class GovukSetPasswordForm(NewPasswordMixin):
    """Django's password-reset views expect a form taking `user` and offering `save()`."""

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, user_for_similarity=user, **kwargs)

    def save(self, commit=True):
        return services.user_set_password(user=self.user, password=self.cleaned_data["password"])


class GovukPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.error_messages = {
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        }


class PasswordResetView(AccessPolicyMixin, auth_views.PasswordResetView):
    access_policy = PUBLIC
    template_name = "accounts/password_reset.html"
    form_class = GovukPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetSentView(AccessPolicyMixin, auth_views.PasswordResetDoneView):
    access_policy = PUBLIC
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(AccessPolicyMixin, auth_views.PasswordResetConfirmView):
    access_policy = PUBLIC
    template_name = "accounts/password_reset_confirm.html"
    form_class = GovukSetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(AccessPolicyMixin, auth_views.PasswordResetCompleteView):
    access_policy = PUBLIC
    template_name = "accounts/password_reset_complete.html"
