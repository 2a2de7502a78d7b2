"""The view mixin every page uses to enforce its declared access policy."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .policies import AccessPolicy


class AccessPolicyMixin:
    """Enforces `access_policy` before the view runs. A view without one cannot be served."""

    access_policy: AccessPolicy | None = None

    def load_objects(self, request, *args, **kwargs):
        """Runs once the policy has let the user in: look up the records the page is about (raising
        Http404 for ones the user may not see), or return a response to send instead."""
        return None

    def dispatch(self, request, *args, **kwargs):
        policy = self.access_policy
        if policy is None:
            raise Http404("This page has no access policy.")
        if not policy.public:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not policy.allows_role(request.user.role):
                raise Http404("No page here.")
        response = self.load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        return super().dispatch(request, *args, **kwargs)
