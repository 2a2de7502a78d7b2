"""The page envelope of REFERENCE.md §7.3."""

import pytest

from firstperson.api.oruk.pagination import page_envelope
from firstperson.api.oruk.params import PageRequest


@pytest.mark.parametrize(
    ("number", "size", "total", "on_page", "expected"),
    [
        # number, size, total, items on the page -> total_pages, first_page, last_page, empty
        (1, 50, 0, 0, (0, True, True, True)),
        (1, 50, 31, 31, (1, True, True, False)),
        (1, 10, 31, 10, (4, True, False, False)),
        (2, 10, 31, 10, (4, False, False, False)),
        (4, 10, 31, 1, (4, False, True, False)),
        (5, 10, 31, 0, (4, False, True, True)),
        (1, 1, 1, 1, (1, True, True, False)),
        (3, 5, 15, 5, (3, False, True, False)),
    ],
)
def test_the_envelope(number, size, total, on_page, expected):
    body = page_envelope(page=PageRequest(number, size), total=total, contents=[{"id": str(n)} for n in range(on_page)])
    assert list(body) == [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ]
    assert (body["total_items"], body["page_number"], body["size"]) == (total, number, on_page)
    assert (body["total_pages"], body["first_page"], body["last_page"], body["empty"]) == expected
    assert len(body["contents"]) == on_page
