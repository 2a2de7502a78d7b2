"""Staff must finish two-factor sign-in before they reach anything but public pages."""

from django.shortcuts import redirect

from .models import TwoFactorDevice

TWO_FACTOR_SESSION_KEY = "two_factor_verified"
_ALLOWED_URL_NAMES = {"two-factor-setup", "two-factor-verify", "sign-out"}


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.uses_workspace or request.session.get(TWO_FACTOR_SESSION_KEY):
            return None
        view_class = getattr(view_func, "view_class", None)
        policy = getattr(view_class, "access_policy", None)
        if policy is not None and policy.public:
            return None
        match = request.resolver_match
        if match is not None and match.app_name == "accounts" and match.url_name in _ALLOWED_URL_NAMES:
            return None
        has_device = TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
        return redirect("accounts:two-factor-verify" if has_device else "accounts:two-factor-setup")
