"""Charging staff pages (urls_parameters); collected by charging/urls.py under /charging/.

The charging figures (finance officers and administrators) and policy modelling (finance
officers; commissioners may view)."""

from django.urls import path

from .views import modelling, parameters

urlpatterns: list = [
    path("parameters/", parameters.ParameterListView.as_view(), name="parameter-list"),
    path("parameters/<uuid:parameter_set_id>/", parameters.ParameterDetailView.as_view(), name="parameter-detail"),
    path(
        "parameters/<uuid:parameter_set_id>/confirm/<int:source_id>/",
        parameters.FigureConfirmView.as_view(),
        name="parameter-confirm",
    ),
    path(
        "parameters/<uuid:parameter_set_id>/new-version/",
        parameters.NewVersionView.as_view(),
        name="parameter-new-version",
    ),
    *[
        path(
            f"parameters/<uuid:parameter_set_id>/edit/{group}/",
            parameters.ParameterEditView.as_view(group=group),
            name=f"parameter-edit-{group}",
        )
        for group in ("capital", "mig", "income", "policy", "details")
    ],
    path("parameters/<uuid:parameter_set_id>/publish/", parameters.PublishView.as_view(), name="parameter-publish"),
    path("parameters/<uuid:parameter_set_id>/retire/", parameters.RetireView.as_view(), name="parameter-retire"),
    path("modelling/", modelling.ModellingView.as_view(), name="modelling"),
    path("modelling/download.csv", modelling.ModellingDownloadView.as_view(), name="modelling-download"),
]
