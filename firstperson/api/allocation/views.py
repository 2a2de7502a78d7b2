"""The allocation API: JSON, public, no sign-in. Errors are problem details naming each problem."""

import copy
import functools
import json
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from firstperson.allocation import selectors, services
from firstperson.allocation.exceptions import AnswersDoNotFit, ConfigurationUnavailable

from ..common import FieldError, PublicJsonApiView, RequestTooLarge, json_response, problem, request_body, too_large
from .params import MAX_BODY_BYTES, InvalidRequest, estimate_request
from .representations import configuration_full, estimate_body

OPENAPI_FILE = Path(__file__).with_name("openapi.json")


_json = json_response


def _invalid(errors: list[FieldError]) -> JsonResponse:
    body = problem(400, "Invalid request", errors=[{"field": e.field, "message": e.message} for e in errors])
    return _json(body, status=400)


class AllocationApiView(PublicJsonApiView):
    """The allocation API's views: public and stateless (see firstperson/api/common.py)."""


class EstimateView(AllocationApiView):
    """Public and stateless: exempt from CSRF checks with the rest of this API (see above)."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            body = request_body(request, max_bytes=MAX_BODY_BYTES)
        except RequestTooLarge as error:
            return too_large(error.max_bytes)
        try:
            wanted = estimate_request(body)
        except InvalidRequest as error:
            return _invalid(error.errors)
        # Every problem is named at once: the body's own, the configuration's, and each answer's
        # against the configuration (when the answers are an object and the configuration is usable).
        errors = list(wanted.errors)
        configuration = None
        if wanted.configuration_readable:
            try:
                configuration = services.configuration_for_estimate(configuration_id=wanted.configuration_id)
            except ConfigurationUnavailable as error:
                errors.append(FieldError("configuration", error.message))
        if configuration is None or wanted.answers is None:
            return _invalid(errors)
        try:
            result = services.indicative_budget_estimate(configuration=configuration, answers=wanted.answers)
        except ConfigurationUnavailable as error:
            return _invalid([*errors, FieldError("configuration", error.message)])
        except AnswersDoNotFit as error:
            named = {e.field for e in errors}  # an answer that was not a string is named once, as that
            answers = [FieldError(f"answers.{code}", message) for code, message in error.problems.items()]
            return _invalid([*errors, *(e for e in answers if e.field not in named)])
        if errors:
            return _invalid(errors)
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
