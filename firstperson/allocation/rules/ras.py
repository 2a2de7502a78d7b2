"""The Resource Allocation System: answers become points, points become an indicative budget.

Source: ../shared/domain/REFERENCE.md §2 (pipeline §2.2, worked example §2.10). The result is a
starting point for planning, never a cap (R (KM) v Cambridgeshire CC [2012] UKSC 23; Care Act
statutory guidance 11.24): the practitioner may set a different figure with reasons (moderation).

The steps explain the figure line by line, in money, and add up to it exactly: each line is
rounded to the penny, the running total is the sum of the lines, and any minimum, maximum or
rounding rule adds its own line.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property, lru_cache

# Stored with every indicative budget: change it whenever a change here could change a figure.
RULE_VERSION = "ras-2026.1"
PENNY = Decimal("0.01")
WEEKS_PER_YEAR = Decimal(52)


class Period(StrEnum):
    WEEKLY = "weekly"
    ANNUAL = "annual"


class Rounding(StrEnum):
    PENNY = "penny"
    POUND = "pound"
    TEN_POUNDS = "ten_pounds"


_ROUNDING_UNITS = {Rounding.PENNY: PENNY, Rounding.POUND: Decimal("1"), Rounding.TEN_POUNDS: Decimal("10")}


def money(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, ROUND_HALF_UP)  # (by position: about twice as quick as by keyword)


# The two wordings below depend only on the number's value (3 and 3.0 read the same), so they are
# remembered: the bulk recalculation words the same few amounts hundreds of thousands of times.
@lru_cache(maxsize=8192)
def pounds(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


@lru_cache(maxsize=8192)
def points_text(points: Decimal) -> str:
    text = f"{points.normalize():f}"
    return f"{text} point" if points == 1 else f"{text} points"


@dataclass(frozen=True)
class AnswerOption:
    code: str
    points: Decimal


@dataclass(frozen=True)
class Question:
    code: str
    domain: str
    options: tuple[AnswerOption, ...]
    required: bool = True

    def option(self, code: str) -> AnswerOption | None:
        return self._options_by_code.get(code)

    @cached_property
    def _options_by_code(self) -> dict[str, AnswerOption]:
        by_code: dict[str, AnswerOption] = {}
        for option in self.options:
            by_code.setdefault(option.code, option)  # the first, should a faulty set repeat a code
        return by_code


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    weight: Decimal = Decimal(1)
    cap_points: Decimal | None = None


@dataclass(frozen=True)
class Adjustment:
    """When the answer to `question` is one of `options`, multiply the points of `domains` by
    `factor`. For example, help from family with personal care: those domains x 0.8."""

    description: str
    question: str
    options: frozenset[str]
    domains: frozenset[str]
    factor: Decimal


@dataclass(frozen=True)
class PricePerPoint:
    amount_per_point: Decimal


@dataclass(frozen=True)
class Band:
    name: str
    min_points: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Bands:
    """Points from a band's minimum up to the next band's minimum get that band's amount."""

    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Piece:
    points: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PiecewiseLinear:
    """Straight lines between the given (points, amount) corners; flat beyond the ends."""

    corners: tuple[Piece, ...]


MoneyFunction = PricePerPoint | Bands | PiecewiseLinear


@dataclass(frozen=True)
class RasConfiguration:
    version: str
    domains: tuple[Domain, ...]
    questions: tuple[Question, ...]
    money_function: MoneyFunction
    period: Period = Period.ANNUAL
    adjustments: tuple[Adjustment, ...] = ()
    # The minimum and maximum are in the configuration's own period, like the money function.
    minimum: Decimal = Decimal(0)
    maximum: Decimal | None = None
    rounding: Rounding = Rounding.PENNY

    # Lookups the rule needs on every call, worked out once per configuration (it never changes).
    @cached_property
    def _questions_by_code(self) -> dict[str, Question]:
        return {question.code: question for question in self.questions}

    @cached_property
    def _domains_by_code(self) -> dict[str, Domain]:
        return {domain.code: domain for domain in self.domains}

    @cached_property
    def _domain_of_question(self) -> dict[str, str]:
        return {code: question.domain for code, question in self._questions_by_code.items()}

    @cached_property
    def _weighted_or_capped(self) -> tuple[tuple[str, Domain], ...]:
        """The domains whose points a weight or a cap may change, in order (the others never do)."""
        return tuple((d.code, d) for d in self.domains if d.weight != 1 or d.cap_points is not None)

    @cached_property
    def _line_texts(self) -> dict[tuple[str, Decimal], str]:
        """Each domain's line for a number of points, once worded (filled in as the rule runs)."""
        return {}

    @cached_property
    def _adjusted_domains_in_order(self) -> tuple[tuple[str, ...], ...]:
        """Each adjustment's domains, in the configuration's order of domains."""
        order = list(self._domains_by_code)
        return tuple(tuple(sorted(adjustment.domains, key=order.index)) for adjustment in self.adjustments)

    @cached_property
    def _problems(self) -> tuple[str, ...]:
        """`configuration_problems`, found once: the checks cost as much as a call of the rule."""
        return tuple(configuration_problems(self))


@dataclass(frozen=True)
class Step:
    description: str
    amount: Decimal  # in the configuration's period, always to two decimal places (pounds and pence)


@dataclass(frozen=True)
class DomainPoints:
    code: str
    name: str
    points: Decimal


@dataclass(frozen=True)
class RasResult:
    version: str
    total_points: Decimal
    domains: tuple[DomainPoints, ...]
    steps: tuple[Step, ...]
    period: Period
    amount: Decimal  # in the configuration's period; equals the sum of the steps
    weekly_amount: Decimal
    annual_amount: Decimal


@dataclass(frozen=True)
class AnswerProblem:
    question: str
    message: str


class InvalidAnswers(ValueError):
    def __init__(self, problems: list[AnswerProblem]):
        super().__init__("; ".join(f"{p.question}: {p.message}" for p in problems))
        self.problems = problems


class InvalidConfiguration(ValueError):
    pass


def configuration_problems(config: RasConfiguration) -> list[str]:
    """Why a configuration cannot be published, in plain English; empty when it is sound.

    The checks keep the promise that a higher-points answer never lowers the figure: factors and
    weights are not negative, money never falls as points rise, and questions that trigger
    adjustments score no points themselves. A table's points and amounts are never negative (points
    never are), no two bands start at the same points, so which band a figure comes from never
    depends on the order the bands were listed in, and no two bands share a name, so the explanation
    "Band B" names one band.
    """
    problems = []
    domain_codes = [domain.code for domain in config.domains]
    if len(set(domain_codes)) != len(domain_codes):
        problems.append("Two domains have the same code.")
    question_codes = [question.code for question in config.questions]
    if len(set(question_codes)) != len(question_codes):
        problems.append("Two questions have the same code.")
    for domain in config.domains:
        if domain.weight < 0:
            problems.append(f"{domain.name}: the weight cannot be negative.")
        if domain.cap_points is not None and domain.cap_points < 0:
            problems.append(f"{domain.name}: the cap cannot be negative.")
    for question in config.questions:
        if question.domain not in domain_codes:
            problems.append(f"{question.code}: no domain called {question.domain}.")
        if not question.options:
            problems.append(f"{question.code}: has no answers to choose from.")
        if any(option.points < 0 for option in question.options):
            problems.append(f"{question.code}: points cannot be negative.")
        codes = [option.code for option in question.options]
        if len(set(codes)) != len(codes):
            problems.append(f"{question.code}: two answers have the same code.")
    by_code = {question.code: question for question in config.questions}
    for adjustment in config.adjustments:
        trigger = by_code.get(adjustment.question)
        if trigger is None:
            problems.append(f"{adjustment.description}: no question called {adjustment.question}.")
        elif any(option.points != 0 for option in trigger.options):
            problems.append(f"{adjustment.description}: the question it depends on must score no points.")
        if adjustment.factor < 0:
            problems.append(f"{adjustment.description}: the factor cannot be negative.")
        if not adjustment.domains <= set(domain_codes):
            problems.append(f"{adjustment.description}: it names a domain that does not exist.")
    function = config.money_function
    if isinstance(function, PricePerPoint) and function.amount_per_point < 0:
        problems.append("The price per point cannot be negative.")
    if isinstance(function, Bands):
        if not function.bands:
            problems.append("Give at least one band.")
        names = [band.name for band in function.bands]
        for name in sorted({name for name in names if names.count(name) > 1}):
            problems.append(f"Two bands are called {name}: give each band its own name.")
        for band in function.bands:
            if band.min_points < 0:
                problems.append(f"Band {band.name}: the points it starts at cannot be negative.")
            if band.amount < 0:
                problems.append(f"Band {band.name}: the amount cannot be negative.")
        ordered = sorted(function.bands, key=lambda band: band.min_points)
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if later.min_points == earlier.min_points:
                problems.append(
                    f"Bands {earlier.name} and {later.name} both start at {points_text(later.min_points)}: "
                    "each band must start at more points than the band before it."
                )
        if any(later.amount < earlier.amount for earlier, later in zip(ordered, ordered[1:], strict=False)):
            problems.append("A band with more points cannot be worth less money.")
    if isinstance(function, PiecewiseLinear):
        corners = function.corners
        if len(corners) < 2:
            problems.append("Give at least two corners for a piecewise-linear table.")
        for corner in corners:
            if corner.points < 0:
                problems.append(f"The corner at {points_text(corner.points)}: the points cannot be negative.")
            if corner.amount < 0:
                problems.append(f"The corner at {points_text(corner.points)}: the amount cannot be negative.")
        if any(b.points <= a.points for a, b in zip(corners, corners[1:], strict=False)):
            problems.append("The corners' points must rise.")
        if any(b.amount < a.amount for a, b in zip(corners, corners[1:], strict=False)):
            problems.append("The corners' amounts cannot fall as points rise.")
    if config.minimum < 0:
        problems.append("The minimum cannot be negative.")
    for label, amount in (("minimum", config.minimum), ("maximum", config.maximum)):
        if amount is not None and amount != money(amount):
            problems.append(f"The {label} must be in pounds and pence (two decimal places at most).")
    if config.maximum is not None and config.maximum < config.minimum:
        problems.append("The maximum cannot be less than the minimum.")
    return problems


def _check_answers(config: RasConfiguration, answers: Mapping[str, str]) -> dict[str, AnswerOption]:
    problems: list[AnswerProblem] = []
    by_code = config._questions_by_code
    chosen: dict[str, AnswerOption] = {}
    for code, option_code in answers.items():
        question = by_code.get(code)
        if question is None:
            problems.append(AnswerProblem(code, "There is no question with this code."))
            continue
        option = question.option(option_code)
        if option is None:
            problems.append(AnswerProblem(code, f'"{option_code}" is not one of the answers to this question.'))
            continue
        chosen[code] = option
    for question in config.questions:
        if question.required and question.code not in answers:
            problems.append(AnswerProblem(question.code, "This question needs an answer."))
    if problems:
        raise InvalidAnswers(problems)
    return chosen


def _money_of(function: MoneyFunction, points: Decimal) -> tuple[Decimal, str]:
    if isinstance(function, PricePerPoint):
        return points * function.amount_per_point, f"{points_text(points)} × {pounds(function.amount_per_point)}"
    if isinstance(function, Bands):
        band = None
        for candidate in sorted(function.bands, key=lambda b: b.min_points):
            if points >= candidate.min_points:
                band = candidate
        if band is None:
            return Decimal(0), f"{points_text(points)} is below the first band"
        return band.amount, f"{points_text(points)} is in band {band.name}"
    corners = function.corners
    if points <= corners[0].points:
        return corners[0].amount, f"{points_text(points)} (the lowest point of the table)"
    if points >= corners[-1].points:
        return corners[-1].amount, f"{points_text(points)} (the highest point of the table)"
    for low, high in zip(corners, corners[1:], strict=False):
        if low.points <= points <= high.points:
            share = (points - low.points) / (high.points - low.points)
            return low.amount + share * (high.amount - low.amount), (
                f"{points_text(points)}, between {points_text(low.points)} and {points_text(high.points)}"
            )
    raise InvalidConfiguration("The piecewise-linear table has a gap.")  # unreachable when corners rise


def _points_as_scored(config: RasConfiguration, chosen: Mapping[str, AnswerOption]) -> dict[str, Decimal]:
    raw = {code: Decimal(0) for code in config._domains_by_code}
    domain_of = config._domain_of_question
    for code, answer in chosen.items():  # exact sums: the order of adding makes no difference
        raw[domain_of[code]] += answer.points
    return raw


def points_as_scored(config: RasConfiguration, answers: Mapping[str, str]) -> dict[str, Decimal]:
    """Each domain's points as the answers scored them, by domain code: before adjustments, weights
    and caps change them. With a price per point, each domain's own line of money counts these (the
    figure's `domains` hold the points after the changes). Raises InvalidAnswers as the rule does."""
    return _points_as_scored(config, _check_answers(config, answers))


def indicative_budget(config: RasConfiguration, answers: Mapping[str, str]) -> RasResult:
    """Work out the indicative budget for these answers under this configuration.

    Raises InvalidConfiguration when the configuration has `configuration_problems` (found once per
    configuration object and remembered, since it never changes: a caller that calls the rule many
    times with one configuration, such as the bulk recalculation or the what-if, pays for the checks
    once), and InvalidAnswers when the answers do not fit it (checked on every call)."""
    if config._problems:
        raise InvalidConfiguration(" ".join(config._problems))
    chosen = _check_answers(config, answers)
    domains = config._domains_by_code
    raw = _points_as_scored(config, chosen)

    # Point changes in order: adjustments, then weights, then caps. Each is a line of its own.
    point_changes: list[tuple[str, Decimal]] = []
    points = dict(raw)
    for adjustment, adjusted in zip(config.adjustments, config._adjusted_domains_in_order, strict=True):
        option = chosen.get(adjustment.question)
        if option is None or option.code not in adjustment.options:
            continue
        for code in adjusted:
            change = points[code] * adjustment.factor - points[code]
            if change:
                point_changes.append((f"{adjustment.description}: {domains[code].name} × {adjustment.factor}", change))
                points[code] += change
    for code, domain in config._weighted_or_capped:
        if domain.weight != 1 and points[code]:
            change = points[code] * domain.weight - points[code]
            point_changes.append((f"{domain.name} weighted × {domain.weight}", change))
            points[code] += change
        if domain.cap_points is not None and points[code] > domain.cap_points:
            change = domain.cap_points - points[code]
            point_changes.append((f"{domain.name} capped at {points_text(domain.cap_points)}", change))
            points[code] = domain.cap_points
    total_points = sum(points.values(), Decimal(0))

    steps: list[Step] = []
    function = config.money_function
    if isinstance(function, PricePerPoint):
        # Each line is the change in the rounded running total, so the lines add up to exactly
        # money(total points x price), and more points can never mean less money.
        price = function.amount_per_point
        each = pounds(price)
        texts = config._line_texts
        lines = []
        for code, domain in domains.items():
            points_here = raw[code]
            if points_here:
                text = texts.get((code, points_here))
                if text is None:
                    text = texts[(code, points_here)] = f"{domain.name}: {points_text(points_here)} × {each}"
                lines.append((text, points_here))
        lines += [(f"{description}: {points_text(change)} × {each}", change) for description, change in point_changes]
        cumulative_points = Decimal(0)
        before = money(cumulative_points * price)
        for text, change in lines:
            cumulative_points += change
            after = money(cumulative_points * price)
            steps.append(Step(text, after - before))
            before = after
    else:
        amount, description = _money_of(function, total_points)
        steps.append(Step(description, money(amount)))
    running = sum((step.amount for step in steps), Decimal("0.00"))

    minimum = money(config.minimum)
    maximum = money(config.maximum) if config.maximum is not None else None
    if running < minimum:
        steps.append(Step(f"Raised to the minimum budget of {pounds(minimum)}", minimum - running))
        running = minimum
    if maximum is not None and running > maximum:
        steps.append(Step(f"Brought down to the highest starting budget of {pounds(maximum)}", maximum - running))
        running = maximum
    unit = _ROUNDING_UNITS[config.rounding]
    rounded = (running / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit
    if rounded != running:
        steps.append(Step(f"Rounded to the nearest {pounds(unit).replace('.00', '')}", money(rounded - running)))
        running = money(rounded)

    if config.period == Period.ANNUAL:
        annual, weekly = running, money(running / WEEKS_PER_YEAR)
    else:
        weekly, annual = running, money(running * WEEKS_PER_YEAR)
    return RasResult(
        version=config.version,
        total_points=total_points,
        domains=tuple(DomainPoints(code, domains[code].name, points[code]) for code in domains),
        steps=tuple(steps),
        period=config.period,
        amount=running,
        weekly_amount=weekly,
        annual_amount=annual,
    )


@dataclass(frozen=True)
class WorkedExample:
    """REFERENCE.md §2.10, kept here so tests and the demo use the same configuration."""

    configuration: RasConfiguration
    answers: dict[str, str] = field(default_factory=dict)


def reference_example() -> WorkedExample:
    """The worked example of REFERENCE.md §2.10: 44 raw points, a family-carer adjustment of 0.8 on
    personal care, eating and routines, £247 a point a year: £9,534.20 a year (£183.35 a week)."""
    scales = {
        "personal_care": ("Personal care", (0, 5, 10, 15, 20)),
        "eating": ("Eating and drinking", (0, 3, 6, 9)),
        "routines": ("Daily routines and household", (0, 3, 6, 9)),
        "relationships": ("Relationships", (0, 2, 4, 6)),
        "community": ("Community life and leisure", (0, 2, 4, 6)),
        "work": ("Work, learning and volunteering", (0, 2, 4, 6)),
        "decisions": ("Decisions and communication", (0, 3, 6, 9)),
        "safety": ("Staying safe", (0, 4, 8, 12)),
    }
    domains = tuple(Domain(code, name) for code, (name, _) in scales.items())
    questions = [
        Question(code, code, tuple(AnswerOption(f"level_{n}", Decimal(p)) for n, p in enumerate(points)))
        for code, (_, points) in scales.items()
    ]
    domains += (Domain("circumstances", "Your circumstances"),)
    questions.append(
        Question(
            "family_support",
            "circumstances",
            (AnswerOption("none", Decimal(0)), AnswerOption("some", Decimal(0)), AnswerOption("a_lot", Decimal(0))),
        )
    )
    config = RasConfiguration(
        version="reference-2-10",
        domains=domains,
        questions=tuple(questions),
        money_function=PricePerPoint(Decimal("247")),
        period=Period.ANNUAL,
        adjustments=(
            Adjustment(
                "Help from family or friends",
                "family_support",
                frozenset({"a_lot"}),
                frozenset({"personal_care", "eating", "routines"}),
                Decimal("0.8"),
            ),
        ),
        minimum=Decimal("1000"),
        maximum=Decimal("40000"),
    )
    answers = {
        "personal_care": "level_3",
        "eating": "level_2",
        "routines": "level_2",
        "relationships": "level_1",
        "community": "level_2",
        "work": "level_0",
        "decisions": "level_1",
        "safety": "level_2",
        "family_support": "a_lot",
    }
    return WorkedExample(configuration=config, answers=answers)
