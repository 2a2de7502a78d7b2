"""The public Open Referral UK API (HSDS 3.0 UK profile), read-only JSON under /api/oruk/.

Anyone may call it, from any web page: every response, errors included, carries
`Access-Control-Allow-Origin: *` as the UK profile requires (REFERENCE.md §7.1). Only published
services appear. Bad query parameters get 400 with every problem named; an id that is not a
published record gets 404.
"""

import copy
import functools
import json
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import View

from firstperson.api.common import problem
from firstperson.directory.oruk import (
    ORUK_PROFILE_URL,
    ORUK_VERSION,
    attributes_by_link,
    service_full,
    taxonomy_item,
    taxonomy_term_item,
)
from firstperson.directory.selectors import sorts_every_match
from firstperson.platform.access.policies import PUBLIC
from firstperson.platform.access.views import AccessPolicyMixin

from . import selectors
from .pagination import page_envelope, page_rows, paged
from .params import (
    InvalidParameters,
    page_request,
    record_id,
    service_list_request,
    taxonomy_term_list_request,
)
from .representations import (
    service_at_location_full,
    service_at_location_item,
    service_with_organization,
    taxonomy_full,
)

OPENAPI_FILE = Path(__file__).with_name("openapi.json")
#: Parameters this API also accepts, from the document's own `components.parameters`.
EXTRA_PARAMETERS = {
    "/services": ["organization_id", "modified_after", "full_service"],
    "/service_at_locations": ["organization_id", "modified_after"],
}


class OrukView(AccessPolicyMixin, View):
    access_policy = PUBLIC
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        try:
            response = super().dispatch(request, *args, **kwargs)
        except InvalidParameters as error:
            errors = [{"parameter": e.parameter, "message": e.message} for e in error.errors]
            response = _json(problem(400, "Invalid request", errors=errors), status=400)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        detail = "This API only answers GET requests"
        response = _json(problem(405, "Method not allowed", detail=detail), status=405)
        response["Allow"] = ", ".join(method.upper() for method in self._allowed_methods())
        return response


def _json(body: dict[str, Any], status: int = 200) -> JsonResponse:
    content_type = "application/json" if status < 400 else "application/problem+json"
    return JsonResponse(body, status=status, content_type=content_type, json_dumps_params={"ensure_ascii": False})


def _not_found(kind: str) -> JsonResponse:
    return _json(problem(404, "Not found", detail=f"There is no {kind} with that id"), status=404)


class MetaView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _json(
            {
                "version": ORUK_VERSION,
                "profile": ORUK_PROFILE_URL,
                "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
            }
        )


@functools.cache
def _openapi_document() -> dict[str, Any]:
    """The UK profile's OpenAPI document, naming the extra parameters this API accepts."""
    document = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    for path, names in EXTRA_PARAMETERS.items():
        parameters = document["paths"][path]["get"]["parameters"]
        parameters.extend({"$ref": f"#/components/parameters/{name}"} for name in names)
    return document


class OpenApiView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        document = copy.copy(_openapi_document())
        document["servers"] = [{"url": request.build_absolute_uri(reverse("oruk:meta")).rstrip("/")}]
        return _json(document)


class ServiceListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        wanted = service_list_request(request.GET, near_postcode=False)
        listing = selectors.service_list(query=wanted.query, full=wanted.full_service)
        services = listing.rows
        order: dict = {"known_total": listing.known_total}
        if listing.ordered_ids is not None:
            order.update(ordered_ids=listing.ordered_ids, id_field="service_id")
        whole = sorts_every_match(wanted.query)
        if not wanted.full_service:
            return _json(
                paged(services, wanted.page, service_with_organization, ids_first=True, count_with_page=whole, **order)
            )
        total, rows = page_rows(services, wanted.page, ids_first=True, count_with_page=whole, **order)
        attributes = attributes_by_link([service.pk for service in rows])
        contents = [service_full(service, attributes.get(service.pk, [])) for service in rows]
        return _json(page_envelope(page=wanted.page, total=total, contents=contents))


class ServiceDetailView(OrukView):
    def get(self, request: HttpRequest, oruk_id: str) -> HttpResponse:
        service_id = record_id(oruk_id)
        service = selectors.service_for_detail(service_id=service_id) if service_id else None
        if service is None:
            return _not_found("published service")
        return _json(service_full(service, attributes_by_link([service.pk]).get(service.pk, [])))


class ServiceAtLocationListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        wanted = service_list_request(request.GET, near_postcode=True)
        rows = selectors.service_at_location_list(query=wanted.query)
        whole = sorts_every_match(wanted.query)
        return _json(paged(rows, wanted.page, service_at_location_item, ids_first=True, count_with_page=whole))


class ServiceAtLocationDetailView(OrukView):
    def get(self, request: HttpRequest, oruk_id: str) -> HttpResponse:
        sal_id = record_id(oruk_id)
        found = selectors.service_at_location_for_detail(service_at_location_id=sal_id) if sal_id else None
        if found is None:
            return _not_found("published service at location")
        attributes = attributes_by_link([found.service_id]).get(found.service_id, [])
        return _json(service_at_location_full(found, attributes))


class TaxonomyListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _json(paged(selectors.taxonomy_list(), page_request(request.GET), taxonomy_item))


class TaxonomyDetailView(OrukView):
    def get(self, request: HttpRequest, oruk_id: str) -> HttpResponse:
        taxonomy_id = record_id(oruk_id)
        taxonomy = selectors.taxonomy_for_detail(taxonomy_id=taxonomy_id) if taxonomy_id else None
        if taxonomy is None:
            return _not_found("taxonomy")
        return _json(taxonomy_full(taxonomy))


class TaxonomyTermListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        wanted = taxonomy_term_list_request(request.GET)
        terms = selectors.taxonomy_term_list(
            taxonomy_id=wanted.taxonomy_id, parent_id=wanted.parent_id, top_only=wanted.top_only
        )
        return _json(paged(terms, wanted.page, taxonomy_term_item))


class TaxonomyTermDetailView(OrukView):
    def get(self, request: HttpRequest, oruk_id: str) -> HttpResponse:
        term_id = record_id(oruk_id)
        term = selectors.taxonomy_term_for_detail(taxonomy_term_id=term_id) if term_id else None
        if term is None:
            return _not_found("taxonomy term")
        return _json(taxonomy_term_item(term))
