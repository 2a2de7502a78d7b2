"""The view mixin every page uses to enforce its declared access policy."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .policies import AccessPolicy


class AccessPolicyMixin:
    """Enforces `access_policy` before the view runs. A view without one cannot be served."""

    access_policy: AccessPolicy | None = None

    def dispatch(self, request, *args, **kwargs):
        policy = self.access_policy
        if policy is None:
            raise Http404("This page has no access policy.")
        if not policy.public:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not policy.allows_role(request.user.role):
                raise Http404("No page here.")
        return super().dispatch(request, *args, **kwargs)
