"""The directory's open data: importing Open Referral UK files and feeds (editors), and downloading
the published directory as ORUK JSON or CSV (anyone)."""

from django import forms
from django.http import StreamingHttpResponse
from django.views.generic import FormView, View

from firstperson.platform.access.policies import PUBLIC, for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role

from ..exceptions import ImportRefused
from ..exporting import directory_export_csv_zip, directory_export_json
from ..importing import import_max_bytes, oruk_feed_import, oruk_file_import
from ..importing.limits import megabytes

EDITORS = for_roles({Role.DIRECTORY_EDITOR}, "Directory editors")
PROBLEMS_IN_SUMMARY = 50


class DirectoryImportForm(forms.Form):
    """One of two ways in: a file, or the address of a feed."""

    file = forms.FileField(label="Upload a file", required=False)
    feed_url = forms.CharField(label="Or read a feed", required=False, max_length=2000)

    def clean(self):
        cleaned = super().clean()
        upload, feed_url = cleaned.get("file"), (cleaned.get("feed_url") or "").strip()
        if self.errors:
            return cleaned
        if upload and feed_url:
            self.add_error("file", "Upload a file or give the address of a feed, not both")
        elif not upload and not feed_url:
            self.add_error("file", "Choose a file to upload, or give the address of a feed")
        elif upload and upload.size > import_max_bytes():
            self.add_error(
                "file",
                f"The file is {megabytes(upload.size)}. The largest file we can import is "
                f"{megabytes(import_max_bytes())}",
            )
        elif feed_url and not feed_url.lower().startswith(("https://", "http://")):
            self.add_error("feed_url", "Enter the feed's web address, starting https:// or http://")
        cleaned["feed_url"] = feed_url
        return cleaned


class DirectoryImportView(AccessPolicyMixin, FormView):
    """Import ORUK JSON, a ZIP of ORUK CSV files, or a remote ORUK feed; show what happened."""

    access_policy = EDITORS
    template_name = "directory/data/import.html"
    form_class = DirectoryImportForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_size"] = megabytes(import_max_bytes())
        return context

    def form_valid(self, form):
        upload, feed_url = form.cleaned_data["file"], form.cleaned_data["feed_url"]
        try:
            if upload:
                content = b"".join(upload.chunks())
                report = oruk_file_import(name=upload.name, content=content, actor=self.request.user)
            else:
                report = oruk_feed_import(url=feed_url, actor=self.request.user)
        except ImportRefused as error:
            form.add_error("file" if upload else "feed_url", error.message)
            shown = error.problems[:PROBLEMS_IN_SUMMARY]
            context = self.get_context_data(
                form=form,
                refused=error,
                problems_shown=shown,
                problems_more=len(error.problems) - len(shown),
            )
            return self.render_to_response(context)
        return self.render_to_response(self.get_context_data(form=DirectoryImportForm(), report=report))


class DirectoryExportJsonView(AccessPolicyMixin, View):
    """The published directory as ORUK JSON, for anyone: it is open data."""

    access_policy = PUBLIC

    def get(self, request):
        response = StreamingHttpResponse(directory_export_json(), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="directory-oruk.json"'
        response["Access-Control-Allow-Origin"] = "*"
        return response


class DirectoryExportZipView(AccessPolicyMixin, View):
    """The published directory as a ZIP of ORUK CSV files, for anyone."""

    access_policy = PUBLIC

    def get(self, request):
        response = StreamingHttpResponse(_zip_pieces(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="directory-oruk-csv.zip"'
        response["Access-Control-Allow-Origin"] = "*"
        return response


def _zip_pieces(size: int = 64 * 1024):
    """The ZIP, made only when the download starts, and its file closed however the download ends."""
    with directory_export_csv_zip() as archive:
        while piece := archive.read(size):
            yield piece
