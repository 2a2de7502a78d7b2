"""What changed between two submitted versions of a plan.

A version is a snapshot: a dict of plain values with lists of rows under `outcomes`, `items` and
`risks`, each row carrying its `id` and a `label`. Rows are matched by id, so a changed row shows as
changed, not as removed and added.
"""

from dataclasses import dataclass
from typing import Any

SECTIONS = (("outcomes", "Outcome"), ("items", "Support"), ("risks", "Risk"))
#: A row's id matches it; its label names it (and repeats one of its fields), so neither is a change.
ROW_KEYS_NOT_COMPARED = frozenset({"id", "label"})


@dataclass(frozen=True)
class Change:
    section: str
    label: str
    kind: str  # "added", "removed" or "changed"
    field: str = ""
    before: str = ""
    after: str = ""


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def plan_changes(before: dict[str, Any], after: dict[str, Any], field_names: dict[str, str]) -> list[Change]:
    """Every change from `before` to `after`; `field_names` gives each key its plain name."""
    changes: list[Change] = []
    for key in sorted(set(before) | set(after)):
        if key in {name for name, _ in SECTIONS} or key == "id":
            continue
        old, new = _text(before.get(key)), _text(after.get(key))
        if old != new:
            changes.append(Change("plan", "The plan", "changed", field_names.get(key, key), old, new))
    for section, noun in SECTIONS:
        old_rows = {row["id"]: row for row in before.get(section, [])}
        new_rows = {row["id"]: row for row in after.get(section, [])}
        for row_id, row in new_rows.items():
            if row_id not in old_rows:
                changes.append(Change(section, f"{noun}: {row.get('label', '')}", "added"))
                continue
            old_row = old_rows[row_id]
            for key in sorted(set(old_row) | set(row)):
                if key in ROW_KEYS_NOT_COMPARED:
                    continue
                old, new = _text(old_row.get(key)), _text(row.get(key))
                if old != new:
                    changes.append(
                        Change(
                            section, f"{noun}: {row.get('label', '')}", "changed", field_names.get(key, key), old, new
                        )
                    )
        for row_id, row in old_rows.items():
            if row_id not in new_rows:
                changes.append(Change(section, f"{noun}: {row.get('label', '')}", "removed"))
    return changes
