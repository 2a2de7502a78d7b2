"""The plain-English sentences beside a budget's steps say how the method works, and promise only
what the steps show: an adjustment has its own line of money only with a price per point."""

import itertools
import re
from decimal import Decimal

import pytest

from firstperson.allocation import selectors, services
from firstperson.allocation.explanations import PUBLIC, method_sentences, plain_steps
from firstperson.allocation.rules import ras
from firstperson.allocation.rules.money_tables import BandRow
from firstperson.allocation.services.configurations import DomainValues
from firstperson.allocation.templatetags.allocation import percent_than, pounds, pounds_plain

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
    ]
    rows = plain_steps(configuration, stored)
    assert [row["amount"] for row in rows] == [D("3705.00"), D("-741.00"), D("-741.00"), D("-750.00")]
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
