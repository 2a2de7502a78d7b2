from django.urls import path

from .views import public

app_name = "directory-public"

urlpatterns = [
    path("", public.ServiceSearchView.as_view(), name="service-search"),
    path("category/<slug:slug>/", public.ServiceCategoryView.as_view(), name="category-detail"),
    path("<uuid:service_id>/", public.ServiceDetailView.as_view(), name="service-detail"),
    path("saved/", public.SavedListView.as_view(), name="saved-list"),
    path("saved/add/", public.SavedListAddView.as_view(), name="saved-add"),
    path("saved/remove/", public.SavedListRemoveView.as_view(), name="saved-remove"),
    path("saved/print/", public.SavedListPrintView.as_view(), name="saved-print"),
    path("saved/email/", public.SavedListEmailView.as_view(), name="saved-email"),
    path("unmet-demand/", public.UnmetDemandView.as_view(), name="unmet-demand"),
]
