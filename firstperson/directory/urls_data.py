"""The directory's open data: import (editors) and export (anyone). Mounted at /directory/data/."""

from django.urls import path

from .views.data import DirectoryExportJsonView, DirectoryExportZipView, DirectoryImportView

app_name = "directory-data"

urlpatterns = [
    path("import/", DirectoryImportView.as_view(), name="import"),
    path("export.json", DirectoryExportJsonView.as_view(), name="export-json"),
    path("export.zip", DirectoryExportZipView.as_view(), name="export-zip"),
]
