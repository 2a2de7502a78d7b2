"""Every URL of the service. Each view declares an access policy (tests/architecture checks)."""

from django.urls import include, path

urlpatterns = [
    path("", include("firstperson.platform.ui.urls")),
    path("", include("firstperson.platform.accounts.urls")),
    path("", include("firstperson.portal.urls")),
    path("people/", include("firstperson.people.urls")),
    path("services/", include("firstperson.directory.urls_public")),
    path("directory/", include("firstperson.directory.urls_editor")),
    path("directory/data/", include("firstperson.directory.urls_data")),
    path("api/oruk/", include("firstperson.api.oruk.urls")),
    path("", include("firstperson.frontdoor.urls")),
]
