"""A remote ORUK API read page by page, then imported all or nothing."""

import http.client
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

from django.conf import settings

from ..exceptions import ImportRefused
from .checks import SourceRecord, as_whole, decode_json, refuse
from .limits import FEED_MAX_PAGES, FEED_MAX_SERVICES, FEED_PER_PAGE, FEED_TIMEOUT_SECONDS, import_max_bytes, megabytes
from .pipeline import import_records
from .report import ImportReport


def internal_address_problem(url: str) -> str | None:
    """Why we will not read this address, when its host is on a private network, this machine, a
    link-local address (such as a cloud's metadata service) or any other address that is not on the
    public internet; None when every address the host resolves to is public. A feed address is typed
    by an editor, so without this check an import could be used to read the council's own systems.
    `DIRECTORY_FEED_ALLOW_INTERNAL_HOSTS = True` turns the check off (a council's own feed on its own
    network, or the tests' local server)."""
    if getattr(settings, "DIRECTORY_FEED_ALLOW_INTERNAL_HOSTS", False):
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return f"We could not find the computer called {host}. Check the address."
    for *_, address in found:
        if not ipaddress.ip_address(address[0]).is_global:
            return (
                f"{host} is on a private network or this computer, not the public internet, so we will "
                "not read it. Give the feed's public web address."
            )
    return None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirected away from the web", headers, fp)
        problem = internal_address_problem(newurl)
        if problem:
            raise urllib.error.HTTPError(newurl, code, f"redirected: {problem}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


class _FeedAnswered(ImportRefused):
    """The feed answered with an HTTP error; `status` says which."""

    def __init__(self, problem: str, *, status: int):
        super().__init__(f"Nothing was imported. {problem}", problems=[problem])
        self.status = status


def _feed_base(url: str) -> str:
    url = (url or "").strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise refuse("Give the feed's web address, starting https:// or http://.")
    path = parts.path.rstrip("/")
    if path.endswith("/services"):
        path = path[: -len("/services")]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _fetch_json(url: str) -> Any:
    problem = internal_address_problem(url)
    if problem:
        raise refuse(problem)
    limit = import_max_bytes()
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "FirstPerson directory import"}
    )
    try:
        with _OPENER.open(request, timeout=FEED_TIMEOUT_SECONDS) as response:
            body = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        error.close()
        raise _FeedAnswered(
            f"The feed answered {url} with an error ({error.code} {error.reason}).", status=error.code
        ) from None
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise refuse(f"We could not read {url}: {reason}.") from None
    if len(body) > limit:
        raise refuse(f"The feed sent more than {megabytes(limit)} for {url}, which is more than we can import.")
    return decode_json(body, url)


def _is_fully_nested(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("organization"), dict)


def oruk_feed_import(*, url: str, actor: Any) -> ImportReport:
    """Read a remote ORUK API's `/services` page by page, fetching each service in full from
    `/services/{id}` when the list does not nest it, then import them all or nothing."""
    base = _feed_base(url)
    records: list[SourceRecord] = []
    page = 1
    per_page = f"&per_page={FEED_PER_PAGE}"
    while True:
        try:
            body = _fetch_json(f"{base}/services?page={page}{per_page}")
        except _FeedAnswered as error:
            if error.status != 400 or not per_page:
                raise
            per_page = ""  # the feed will not give that many at once: take its own page size
            body = _fetch_json(f"{base}/services?page={page}")
        if isinstance(body, list):
            items, total_pages = body, 1
        elif isinstance(body, dict) and isinstance(body.get("contents"), list):
            items = body["contents"]
            total_pages = as_whole(body.get("total_pages")) or 1
        else:
            raise refuse(f"Page {page} of the feed is not an Open Referral UK page of services.")
        for item in items:
            number = len(records) + 1
            if len(records) >= FEED_MAX_SERVICES:
                raise refuse(f"The feed has more than {FEED_MAX_SERVICES} services, more than we import at once.")
            if not _is_fully_nested(item) and isinstance(item, dict) and isinstance(item.get("id"), str):
                try:
                    service_id = str(uuid.UUID(item["id"]))
                except ValueError:
                    service_id = ""
                if service_id:
                    item = _fetch_json(f"{base}/services/{service_id}")
            records.append(SourceRecord(item, f"Record {number} (page {page} of the feed)"))
        if not items or page >= total_pages or (isinstance(body, dict) and body.get("last_page") is True):
            break
        page += 1
        if page > FEED_MAX_PAGES:
            raise refuse(f"The feed has more than {FEED_MAX_PAGES} pages, more than we import at once.")
    if not records:
        raise refuse("The feed has no services in it.")
    return import_records(records, actor=actor, source=url.strip())
