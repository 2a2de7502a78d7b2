"""Reading a remote ORUK feed over real HTTP: a server on 127.0.0.1, started by the test."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from firstperson.directory.exceptions import ImportRefused
from firstperson.directory.importing import oruk_feed_import
from firstperson.directory.importing.feed import internal_address_problem
from firstperson.directory.models import Phone, Service

from .records import oruk_service

pytestmark = pytest.mark.django_db

PER_PAGE = 2  # the feed's own page size, whatever we ask for


@pytest.fixture(autouse=True)
def local_feeds_allowed(settings):
    """The test feed runs on this machine, which a real import refuses (see the tests at the end)."""
    settings.DIRECTORY_FEED_ALLOW_INTERNAL_HOSTS = True


@pytest.fixture
def internal_hosts_refused(settings):
    settings.DIRECTORY_FEED_ALLOW_INTERNAL_HOSTS = False


class Feed:
    """An ORUK API serving `services`: lists of one-to-one fields, and full records by id."""

    def __init__(self, services, *, broken_page=None, nested=False, max_per_page=None):
        self.services = services
        self.max_per_page = max_per_page
        self.broken_page = broken_page
        self.nested = nested
        self.requests: list[str] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                feed.requests.append(self.path)
                parts = urlsplit(self.path)
                if parts.path == "/api/oruk/services":
                    query = parse_qs(parts.query)
                    page = int(query.get("page", ["1"])[0])
                    if feed.max_per_page and int(query.get("per_page", ["0"])[0]) > feed.max_per_page:
                        return self.reply(400, {"error": "per_page too large"})
                    if page == feed.broken_page:
                        return self.reply(500, {"error": "database down"})
                    return self.reply(200, feed.page(page))
                if parts.path.startswith("/api/oruk/services/"):
                    wanted = parts.path.rsplit("/", 1)[1]
                    for service in feed.services:
                        if service["id"] == wanted:
                            return self.reply(200, service)
                return self.reply(404, {"error": "not found"})

            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page(self, number):
        total_pages = -(-len(self.services) // PER_PAGE)
        items = self.services[(number - 1) * PER_PAGE : number * PER_PAGE]
        if not self.nested:
            items = [{key: item[key] for key in ("id", "name", "status", "organization_id")} for item in items]
        return {
            "total_items": len(self.services),
            "total_pages": total_pages,
            "page_number": number,
            "size": len(items),
            "first_page": number == 1,
            "last_page": number >= total_pages,
            "empty": not items,
            "contents": items,
        }

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/oruk/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def test_a_feed_of_three_pages_is_read_in_full_over_http(editor):
    services = [oruk_service(f"Group {n}", phone=f"01632 96010{n}") for n in range(1, 6)]
    with Feed(services) as feed:
        report = oruk_feed_import(url=feed.url + "services", actor=editor)

    assert report.services_created == 5
    assert sorted(Service.objects.values_list("name", flat=True)) == [f"Group {n}" for n in range(1, 6)]
    assert Phone.objects.count() == 5  # the children came from the full records
    pages = [path for path in feed.requests if path.startswith("/api/oruk/services?")]
    assert pages == [f"/api/oruk/services?page={n}&per_page=100" for n in (1, 2, 3)]
    assert len([path for path in feed.requests if path.startswith("/api/oruk/services/")]) == 5
    assert report.source == feed.url + "services"


def test_a_feed_whose_list_is_fully_nested_needs_no_more_requests(editor):
    with Feed([oruk_service("Nested One"), oruk_service("Nested Two")], nested=True) as feed:
        report = oruk_feed_import(url=feed.url, actor=editor)
    assert report.services_created == 2
    assert feed.requests == ["/api/oruk/services?page=1&per_page=100"]


def test_a_feed_that_fails_part_way_imports_nothing(editor):
    services = [oruk_service(f"Group {n}") for n in range(1, 6)]
    with Feed(services, broken_page=2) as feed, pytest.raises(ImportRefused) as refused:
        oruk_feed_import(url=feed.url, actor=editor)
    assert "The feed answered" in refused.value.message and "(500 Internal Server Error)" in refused.value.message
    assert Service.objects.count() == 0


def test_a_bad_record_in_a_feed_is_named_with_its_page(editor):
    services = [oruk_service(f"Group {n}") for n in range(1, 4)]
    services[2]["url"] = "not a web address"
    with Feed(services) as feed, pytest.raises(ImportRefused) as refused:
        oruk_feed_import(url=feed.url, actor=editor)
    assert refused.value.problems == [
        f"Record 3 (page 2 of the feed), “Group 3” (id {services[2]['id']}): url: Must be a full web address "
        "starting https:// or http://, not “not a web address”."
    ]
    assert Service.objects.count() == 0


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/services", "example.org/services", ""])
def test_only_web_addresses_are_read(editor, url):
    with pytest.raises(ImportRefused) as refused:
        oruk_feed_import(url=url, actor=editor)
    assert refused.value.message == "Nothing was imported. Give the feed's web address, starting https:// or http://."


def test_a_feed_nobody_answers_is_refused(editor):
    with Feed([]) as feed:
        url = feed.url
    with pytest.raises(ImportRefused) as refused:
        oruk_feed_import(url=url, actor=editor)
    assert refused.value.message.startswith("Nothing was imported. We could not read http://127.0.0.1:")


def test_a_feed_that_refuses_our_page_size_is_read_at_its_own(editor):
    services = [oruk_service(f"Group {n}") for n in range(1, 4)]
    with Feed(services, max_per_page=50) as feed:
        report = oruk_feed_import(url=feed.url, actor=editor)
    assert report.services_created == 3
    pages = [path for path in feed.requests if path.startswith("/api/oruk/services?")]
    assert pages == ["/api/oruk/services?page=1&per_page=100", "/api/oruk/services?page=1", "/api/oruk/services?page=2"]


# --- feeds on the council's own network are refused ------------------------------------------------


def test_a_feed_on_this_machine_is_refused_and_nothing_is_imported(editor, internal_hosts_refused):
    with Feed([oruk_service("Group 1")]) as feed:
        with pytest.raises(ImportRefused) as refused:
            oruk_feed_import(url=feed.url + "services", actor=editor)
        assert feed.requests == []  # not even asked
    assert "127.0.0.1 is on a private network or this computer" in refused.value.message
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/api/oruk/services",  # a private network
        "http://192.168.0.10/services",
        "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service (link-local)
        "http://[::1]:8000/services",  # this machine, IPv6
        "http://0.0.0.0/services",
        "http://localhost/services",
    ],
)
def test_internal_addresses_are_refused(url, internal_hosts_refused):
    assert "not the public internet" in internal_address_problem(url)


def test_a_public_address_is_allowed(internal_hosts_refused):
    assert internal_address_problem("https://93.184.215.14/api/oruk/services") is None


def test_an_address_that_does_not_exist_is_named(internal_hosts_refused):
    # .invalid never resolves (RFC 2606).
    problem = internal_address_problem("https://feed.example.invalid/api/oruk/services")
    assert problem == "We could not find the computer called feed.example.invalid. Check the address."
