"""Staff pages of the charging app, under /charging/: parameters and modelling, financial
assessments, and the yearly uprating. Each area keeps its routes in its own module."""

from . import urls_officer, urls_parameters, urls_uprating

app_name = "charging"

urlpatterns = [*urls_parameters.urlpatterns, *urls_officer.urlpatterns, *urls_uprating.urlpatterns]
