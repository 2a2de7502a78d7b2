"""The plain-English sentences beside a budget's steps say how the method works, and promise only
what the steps show: an adjustment has its own line of money only with a price per point."""

import itertools
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from firstperson.allocation import selectors, services
from firstperson.allocation.explanations import PUBLIC, method_sentences, plain_steps, step_rows
from firstperson.allocation.rules import ras
from firstperson.allocation.rules.money_tables import BandRow
from firstperson.allocation.services.configurations import DomainValues
from firstperson.allocation.templatetags.allocation import percent_than, pounds, pounds_for, pounds_plain

from .fixtures import weighted_copy

pytestmark = pytest.mark.django_db
D = Decimal


def test_with_a_price_per_point_an_adjustment_has_its_own_line(configuration):
    sentences = method_sentences(configuration)
    assert "Each point is worth £247.00 a year." in " ".join(sentences)
    family = next(s for s in sentences if s.startswith("Help from family or friends"))
    assert family.endswith(
        "If it applies to you, it has its own line below. A line with a minus sign takes money away."
    )


def test_with_bands_an_adjustment_is_in_the_total_and_weights_and_caps_are_said(configuration, administrator):
    draft = services.configuration_new_version(actor=administrator, configuration=configuration)
    services.configuration_set_money(
        actor=administrator,
        configuration=draft,
        method="bands",
        bands=[BandRow("A", D(0), D(0)), BandRow("B", D(10), D(5000)), BandRow("C", D(30), D(15000))],
    )
    codes = list(draft.domain_settings.values_list("section_code", flat=True))
    values = {code: DomainValues(weight=D(1), cap_points=None) for code in codes}
    values[codes[0]] = DomainValues(weight=D("1.25"), cap_points=D("10.00"))
    values[codes[1]] = DomainValues(weight=D("0.5"), cap_points=None)
    values[codes[2]] = DomainValues(weight=D(0), cap_points=None)
    services.configuration_set_domains(actor=administrator, configuration=draft, values=values)
    draft.refresh_from_db()
    sentences = method_sentences(draft)
    text = " ".join(sentences)
    family = next(s for s in sentences if s.startswith("Help from family or friends"))
    assert family.endswith("If it applies to you, your total points already include it.")
    assert "its own line" not in text
    titles = {s.code: s.title.lower() for s in draft.questionnaire_version.sections.all()}
    assert f"Points for {titles[codes[0]]} are multiplied by 1.25, so they count for more." in text
    assert f"We count at most 10 points for {titles[codes[0]]}." in text
    assert f"Points for {titles[codes[1]]} are multiplied by 0.5, so they count for less." in text
    assert f"Points for {titles[codes[2]]} do not count towards the budget." in text


def test_about_someone_the_sentences_name_them_and_never_say_you(configuration):
    spoken_to = " ".join(method_sentences(configuration))
    assert "Each answer you gave scores points." in spoken_to
    assert "part of your life" in spoken_to and "Your worker can still agree more if you need it." in spoken_to

    about = " ".join(method_sentences(configuration, about="Ted"))

    assert "Each answer in Ted's self-assessment scores points. The more help Ted needs" in about
    assert "part of Ted's life" in about
    assert "If it applies to Ted, it has its own line below." in about
    assert "Ted's worker can still agree more if Ted needs it." in about
    assert not re.search(r"\byou(r)?\b", about, re.IGNORECASE), about


def test_a_visitor_to_the_public_estimate_is_not_told_about_a_worker_they_do_not_have(configuration):
    public = " ".join(method_sentences(configuration, reader=PUBLIC))
    assert "If you ask us for a needs assessment, a social worker can agree more if you need it." in public
    assert "worker can still agree more" not in public
    assert "Your worker" not in public


def test_residents_read_minus_in_words_and_staff_keep_the_sign():
    assert pounds_plain(D("-543.40")) == "minus £543.40"
    assert pounds_plain("-1234.5") == "minus £1,234.50"
    assert pounds_plain(D("543.40")) == "£543.40"
    assert pounds_plain(D("0")) == "£0.00"
    assert pounds_plain(None) == ""
    assert pounds(D("-543.40")) == "-£543.40"
    assert percent_than(D("-4.00")) == "4% less than"
    assert percent_than(D("12.50")) == "12.5% more than"
    assert percent_than(D("0")) == "the same as"


def test_an_adjustment_line_is_put_in_words_only_when_it_is_exactly_what_the_rule_wrote(configuration):
    stored = [
        {"description": "Personal care: 15 points × £247.00", "amount": "3705.00"},
        {"description": "Help from family or friends: Personal care × 0.8: -3 points × £247.00", "amount": "-741.00"},
        # Not what the rule writes for these numbers ("-3.0 points"), so it is not reworded.
        {"description": "Help from family or friends: Personal care × 0.8: -3.0 points × £247.00", "amount": "-741.00"},
        # Another price than this configuration's.
        {"description": "Help from family or friends: Personal care × 0.8: -3 points × £250.00", "amount": "-750.00"},
        # A factor of 0.8 only ever takes points away.
        {"description": "Help from family or friends: Personal care × 0.8: 3 points × £247.00", "amount": "741.00"},
    ]
    rows = plain_steps(configuration, stored)
    assert [row["amount"] for row in rows] == [D("3705.00"), D("-741.00"), D("-741.00"), D("-750.00"), D("741.00")]
    assert rows[0]["description"] == stored[0]["description"]
    assert rows[1]["description"] == (
        "Help from family or friends: we take 3 points off personal care, which is £741.00 a year less."
    )
    assert [row["description"] for row in rows[2:]] == [step["description"] for step in stored[2:]]
    # A budget worked out by another version of the rule keeps the rule's words: its text may differ.
    older = plain_steps(configuration, stored, rule_version="ras-2025.9")
    assert [row["description"] for row in older] == [step["description"] for step in stored]
    assert ras.RULE_VERSION != "ras-2025.9"
    assert stored[1]["description"].startswith("Help from family or friends: Personal care")  # never changed


def test_the_words_match_every_adjustment_line_the_rule_writes(configuration):
    """Whatever the answers, every adjustment line the rule writes is put in words, with its points and amount."""
    pure = selectors.ras_configuration_for(configuration)
    levels = ["level_0", "level_1", "level_2", "level_3"]
    for care, eating in itertools.product(levels, levels[:3]):
        answers = dict(ras.reference_example().answers, personal_care=care, eating=eating)
        result = ras.indicative_budget(pure, answers)
        rows = plain_steps(configuration, result.steps)
        for step, row in zip(result.steps, rows, strict=True):
            assert row["amount"] == step.amount
            if step.description.startswith("Help from family or friends:"):
                assert " we take " in row["description"] and "×" not in row["description"], row
                assert pounds_plain(-step.amount).lstrip("£") in row["description"] or step.amount == 0
            else:
                assert row["description"] == step.description


@pytest.fixture
def weighted(configuration, administrator):
    return weighted_copy(configuration, actor=administrator)


def test_weight_and_cap_lines_are_put_in_words_with_no_minus_signs(weighted):
    pure = selectors.ras_configuration_for(weighted)
    answers = dict(ras.reference_example().answers, family_support="none")  # personal care 15, eating 6, safety 8
    result = ras.indicative_budget(pure, answers)
    rule_lines = [step.description for step in result.steps]
    assert "Personal care weighted × 1.5: 7.5 points × £247.00" in rule_lines  # as the rule writes them
    assert "Personal care capped at 10 points: -12.5 points × £247.00" in rule_lines

    words = {row["description"]: row["amount"] for row in plain_steps(weighted, result.steps)}

    assert words == {
        "Personal care: 15 points × £247.00": D("3705.00"),
        "Eating and drinking: 6 points × £247.00": D("1482.00"),
        "Daily routines and household: 6 points × £247.00": D("1482.00"),
        "Relationships: 2 points × £247.00": D("494.00"),
        "Community life and leisure: 4 points × £247.00": D("988.00"),
        "Decisions and communication: 3 points × £247.00": D("741.00"),
        "Staying safe: 8 points × £247.00": D("1976.00"),
        "Personal care counts for more: we multiply its points by 1.5, so we add 7.5 points, "
        "which is £1,852.50 a year more.": D("1852.50"),
        "Personal care has a limit of 10 points: we take 12.5 points off, which is £3,087.50 a year less.": D(
            "-3087.50"
        ),
        "Eating and drinking counts for less: we multiply its points by 0.5, so we take 3 points off, "
        "which is £741.00 a year less.": D("-741.00"),
        "Staying safe does not count towards the budget: we take its 8 points off, which is £1,976.00 a year less.": D(
            "-1976.00"
        ),
    }
    assert sum(words.values()) == result.amount


def test_a_weight_or_cap_line_is_put_in_words_only_when_it_is_exactly_what_the_rule_could_write(weighted):
    stored = [
        {"description": "Personal care weighted × 1.50: 5 points × £247.00", "amount": "1235.00"},  # not "1.5"
        {"description": "Personal care weighted × 1.5: 5.0 points × £247.00", "amount": "1235.00"},  # not "5"
        {"description": "Personal care weighted × 1.5: -5 points × £247.00", "amount": "-1235.00"},  # × 1.5 adds
        {"description": "Personal care capped at 10 points: 5 points × £247.00", "amount": "1235.00"},  # caps take
        {"description": "Personal care capped at 12 points: -5 points × £247.00", "amount": "-1235.00"},  # not 10
        {"description": "Relationships weighted × 2: 5 points × £247.00", "amount": "1235.00"},  # weight 1
        {"description": "Personal care capped at 10 points: -5 points × £250.00", "amount": "-1250.00"},  # price
    ]
    assert [row["description"] for row in plain_steps(weighted, stored)] == [s["description"] for s in stored]
    older = [{"description": "Personal care capped at 10 points: -5 points × £247.00", "amount": "-1235.00"}]
    assert plain_steps(weighted, older, rule_version="ras-2025.9")[0]["description"] == older[0]["description"]
    assert plain_steps(weighted, older)[0]["description"] == (
        "Personal care has a limit of 10 points: we take 5 points off, which is £1,235.00 a year less."
    )


def test_the_words_match_every_weight_and_cap_line_the_rule_writes(weighted):
    """Whatever the answers, every line the rule writes for a weight or a cap is put in words."""
    pure = selectors.ras_configuration_for(weighted)
    levels = ["level_0", "level_1", "level_2", "level_3", "level_4"]
    seen = set()
    for care, eating, family in itertools.product(levels, levels[:4], ["none", "a_lot"]):
        answers = dict(ras.reference_example().answers, personal_care=care, eating=eating, family_support=family)
        result = ras.indicative_budget(pure, answers)
        for step, row in zip(result.steps, plain_steps(weighted, result.steps), strict=True):
            assert row["amount"] == step.amount
            if " weighted × " in step.description or " capped at " in step.description:
                seen.add(step.description.split(":")[0])
                assert "×" not in row["description"] and "-" not in row["description"], row
                assert row["description"].endswith(f"which is {pounds_plain(abs(step.amount))} a year less.") or (
                    row["description"].endswith(f"which is {pounds_plain(step.amount)} a year more.")
                ), row
            elif step.description.startswith("Help from family or friends:"):
                assert " we take " in row["description"], row
            else:
                assert row["description"] == step.description
    assert seen == {
        "Personal care weighted × 1.5",
        "Personal care capped at 10 points",
        "Eating and drinking weighted × 0.5",
        "Staying safe weighted × 0",
    }


def test_given_the_rules_configuration_the_words_are_the_same_and_nothing_is_read(weighted, django_assert_num_queries):
    """A caller that has built the pure rule's configuration already (the estimate) passes it in."""
    pure = selectors.ras_configuration_for(weighted)
    result = ras.indicative_budget(pure, dict(ras.reference_example().answers, family_support="none"))
    from_models = plain_steps(weighted, result.steps)
    with django_assert_num_queries(0):
        from_rules = plain_steps(pure, result.steps)
    assert from_rules == from_models
    assert any("has a limit of 10 points" in row["description"] for row in from_rules)


def test_stored_steps_and_the_rules_steps_become_the_same_rows():
    stored = [{"description": "Personal care: 15 points × £247.00", "amount": "3705.00"}]
    rows = step_rows(stored)
    assert rows == step_rows([ras.Step("Personal care: 15 points × £247.00", D("3705.00"))])
    assert rows == [{"description": "Personal care: 15 points × £247.00", "amount": D("3705.00")}]
    assert type(rows[0]["amount"]) is D


def test_one_filter_writes_money_for_whoever_reads_the_steps():
    assert pounds_for(D("-741.00"), True) == "minus £741.00"
    assert pounds_for(D("-741.00"), False) == "-£741.00"
    assert pounds_for(D("9534.20"), True) == pounds_for(D("9534.20"), False) == "£9,534.20"
    steps = [{"description": "Help from family or friends", "amount": D("-741.00")}]
    context = {"steps": steps, "total": D("-741.00"), "per": "a year"}

    resident = render_to_string("allocation/_steps.html", {**context, "for_resident": True})
    staff = render_to_string("allocation/_steps.html", {**context, "for_resident": False})

    assert resident.count("minus £741.00") == 2 and "-£" not in resident  # the line and the total
    assert staff.count("-£741.00") == 2 and "minus" not in staff


def test_easy_read_gives_the_money_to_the_nearest_pound_and_with_bands_no_price_of_a_point(
    configuration, administrator
):
    from types import SimpleNamespace

    from firstperson.allocation.explanations import easy_read_words, whole_pounds

    assert [whole_pounds(D(x)) for x in ("9534.20", "183.50", "12000.00")] == ["£9,534", "£184", "£12,000"]
    draft = services.configuration_new_version(actor=administrator, configuration=configuration)
    services.configuration_set_money(
        actor=administrator,
        configuration=draft,
        method="bands",
        bands=[BandRow("A", D(0), D(0)), BandRow("B", D(10), D(5000))],
    )
    draft.refresh_from_db()
    budget = SimpleNamespace(
        configuration=draft,
        period=draft.period,
        domain_points=[
            {"code": "a", "name": "Personal care", "points": "12"},
            {"code": "b", "name": "X", "points": "0"},
        ],
        total_points=D(12),
        annual_amount=D(5000),
        steps=[],
        rule_version=ras.RULE_VERSION,
    )
    agreed = SimpleNamespace(annual_amount=D(5000), weekly_amount=D("96.15"), moderated=False)
    words = easy_read_words(budget, agreed)
    assert words["first"][:2] == ["You have about £5,000 a year for your support.", "That is about £96 a week."]
    assert words["points"] == ["Personal care: 12 points."]
    assert words["money"] == [
        "All together, you scored 12 points.",
        "We look up your points in a table. It shows how much money that is a year.",
        "This comes to £5,000 a year.",
    ]
    assert words["changed"] == []


def _reference_budget(configuration, *, rule_version):
    """A budget as stored for the worked example (REFERENCE §2.10) under `configuration`."""
    from types import SimpleNamespace

    pure = selectors.ras_configuration_for(configuration)
    answers = ras.reference_example().answers
    result = ras.indicative_budget(pure, answers)
    return SimpleNamespace(
        configuration=configuration,
        period=configuration.period,
        answers=answers,
        domain_points=[{"code": d.code, "name": d.name, "points": str(d.points)} for d in result.domains],
        total_points=result.total_points,
        annual_amount=result.annual_amount,
        steps=[{"description": s.description, "amount": str(s.amount)} for s in result.steps],
        rule_version=rule_version,
    )


def test_easy_read_lists_the_points_as_scored_then_each_change_in_words(configuration, settings):
    from types import SimpleNamespace

    from firstperson.allocation.explanations import easy_read_words

    settings.COUNCIL_PHONE = "01632 960000"  # the council's own number, from its settings

    budget = _reference_budget(configuration, rule_version=ras.RULE_VERSION)
    agreed = SimpleNamespace(annual_amount=budget.annual_amount, weekly_amount=D("183.35"), moderated=False)
    words = easy_read_words(budget, agreed)
    assert words["points"][:3] == [
        "Personal care: 15 points.",
        "Eating and drinking: 6 points.",
        "Daily routines and household: 6 points.",
    ]
    assert words["money"][0] == "Each point is worth £247 a year."
    assert words["money"][1] == (
        "Help from family or friends: we take 3 points off personal care, which is £741 a year less."
    )
    assert words["money"][-2:] == ["All together, you scored 38.6 points.", "This comes to £9,534.20 a year."]
    assert words["next"][-1] == "Or call us on 01632 960000."


def test_easy_read_of_a_budget_from_another_rule_version_lists_the_points_after_the_changes(configuration):
    """Its change lines keep the rule's words (plain_steps knows only this version's), so they are
    not listed, and the points are the ones they led to: the list still adds up to the total."""
    from types import SimpleNamespace

    from firstperson.allocation.explanations import easy_read_words

    budget = _reference_budget(configuration, rule_version="ras-2020.1")
    agreed = SimpleNamespace(annual_amount=budget.annual_amount, weekly_amount=D("183.35"), moderated=False)
    words = easy_read_words(budget, agreed)
    assert words["points"][:3] == [
        "Personal care: 12 points.",
        "Eating and drinking: 4.8 points.",
        "Daily routines and household: 4.8 points.",
    ]
    assert words["money"] == [
        "Each point is worth £247 a year.",
        "All together, you scored 38.6 points.",
        "This comes to £9,534.20 a year.",
    ]


# --- What the other apps' panels add, in Easy Read (easy_read_money_now) ---------------------------


def _panel(**figures):
    from firstperson.people.budget_panels import BudgetPanel

    return BudgetPanel(title="A panel", template_name="unused.html", **figures)


def test_easy_read_money_now_for_someone_reading_about_the_person():
    from firstperson.allocation.explanations import easy_read_money_now

    agreement = _panel(weekly_personal_budget=Decimal("230.50"), explanation_url="/plans/agreement/")
    paying = [_panel(weekly_deduction=Decimal("28.49"), explanation_url="/pay/")]
    lines = easy_read_money_now(
        about="McKenzie", agreement=agreement, paying=paying, council_pays_weekly=Decimal("202.01")
    )
    assert [line["sentence"] for line in lines] == [
        "McKenzie's support plan is agreed.",
        "McKenzie's personal budget is about £231 a week.",
        "McKenzie pays about £28 a week towards their support.",
        "The council pays about £202 a week.",
    ]
    assert [(line.get("link_url"), line.get("link_text")) for line in lines] == [
        (None, None),
        ("/plans/agreement/", "Read McKenzie's personal budget agreement"),
        ("/pay/", "How we worked out what McKenzie pays"),
        (None, None),
    ]


def test_easy_read_money_now_says_nothing_without_panels_and_no_council_share_without_a_payment():
    from firstperson.allocation.explanations import easy_read_money_now

    assert easy_read_money_now(about=None, agreement=None, paying=[], council_pays_weekly=None) == []
    agreed_only = easy_read_money_now(
        about=None, agreement=_panel(weekly_personal_budget=Decimal("155.00")), paying=[], council_pays_weekly=None
    )
    assert [line["sentence"] for line in agreed_only] == [
        "Your support plan is agreed.",
        "Your personal budget is about £155 a week.",
    ]


def test_easy_read_money_now_says_so_when_the_person_pays_nothing():
    from firstperson.allocation.explanations import easy_read_money_now

    nothing = [_panel(weekly_deduction=Decimal("0.00"), explanation_url="/pay/")]
    own = easy_read_money_now(about=None, agreement=None, paying=nothing, council_pays_weekly=Decimal("183.35"))
    assert [line["sentence"] for line in own] == [
        "You do not pay anything towards your support.",
        "The council pays about £183 a week.",
    ]
    about = easy_read_money_now(about="Sam", agreement=None, paying=nothing, council_pays_weekly=Decimal("183.35"))
    assert about[0]["sentence"] == "Sam does not pay anything towards their support."


@pytest.mark.parametrize(
    ("amount", "words"),
    [("247.00", "£247"), ("12000", "£12,000"), ("1852.50", "£1,852.50"), ("0.05", "£0.05"), ("9534.20", "£9,534.20")],
)
def test_easy_read_pounds_leaves_out_pence_only_when_there_are_none(amount, words):
    from firstperson.allocation.explanations import easy_read_pounds

    assert easy_read_pounds(Decimal(amount)) == words
