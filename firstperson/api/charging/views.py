"""The charging calculator API: JSON, public, no sign-in, stores nothing. Errors are problem details
naming each problem with the field it is in."""

import copy
import functools
import json
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from firstperson.charging.exceptions import NoParametersInForce
from firstperson.charging.rules import charging as rules
from firstperson.charging.services.parameters import parameters_in_force, to_rules

from ..common import PublicJsonApiView, RequestTooLarge, json_response, problem, request_body, too_large
from .params import MAX_BODY_BYTES, FieldError, InvalidRequest, calculate_request, check_against_parameters
from .representations import calculation_body

OPENAPI_FILE = Path(__file__).with_name("openapi.json")


_json = json_response


def _invalid(errors: list[FieldError]) -> JsonResponse:
    body = problem(400, "Invalid request", errors=[{"field": e.field, "message": e.message} for e in errors])
    return _json(body, status=400)


class ChargingApiView(PublicJsonApiView):
    """The charging API's views: public and stateless (see firstperson/api/common.py)."""


class CalculateView(ChargingApiView):
    """The weekly contribution for the circumstances in the request, with every line of the working,
    under the parameters in force on `as_at` (and any local-policy levers changed for modelling)."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            body = request_body(request, max_bytes=MAX_BODY_BYTES)
        except RequestTooLarge as error:
            return too_large(error.max_bytes)
        try:
            wanted = calculate_request(body, today=timezone.localdate())
        except InvalidRequest as error:
            return _invalid(error.errors)
        try:
            parameter_set = parameters_in_force(wanted.as_at)
        except NoParametersInForce as error:
            return _invalid([FieldError("as_at", str(error))])
        figures = to_rules(parameter_set)
        problems = check_against_parameters(wanted, figures)
        if problems:
            return _invalid(problems)
        if wanted.policy:
            figures = figures.with_policy(**wanted.policy)
        try:
            result = rules.calculate(wanted.data, figures)
        except rules.ChargingInputError as error:  # checked above; kept so a new rule check still answers 400
            return _invalid([FieldError("body", str(error))])
        return _json(
            calculation_body(
                result,
                as_at=wanted.as_at,
                financial_year=parameter_set.financial_year,
                policy_changed=bool(wanted.policy),
            )
        )


@functools.cache
def _openapi_document() -> dict[str, Any]:
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


class OpenApiView(ChargingApiView):
    """The OpenAPI document of the charging API, with this server's address."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest) -> HttpResponse:
        document = copy.copy(_openapi_document())
        url = request.build_absolute_uri(reverse("api-charging:calculate"))
        document["servers"] = [{"url": url.removesuffix("/charging/calculate")}]
        return _json(document)
