"""Calibrating a RAS against the cost of existing care packages: read the packages, fit a price.

Source: ../shared/domain/REFERENCE.md §2.5 (the In Control RAS4 steps: score a test group of
current clients, map their costs and their points, convert needs to funding by the ratio method, a
banded lookup or a regression) and §2.11 ("load a historic sample of (points, cost), fit the ratio or
a regression, and report R² and the distribution of residuals").

Everything here is exact: sums, slopes and R² are `Fraction`s (no rounding until a figure is shown),
money shown is rounded to the penny half up. Three ways of turning points into a weekly cost:

- a price per point through zero (least squares with no intercept: cost = b × points). This is the
  RAS's own "price per point" method; b = Σ(points × cost) ÷ Σ(points²);
- a straight line with a fixed part (least squares with an intercept: cost = a + b × points), the
  "regression alternative" of §2.10. A configuration cannot hold a fixed part, so it is for
  comparison only;
- a banded table: the packages sorted by points and cut into bands of about equal size (never
  splitting packages with the same points), each band worth the mean cost of its packages, with
  neighbouring bands merged until no band is worth less than the one below it (pool adjacent
  violators), so the table is monotonic as a RAS table must be (money never falls as points rise).

R² here is always 1 − (sum of squared residuals ÷ sum of squared differences from the mean cost).
For the line with an intercept it lies between 0 and 1; for the line through zero it can fall below
0, which says the line through zero fits worse than the flat average. No model: None (every cost the
same).

The module also reads the uploaded CSV (one line a package) and lays out the scatter chart the page
draws as SVG. It imports no Django.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from . import ras

#: Limits on an upload: beyond them the file is refused before it is read.
MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
#: Problems named at most; a file with more says how many more there are.
MAX_PROBLEMS = 25
MIN_BANDS = 2
MAX_BANDS = 10
DEFAULT_BANDS = 5
#: The largest weekly cost and points a line may hold. Far beyond any real care package, they keep
#: the fitting's arithmetic (and the pence it rounds to) within what a decimal can hold.
MAX_WEEKLY_COST = Decimal("10000000")
MAX_POINTS = Decimal("1000000")

COST_COLUMN = "weekly_cost"
POINTS_COLUMN = "points"
REFERENCE_COLUMN = "reference"


# --- Reading the CSV ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Package:
    """One existing care package: its points and its actual weekly cost, from a line of the file."""

    line: int
    points: Decimal
    weekly_cost: Decimal
    reference: str = ""


@dataclass(frozen=True)
class Problem:
    """A problem with the file, naming the line (0: the file as a whole) and column where it can."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.line:
            where.append(f"Line {self.line}")
        if self.column:
            where.append(f"column {self.column}" if where else f"Column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class InvalidPackages(ValueError):
    def __init__(self, problems: list[Problem], more: int = 0):
        self.problems = problems
        self.more = more
        super().__init__("; ".join(str(p) for p in problems))


def _column_name(text: str) -> str:
    """Header cells are matched without case, spaces or hyphens: "Weekly cost" -> weekly_cost."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


#: Commas are allowed only between thousands ("1,234.50"): "12,50" is 12.50 written with a decimal
#: comma, and reading it as 1250 would make a cost 100 times too high.
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def _number(text: str) -> Decimal | None:
    """A number as typed in a spreadsheet: "1,234.50" or "£1234.5". None if it is not one."""
    cleaned = text.strip()
    if cleaned.startswith("£"):
        cleaned = cleaned[1:].strip()
    if "," in cleaned:
        if not _THOUSANDS.fullmatch(cleaned):
            return None
        cleaned = cleaned.replace(",", "")
    if not cleaned or not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@dataclass(frozen=True)
class _NumberColumn:
    """What a number column of the file may hold, and what to say when a cell does not."""

    missing: str
    #: {text} is the cell as typed.
    not_a_number: str
    #: For a cell with a comma that is not between thousands: most likely a decimal comma.
    decimal_comma: str
    negative: str
    largest: Decimal
    too_large: str

    def read(self, text: str) -> tuple[Decimal | None, str | None]:
        """(the number, None), or (None, what is wrong with the cell)."""
        if not text:
            return None, self.missing
        value = _number(text)
        if value is None:
            return None, (self.decimal_comma if "," in text else self.not_a_number).format(text=text)
        if value < 0:
            return None, self.negative
        if value > self.largest:
            return None, self.too_large
        return value, None


_COST = _NumberColumn(
    missing="Enter the weekly cost.",
    not_a_number='"{text}" is not a number of pounds.',
    decimal_comma='"{text}" is not an amount. Use a full stop for pence, like 12.50.',
    negative="The weekly cost cannot be less than £0.",
    largest=MAX_WEEKLY_COST,
    too_large=f"The weekly cost must be £{MAX_WEEKLY_COST:,} or less.",
)
_POINTS = _NumberColumn(
    missing="Enter the points.",
    not_a_number='"{text}" is not a number.',
    decimal_comma='"{text}" is not a number. Use a full stop before the decimals, like 2.5.',
    negative="The points cannot be less than 0.",
    largest=MAX_POINTS,
    too_large=f"The points must be {MAX_POINTS:,} or fewer.",
)


def header_columns(content: bytes) -> list[str]:
    """The column names of a file's header line, as read_packages matches them."""
    try:
        first = next(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")), [])
    except (UnicodeDecodeError, csv.Error):
        return []
    return [_column_name(cell) for cell in first]


def read_packages(content: bytes, config: ras.RasConfiguration | None = None) -> list[Package]:
    """Read a CSV of care packages: a header line, then one line a package.

    Columns (header names match without case; spaces and hyphens count as underscores):
    `weekly_cost` (required: the package's actual weekly cost in pounds); either `points` (the
    package's total points) or one column per question of `config`, by question code, holding the
    answer's option code (the points are then worked out by the RAS rule, adjustments, weights and
    caps included); and optionally `reference` (your own label for the line, shown in the table).

    Raises InvalidPackages naming every problem (up to MAX_PROBLEMS) with its line and column.
    """
    if not content:
        raise InvalidPackages([Problem(0, "", "The file is empty.")])
    if len(content) > MAX_BYTES:
        raise InvalidPackages([Problem(0, "", f"The file is larger than {MAX_BYTES // 1000:,} KB.")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidPackages([Problem(0, "", "The file must be a CSV file saved as UTF-8 text.")]) from None
    if not text.strip():
        raise InvalidPackages([Problem(0, "", "The file is empty.")])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header_cells = next(reader)
    except csv.Error as error:
        raise InvalidPackages([Problem(1, "", f"The line cannot be read as CSV ({error}).")]) from None
    header = [_column_name(cell) for cell in header_cells]
    questions = {question.code: question for question in (config.questions if config else ())}
    known = {COST_COLUMN, POINTS_COLUMN, REFERENCE_COLUMN} | set(questions)
    if COST_COLUMN not in header:
        # Say what to do about the whole line, rather than call it one long unknown column.
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if any(separator in cell for cell in header_cells):
                raise InvalidPackages(
                    [
                        Problem(
                            1,
                            "",
                            f"Separate the values with commas, not {name}. In a spreadsheet, save the file as "
                            "CSV (comma delimited).",
                        )
                    ]
                )
        if not known.intersection(header):
            raise InvalidPackages(
                [
                    Problem(
                        1,
                        "",
                        f"The first line must name the columns: {COST_COLUMN} and {POINTS_COLUMN} "
                        "(or the question codes).",
                    )
                ]
            )
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            problems.append(Problem(1, name, "This column appears twice."))
        seen.add(name)
    if COST_COLUMN not in header:
        problems.append(Problem(1, COST_COLUMN, "The weekly_cost column is missing."))
    answer_columns = [name for name in header if name in questions]
    unknown = [name for name in header if name not in known]
    has_points = POINTS_COLUMN in header
    for name in unknown:
        if not name:
            problems.append(Problem(1, "", "A column has no name."))
        elif has_points or config is None:
            problems.append(
                Problem(
                    1,
                    name,
                    f'"{name}" is not a column the file can have. A file of points may have only these columns: '
                    f"{COST_COLUMN}, {POINTS_COLUMN} and {REFERENCE_COLUMN}.",
                )
            )
        else:
            problems.append(Problem(1, name, f"There is no question with this code in {config.version}."))
    if has_points and answer_columns:
        problems.append(Problem(1, POINTS_COLUMN, "Give either a points column or answer columns, not both."))
    elif not has_points and not answer_columns and not unknown:
        problems.append(Problem(1, POINTS_COLUMN, "Give a points column, or one column for each question's answer."))
    if problems:
        raise InvalidPackages(problems)

    packages: list[Package] = []
    more = 0

    def problem(line: int, column: str, message: str) -> None:
        nonlocal more
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(line, column, message))
        else:
            more += 1

    index = {name: position for position, name in enumerate(header)}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if len(packages) >= MAX_ROWS:
                raise InvalidPackages([Problem(0, "", f"The file has more than {MAX_ROWS:,} packages.")])
            if len(cells) > len(header):
                problem(line, "", f"The line has {len(cells)} cells but the header has {len(header)} columns.")
                continue
            cells = cells + [""] * (len(header) - len(cells))

            def cell(name: str, cells: list[str] = cells) -> str:
                return cells[index[name]].strip()

            ok = True
            cost, wrong = _COST.read(cell(COST_COLUMN))
            if wrong:
                problem(line, COST_COLUMN, wrong)
                ok = False
            points: Decimal | None = None
            if has_points:
                points, wrong = _POINTS.read(cell(POINTS_COLUMN))
                if wrong:
                    problem(line, POINTS_COLUMN, wrong)
                    ok = False
            else:
                assert config is not None
                answers = {code: cell(code) for code in answer_columns if cell(code)}
                for code, option_code in answers.items():
                    if questions[code].option(option_code) is None:
                        problem(line, code, f'"{option_code}" is not one of the answer codes for this question.')
                        ok = False
                missing = [q.code for q in config.questions if q.required and q.code not in answers]
                for code in missing:
                    problem(line, code, "This question needs an answer.")
                    ok = False
                if ok:
                    try:
                        points = ras.indicative_budget(config, answers).total_points
                    except ras.InvalidAnswers as error:  # pragma: no cover - checked above
                        for item in error.problems:
                            problem(line, item.question, item.message)
                        ok = False
                    except ras.InvalidConfiguration as error:
                        raise InvalidPackages(
                            [Problem(0, "", f"{config.version} cannot score answers yet: {error}")]
                        ) from None
            if ok and points is not None and cost is not None:
                reference = cell(REFERENCE_COLUMN)[:60] if REFERENCE_COLUMN in index else ""
                packages.append(Package(line=line, points=points, weekly_cost=cost, reference=reference))
    except csv.Error as error:
        problem(reader.line_num, "", f"The line cannot be read as CSV ({error}).")
    if problems:
        raise InvalidPackages(problems, more)
    if not packages:
        raise InvalidPackages([Problem(0, "", "The file has no packages in it, only a header line.")])
    if len({package.points for package in packages}) < 2:
        raise InvalidPackages(
            [Problem(0, POINTS_COLUMN, "At least two packages must have different points to fit a price.")]
        )
    return packages


# --- Fitting --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    points: Fraction
    cost: Fraction


def observations(packages: Iterable[Package]) -> list[Observation]:
    return [Observation(Fraction(p.points), Fraction(p.weekly_cost)) for p in packages]


@dataclass(frozen=True)
class Residuals:
    """How far the fitted costs are from the actual ones (actual − fitted), in pounds a week."""

    count: int
    mean: Fraction
    smallest: Fraction
    lower_quartile: Fraction
    median: Fraction
    upper_quartile: Fraction
    largest: Fraction
    mean_absolute: Fraction
    root_mean_square: Decimal  # the only inexact figure: a square root, to 28 significant digits


@dataclass(frozen=True)
class Fit:
    r_squared: Fraction | None
    residuals: Residuals


@dataclass(frozen=True)
class LineFit:
    """cost = intercept + slope × points; intercept is 0 for the line through zero."""

    intercept: Fraction
    slope: Fraction
    through_origin: bool
    fit: Fit

    def predict(self, points: Fraction) -> Fraction:
        return self.intercept + self.slope * points


@dataclass(frozen=True)
class CostBand:
    """Points from `min_points` up to the next band's minimum are worth `amount` a week."""

    name: str
    min_points: Fraction
    lowest_points: Fraction  # the fewest and most points of the packages in the band
    highest_points: Fraction
    count: int
    mean_cost: Fraction
    median_cost: Fraction

    @property
    def amount(self) -> Decimal:
        return to_money(self.mean_cost)


@dataclass(frozen=True)
class BandedFit:
    bands: tuple[CostBand, ...]
    fit: Fit

    def predict(self, points: Fraction) -> Fraction:
        return band_for(self.bands, points).mean_cost


class CannotFit(ValueError):
    pass


def quantile(ordered: Sequence[Fraction], share: Fraction) -> Fraction:
    """The `share` quantile of sorted values, by straight lines between order statistics (the
    spreadsheet QUARTILE.INC method): position (n − 1) × share counted from 0."""
    if not ordered:
        raise ValueError("No values.")
    position = (len(ordered) - 1) * share
    below = int(position)  # position is never negative
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (position - below) * (ordered[below + 1] - ordered[below])


def _sqrt(value: Fraction) -> Decimal:
    with localcontext() as context:
        context.prec = 28
        return (Decimal(value.numerator) / Decimal(value.denominator)).sqrt()


def fit_summary(data: Sequence[Observation], predicted: Sequence[Fraction]) -> Fit:
    """R² and the residuals of fitted costs `predicted` (one per observation, in the same order)."""
    n = len(data)
    if n == 0 or len(predicted) != n:
        raise CannotFit("Give one fitted cost for each package.")
    residuals = [o.cost - p for o, p in zip(data, predicted, strict=True)]
    mean_cost = sum((o.cost for o in data), Fraction(0)) / n
    total = sum(((o.cost - mean_cost) ** 2 for o in data), Fraction(0))
    squared = sum((r * r for r in residuals), Fraction(0))
    ordered = sorted(residuals)
    return Fit(
        r_squared=None if total == 0 else 1 - squared / total,
        residuals=Residuals(
            count=n,
            mean=sum(residuals, Fraction(0)) / n,
            smallest=ordered[0],
            lower_quartile=quantile(ordered, Fraction(1, 4)),
            median=quantile(ordered, Fraction(1, 2)),
            upper_quartile=quantile(ordered, Fraction(3, 4)),
            largest=ordered[-1],
            mean_absolute=sum((abs(r) for r in residuals), Fraction(0)) / n,
            root_mean_square=_sqrt(squared / n),
        ),
    )


def fit_through_origin(data: Sequence[Observation]) -> LineFit:
    """Least squares with no intercept: the price per point b = Σ(x·y) ÷ Σ(x²)."""
    xx = sum((o.points * o.points for o in data), Fraction(0))
    if not data or xx == 0:
        raise CannotFit("Every package has 0 points, so there is no price per point to find.")
    slope = sum((o.points * o.cost for o in data), Fraction(0)) / xx
    return LineFit(Fraction(0), slope, True, fit_summary(data, [slope * o.points for o in data]))


def fit_with_intercept(data: Sequence[Observation]) -> LineFit:
    """Ordinary least squares: slope = (nΣxy − ΣxΣy) ÷ (nΣx² − (Σx)²), intercept = (Σy − slope·Σx) ÷ n."""
    n = len(data)
    sx = sum((o.points for o in data), Fraction(0))
    sy = sum((o.cost for o in data), Fraction(0))
    sxx = sum((o.points * o.points for o in data), Fraction(0))
    sxy = sum((o.points * o.cost for o in data), Fraction(0))
    denominator = n * sxx - sx * sx
    if n < 2 or denominator == 0:
        raise CannotFit("Every package has the same points, so a line cannot be fitted.")
    slope = (n * sxy - sx * sy) / denominator
    intercept = (sy - slope * sx) / n
    return LineFit(intercept, slope, False, fit_summary(data, [intercept + slope * o.points for o in data]))


def ratio_price(data: Sequence[Observation]) -> Fraction:
    """The In Control ratio method (§2.5): Σ cost ÷ Σ points. Shown beside the fits for comparison."""
    points = sum((o.points for o in data), Fraction(0))
    if points == 0:
        raise CannotFit("Every package has 0 points.")
    return sum((o.cost for o in data), Fraction(0)) / points


def _band_name(number: int) -> str:
    return chr(ord("A") + number) if number < 26 else f"Band {number + 1}"


def band_for(bands: Sequence[CostBand], points: Fraction) -> CostBand:
    """The band that covers `points`: the last whose minimum is not above it (the first band starts
    at 0, so every number of points has one)."""
    chosen = bands[0]
    for band in bands:
        if points >= band.min_points:
            chosen = band
    return chosen


def _median(values: Sequence[Fraction]) -> Fraction:
    return quantile(sorted(values), Fraction(1, 2))


def banded_table(data: Sequence[Observation], bands: int = DEFAULT_BANDS) -> BandedFit:
    """Cut the packages, sorted by points, into up to `bands` bands of about equal size, never
    putting packages with the same points in different bands; each band is worth its mean cost.
    Neighbouring bands are merged while a band is worth less than the one below it, so money never
    falls as points rise. The first band starts at 0 points."""
    if not MIN_BANDS <= bands <= MAX_BANDS:
        raise CannotFit(f"Choose between {MIN_BANDS} and {MAX_BANDS} bands.")
    if not data:
        raise CannotFit("There are no packages.")
    ordered = sorted(data, key=lambda o: o.points)
    n = len(ordered)
    groups: list[list[Observation]] = []
    group_of_value: dict[Fraction, int] = {}
    current = -1
    for position, observation in enumerate(ordered):
        # A points value's band is decided by where its first package falls in the sorted list, so
        # packages with the same points always share a band; bands may come out fewer than asked.
        target = group_of_value.setdefault(observation.points, min(bands - 1, position * bands // n))
        if target != current:
            groups.append([])
            current = target
        groups[-1].append(observation)
    # Pool adjacent violators: merge a band with the one below while it is worth less.
    merged = True
    while merged:
        merged = False
        for i in range(len(groups) - 1):
            if _mean(groups[i + 1]) < _mean(groups[i]):
                groups[i : i + 2] = [groups[i] + groups[i + 1]]
                merged = True
                break
    table = tuple(
        CostBand(
            name=_band_name(number),
            min_points=Fraction(0) if number == 0 else group[0].points,
            lowest_points=group[0].points,
            highest_points=group[-1].points,
            count=len(group),
            mean_cost=_mean(group),
            median_cost=_median([o.cost for o in group]),
        )
        for number, group in enumerate(groups)
    )
    return BandedFit(table, fit_summary(data, [band_for(table, o.points).mean_cost for o in data]))


def _mean(group: Sequence[Observation]) -> Fraction:
    return sum((o.cost for o in group), Fraction(0)) / len(group)


@dataclass(frozen=True)
class Calibration:
    count: int
    total_points: Fraction
    total_cost: Fraction
    ratio: Fraction
    through_origin: LineFit
    with_intercept: LineFit
    banded: BandedFit


def calibrate(packages: Sequence[Package], bands: int = DEFAULT_BANDS) -> Calibration:
    data = observations(packages)
    return Calibration(
        count=len(data),
        total_points=sum((o.points for o in data), Fraction(0)),
        total_cost=sum((o.cost for o in data), Fraction(0)),
        ratio=ratio_price(data),
        through_origin=fit_through_origin(data),
        with_intercept=fit_with_intercept(data),
        banded=banded_table(data, bands),
    )


def to_decimal(value: Fraction, places: int = 2) -> Decimal:
    """An exact fraction shown to `places` decimal places, rounded half up."""
    exponent = Decimal(1).scaleb(-places)
    with localcontext() as context:
        context.prec = 60
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(exponent, rounding=ROUND_HALF_UP)


def to_money(value: Fraction) -> Decimal:
    return to_decimal(value, 2)


# --- The scatter chart ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    value: Decimal
    position: Decimal  # along the axis, in the chart's units
    label: str


@dataclass(frozen=True)
class Dot:
    x: Decimal
    y: Decimal


@dataclass(frozen=True)
class Segment:
    x1: Decimal
    y1: Decimal
    x2: Decimal
    y2: Decimal


@dataclass(frozen=True)
class Chart:
    """Where to draw everything, in SVG user units: the plot area runs from (left, top) to
    (left + plot_width, top + plot_height); y grows downwards, as in SVG."""

    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    dots: tuple[Dot, ...]
    through_origin: Segment | None
    with_intercept: Segment | None
    bands_path: str  # an SVG path ("M x y H x V y ...") for the banded table's steps

    @property
    def right(self) -> int:
        return self.left + self.plot_width

    @property
    def bottom(self) -> int:
        return self.top + self.plot_height


def nice_step(span: Fraction, ticks: int = 5) -> Fraction:
    """A round step (1, 2 or 5 times a power of ten) that cuts `span` into about `ticks` parts."""
    if span <= 0:
        return Fraction(1)
    raw = span / ticks
    power = Fraction(1)
    while power * 10 <= raw:
        power *= 10
    while power > raw:
        power /= 10
    for multiple in (1, 2, 5, 10):
        if power * multiple >= raw:
            return power * multiple
    return power * 10  # pragma: no cover - the loop always returns


def _axis_top(largest: Fraction, step: Fraction) -> Fraction:
    top = step
    while top < largest:
        top += step
    return top


def _coordinate(value: Fraction) -> Decimal:
    return to_decimal(value, 1)


def step_places(step: Fraction) -> int:
    """The decimal places a multiple of `step` needs to be written exactly: 0 for 1, 2, 5, 10 or 20;
    1 for 0.5; 3 for 0.001. (A nice step is 1, 2 or 5 times a power of ten, so it always ends.)"""
    places = 0
    while (step * 10**places).denominator != 1:
        places += 1
    return places


def _label(value: Fraction, places: int, money: bool) -> str:
    """A tick's label: every label on an axis to the same places, those of its step (so 0.001 is not
    "0"), and money always in pounds and pence (£0.20, £50.00)."""
    if money:
        places = max(places, 2)
    text = f"{to_decimal(value, places):,f}"
    return f"£{text}" if money else text


def _clipped(line: LineFit, x_top: Fraction, y_top: Fraction) -> tuple[Fraction, Fraction, Fraction, Fraction] | None:
    """The part of the line between x = 0 and x_top that lies between y = 0 and y_top, if any."""
    if line.slope == 0:
        if not 0 <= line.intercept <= y_top:
            return None
        x1, x2 = Fraction(0), x_top
    else:
        at_bottom = -line.intercept / line.slope
        at_top = (y_top - line.intercept) / line.slope
        x1, x2 = max(Fraction(0), min(at_bottom, at_top)), min(x_top, max(at_bottom, at_top))
    if x2 <= x1:
        return None
    return x1, line.predict(x1), x2, line.predict(x2)


def scatter_chart(calibration: Calibration, data: Sequence[Observation], width: int = 640, height: int = 400) -> Chart:
    """Lay out the scatter of points against weekly cost, with both fitted lines and the bands."""
    left, top, right, bottom = 72, 32, 16, 48
    plot_width, plot_height = width - left - right, height - top - bottom
    x_step = nice_step(max(o.points for o in data))
    x_top = _axis_top(max(o.points for o in data), x_step)
    highest_cost = max(
        [o.cost for o in data]
        + [b.mean_cost for b in calibration.banded.bands]
        + [calibration.through_origin.predict(x_top), calibration.with_intercept.predict(x_top)]
        + [calibration.with_intercept.intercept]
    )
    y_step = nice_step(max(highest_cost, Fraction(1)))
    y_top = _axis_top(max(highest_cost, Fraction(1)), y_step)

    def sx(x: Fraction) -> Fraction:
        return left + x * plot_width / x_top

    def sy(y: Fraction) -> Fraction:
        return top + plot_height - y * plot_height / y_top

    def ticks(step: Fraction, end: Fraction, to_position, money: bool) -> tuple[Tick, ...]:
        values = []
        value = Fraction(0)
        while value <= end:
            values.append(value)
            value += step
        places = step_places(step)
        return tuple(Tick(to_decimal(v, places), _coordinate(to_position(v)), _label(v, places, money)) for v in values)

    def segment(line: LineFit) -> Segment | None:
        clipped = _clipped(line, x_top, y_top)
        if clipped is None:
            return None
        x1, y1, x2, y2 = clipped
        return Segment(_coordinate(sx(x1)), _coordinate(sy(y1)), _coordinate(sx(x2)), _coordinate(sy(y2)))

    bands = calibration.banded.bands
    parts = []
    for number, band in enumerate(bands):
        end = sx(bands[number + 1].min_points) if number + 1 < len(bands) else sx(x_top)
        level = _coordinate(sy(band.mean_cost))
        parts.append(f"M {_coordinate(sx(band.min_points))} {level}" if number == 0 else f"V {level}")
        parts.append(f"H {_coordinate(end)}")
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_width,
        plot_height=plot_height,
        x_ticks=ticks(x_step, x_top, sx, money=False),
        y_ticks=ticks(y_step, y_top, sy, money=True),
        dots=tuple(Dot(_coordinate(sx(o.points)), _coordinate(sy(o.cost))) for o in data),
        through_origin=segment(calibration.through_origin),
        with_intercept=segment(calibration.with_intercept),
        bands_path=" ".join(parts),
    )
