"""The Resource Allocation System: answers become points, points become an indicative budget.

REFERENCE.md §2 (pipeline §2.2, worked example §2.10). Money is Decimal throughout; every figure
here was worked out by hand, not by running the code.
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from firstperson.allocation.rules import ras
from firstperson.allocation.rules.ras import (
    Adjustment,
    AnswerOption,
    Band,
    Bands,
    Domain,
    InvalidAnswers,
    InvalidConfiguration,
    Period,
    Piece,
    PiecewiseLinear,
    PricePerPoint,
    Question,
    RasConfiguration,
    Rounding,
    configuration_problems,
    indicative_budget,
    reference_example,
)

D = Decimal
PENNY = D("0.01")


def two_places(amount):
    return amount.as_tuple().exponent == -2


def replace(config, **changes):
    return dataclasses.replace(config, **changes)


REFERENCE = reference_example()
REFERENCE_CONFIG = REFERENCE.configuration
REFERENCE_ANSWERS = REFERENCE.answers
ALL_ZERO_ANSWERS = {question.code: question.options[0].code for question in REFERENCE_CONFIG.questions}


def simple_config(*questions, money_function=None, domains=None, **options):
    """Domains d1..d3 at weight 1 and the given questions, £10 a point a year unless told."""
    return RasConfiguration(
        version="test",
        domains=domains or (Domain("d1", "Personal care"), Domain("d2", "Staying safe"), Domain("d3", "Community")),
        questions=questions,
        money_function=money_function or PricePerPoint(D("10")),
        **options,
    )


def scale(code, domain, *points, required=True):
    """A question whose answers p0, p1, ... score the given points."""
    return Question(code, domain, tuple(AnswerOption(f"p{p}", D(p)) for p in points), required=required)


# ---------------------------------------------------------------------------------------------
# REFERENCE §2.10: the worked example
# ---------------------------------------------------------------------------------------------


def test_reference_configuration_is_sound():
    assert configuration_problems(REFERENCE_CONFIG) == []


def test_reference_worked_example():
    result = indicative_budget(REFERENCE_CONFIG, REFERENCE_ANSWERS)
    assert result.total_points == D("38.6")
    assert result.period == Period.ANNUAL
    assert result.amount == D("9534.20")
    assert result.annual_amount == D("9534.20")
    assert result.weekly_amount == D("183.35")
    assert result.version == "reference-2-10"
    assert sum(step.amount for step in result.steps) == result.amount


def test_reference_worked_example_steps_line_by_line():
    result = indicative_budget(REFERENCE_CONFIG, REFERENCE_ANSWERS)
    assert [(step.description, step.amount) for step in result.steps] == [
        ("Personal care: 15 points × £247.00", D("3705.00")),
        ("Eating and drinking: 6 points × £247.00", D("1482.00")),
        ("Daily routines and household: 6 points × £247.00", D("1482.00")),
        ("Relationships: 2 points × £247.00", D("494.00")),
        ("Community life and leisure: 4 points × £247.00", D("988.00")),
        ("Decisions and communication: 3 points × £247.00", D("741.00")),
        ("Staying safe: 8 points × £247.00", D("1976.00")),
        ("Help from family or friends: Personal care × 0.8: -3 points × £247.00", D("-741.00")),
        ("Help from family or friends: Eating and drinking × 0.8: -1.2 points × £247.00", D("-296.40")),
        ("Help from family or friends: Daily routines and household × 0.8: -1.2 points × £247.00", D("-296.40")),
    ]


def test_reference_worked_example_points_per_domain():
    result = indicative_budget(REFERENCE_CONFIG, REFERENCE_ANSWERS)
    assert {domain.code: domain.points for domain in result.domains} == {
        "personal_care": D("12.0"),
        "eating": D("4.8"),
        "routines": D("4.8"),
        "relationships": D("2"),
        "community": D("4"),
        "work": D("0"),
        "decisions": D("3"),
        "safety": D("8"),
        "circumstances": D("0"),
    }


def test_reference_worked_example_points_as_scored():
    """Before help from family or friends takes a fifth off three domains: what each domain's own line
    of money counts, and what residents' Easy Read page lists."""
    assert ras.points_as_scored(REFERENCE_CONFIG, REFERENCE_ANSWERS) == {
        "personal_care": D("15"),
        "eating": D("6"),
        "routines": D("6"),
        "relationships": D("2"),
        "community": D("4"),
        "work": D("0"),
        "decisions": D("3"),
        "safety": D("8"),
        "circumstances": D("0"),
    }


def weekly_reference(price):
    """The reference configuration in weekly money. The floor and cap are in the configuration's
    period, so they become weekly too: £1,000 ÷ 52 = £19.23 and £40,000 ÷ 52 = £769.23."""
    return replace(
        REFERENCE_CONFIG,
        period=Period.WEEKLY,
        money_function=PricePerPoint(price),
        minimum=D("19.23"),
        maximum=D("769.23"),
    )


def test_reference_worked_example_weekly_at_four_pounds_seventy_five_a_point():
    config = weekly_reference(D("4.75"))
    result = indicative_budget(config, REFERENCE_ANSWERS)
    assert result.period == Period.WEEKLY
    assert result.amount == D("183.35")
    assert result.weekly_amount == D("183.35")
    assert result.annual_amount == D("9534.20")
    assert sum(step.amount for step in result.steps) == D("183.35")


def test_the_floor_and_cap_are_in_the_configurations_period():
    # Only the period changes: the £1,000 floor now means £1,000 a week, and it is triggered.
    config = replace(REFERENCE_CONFIG, period=Period.WEEKLY, money_function=PricePerPoint(D("4.75")))
    result = indicative_budget(config, REFERENCE_ANSWERS)
    assert result.steps[-1].description == "Raised to the minimum budget of £1,000.00"
    assert result.weekly_amount == D("1000.00")
    assert result.annual_amount == D("52000.00")


def test_reference_adjustment_applies_only_to_its_own_answer():
    answers = {**REFERENCE_ANSWERS, "family_support": "some"}
    result = indicative_budget(REFERENCE_CONFIG, answers)
    assert result.total_points == D("44")
    assert result.amount == D("10868.00")  # 44 × £247
    assert not any("Help from family" in step.description for step in result.steps)


def test_reference_most_points_possible():
    answers = {question.code: question.options[-1].code for question in REFERENCE_CONFIG.questions}
    answers["family_support"] = "none"
    result = indicative_budget(REFERENCE_CONFIG, answers)
    assert result.total_points == D("77")  # 20 + 9 + 9 + 6 + 6 + 6 + 9 + 12
    assert result.amount == D("19019.00")  # under the £40,000 cap


# ---------------------------------------------------------------------------------------------
# Bands and piecewise-linear tables
# ---------------------------------------------------------------------------------------------

BANDS = Bands(
    (
        Band("A", D("0"), D("2000")),
        Band("B", D("10"), D("4000")),
        Band("C", D("20"), D("7000")),
        Band("D", D("30"), D("10000")),  # REFERENCE §2.10: 30-39 points, band D, £10,000
        Band("E", D("40"), D("14000")),
    )
)


def test_reference_banded_alternative():
    config = replace(REFERENCE_CONFIG, money_function=BANDS)
    result = indicative_budget(config, REFERENCE_ANSWERS)
    assert [(step.description, step.amount) for step in result.steps] == [("38.6 points is in band D", D("10000.00"))]
    assert result.amount == D("10000.00")
    assert result.annual_amount == D("10000.00")
    assert result.weekly_amount == D("192.31")  # 10,000 ÷ 52 = 192.307...


@pytest.mark.parametrize(
    ("points", "band", "amount"),
    [
        (0, "A", D("2000.00")),
        (9, "A", D("2000.00")),
        (10, "B", D("4000.00")),
        (29, "C", D("7000.00")),
        (30, "D", D("10000.00")),
        (39, "D", D("10000.00")),
        (40, "E", D("14000.00")),
        (95, "E", D("14000.00")),
    ],
)
def test_bands_give_each_band_from_its_minimum_to_the_next(points, band, amount):
    config = simple_config(scale("q", "d1", points), money_function=BANDS, maximum=D("50000"))
    result = indicative_budget(config, {"q": f"p{points}"})
    assert result.steps[0].description.endswith(f"is in band {band}")
    assert result.amount == amount


def test_bands_listed_out_of_order_are_looked_up_in_order():
    shuffled = Bands(tuple(reversed(BANDS.bands)))
    config = simple_config(scale("q", "d1", 35), money_function=shuffled)
    assert configuration_problems(config) == []
    assert indicative_budget(config, {"q": "p35"}).amount == D("10000.00")


def test_points_below_the_first_band_are_worth_nothing_then_raised_to_the_minimum():
    bands = Bands((Band("A", D("5"), D("1500")),))
    config = simple_config(scale("q", "d1", 0, 4, 5), money_function=bands, minimum=D("300.00"))
    result = indicative_budget(config, {"q": "p4"})
    assert [(step.description, step.amount) for step in result.steps] == [
        ("4 points is below the first band", D("0.00")),
        ("Raised to the minimum budget of £300.00", D("300.00")),
    ]
    assert result.amount == D("300.00")
    assert indicative_budget(config, {"q": "p5"}).amount == D("1500.00")


CORNERS = PiecewiseLinear(
    (
        Piece(D("10"), D("1500")),
        Piece(D("20"), D("5000")),
        Piece(D("40"), D("11000")),
        Piece(D("60"), D("14000")),
    )
)


@pytest.mark.parametrize(
    ("answers", "amount", "description"),
    [
        # the reference answers give 38.6 points: 5,000 + (38.6 - 20) / 20 × 6,000 = 5,000 + 5,580 = £10,580
        (REFERENCE_ANSWERS, D("10580.00"), "38.6 points, between 20 points and 40 points"),
        # without the carer adjustment, 44 points: 11,000 + 4 / 20 × 3,000 = £11,600
        ({**REFERENCE_ANSWERS, "family_support": "none"}, D("11600.00"), "44 points, between 40 points and 60 points"),
        # 5 points (personal care "some"), below the first corner: flat at £1,500
        ({**ALL_ZERO_ANSWERS, "personal_care": "level_1"}, D("1500.00"), "5 points (the lowest point of the table)"),
        # 20 points exactly: a corner
        ({**ALL_ZERO_ANSWERS, "personal_care": "level_4"}, D("5000.00"), "20 points, between 10 points and 20 points"),
        # 77 points, above the last corner: flat at £14,000
        (
            {**{q.code: q.options[-1].code for q in REFERENCE_CONFIG.questions}, "family_support": "none"},
            D("14000.00"),
            "77 points (the highest point of the table)",
        ),
    ],
)
def test_piecewise_linear_reference_configuration(answers, amount, description):
    config = replace(REFERENCE_CONFIG, money_function=CORNERS)
    result = indicative_budget(config, answers)
    assert [(step.description, step.amount) for step in result.steps] == [(description, amount)]
    assert result.amount == amount


@pytest.mark.parametrize(
    ("points", "amount"),
    [(0, D("0.00")), (1, D("333.33")), (2, D("666.67")), (3, D("1000.00")), (4, D("1000.00"))],
)
def test_piecewise_linear_rounds_to_the_penny_half_up(points, amount):
    corners = PiecewiseLinear((Piece(D("0"), D("0")), Piece(D("3"), D("1000"))))
    config = simple_config(scale("q", "d1", points), money_function=corners)
    result = indicative_budget(config, {"q": f"p{points}"})
    assert result.amount == amount
    assert result.steps[0].amount == amount


# ---------------------------------------------------------------------------------------------
# Minimum, maximum and rounding
# ---------------------------------------------------------------------------------------------


def test_minimum_line_appears_when_triggered():
    answers = {**ALL_ZERO_ANSWERS, "relationships": "level_1"}  # 2 points × £247 = £494
    result = indicative_budget(REFERENCE_CONFIG, answers)
    assert [(step.description, step.amount) for step in result.steps] == [
        ("Relationships: 2 points × £247.00", D("494.00")),
        ("Raised to the minimum budget of £1,000.00", D("506.00")),
    ]
    assert result.amount == D("1000.00")
    assert result.weekly_amount == D("19.23")  # 1,000 ÷ 52 = 19.230...


def test_maximum_line_appears_when_triggered():
    config = replace(REFERENCE_CONFIG, maximum=D("5000.00"))
    result = indicative_budget(config, REFERENCE_ANSWERS)
    assert result.steps[-1].description == "Brought down to the highest starting budget of £5,000.00"
    assert result.steps[-1].amount == D("-4534.20")
    assert result.amount == D("5000.00")
    assert sum(step.amount for step in result.steps) == D("5000.00")


def test_neither_minimum_nor_maximum_line_when_not_triggered():
    result = indicative_budget(REFERENCE_CONFIG, REFERENCE_ANSWERS)
    assert not any(
        step.description.startswith(("Raised to the minimum", "Brought down", "Rounded")) for step in result.steps
    )


def test_maximum_equal_to_minimum_fixes_the_figure():
    config = replace(REFERENCE_CONFIG, minimum=D("2500.00"), maximum=D("2500.00"))
    assert indicative_budget(config, REFERENCE_ANSWERS).amount == D("2500.00")
    assert indicative_budget(config, ALL_ZERO_ANSWERS).amount == D("2500.00")


@pytest.mark.parametrize(
    ("period", "price", "rounding", "line", "amount"),
    [
        (Period.ANNUAL, D("247"), Rounding.POUND, ("Rounded to the nearest £1", D("-0.20")), D("9534.00")),
        (Period.ANNUAL, D("247"), Rounding.TEN_POUNDS, ("Rounded to the nearest £10", D("-4.20")), D("9530.00")),
        (Period.WEEKLY, D("4.75"), Rounding.POUND, ("Rounded to the nearest £1", D("-0.35")), D("183.00")),
        (Period.WEEKLY, D("4.75"), Rounding.TEN_POUNDS, ("Rounded to the nearest £10", D("-3.35")), D("180.00")),
        # 38.6 × £4.80 = £185.28: up to £185 and £190
        (Period.WEEKLY, D("4.80"), Rounding.POUND, ("Rounded to the nearest £1", D("-0.28")), D("185.00")),
        (Period.WEEKLY, D("4.80"), Rounding.TEN_POUNDS, ("Rounded to the nearest £10", D("4.72")), D("190.00")),
        # 38.6 × £5 = £193.00: down to £190
        (Period.WEEKLY, D("5"), Rounding.TEN_POUNDS, ("Rounded to the nearest £10", D("-3.00")), D("190.00")),
    ],
)
def test_rounding_adds_a_line(period, price, rounding, line, amount):
    if period == Period.WEEKLY:
        config = replace(weekly_reference(price), rounding=rounding)
    else:
        config = replace(REFERENCE_CONFIG, money_function=PricePerPoint(price), rounding=rounding)
    result = indicative_budget(config, REFERENCE_ANSWERS)
    assert (result.steps[-1].description, result.steps[-1].amount) == line
    assert result.amount == amount
    assert sum(step.amount for step in result.steps) == amount


@pytest.mark.parametrize(
    ("amount", "rounding", "rounded"),
    [
        (D("1234.50"), Rounding.POUND, D("1235.00")),
        (D("1234.49"), Rounding.POUND, D("1234.00")),
        (D("1235.00"), Rounding.TEN_POUNDS, D("1240.00")),
        (D("1234.99"), Rounding.TEN_POUNDS, D("1230.00")),
    ],
)
def test_rounding_is_half_up(amount, rounding, rounded):
    config = simple_config(scale("q", "d1", 1), money_function=PricePerPoint(amount), rounding=rounding)
    assert indicative_budget(config, {"q": "p1"}).amount == rounded


@pytest.mark.parametrize("rounding", [Rounding.PENNY, Rounding.POUND, Rounding.TEN_POUNDS])
def test_no_rounding_line_when_already_round(rounding):
    config = replace(REFERENCE_CONFIG, money_function=PricePerPoint(D("250")), rounding=rounding)
    result = indicative_budget(config, REFERENCE_ANSWERS)  # 38.6 × £250 = £9,650
    assert result.amount == D("9650.00")
    assert not any(step.description.startswith("Rounded") for step in result.steps)


# ---------------------------------------------------------------------------------------------
# Weights and caps
# ---------------------------------------------------------------------------------------------


def test_weights_and_caps_each_add_a_line_in_domain_order():
    domains = (
        Domain("d1", "Personal care", weight=D("1.5")),
        Domain("d2", "Staying safe", cap_points=D("10")),
        Domain("d3", "Community", weight=D("0.5")),
    )
    config = simple_config(scale("q1", "d1", 8), scale("q2", "d2", 12), scale("q3", "d3", 6), domains=domains)
    result = indicative_budget(config, {"q1": "p8", "q2": "p12", "q3": "p6"})
    assert [(step.description, step.amount) for step in result.steps] == [
        ("Personal care: 8 points × £10.00", D("80.00")),
        ("Staying safe: 12 points × £10.00", D("120.00")),
        ("Community: 6 points × £10.00", D("60.00")),
        ("Personal care weighted × 1.5: 4 points × £10.00", D("40.00")),
        ("Staying safe capped at 10 points: -2 points × £10.00", D("-20.00")),
        ("Community weighted × 0.5: -3 points × £10.00", D("-30.00")),
    ]
    assert result.total_points == D("25")  # 12 + 10 + 3
    assert result.amount == D("250.00")
    assert {domain.code: domain.points for domain in result.domains} == {"d1": 12, "d2": 10, "d3": 3}


def test_a_weight_is_applied_before_the_cap():
    domains = (Domain("d1", "Personal care", weight=D("2"), cap_points=D("10")),)
    config = simple_config(scale("q1", "d1", 8), domains=domains)
    result = indicative_budget(config, {"q1": "p8"})
    assert [step.amount for step in result.steps] == [D("80.00"), D("80.00"), D("-60.00")]  # 8, ×2 = 16, cap 10
    assert result.total_points == D("10")
    assert result.amount == D("100.00")


def test_adjustments_come_before_weights_and_caps():
    domains = (Domain("d1", "Personal care", weight=D("2"), cap_points=D("15")), Domain("d9", "Circumstances"))
    trigger = Question("family", "d9", (AnswerOption("yes", D(0)), AnswerOption("no", D(0))))
    adjustment = Adjustment("Family help", "family", frozenset({"yes"}), frozenset({"d1"}), D("0.5"))
    config = simple_config(scale("q1", "d1", 20), trigger, domains=domains, adjustments=(adjustment,))
    # 20 points, × 0.5 = 10, weighted × 2 = 20, capped at 15
    assert indicative_budget(config, {"q1": "p20", "family": "yes"}).total_points == D("15")
    assert indicative_budget(config, {"q1": "p20", "family": "yes"}).amount == D("150.00")
    # without the adjustment: 20, × 2 = 40, capped at 15
    assert indicative_budget(config, {"q1": "p20", "family": "no"}).amount == D("150.00")
    assert indicative_budget(config, {"q1": "p20", "family": "no"}).steps[-1].amount == D("-250.00")


def test_a_weight_of_zero_removes_the_domain():
    domains = (Domain("d1", "Personal care"), Domain("d2", "Staying safe", weight=D("0")))
    config = simple_config(scale("q1", "d1", 3), scale("q2", "d2", 7), domains=domains)
    result = indicative_budget(config, {"q1": "p3", "q2": "p7"})
    assert result.total_points == D("3")
    assert result.amount == D("30.00")


def test_weights_and_caps_work_on_the_total_for_bands():
    domains = (Domain("d1", "Personal care", weight=D("1.5")), Domain("d2", "Staying safe", cap_points=D("5")))
    config = simple_config(scale("q1", "d1", 14), scale("q2", "d2", 9), domains=domains, money_function=BANDS)
    result = indicative_budget(config, {"q1": "p14", "q2": "p9"})  # 14 × 1.5 = 21, + 5 = 26: band C
    assert result.total_points == D("26")
    assert [(step.description, step.amount) for step in result.steps] == [("26 points is in band C", D("7000.00"))]


def capped_at_seven(*points):
    """£4.75 a point; personal care × 0.5 when there is family help, then capped at 7 points."""
    domains = (Domain("d1", "Personal care", cap_points=D("7")), Domain("d9", "Circumstances"))
    trigger = Question("family", "d9", (AnswerOption("yes", D(0)),))
    adjustment = Adjustment("Family help", "family", frozenset({"yes"}), frozenset({"d1"}), D("0.5"))
    return simple_config(
        scale("q1", "d1", *points),
        trigger,
        domains=domains,
        adjustments=(adjustment,),
        money_function=PricePerPoint(D("4.75")),
    )


def test_a_capped_domain_is_worth_its_cap_times_the_price():
    # 15 points × 0.5 = 7.5, capped at 7: 7 × £4.75 = £33.25. The lines are £71.25 - £35.63 - £2.38 = £33.24.
    result = indicative_budget(capped_at_seven(15), {"q1": "p15", "family": "yes"})
    assert result.total_points == D("7")
    assert result.amount == D("33.25")


# ---------------------------------------------------------------------------------------------
# Answers that cannot be scored
# ---------------------------------------------------------------------------------------------


def problems_of(config, answers):
    with pytest.raises(InvalidAnswers) as raised:
        indicative_budget(config, answers)
    return [(problem.question, problem.message) for problem in raised.value.problems], str(raised.value)


def test_unknown_question_is_refused():
    problems, message = problems_of(REFERENCE_CONFIG, {**REFERENCE_ANSWERS, "shoe_size": "nine"})
    assert problems == [("shoe_size", "There is no question with this code.")]
    assert message == "shoe_size: There is no question with this code."


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("level_9", '"level_9" is not one of the answers to this question.'),
        # The wording stays the same whatever the answer holds: no quotes chosen by the programming language.
        ("it's", '"it\'s" is not one of the answers to this question.'),
        ('say "no"', '"say "no"" is not one of the answers to this question.'),
    ],
)
def test_unknown_answer_is_refused(answer, problem):
    problems, message = problems_of(REFERENCE_CONFIG, {**REFERENCE_ANSWERS, "eating": answer})
    assert problems == [("eating", problem)]
    assert "eating" in message


def test_missing_required_answer_is_refused():
    answers = {code: option for code, option in REFERENCE_ANSWERS.items() if code != "safety"}
    problems, _ = problems_of(REFERENCE_CONFIG, answers)
    assert problems == [("safety", "This question needs an answer.")]


def test_every_problem_is_named_at_once():
    answers = {code: option for code, option in REFERENCE_ANSWERS.items() if code not in {"safety", "work"}}
    answers |= {"shoe_size": "nine", "eating": "level_9"}
    problems, message = problems_of(REFERENCE_CONFIG, answers)
    assert {question for question, _ in problems} == {"shoe_size", "eating", "work", "safety"}
    assert len(problems) == 4
    for question in ("shoe_size", "eating", "work", "safety"):
        assert f"{question}: " in message


def test_no_answers_at_all_names_every_required_question():
    problems, _ = problems_of(REFERENCE_CONFIG, {})
    assert [question for question, _ in problems] == [question.code for question in REFERENCE_CONFIG.questions]


def test_an_optional_question_may_be_left_out():
    config = simple_config(scale("q1", "d1", 0, 4), scale("q2", "d2", 0, 6, required=False))
    assert indicative_budget(config, {"q1": "p4"}).amount == D("40.00")
    assert indicative_budget(config, {"q1": "p4", "q2": "p6"}).amount == D("100.00")


# ---------------------------------------------------------------------------------------------
# Configurations that cannot be published
# ---------------------------------------------------------------------------------------------

FAMILY_ADJUSTMENT = REFERENCE_CONFIG.adjustments[0]


def _with_question(config, code, **changes):
    return tuple(dataclasses.replace(q, **changes) if q.code == code else q for q in config.questions)


def _with_domain(config, code, **changes):
    return tuple(dataclasses.replace(d, **changes) if d.code == code else d for d in config.domains)


CONFIGURATION_PROBLEMS = [
    (
        "negative adjustment factor",
        {"adjustments": (dataclasses.replace(FAMILY_ADJUSTMENT, factor=D("-0.8")),)},
        "Help from family or friends: the factor cannot be negative.",
    ),
    (
        "negative points",
        {
            "questions": _with_question(
                REFERENCE_CONFIG, "eating", options=(AnswerOption("a", D(0)), AnswerOption("b", D("-3")))
            )
        },
        "eating: points cannot be negative.",
    ),
    (
        "falling bands",
        {"money_function": Bands((Band("A", D("0"), D("5000")), Band("B", D("10"), D("4999.99"))))},
        "A band with more points cannot be worth less money.",
    ),
    (
        "falling bands listed out of order",
        {"money_function": Bands((Band("B", D("10"), D("100")), Band("A", D("0"), D("200"))))},
        "A band with more points cannot be worth less money.",
    ),
    ("no bands", {"money_function": Bands(())}, "Give at least one band."),
    (
        "two bands starting at the same points",
        {
            "money_function": Bands(
                (Band("A", D("0"), D("100")), Band("B", D("10"), D("200")), Band("C", D("10"), D("200")))
            )
        },
        "Bands B and C both start at 10 points: each band must start at more points than the band before it.",
    ),
    (
        "two bands starting at the same points, written differently and listed out of order",
        {
            "money_function": Bands(
                (Band("B", D("10.00"), D("200")), Band("A", D("0"), D("100")), Band("C", D("1E+1"), D("200")))
            )
        },
        "Bands B and C both start at 10 points: each band must start at more points than the band before it.",
    ),
    (
        "a band worth less than nothing",
        {"money_function": Bands((Band("A", D("0"), D("-0.01")), Band("B", D("10"), D("200"))))},
        "Band A: the amount cannot be negative.",
    ),
    (
        "a band starting below no points",
        {"money_function": Bands((Band("A", D("-5"), D("0")), Band("B", D("10"), D("200"))))},
        "Band A: the points it starts at cannot be negative.",
    ),
    (
        "two bands with the same name",
        {
            "money_function": Bands(
                (Band("A", D("0"), D("0")), Band("B", D("10"), D("200")), Band("B", D("20"), D("300")))
            )
        },
        "Two bands are called B: give each band its own name.",
    ),
    (
        "a corner below no points",
        {"money_function": PiecewiseLinear((Piece(D("-1"), D("0")), Piece(D("12.5"), D("100"))))},
        "The corner at -1 points: the points cannot be negative.",
    ),
    (
        "a corner worth less than nothing",
        {"money_function": PiecewiseLinear((Piece(D("0"), D("-100")), Piece(D("12.5"), D("100"))))},
        "The corner at 0 points: the amount cannot be negative.",
    ),
    (
        "corners with the same points",
        {"money_function": PiecewiseLinear((Piece(D("0"), D("0")), Piece(D("10"), D("1")), Piece(D("10"), D("2"))))},
        "The corners' points must rise.",
    ),
    (
        "corners with falling points",
        {"money_function": PiecewiseLinear((Piece(D("10"), D("0")), Piece(D("5"), D("100"))))},
        "The corners' points must rise.",
    ),
    (
        "corners with falling amounts",
        {"money_function": PiecewiseLinear((Piece(D("0"), D("100")), Piece(D("10"), D("99"))))},
        "The corners' amounts cannot fall as points rise.",
    ),
    (
        "one corner",
        {"money_function": PiecewiseLinear((Piece(D("0"), D("100")),))},
        "Give at least two corners for a piecewise-linear table.",
    ),
    (
        "adjustment triggered by a question with points",
        {"adjustments": (dataclasses.replace(FAMILY_ADJUSTMENT, question="safety", options=frozenset({"level_1"})),)},
        "Help from family or friends: the question it depends on must score no points.",
    ),
    (
        "adjustment triggered by a question that does not exist",
        {"adjustments": (dataclasses.replace(FAMILY_ADJUSTMENT, question="nope"),)},
        "Help from family or friends: no question called nope.",
    ),
    (
        "adjustment of a domain that does not exist",
        {"adjustments": (dataclasses.replace(FAMILY_ADJUSTMENT, domains=frozenset({"eating", "nope"})),)},
        "Help from family or friends: it names a domain that does not exist.",
    ),
    (
        "maximum below minimum",
        {"minimum": D("1000"), "maximum": D("999.99")},
        "The maximum cannot be less than the minimum.",
    ),
    ("negative minimum", {"minimum": D("-0.01")}, "The minimum cannot be negative."),
    ("negative price", {"money_function": PricePerPoint(D("-247"))}, "The price per point cannot be negative."),
    (
        "negative weight",
        {"domains": _with_domain(REFERENCE_CONFIG, "safety", weight=D("-1"))},
        "Staying safe: the weight cannot be negative.",
    ),
    (
        "negative cap",
        {"domains": _with_domain(REFERENCE_CONFIG, "safety", cap_points=D("-1"))},
        "Staying safe: the cap cannot be negative.",
    ),
    (
        "two domains with one code",
        {"domains": (*REFERENCE_CONFIG.domains, Domain("safety", "Staying safe again"))},
        "Two domains have the same code.",
    ),
    (
        "two questions with one code",
        {"questions": (*REFERENCE_CONFIG.questions, REFERENCE_CONFIG.questions[0])},
        "Two questions have the same code.",
    ),
    (
        "question in a domain that does not exist",
        {"questions": _with_question(REFERENCE_CONFIG, "work", domain="nope")},
        "work: no domain called nope.",
    ),
    (
        "question with no answers",
        {"questions": _with_question(REFERENCE_CONFIG, "work", options=())},
        "work: has no answers",
    ),
    (
        "two answers with one code",
        {
            "questions": _with_question(
                REFERENCE_CONFIG, "work", options=(AnswerOption("a", D(0)), AnswerOption("a", D(1)))
            )
        },
        "work: two answers have the same code.",
    ),
]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [pytest.param(changes, problem, id=name) for name, changes, problem in CONFIGURATION_PROBLEMS],
)
def test_configuration_problems_are_caught(changes, problem):
    config = replace(REFERENCE_CONFIG, **changes)
    problems = configuration_problems(config)
    assert len(problems) == 1
    assert problems[0].startswith(problem)
    with pytest.raises(InvalidConfiguration, match=problem.split(":")[0]):
        indicative_budget(config, REFERENCE_ANSWERS)


def test_every_configuration_problem_is_listed_together():
    config = replace(
        REFERENCE_CONFIG,
        adjustments=(dataclasses.replace(FAMILY_ADJUSTMENT, factor=D("-1")),),
        money_function=PricePerPoint(D("-1")),
        minimum=D("10"),
        maximum=D("5"),
    )
    assert configuration_problems(config) == [
        "Help from family or friends: the factor cannot be negative.",
        "The price per point cannot be negative.",
        "The maximum cannot be less than the minimum.",
    ]


@pytest.mark.parametrize(
    "money_function",
    [
        PricePerPoint(D("0")),
        Bands((Band("A", D("0"), D("0")), Band("B", D("10"), D("0")))),  # flat bands are allowed
        PiecewiseLinear((Piece(D("0"), D("5")), Piece(D("10"), D("5")))),  # flat corners are allowed
    ],
)
def test_flat_money_functions_are_sound(money_function):
    assert configuration_problems(replace(REFERENCE_CONFIG, money_function=money_function)) == []


# ---------------------------------------------------------------------------------------------
# Exactly two decimal places
# ---------------------------------------------------------------------------------------------


def test_a_figure_raised_to_the_minimum_has_two_decimal_places():
    result = indicative_budget(REFERENCE_CONFIG, ALL_ZERO_ANSWERS)
    assert result.amount == D("1000.00")
    assert all(two_places(amount) for amount in (result.amount, result.annual_amount, result.weekly_amount))
    assert all(two_places(step.amount) for step in result.steps)


def test_a_figure_brought_down_to_the_maximum_has_two_decimal_places():
    result = indicative_budget(replace(REFERENCE_CONFIG, maximum=D("5000")), REFERENCE_ANSWERS)
    assert result.amount == D("5000.00")
    assert two_places(result.amount)
    assert two_places(result.annual_amount)


def test_a_zero_figure_has_two_decimal_places():
    config = simple_config(scale("q1", "d1", 0, 5))
    result = indicative_budget(config, {"q1": "p0"})
    assert result.amount == 0
    assert two_places(result.amount)
    assert two_places(result.annual_amount)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------


def scaled(low, high, places=2):
    """Decimals from low to high (in units of 10**-places), each with exactly `places` places."""
    return st.integers(low, high).map(lambda n: D(n).scaleb(-places))


money_amounts = scaled(0, 5_000_000)  # £0.00 to £50,000.00
point_values = st.one_of(st.integers(0, 20).map(D), scaled(0, 200, places=1))  # whole points, or tenths
factors = st.one_of(st.sampled_from([D("1"), D("0"), D("0.8"), D("0.5"), D("1.5")]), scaled(0, 300))


def rising(values, *, strictly):
    """Cumulative sums: a list that rises (strictly, if told) from its first value."""
    total, out = None, []
    for value in values:
        total = value if total is None else total + value
        out.append(total)
    if strictly:
        assert all(b > a for a, b in zip(out, out[1:], strict=False))
    return out


@st.composite
def money_functions(draw, kinds=("price", "bands", "piecewise")):
    kind = draw(st.sampled_from(kinds))
    if kind == "price":
        return PricePerPoint(draw(scaled(0, 100_000)))
    if kind == "bands":
        count = draw(st.integers(1, 5))
        mins = rising([draw(point_values)] + [draw(scaled(1, 200, places=1)) for _ in range(count - 1)], strictly=True)
        amounts = rising([draw(money_amounts) for _ in range(count)], strictly=False)
        bands = [Band(chr(ord("A") + i), mins[i], amounts[i]) for i in range(count)]
        return Bands(tuple(draw(st.permutations(bands))))
    count = draw(st.integers(2, 5))
    points = rising([draw(point_values)] + [draw(scaled(1, 200, places=1)) for _ in range(count - 1)], strictly=True)
    amounts = rising([draw(money_amounts) for _ in range(count)], strictly=False)
    return PiecewiseLinear(tuple(Piece(p, a) for p, a in zip(points, amounts, strict=True)))


@st.composite
def any_tables(draw, kinds=("bands", "piecewise")):
    """A band or piecewise-linear table that may be unsound: bands starting at the same points,
    amounts below zero or falling. Drawn from a few values, so that such faults are common."""
    points = st.sampled_from([D("0"), D("5"), D("10"), D("10.00"), D("10.5"), D("20"), D("40")])
    amounts = st.sampled_from([D("-100"), D("0"), D("100"), D("250.50"), D("1000"), D("1000.00"), D("5000")])
    kind = draw(st.sampled_from(kinds))
    count = draw(st.integers(1, 3) if kind == "bands" else st.integers(2, 3))
    starts = sorted(draw(st.lists(points, min_size=count, max_size=count)))
    values = draw(st.lists(amounts, min_size=count, max_size=count))
    values = values if draw(st.integers(0, 3)) == 0 else sorted(values)  # mostly rising, sometimes not
    if kind == "bands":
        bands = [
            Band(chr(ord("A") + i), start, value) for i, (start, value) in enumerate(zip(starts, values, strict=True))
        ]
        return Bands(tuple(draw(st.permutations(bands))))
    return PiecewiseLinear(tuple(Piece(start, value) for start, value in zip(starts, values, strict=True)))


@st.composite
def configurations(draw, kinds=("price", "bands", "piecewise"), point_changes=True):
    """A sound configuration. Without point changes: weights of 1, no caps and no adjustments."""
    domain_count = draw(st.integers(1, 4))
    domains = tuple(
        Domain(
            f"d{i}",
            f"Domain {i}",
            weight=draw(factors) if point_changes else D(1),
            cap_points=draw(st.none() | point_values) if point_changes else None,
        )
        for i in range(domain_count)
    )
    domain_codes = [domain.code for domain in domains]
    questions = [
        Question(
            f"q{i}",
            draw(st.sampled_from(domain_codes)),
            tuple(AnswerOption(f"o{j}", draw(point_values)) for j in range(draw(st.integers(1, 5)))),
            required=draw(st.booleans()),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    adjustments = []
    for k in range(draw(st.integers(0, 2)) if point_changes else 0):
        questions.append(
            Question(
                f"t{k}",
                domain_codes[0],
                (AnswerOption("yes", D(0)), AnswerOption("no", D(0))),
                required=draw(st.booleans()),
            )
        )
        adjustments.append(
            Adjustment(
                f"Adjustment {k}",
                f"t{k}",
                frozenset({"yes"}),
                frozenset(draw(st.lists(st.sampled_from(domain_codes), min_size=1, unique=True))),
                draw(factors),
            )
        )
    minimum = draw(st.just(D("0.00")) | money_amounts)
    maximum = draw(st.none() | money_amounts.map(lambda extra: minimum + extra))
    return RasConfiguration(
        version="generated",
        domains=domains,
        questions=tuple(questions),
        money_function=draw(money_functions(kinds)),
        period=draw(st.sampled_from(Period)),
        adjustments=tuple(adjustments),
        minimum=minimum,
        maximum=maximum,
        rounding=draw(st.sampled_from(Rounding)),
    )


@st.composite
def answers_for(draw, config):
    answers = {}
    for question in config.questions:
        choices = [option.code for option in question.options]
        if not question.required:
            choices.append(None)
        choice = draw(st.sampled_from(choices))
        if choice is not None:
            answers[question.code] = choice
    return answers


@st.composite
def cases(draw, kinds=("price", "bands", "piecewise"), point_changes=True, any_table=False):
    """A sound configuration and answers to it. With `any_table`, its money is a band or piecewise
    table drawn with no care to make it sound, kept only if configuration_problems finds nothing:
    what the checks let through must keep the rule's promises too."""
    table = None
    if any_table:  # the table is checked on its own first: a table refused costs little
        table = draw(any_tables(tuple(kind for kind in kinds if kind != "price")))
        assume(configuration_problems(simple_config(money_function=table)) == [])
    config = draw(configurations(kinds, point_changes))
    if table is not None:
        config = replace(config, money_function=table)
        assert configuration_problems(config) == []  # everything else was drawn sound
    return config, draw(answers_for(config))


def unit_of(rounding):
    return {Rounding.PENNY: PENNY, Rounding.POUND: D("1"), Rounding.TEN_POUNDS: D("10")}[rounding]


@given(cases())
def test_generated_configurations_are_sound(case):
    config, answers = case
    assert configuration_problems(config) == []
    assert indicative_budget(config, answers).version == "generated"


@st.composite
def answer_changes(draw, kinds=("price", "bands", "piecewise"), point_changes=True, any_table=False):
    """A configuration, answers, and one scored question with a lower- and a higher-points answer."""
    config, answers = draw(cases(kinds, point_changes, any_table))
    question = draw(st.sampled_from([q for q in config.questions if q.code.startswith("q")]))
    pair = draw(st.lists(st.sampled_from(question.options), min_size=2, max_size=2))
    low, high = sorted(pair, key=lambda option: option.points)
    return config, answers, question.code, low.code, high.code


def assert_higher_points_never_lower_the_figure(change):
    config, answers, question, low, high = change
    lower = indicative_budget(config, {**answers, question: low})
    higher = indicative_budget(config, {**answers, question: high})
    assert higher.total_points >= lower.total_points
    assert higher.amount >= lower.amount


@given(answer_changes(kinds=("bands", "piecewise")) | answer_changes(kinds=("bands", "piecewise"), any_table=True))
def test_a_higher_points_answer_never_lowers_the_figure(change):
    assert_higher_points_never_lower_the_figure(change)


@given(answer_changes(kinds=("price",), point_changes=False))
def test_a_higher_points_answer_never_lowers_the_price_per_point_figure_without_point_changes(change):
    assert_higher_points_never_lower_the_figure(change)


WEIGHT_AND_CAP = simple_config(
    scale("q1", "d1", 10, 11),
    domains=(Domain("d1", "Personal care", weight=D("0.1"), cap_points=D("1")),),
    money_function=PricePerPoint(D("4.75")),
)


@given(answer_changes(kinds=("price",)))
@example((capped_at_seven(14, 15), {"q1": "p14", "family": "yes"}, "q1", "p14", "p15"))
@example((WEIGHT_AND_CAP, {"q1": "p10"}, "q1", "p10", "p11"))
def test_a_higher_points_answer_never_lowers_the_price_per_point_figure(change):
    assert_higher_points_never_lower_the_figure(change)


@given(cases() | cases(kinds=("bands", "piecewise"), any_table=True))
def test_the_figure_is_within_the_minimum_and_maximum(case):
    config, answers = case
    result = indicative_budget(config, answers)
    half_unit = unit_of(config.rounding) / 2
    assert result.amount >= config.minimum - half_unit
    if config.maximum is not None:
        assert result.amount <= config.maximum + half_unit
    assert result.amount % unit_of(config.rounding) == 0


@given(cases(kinds=("bands", "piecewise"), any_table=True))
def test_a_table_the_checks_let_through_never_shows_a_negative_amount(case):
    config, answers = case
    table_line = indicative_budget(config, answers).steps[0]  # a table's figure is one line
    assert table_line.amount >= 0


@given(cases(kinds=("bands",), any_table=True), st.data())
def test_bands_the_checks_let_through_give_the_same_figure_and_steps_in_any_order(case, data):
    config, answers = case
    reordered = replace(config, money_function=Bands(data.draw(st.permutations(config.money_function.bands))))
    assert configuration_problems(reordered) == []
    assert indicative_budget(reordered, answers) == indicative_budget(config, answers)


@given(cases())
def test_the_same_answers_always_give_the_same_figure_and_steps(case):
    config, answers = case
    first = indicative_budget(config, answers)
    again = indicative_budget(config, dict(answers))
    reordered = indicative_budget(config, dict(reversed(list(answers.items()))))
    assert first == again == reordered
    assert first.steps == again.steps == reordered.steps
    assert repr(first) == repr(again) == repr(reordered)  # the same Decimals, to the last place


@given(cases())
def test_the_steps_add_up_to_the_figure_exactly(case):
    config, answers = case
    result = indicative_budget(config, answers)
    assert sum((step.amount for step in result.steps), D(0)) == result.amount


@given(cases())
def test_weekly_and_annual_agree_with_the_period(case):
    config, answers = case
    result = indicative_budget(config, answers)
    assert result.period == config.period
    if config.period == Period.WEEKLY:
        assert result.weekly_amount == result.amount
        assert result.annual_amount == result.weekly_amount * 52
    else:
        assert result.annual_amount == result.amount
        assert result.weekly_amount == (result.annual_amount / 52).quantize(PENNY, rounding=ROUND_HALF_UP)


@given(cases())
def test_every_amount_has_two_decimal_places(case):
    config, answers = case
    result = indicative_budget(config, answers)
    assert all(two_places(step.amount) for step in result.steps)
    assert two_places(result.amount)
    assert two_places(result.weekly_amount)
    assert two_places(result.annual_amount)


@given(cases())
def test_remembering_the_checks_never_changes_a_figure_or_a_step(case):
    """The rule remembers a configuration's checks on the object after the first call: a second
    call, and a fresh copy of the configuration with nothing remembered, give the same result."""
    config, answers = case
    first = indicative_budget(config, answers)
    again = indicative_budget(config, answers)
    fresh = indicative_budget(dataclasses.replace(config), answers)
    assert first == again == fresh
    assert repr(first) == repr(again) == repr(fresh)  # the same Decimals, to the last place


def test_the_configuration_is_checked_once_however_often_the_rule_is_called(monkeypatch):
    example = reference_example()
    config = dataclasses.replace(example.configuration)
    calls = []
    real_checks = ras.configuration_problems
    monkeypatch.setattr(ras, "configuration_problems", lambda c: calls.append(c) or real_checks(c))
    for _ in range(3):
        indicative_budget(config, example.answers)
    assert calls == [config]


def test_a_faulty_configuration_is_refused_on_every_call_not_only_the_first():
    example = reference_example()
    faulty = dataclasses.replace(example.configuration, money_function=PricePerPoint(Decimal("-1")))
    for _ in range(2):
        with pytest.raises(InvalidConfiguration, match="The price per point cannot be negative"):
            indicative_budget(faulty, example.answers)


def test_answers_are_checked_on_every_call_even_when_the_configuration_is_remembered():
    example = reference_example()
    indicative_budget(example.configuration, example.answers)
    with pytest.raises(InvalidAnswers):
        indicative_budget(example.configuration, {**example.answers, "personal_care": "level_9"})


@given(cases(kinds=("price",)))
def test_each_domains_own_line_counts_its_points_as_scored(case):
    """With a price per point, the domains' own lines (the first lines, one for each domain that
    scored) count the points as the answers scored them; the changes come after, in lines of their own."""
    config, answers = case
    result = indicative_budget(config, answers)
    price = ras.pounds(config.money_function.amount_per_point)
    scored = ras.points_as_scored(config, answers)
    expected = [f"{d.name}: {ras.points_text(scored[d.code])} × {price}" for d in config.domains if scored[d.code]]
    assert [step.description for step in result.steps[: len(expected)]] == expected
