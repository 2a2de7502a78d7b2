"""The public Open Referral UK API, at the paths of the UK profile's OpenAPI document."""

from django.urls import path

from . import views

app_name = "oruk"

urlpatterns = [
    path("", views.MetaView.as_view(), name="meta"),
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
    path("services", views.ServiceListView.as_view(), name="service-list"),
    path("services/<str:oruk_id>", views.ServiceDetailView.as_view(), name="service-detail"),
    path("service_at_locations", views.ServiceAtLocationListView.as_view(), name="service-at-location-list"),
    path(
        "service_at_locations/<str:oruk_id>",
        views.ServiceAtLocationDetailView.as_view(),
        name="service-at-location-detail",
    ),
    path("taxonomies", views.TaxonomyListView.as_view(), name="taxonomy-list"),
    path("taxonomies/<str:oruk_id>", views.TaxonomyDetailView.as_view(), name="taxonomy-detail"),
    path("taxonomy_terms", views.TaxonomyTermListView.as_view(), name="taxonomy-term-list"),
    path("taxonomy_terms/<str:oruk_id>", views.TaxonomyTermDetailView.as_view(), name="taxonomy-term-detail"),
]
