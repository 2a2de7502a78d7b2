"""What every FirstPerson JSON API shares: problem-details error bodies naming each field, a request
body read with a size limit (its own 413), and the public, stateless view base (no session, no CSRF
check, its own 405)."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from firstperson.platform.access.policies import PUBLIC
from firstperson.platform.access.views import AccessPolicyMixin


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class InvalidRequest(Exception):
    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class RequestTooLarge(Exception):
    def __init__(self, max_bytes: int):
        super().__init__(f"The request body is longer than {max_bytes} bytes")
        self.max_bytes = max_bytes


def request_body(request: HttpRequest, *, max_bytes: int) -> bytes:
    """The request body, or RequestTooLarge when it is longer than max_bytes: refused by its declared
    length before it is read, else once read, and never Django's own error for a body past
    DATA_UPLOAD_MAX_MEMORY_SIZE (an HTML page, not a problem body)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:
        raise RequestTooLarge(max_bytes)
    try:
        body = request.body
    except RequestDataTooBig:
        raise RequestTooLarge(max_bytes) from None
    if len(body) > max_bytes:
        raise RequestTooLarge(max_bytes)
    return body


def too_large(max_bytes: int) -> JsonResponse:
    """413, saying how much may be sent, in kilobytes of 1,024 bytes."""
    detail = f"The request is too large. Send at most {max_bytes // 1024:,} kilobytes."
    return json_response(problem(413, "Request too large", detail=detail), status=413)


def as_sentence(text: str) -> str:
    """Text that ends as a sentence does: with a full stop unless it already ends with . ? or !"""
    text = text.rstrip()
    return text if not text or text[-1] in ".?!" else f"{text}."


def problem(status: int, title: str, **details: Any) -> dict[str, Any]:
    """An error body in the shape of RFC 9457 problem details.

    Messages come from many places (request parsing, services shared with the pages), so they are
    made alike here: the detail and each error's message are sentences, each ending with a full stop.
    """
    body: dict[str, Any] = {"status": status, "title": title, **details}
    if isinstance(body.get("detail"), str):
        body["detail"] = as_sentence(body["detail"])
    if isinstance(body.get("errors"), list):
        body["errors"] = [
            {**error, "message": as_sentence(error["message"])}
            if isinstance(error, dict) and isinstance(error.get("message"), str)
            else error
            for error in body["errors"]
        ]
    return body


def json_response(body: dict[str, Any], status: int = 200) -> JsonResponse:
    content_type = "application/json" if status < 400 else "application/problem+json"
    return JsonResponse(body, status=status, content_type=content_type, json_dumps_params={"ensure_ascii": False})


# Exempt from CSRF checks: CSRF protects a signed-in browser session from a forged request that
# changes something. These APIs use no session or cookie, change nothing and store nothing, and
# anyone may call them from anywhere, so a forgery has nothing to abuse. Exempt, a wrong method
# gets the API's own 405 rather than the CSRF failure page.
@method_decorator(csrf_exempt, name="dispatch")
class PublicJsonApiView(AccessPolicyMixin, View):
    access_policy = PUBLIC

    def http_method_not_allowed(self, request, *args, **kwargs):
        allowed = ", ".join(method.upper() for method in self._allowed_methods())
        body = problem(405, "Method not allowed", detail=f"This address answers {allowed}")
        response = json_response(body, status=405)
        response["Allow"] = allowed
        return response
