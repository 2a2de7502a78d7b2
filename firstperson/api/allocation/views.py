"""The allocation API: JSON, public, no sign-in. Errors are problem details naming each problem."""

import copy
import functools
import json
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from firstperson.allocation import selectors, services
from firstperson.allocation.exceptions import AnswersDoNotFit, ConfigurationUnavailable
from firstperson.platform.access.policies import PUBLIC
from firstperson.platform.access.views import AccessPolicyMixin

from .params import InvalidRequest, estimate_request
from .representations import configuration_full, estimate_body, problem

OPENAPI_FILE = Path(__file__).with_name("openapi.json")


def _json(body: dict[str, Any], status: int = 200) -> JsonResponse:
    content_type = "application/json" if status < 400 else "application/problem+json"
    return JsonResponse(body, status=status, content_type=content_type, json_dumps_params={"ensure_ascii": False})


def _invalid(errors: list[dict[str, str]]) -> JsonResponse:
    return _json(problem(400, "Invalid request", errors=errors), status=400)


# Exempt from CSRF checks: CSRF protects a signed-in browser session from a forged request that
# changes something. This API uses no session or cookie, changes nothing and stores nothing (the
# estimate included), and anyone may call it from anywhere, so a forgery has nothing to abuse. Exempt,
# a wrong method gets this API's own 405 rather than the CSRF failure page.
@method_decorator(csrf_exempt, name="dispatch")
class AllocationApiView(AccessPolicyMixin, View):
    access_policy = PUBLIC

    def http_method_not_allowed(self, request, *args, **kwargs):
        allowed = ", ".join(method.upper() for method in self._allowed_methods())
        response = _json(problem(405, "Method not allowed", detail=f"This address answers {allowed}"), status=405)
        response["Allow"] = allowed
        return response


class EstimateView(AllocationApiView):
    """Public and stateless: exempt from CSRF checks with the rest of this API (see above)."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            wanted = estimate_request(request.body)
        except InvalidRequest as error:
            return _invalid([{"field": e.field, "message": e.message} for e in error.errors])
        try:
            configuration = services.configuration_for_estimate(configuration_id=wanted.configuration_id)
            result = services.indicative_budget_estimate(configuration=configuration, answers=wanted.answers)
        except ConfigurationUnavailable as error:
            return _invalid([{"field": "configuration", "message": error.message}])
        except AnswersDoNotFit as error:
            return _invalid(
                [{"field": f"answers.{code}", "message": message} for code, message in error.problems.items()]
            )
        return _json(estimate_body(configuration, result))


def _configuration_response(configuration) -> JsonResponse:
    return _json(configuration_full(configuration, selectors.configuration_sections(configuration)))


class ConfigurationCurrentView(AllocationApiView):
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest) -> HttpResponse:
        configuration = selectors.configuration_current()
        if configuration is None:
            return _json(problem(404, "Not found", detail="There is no configuration in force today"), status=404)
        return _configuration_response(configuration)


class ConfigurationDetailView(AllocationApiView):
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, configuration_id: str) -> HttpResponse:
        configuration = selectors.configuration_public_get(configuration_id=configuration_id)
        if configuration is None:
            return _json(
                problem(404, "Not found", detail="There is no published configuration with this id"), status=404
            )
        return _configuration_response(configuration)


@functools.cache
def _openapi_document() -> dict[str, Any]:
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


class OpenApiView(AllocationApiView):
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest) -> HttpResponse:
        document = copy.copy(_openapi_document())
        document["servers"] = [{"url": request.build_absolute_uri(reverse("api-v1:openapi")).rsplit("/", 1)[0]}]
        return _json(document)
