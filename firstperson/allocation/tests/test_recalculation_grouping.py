"""The bulk recalculation calls the pure rule once per group of answers (services/recalculation.py
`grouping_key`: the raw points of each domain and the answers to questions that trigger an
adjustment). This checks the claim it rests on: answers with the same key get exactly the same
stored figures and steps from the rule, whatever the configuration; and answers whose key differs
in a domain's points are told apart."""

import dataclasses
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firstperson.allocation.rules import ras
from firstperson.allocation.services import recalculation

D = Decimal
#: Two questions a domain, sharing a scale, so different answers can add up to the same points.
SCALES = {
    "personal_care": ("Personal care", (D("0"), D("1.5"), D("3"), D("4.5"), D("6"))),
    "eating": ("Eating and drinking", (D("0"), D("2"), D("3"), D("5"))),
    "safety": ("Staying safe", (D("0"), D("1"), D("2"), D("3.00"))),
}
FAMILY = ("none", "some", "a_lot")


def _questions():
    questions = []
    for code, (_, scale) in SCALES.items():
        for part in ("a", "b"):
            options = tuple(ras.AnswerOption(f"level_{n}", points) for n, points in enumerate(scale))
            questions.append(ras.Question(f"{code}_{part}", code, options))
    questions.append(ras.Question("family_support", "circumstances", tuple(ras.AnswerOption(c, D(0)) for c in FAMILY)))
    return tuple(questions)


def _option_rows(config):
    """Answer options as the database would hold them: (id, code, question code, orders)."""
    rows, n = [], 0
    for q_order, question in enumerate(config.questions):
        for option in question.options:
            n += 1
            rows.append((n, option.code, question.code, q_order, 0))
    return rows


money_functions = st.one_of(
    st.builds(ras.PricePerPoint, st.decimals(min_value=0, max_value=500, places=2)),
    st.just(
        ras.Bands((ras.Band("A", D(0), D("1000")), ras.Band("B", D("7.5"), D("5000")), ras.Band("C", D(15), D("9000"))))
    ),
    st.just(ras.PiecewiseLinear((ras.Piece(D(0), D(500)), ras.Piece(D(10), D(4000)), ras.Piece(D(30), D(20000))))),
)


@st.composite
def configurations(draw):
    domains = tuple(
        ras.Domain(
            code,
            name,
            weight=draw(st.sampled_from([D(1), D("0.5"), D("1.25"), D(2)])),
            cap_points=draw(st.one_of(st.none(), st.sampled_from([D(4), D("7.5"), D(20)]))),
        )
        for code, (name, _) in SCALES.items()
    ) + (ras.Domain("circumstances", "Your circumstances"),)
    adjustments = (
        ras.Adjustment(
            "Help from family or friends",
            "family_support",
            frozenset(draw(st.sets(st.sampled_from(FAMILY), min_size=1))),
            frozenset(draw(st.sets(st.sampled_from(list(SCALES)), min_size=1))),
            draw(st.sampled_from([D("0.8"), D("0.5"), D("1.1")])),
        ),
    )
    minimum = draw(st.sampled_from([D(0), D(1000)]))
    return ras.RasConfiguration(
        version="grouping-test",
        domains=domains,
        questions=_questions(),
        money_function=draw(money_functions),
        period=draw(st.sampled_from(list(ras.Period))),
        adjustments=adjustments,
        minimum=minimum,
        maximum=draw(st.sampled_from([None, D(30000)])),
        rounding=draw(st.sampled_from(list(ras.Rounding))),
    )


@st.composite
def answer_pairs(draw):
    """Two sets of answers with the same points in every domain and the same family support."""
    first, second = {}, {}
    for code, (_, scale) in SCALES.items():
        i, j = draw(st.integers(0, len(scale) - 1)), draw(st.integers(0, len(scale) - 1))
        # The same sum, written the same way: the rule stores 3.00 + 0 as "3.00" but 1 + 2 as "3".
        total = str(D(0) + scale[i] + scale[j])
        same_sum = [
            (k, m) for k in range(len(scale)) for m in range(len(scale)) if str(D(0) + scale[k] + scale[m]) == total
        ]
        k, m = draw(st.sampled_from(same_sum))
        first |= {f"{code}_a": f"level_{i}", f"{code}_b": f"level_{j}"}
        second |= {f"{code}_a": f"level_{k}", f"{code}_b": f"level_{m}"}
    family = draw(st.sampled_from(FAMILY))
    return first | {"family_support": family}, second | {"family_support": family}


def _picked(plan, answers):
    by_codes = {(o.question, o.code): o for o in plan.options.values()}
    return [by_codes[(question, option)] for question, option in answers.items()]


@settings(max_examples=300)
@given(configurations(), answer_pairs())
def test_answers_with_the_same_key_get_the_same_figures_and_steps(config, pair):
    plan = recalculation.plan_from(config, _option_rows(config))
    first, second = pair
    assert recalculation.answers_fit(plan, _picked(plan, first))
    assert recalculation.grouping_key(plan, _picked(plan, first)) == recalculation.grouping_key(
        plan, _picked(plan, second)
    )
    one, other = ras.indicative_budget(config, first), ras.indicative_budget(config, second)
    assert recalculation._figures(one) == recalculation._figures(other)


@settings(max_examples=100)
@given(configurations(), st.data())
def test_different_points_in_a_domain_give_different_keys(config, data):
    plan = recalculation.plan_from(config, _option_rows(config))
    first, _ = data.draw(answer_pairs())
    changed = dict(first)
    level = int(first["safety_a"].removeprefix("level_"))
    changed["safety_a"] = f"level_{(level + 1) % 4}"
    assert recalculation.grouping_key(plan, _picked(plan, first)) != recalculation.grouping_key(
        plan, _picked(plan, changed)
    )


def test_a_missing_required_answer_or_an_unknown_option_does_not_fit():
    config = ras.reference_example().configuration
    plan = recalculation.plan_from(config, _option_rows(config))
    answers = dict(ras.reference_example().answers)
    assert recalculation.answers_fit(plan, _picked(plan, answers))
    del answers["safety"]
    assert not recalculation.answers_fit(plan, _picked(plan, answers))
    unknown = recalculation.plan_from(config, [*_option_rows(config), (999, "level_9", "safety", 0, 0)])
    picked = _picked(unknown, dict(ras.reference_example().answers) | {"safety": "level_9"})
    assert not recalculation.answers_fit(unknown, picked)


def test_the_same_points_written_differently_are_different_groups():
    """3.00 points and 1 + 2 points are equal numbers, but the rule stores the domain's points as it
    added them ("3.00", "3"), so they must not share a stored result."""
    config = ras.RasConfiguration(
        version="exponents",
        domains=(ras.Domain("safety", "Staying safe"), ras.Domain("circumstances", "Your circumstances")),
        questions=_questions()[4:],
        money_function=ras.PricePerPoint(D(100)),
    )
    plan = recalculation.plan_from(config, _option_rows(config))
    first = {"safety_a": "level_3", "safety_b": "level_0", "family_support": "none"}
    second = {"safety_a": "level_1", "safety_b": "level_2", "family_support": "none"}
    assert recalculation.grouping_key(plan, _picked(plan, first)) != recalculation.grouping_key(
        plan, _picked(plan, second)
    )
    assert (
        ras.indicative_budget(config, first).domains[0].points
        == ras.indicative_budget(config, second).domains[0].points
    )
    assert recalculation._figures(ras.indicative_budget(config, first)) != recalculation._figures(
        ras.indicative_budget(config, second)
    )


def test_a_plan_refuses_a_configuration_with_problems_once_for_the_whole_job():
    """The job checks the configuration when it makes its plan, so the rule need not on every call."""
    sound = ras.reference_example().configuration
    broken = dataclasses.replace(sound, minimum=Decimal("-1"))
    assert recalculation.plan_from(sound, _option_rows(sound)).config is sound
    with pytest.raises(ras.InvalidConfiguration, match="The minimum cannot be negative."):
        recalculation.plan_from(broken, _option_rows(broken))


def test_the_in_database_key_is_one_sum_only_when_every_answers_points_are_written_alike():
    """PostgreSQL works out the grouping key as one sum an assessment only when every answer's
    points have the same exponent: the rule writes 1.5 + 1.5 as 3.0 and 1 + 2 as 3, and one sum
    cannot tell those apart. Otherwise it writes each domain's points out, as the rule does."""
    from firstperson.allocation.services.recalculation_postgres import _key_parts

    mixed = ras.RasConfiguration(  # scales with 1.5, 3 and 3.00 side by side
        version="exponents",
        domains=tuple(ras.Domain(code, name) for code, (name, _) in SCALES.items())
        + (ras.Domain("circumstances", "Your circumstances"),),
        questions=_questions(),
        money_function=ras.PricePerPoint(D(100)),
    )
    assert _key_parts(recalculation.plan_from(mixed, _option_rows(mixed))) is None
    whole = dataclasses.replace(
        mixed,
        questions=tuple(
            dataclasses.replace(q, options=tuple(ras.AnswerOption(o.code, D(0)) for o in q.options))
            if q.code == "family_support"
            else dataclasses.replace(q, options=tuple(ras.AnswerOption(o.code, D(n)) for n, o in enumerate(q.options)))
            for q in mixed.questions
        ),
    )
    assert _key_parts(recalculation.plan_from(whole, _option_rows(whole))) is not None


def test_the_one_sum_key_tells_apart_exactly_what_grouping_key_does():
    """Each answer's part sits in its own run of digits (recalculation_postgres._key_parts), so two
    assessments' sums are equal exactly when their domains' points and trigger answers are. Every
    possible set of answers to a small configuration is tried. Its points are uneven, so totals
    such as 0.99 + 0.01 and 0.12 + 0.88 meet, and every run of digits is as short as it can be:
    a run one digit shorter would let two groups share a sum. One trigger question has eleven
    answers and the other two, so a trigger's run sized by the wrong question would be too short.
    (Eleven, not ten: places 1 to 10 still fit one digit, as the next run's 0 takes the carry.)"""
    from firstperson.allocation.services.recalculation_postgres import _key_parts

    scale = tuple(D(p) for p in ("0.00", "0.01", "0.12", "0.88", "0.99"))
    none = D("0.00")

    def question(code, domain, points, required=True):
        options = tuple(ras.AnswerOption(f"level_{n}", p) for n, p in enumerate(points))
        return ras.Question(code, domain, options, required)

    config = ras.RasConfiguration(
        version="tight",
        domains=(ras.Domain("daily", "Daily life"), ras.Domain("safety", "Staying safe"), ras.Domain("life", "Life")),
        questions=(
            question("daily_a", "daily", scale),
            question("daily_b", "daily", scale),
            question("safety_a", "safety", scale[:4]),
            question("family_support", "life", (none,) * 11),
            question("work", "life", (none, none), required=False),  # unanswered is an answer of its own
        ),
        money_function=ras.PricePerPoint(D(100)),
        adjustments=(
            ras.Adjustment("Family", "family_support", frozenset({"level_1"}), frozenset({"daily"}), D("0.5")),
            ras.Adjustment("Work", "work", frozenset({"level_1"}), frozenset({"safety"}), D("0.5")),
        ),
    )
    plan = recalculation.plan_from(config, _option_rows(config))
    parts = _key_parts(plan)
    assert parts is not None
    ids = {(option.question, option.code): pk for pk, option in plan.options.items()}
    groups_by_sum: dict[int, set] = {}
    choices = [[*range(len(q.options)), *([] if q.required else [None])] for q in config.questions]
    for levels in itertools.product(*choices):
        answers = {q.code: f"level_{n}" for q, n in zip(config.questions, levels, strict=True) if n is not None}
        one_sum = sum(parts[ids[(code, option)]] for code, option in answers.items())
        groups_by_sum.setdefault(one_sum, set()).add(recalculation.grouping_key(plan, _picked(plan, answers)))
    assert all(len(groups) == 1 for groups in groups_by_sum.values()), "one sum, one group"
    assert len(set().union(*groups_by_sum.values())) == len(groups_by_sum), "one group, one sum"
    assert len(groups_by_sum) < 5 * 5 * 4 * 11 * 3, "some different answers share a group"


def test_stored_figures_are_the_json_the_selectors_give():
    """`_figures` writes the JSON itself (it runs once per group): the same as json.dumps of
    selectors.stored_domain_points and stored_steps, whatever the names hold."""
    import json

    from firstperson.allocation import selectors

    @given(st.text(), st.text(), st.decimals(min_value=-(10**6), max_value=10**6, places=2))
    @settings(max_examples=200)
    def check(name, description, amount):
        result = ras.RasResult(
            version="v",
            total_points=D("3"),
            domains=(ras.DomainPoints("d", name, D("1.5")), ras.DomainPoints('q"\\', "Plain", D("0"))),
            steps=(ras.Step(description, amount), ras.Step("Rounded", D("-0.01"))),
            period=ras.Period.WEEKLY,
            amount=amount,
            weekly_amount=amount,
            annual_amount=amount * 52,
        )
        figures = recalculation._figures(result)
        assert json.loads(figures.domain_points) == selectors.stored_domain_points(result)
        assert json.loads(figures.steps) == selectors.stored_steps(result)

    check()
