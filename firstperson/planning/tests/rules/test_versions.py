"""What changed between two submitted versions of a plan: rows matched by id, fields by plain name."""

from firstperson.planning.rules.versions import Change, plan_changes

NAMES = {
    "contingency_plan": "Contingency plan",
    "weekly_total": "Weekly cost (£)",
    "description": "What it is",
    "weekly_cost": "Weekly cost (£)",
    "informal_agreement": "They agree to give this help",
    "in_own_words": "In the person's words",
}


def version(**overrides):
    snapshot = {
        "weekly_total": "155.00",
        "contingency_plan": "Mum helps.",
        "outcomes": [{"id": "o1", "label": "Wash in the morning", "in_own_words": "Wash in the morning"}],
        "items": [
            {"id": "i1", "label": "Personal assistant", "description": "Personal assistant", "weekly_cost": "147.00"},
            {"id": "i2", "label": "Gym", "description": "Gym", "weekly_cost": "8.00"},
        ],
        "risks": [],
    }
    snapshot.update(overrides)
    return snapshot


def test_no_change_no_changes():
    assert plan_changes(version(), version(), NAMES) == []


def test_a_plan_field_changed_is_named_plainly_with_before_and_after():
    assert plan_changes(version(), version(contingency_plan="The agency covers."), NAMES) == [
        Change("plan", "The plan", "changed", "Contingency plan", "Mum helps.", "The agency covers.")
    ]


def test_rows_are_matched_by_id_so_a_changed_row_is_changed_not_removed_and_added():
    before = version()
    after = version(
        items=[
            {"id": "i1", "label": "Personal assistant", "description": "Personal assistant", "weekly_cost": "160.00"},
            {"id": "i3", "label": "Shower chair", "description": "Shower chair", "weekly_cost": "0.00"},
        ]
    )
    assert plan_changes(before, after, NAMES) == [
        Change("items", "Support: Personal assistant", "changed", "Weekly cost (£)", "147.00", "160.00"),
        Change("items", "Support: Shower chair", "added"),
        Change("items", "Support: Gym", "removed"),
    ]


def test_a_renamed_row_shows_one_change_with_a_plain_field_name():
    after = version(outcomes=[{"id": "o1", "label": "Wash by 9", "in_own_words": "Wash by 9"}])
    changes = plan_changes(version(), after, NAMES)
    assert changes == [
        Change("outcomes", "Outcome: Wash by 9", "changed", "In the person's words", "Wash in the morning", "Wash by 9")
    ]


def test_every_field_name_shown_is_a_plain_name_when_one_is_given():
    after = version(
        weekly_total="160.00",
        items=[{"id": "i1", "label": "PA", "description": "PA", "weekly_cost": "1.00"}],
        risks=[{"id": "r1", "label": "Falls"}],
    )
    for change in plan_changes(version(), after, NAMES):
        assert change.field in ("", *NAMES.values()), change


def test_yes_no_and_empty_values_are_written_plainly():
    before = version(items=[{"id": "i1", "label": "Mum", "informal_agreement": False}])
    after = version(items=[{"id": "i1", "label": "Mum", "informal_agreement": True}])
    assert plan_changes(before, after, NAMES) == [
        Change("items", "Support: Mum", "changed", "They agree to give this help", "No", "Yes")
    ]
    assert plan_changes(version(contingency_plan=None), version(contingency_plan=""), NAMES) == []


def test_a_key_without_a_plain_name_falls_back_to_the_key():
    assert plan_changes({"new_thing": "a"}, {"new_thing": "b"}, {})[0].field == "new_thing"


def test_sections_missing_from_an_older_snapshot_count_as_empty():
    changes = plan_changes({"weekly_total": "1.00"}, version(weekly_total="1.00"), NAMES)
    assert [c.kind for c in changes] == ["changed", "added", "added", "added"]
    assert changes[0].field == "Contingency plan" and changes[0].before == ""
