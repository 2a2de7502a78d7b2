"""The service's URLs, its error handler, and one page that always fails (for test_server_error)."""

from django.urls import path

from config import urls as service_urls


def always_fails(request):
    raise RuntimeError("A fault for the test")


handler500 = service_urls.handler500
urlpatterns = [path("a-page-that-fails/", always_fails), *service_urls.urlpatterns]
