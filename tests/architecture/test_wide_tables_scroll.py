"""Every table of four or more columns scrolls sideways in its own box on a phone (WCAG 1.4.10).

The browser journeys check each page they visit at 320 pixels wide (`assert_reflows`). This checks
the templates of the pages they do not visit: a table with four or more column headings must sit in
`{% scrolling_table %}` (platform/ui/templatetags/tables.py), so that it scrolls in its own box and the
page around it does not."""

import re
from pathlib import Path

import firstperson

TEMPLATES = Path(firstperson.__file__).parent
WIDE = 4

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_HEAD = re.compile(r"<thead\b.*?</thead>", re.DOTALL)
_COLUMN_HEADING = re.compile(r"<th\b[^>]*\bscope=\"col\"")
_OPEN, _CLOSE = "{% scrolling_table", "{% endscrolling_table %}"


def _columns(table: str) -> int:
    head = _HEAD.search(table)
    return len(_COLUMN_HEADING.findall(head.group() if head else table))


def _in_scrolling_box(text: str, start: int) -> bool:
    before = text[:start]
    return before.rfind(_OPEN) > before.rfind(_CLOSE)


def wide_tables_outside_a_box(text: str) -> list[int]:
    """The line numbers of the tables in a template that are wide and not in a scrolling box."""
    return [
        text.count("\n", 0, table.start()) + 1
        for table in _TABLE.finditer(text)
        if _columns(table.group()) >= WIDE and not _in_scrolling_box(text, table.start())
    ]


def test_the_check_finds_a_wide_table_outside_a_box_and_not_inside_one():
    heading = '<th scope="col" class="govuk-table__header">A</th>'
    wide = f"<table><thead><tr>{heading * 4}</tr></thead></table>"
    narrow = f"<table><thead><tr>{heading * 3}</tr></thead></table>"
    assert wide_tables_outside_a_box(f"<h1>Title</h1>\n{wide}") == [2]
    assert wide_tables_outside_a_box(f"{_OPEN} %}}{wide}{_CLOSE}") == []
    assert wide_tables_outside_a_box(f"{_OPEN} %}}{narrow}{_CLOSE}\n{wide}") == [2]
    assert wide_tables_outside_a_box(narrow) == []


def test_every_wide_table_in_a_template_scrolls_in_its_own_box():
    templates = sorted(TEMPLATES.glob("**/templates/**/*.html"))
    assert len(templates) > 100, "the templates were found"
    problems = [
        f"{path.relative_to(TEMPLATES)}: line {line}"
        for path in templates
        for line in wide_tables_outside_a_box(path.read_text())
    ]
    assert not problems, "Tables of four or more columns outside {% scrolling_table %}:\n" + "\n".join(problems)
