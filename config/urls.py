"""Every URL of the service. Each view declares an access policy (tests/architecture checks)."""

from django.urls import include, path

handler500 = "firstperson.platform.ui.views.server_error"

urlpatterns = [
    path("", include("firstperson.platform.ui.urls")),
    path("", include("firstperson.platform.accounts.urls")),
    path("", include("firstperson.portal.urls")),
    path("people/", include("firstperson.people.urls")),
    path("my-account/assessments/", include("firstperson.assessment.urls_resident")),
    path("assessments/", include("firstperson.assessment.urls")),
    path("services/", include("firstperson.directory.urls_public")),
    path("directory/", include("firstperson.directory.urls_editor")),
    path("directory/data/", include("firstperson.directory.urls_data")),
    path("api/oruk/", include("firstperson.api.oruk.urls")),
    path("", include("firstperson.frontdoor.urls")),
    path("allocation/", include("firstperson.allocation.urls")),
    path("my-account/", include("firstperson.allocation.urls_resident")),
    path("check-what-support-you-might-get/", include("firstperson.allocation.urls_estimate")),
    path("api/v1/allocation/", include("firstperson.api.allocation.urls")),
    path("api/v1/", include("firstperson.api.allocation.urls_v1")),
    path("charging/", include("firstperson.charging.urls")),
    path("my-account/financial-assessment/", include("firstperson.charging.urls_resident")),
    path("estimate-what-you-might-pay/", include("firstperson.charging.urls_estimate")),
    path("api/v1/charging/", include("firstperson.api.charging.urls")),
    path("plans/", include("firstperson.planning.urls_plans")),
    path("my-account/plans/", include("firstperson.planning.urls_resident")),
    path("planning/", include("firstperson.planning.urls")),
    path("messages/", include("firstperson.platform.notify.urls")),
]
