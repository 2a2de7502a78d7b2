"""Calibration against care packages (REFERENCE.md §2.5, §2.11): reading the CSV, the least-squares
fits with and without an intercept, the banded table, and the chart's layout.

Every figure in the worked examples was worked out by hand, as fractions, not by running the code.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from firstperson.allocation.rules import calibration as c
from firstperson.allocation.rules.ras import reference_example

F = Fraction
D = Decimal


def data(*pairs):
    return [c.Observation(F(points), F(cost)) for points, cost in pairs]


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode()


# --- Worked examples: the fits ---------------------------------------------------------------------

# Points 1, 2, 3 with weekly costs £2, £4, £7.
SMALL = data((1, 2), (2, 4), (3, 7))


def test_through_origin_by_hand():
    # b = Σxy ÷ Σx² = (2 + 8 + 21) ÷ (1 + 4 + 9) = 31/14
    fit = c.fit_through_origin(SMALL)
    assert fit.slope == F(31, 14)
    assert fit.intercept == 0
    # Residuals 2 − 31/14 = −3/14, 4 − 62/14 = −6/14, 7 − 93/14 = 5/14; their squares sum to 70/196 = 5/14.
    # Mean cost 13/3; squares about it 49/9 + 1/9 + 64/9 = 38/3. R² = 1 − (5/14)/(38/3) = 517/532.
    assert fit.fit.r_squared == F(517, 532)
    residuals = fit.fit.residuals
    assert (residuals.smallest, residuals.median, residuals.largest) == (F(-6, 14), F(-3, 14), F(5, 14))
    # Quartiles by straight lines between order statistics: positions 0.5 and 1.5.
    assert residuals.lower_quartile == F(-9, 28)
    assert residuals.upper_quartile == F(1, 14)
    assert residuals.mean == F(-4, 42)
    assert residuals.mean_absolute == F(14, 42)
    # The through-zero residuals are orthogonal to the points: 1·(−3) + 2·(−6) + 3·5 = 0.
    assert sum(o.points * (o.cost - fit.predict(o.points)) for o in SMALL) == 0


def test_with_intercept_by_hand():
    # slope = (3·31 − 6·13) ÷ (3·14 − 6²) = 15/6 = 5/2; intercept = (13 − 5/2·6) ÷ 3 = −2/3
    fit = c.fit_with_intercept(SMALL)
    assert (fit.intercept, fit.slope) == (F(-2, 3), F(5, 2))
    # Residuals 1/6, −1/3, 1/6: squares 1/6. R² = 1 − (1/6)/(38/3) = 75/76.
    assert fit.fit.r_squared == F(75, 76)
    assert fit.fit.residuals.mean == 0
    assert fit.fit.residuals.root_mean_square == (D(1) / D(18)).sqrt()


def test_the_ratio_method_of_reference_2_10():
    # §2.10: £1,560,000 a year over 6,000 points is £260 a point a year: £5 a point a week.
    packages = data((40, 200), (60, 300), (20, 100))
    assert c.ratio_price(packages) == 5
    assert c.ratio_price(packages) * 52 == 260


def test_a_through_origin_fit_worse_than_the_average_has_a_negative_r_squared():
    # Costs fall as points rise: b = (1·10 + 2·9 + 3·8) ÷ 14 = 52/14; the line through zero is
    # far from the costs; SSres = Σ(y − 26x/7)² = (44/7)² + (11/7)² + (22/7)² = 2541/49; SStot = 2.
    fit = c.fit_through_origin(data((1, 10), (2, 9), (3, 8)))
    assert fit.slope == F(26, 7)
    assert fit.fit.r_squared == 1 - F(2541, 49) / 2
    assert fit.fit.r_squared < 0


def test_every_cost_the_same_has_no_r_squared():
    fit = c.fit_with_intercept(data((1, 50), (2, 50), (5, 50)))
    assert (fit.intercept, fit.slope, fit.fit.r_squared) == (50, 0, None)


def test_fits_that_cannot_be_made():
    with pytest.raises(c.CannotFit):
        c.fit_through_origin(data((0, 10), (0, 20)))
    with pytest.raises(c.CannotFit):
        c.fit_with_intercept(data((4, 10), (4, 20)))
    with pytest.raises(c.CannotFit):
        c.banded_table(SMALL, bands=1)


# --- Worked examples: the bands ------------------------------------------------------------------


def test_bands_of_about_equal_size_keep_equal_points_together():
    # Six packages, three bands: positions 0-1 (10, 10), 2-3 (20, 30), 4-5 (40, 50).
    table = c.banded_table(data((10, 100), (10, 120), (20, 150), (30, 140), (40, 300), (50, 310)), bands=3)
    assert [(b.name, b.min_points, b.count, b.mean_cost) for b in table.bands] == [
        ("A", 0, 2, 110),
        ("B", 20, 2, 145),
        ("C", 40, 2, 305),
    ]
    assert [b.median_cost for b in table.bands] == [110, 145, 305]
    assert table.bands[0].lowest_points == 10
    assert table.bands[1].amount == D("145.00")
    # Residuals 100 − 110, 120 − 110, 150 − 145, 140 − 145, 300 − 305, 310 − 305.
    assert table.fit.residuals.mean_absolute == F(10 + 10 + 5 + 5 + 5 + 5, 6)


def test_a_band_worth_less_than_the_one_below_is_merged_into_it():
    # Means 110, 85, 305: B is worth less than A, so A and B become one band worth (100+120+90+80)/4.
    table = c.banded_table(data((10, 100), (10, 120), (20, 90), (30, 80), (40, 300), (50, 310)), bands=3)
    assert [(b.name, b.min_points, b.count, b.mean_cost) for b in table.bands] == [
        ("A", 0, 4, F(195, 2)),
        ("B", 40, 2, 305),
    ]
    assert table.bands[0].amount == D("97.50")


def test_packages_with_the_same_points_never_split_so_bands_can_be_fewer():
    table = c.banded_table(data((5, 10), (5, 20), (5, 30), (5, 40), (9, 50)), bands=4)
    assert [(b.min_points, b.count) for b in table.bands] == [(0, 4), (9, 1)]
    assert c.band_for(table.bands, F(8)).name == "A"
    assert c.band_for(table.bands, F(9)).name == "B"
    assert c.band_for(table.bands, F(0)).name == "A"


# --- Reading the CSV ----------------------------------------------------------------------------


def test_a_file_of_points():
    packages = c.read_packages(
        csv_bytes("Reference,Points,Weekly cost", "P1,12,58.00", "", 'P2,20.5,"£1,096.50"', "P3 ,0,0")
    )
    assert [(p.line, p.points, p.weekly_cost, p.reference) for p in packages] == [
        (2, D("12"), D("58.00"), "P1"),
        (4, D("20.5"), D("1096.50"), "P2"),
        (5, D("0"), D("0"), "P3"),
    ]


def test_a_file_of_answers_is_scored_by_the_configuration():
    example = reference_example()
    codes = list(example.answers)
    header = ",".join(codes + ["weekly_cost"])
    line = ",".join([example.answers[code] for code in codes] + ["183.35"])
    other = ",".join(["level_0" if code != "family_support" else "none" for code in codes] + ["20"])
    packages = c.read_packages(csv_bytes(header, line, other), example.configuration)
    # §2.10: 44 raw points, the family-carer adjustment makes 38.6.
    assert [p.points for p in packages] == [D("38.6"), D("0")]


def test_commas_between_thousands_are_read():
    packages = c.read_packages(
        csv_bytes("points,weekly_cost", '1,"1,234.50"', '"1,000","£1,234,567"', '2,"£ 12,345."', "3,12.5")
    )
    assert [(p.points, p.weekly_cost) for p in packages] == [
        (D("1"), D("1234.50")),
        (D("1000"), D("1234567")),
        (D("2"), D("12345.")),
        (D("3"), D("12.5")),
    ]


def test_a_comma_for_pence_is_refused_not_read_as_a_hundred_times_more():
    content = csv_bytes("points,weekly_cost", '1,"12,50"', '2,"£1,2345"', '"2,5",10', '"1,00,000",10')
    assert problems_of(content) == [
        'Line 2, column weekly_cost: "12,50" is not an amount. Use a full stop for pence, like 12.50.',
        'Line 3, column weekly_cost: "£1,2345" is not an amount. Use a full stop for pence, like 12.50.',
        'Line 4, column points: "2,5" is not a number. Use a full stop before the decimals, like 2.5.',
        'Line 5, column points: "1,00,000" is not a number. Use a full stop before the decimals, like 2.5.',
    ]


def problems_of(content, config=None):
    with pytest.raises(c.InvalidPackages) as caught:
        c.read_packages(content, config)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ["The file is empty."]),
        (b"  \n\n", ["The file is empty."]),
        (b"points,weekly_cost\n", ["The file has no packages in it, only a header line."]),
        (
            b"points,cost\n1,2\n",
            [
                "Line 1, column weekly_cost: The weekly_cost column is missing.",
                'Line 1, column cost: "cost" is not a column the file can have. A file of points may have only '
                "these columns: weekly_cost, points and reference.",
            ],
        ),
        (
            b"weekly_cost\n1\n",
            ["Line 1, column points: Give a points column, or one column for each question's answer."],
        ),
        (b"points,weekly_cost,points\n1,2,3\n", ["Line 1, column points: This column appears twice."]),
        (
            b"points,weekly_cost\n1,10\n2,ten pounds\n3,-4\n",
            [
                'Line 3, column weekly_cost: "ten pounds" is not a number of pounds.',
                "Line 4, column weekly_cost: The weekly cost cannot be less than £0.",
            ],
        ),
        (
            b"points,weekly_cost\nx,10\n-1,5\n,5\n4,\n",
            [
                'Line 2, column points: "x" is not a number.',
                "Line 3, column points: The points cannot be less than 0.",
                "Line 4, column points: Enter the points.",
                "Line 5, column weekly_cost: Enter the weekly cost.",
            ],
        ),
        (b"points,weekly_cost\n1,2,3\n", ["Line 2: The line has 3 cells but the header has 2 columns."]),
        (
            b"points,weekly_cost\n1,NaN\n2,Infinity\n",
            [
                'Line 2, column weekly_cost: "NaN" is not a number of pounds.',
                'Line 3, column weekly_cost: "Infinity" is not a number of pounds.',
            ],
        ),
        (
            b"points,weekly_cost\n4,10\n4,20\n",
            ["Column points: At least two packages must have different points to fit a price."],
        ),
        (b"\xff\xfe\x00p", ["The file must be a CSV file saved as UTF-8 text."]),
        (  # hundreds of digits once made the fitting's rounding fail: a server error, not a message
            b"points,weekly_cost\n1,10\n2," + b"9" * 400 + b"\n" + b"9" * 400 + b",10\n3,1000000\n1000000,4\n",
            [
                "Line 3, column weekly_cost: The weekly cost must be £10,000,000 or less.",
                "Line 4, column points: The points must be 1,000,000 or fewer.",
            ],
        ),
    ],
)
def test_bad_files_name_the_line_and_column(content, expected):
    assert problems_of(content) == expected


SEPARATE = " In a spreadsheet, save the file as CSV (comma delimited)."
FIRST_LINE = "Line 1: The first line must name the columns: weekly_cost and points (or the question codes)."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"weekly_cost;points\n12.50;3\n", "Line 1: Separate the values with commas, not semicolons." + SEPARATE),
        (b"Points;Weekly cost\n3;12,50\n", "Line 1: Separate the values with commas, not semicolons." + SEPARATE),
        (b"weekly_cost\tpoints\n12.50\t3\n", "Line 1: Separate the values with commas, not tabs." + SEPARATE),
        (b"12.50,3\n20,4\n", FIRST_LINE),
        (b"cost,score\n12.50,3\n", FIRST_LINE),
    ],
)
def test_a_first_line_that_is_not_a_header_of_commas_says_what_to_do(content, expected):
    config = reference_example().configuration
    assert problems_of(content, config) == [expected]
    assert problems_of(content) == [expected]


def test_an_extra_column_in_a_file_of_points_is_named_with_the_columns_it_may_have():
    config = reference_example().configuration
    assert problems_of(csv_bytes("reference,points,weekly_cost,notes", "P1,3,12.50,new"), config) == [
        'Line 1, column notes: "notes" is not a column the file can have. A file of points may have only these '
        "columns: weekly_cost, points and reference."
    ]


def test_unknown_questions_and_answers_are_named():
    config = reference_example().configuration
    codes = [q.code for q in config.questions]
    header = ",".join(codes + ["weekly_cost", "mood"])
    good = ["level_0"] * (len(codes) - 1) + ["none"]
    assert problems_of(csv_bytes(header, ",".join(good + ["10", "x"])), config) == [
        "Line 1, column mood: There is no question with this code in reference-2-10."
    ]
    header = ",".join(codes + ["weekly_cost"])
    bad = ["level_9"] + good[1:-1] + [""]
    assert problems_of(csv_bytes(header, ",".join(bad + ["10"])), config) == [
        'Line 2, column personal_care: "level_9" is not one of the answer codes for this question.',
        "Line 2, column family_support: This question needs an answer.",
    ]
    mixed = ",".join(codes + ["points", "weekly_cost"])
    assert problems_of(csv_bytes(mixed, ",".join(good + ["4", "10"])), config) == [
        "Line 1, column points: Give either a points column or answer columns, not both."
    ]


def test_limits():
    assert problems_of(b"points,weekly_cost\n" + b"1,1\n" * (c.MAX_BYTES // 4)) == [
        f"The file is larger than {c.MAX_BYTES // 1000:,} KB."
    ]
    many = b"points,weekly_cost\n" + b"".join(f"{n},{n}\n".encode() for n in range(c.MAX_ROWS + 1))
    assert problems_of(many) == [f"The file has more than {c.MAX_ROWS:,} packages."]
    lots_wrong = b"points,weekly_cost\n" + b"x,1\n" * 40
    with pytest.raises(c.InvalidPackages) as caught:
        c.read_packages(lots_wrong)
    assert len(caught.value.problems) == c.MAX_PROBLEMS
    assert caught.value.more == 40 - c.MAX_PROBLEMS


# --- The chart ---------------------------------------------------------------------------------------


def test_the_chart_of_a_perfect_line():
    packages = c.read_packages(csv_bytes("points,weekly_cost", "10,50", "20,100", "30,150", "40,200"))
    calibration = c.calibrate(packages, bands=2)
    chart = c.scatter_chart(calibration, c.observations(packages))
    # Points 0..40 by tens; costs £0..£200 by £50 (nice steps of 1, 2 or 5 × a power of ten).
    assert [t.label for t in chart.x_ticks] == ["0", "10", "20", "30", "40"]
    assert [t.label for t in chart.y_ticks] == ["£0.00", "£50.00", "£100.00", "£150.00", "£200.00"]
    # Both lines run corner to corner: from (0, £0) to (40, £200).
    corner_to_corner = c.Segment(D(chart.left), D(chart.bottom), D(chart.right), D(chart.top))
    assert chart.through_origin == corner_to_corner
    assert chart.with_intercept == corner_to_corner
    assert chart.dots[-1] == c.Dot(D(chart.right), D(chart.top))
    # Band A (10 and 20 points, mean £75) from 0 points; band B (30 and 40, mean £175) from 30 points:
    # x = 72 + points × 552/40, y = 352 − cost × 320/200.
    assert chart.bands_path == "M 72.0 232.0 H 486.0 V 72.0 H 624.0"


@pytest.mark.parametrize(
    ("points", "costs", "x_labels", "y_labels"),
    [
        # Steps of a thousandth of a point are labelled to three places, not all "0"; the cost axis
        # runs to at least £1 by 20p steps, in pounds and pence, not "£0.2".
        (
            ("0.001", "0.002", "0.003"),
            ("0.10", "0.20", "0.30"),
            ["0.000", "0.001", "0.002", "0.003"],
            ["£0.00", "£0.20", "£0.40", "£0.60", "£0.80", "£1.00"],
        ),
        # Half points to one place; thousands of pounds with commas and pence.
        (
            ("0.5", "1", "2"),
            ("500", "1500", "4000"),
            ["0.0", "0.5", "1.0", "1.5", "2.0"],
            ["£0.00", "£1,000.00", "£2,000.00", "£3,000.00", "£4,000.00"],
        ),
    ],
)
def test_axis_labels_are_written_to_their_step_and_money_to_the_penny(points, costs, x_labels, y_labels):
    lines = [f"{p},{c_}" for p, c_ in zip(points, costs, strict=True)]
    packages = c.read_packages(csv_bytes("points,weekly_cost", *lines))
    chart = c.scatter_chart(c.calibrate(packages, bands=2), c.observations(packages))
    assert [t.label for t in chart.x_ticks] == x_labels
    assert [t.label for t in chart.y_ticks] == y_labels


def test_the_places_of_a_step():
    steps = ("1", "20", "0.5", "0.2", "0.001", "0.02")
    assert [c.step_places(F(step)) for step in steps] == [0, 0, 1, 1, 3, 2]


def test_nice_steps():
    assert [c.nice_step(F(n)) for n in (7, 40, 230, 1000)] == [F(2), F(10), F(50), F(200)]
    assert c.nice_step(F(1, 2)) == F(1, 10)


# --- Properties ------------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
point_values = st.decimals(min_value=0, max_value=200, places=1, allow_nan=False, allow_infinity=False)
packages_strategy = st.lists(st.tuples(point_values, amounts), min_size=2, max_size=40).filter(
    lambda rows: len({p for p, _ in rows}) >= 2
)


def to_data(rows):
    return [c.Observation(F(p), F(cost)) for p, cost in rows]


@given(
    st.lists(st.integers(min_value=0, max_value=300), min_size=2, max_size=30, unique=True),
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=-50, max_value=500, places=2),
)
def test_a_perfect_straight_line_is_recovered_exactly(xs, slope, intercept):
    observed = [c.Observation(F(x), F(intercept) + F(slope) * x) for x in xs]
    fit = c.fit_with_intercept(observed)
    assert (fit.slope, fit.intercept) == (F(slope), F(intercept))
    assert fit.fit.r_squared == (None if slope == 0 else 1)
    assert fit.fit.residuals.largest == fit.fit.residuals.smallest == 0
    through_zero = c.fit_through_origin([c.Observation(F(x), F(slope) * x) for x in xs if x] or observed)
    if any(xs):
        assert through_zero.slope == F(slope)


@given(packages_strategy)
def test_the_fits_obey_least_squares(rows):
    observed = to_data(rows)
    line = c.fit_with_intercept(observed)
    assume(line.fit.r_squared is not None)
    # With an intercept, R² lies in [0, 1] and the residuals add up to nothing.
    assert 0 <= line.fit.r_squared <= 1
    assert sum(o.cost - line.predict(o.points) for o in observed) == 0
    if any(o.points for o in observed):
        origin = c.fit_through_origin(observed)
        # Through zero: residuals orthogonal to the points, and never a better fit than with an intercept.
        assert sum(o.points * (o.cost - origin.predict(o.points)) for o in observed) == 0
        assert origin.fit.r_squared <= line.fit.r_squared


@given(packages_strategy, st.integers(min_value=c.MIN_BANDS, max_value=c.MAX_BANDS))
def test_the_banded_table_is_monotonic_and_covers_everyone(rows, bands):
    observed = to_data(rows)
    table = c.banded_table(observed, bands)
    amounts_ = [band.mean_cost for band in table.bands]
    assert amounts_ == sorted(amounts_)
    assert [band.amount for band in table.bands] == sorted(band.amount for band in table.bands)
    assert table.bands[0].min_points == 0
    starts = [band.min_points for band in table.bands]
    assert starts == sorted(set(starts))
    assert 1 <= len(table.bands) <= bands
    assert sum(band.count for band in table.bands) == len(observed)
    for o in observed:
        band = c.band_for(table.bands, o.points)
        assert band.lowest_points <= o.points <= band.highest_points
    if table.fit.r_squared is not None:
        assert 0 <= table.fit.r_squared <= 1


@given(packages_strategy)
def test_every_dot_is_inside_the_plot(rows):
    packages = [c.Package(n, p, cost) for n, (p, cost) in enumerate(rows, start=2)]
    calibration = c.calibrate(packages)
    chart = c.scatter_chart(calibration, c.observations(packages))
    for dot in chart.dots:
        assert chart.left <= dot.x <= chart.right
        assert chart.top <= dot.y <= chart.bottom
    for segment in (chart.through_origin, chart.with_intercept):
        if segment is not None:
            for x, y in ((segment.x1, segment.y1), (segment.x2, segment.y2)):
                assert chart.left <= x <= chart.right
                assert chart.top - D("0.1") <= y <= chart.bottom + D("0.1")


@given(packages_strategy)
def test_what_is_read_is_what_was_written(rows):
    content = csv_bytes("points,weekly_cost", *[f"{p},{cost}" for p, cost in rows])
    packages = c.read_packages(content)
    assert [(p.points, p.weekly_cost) for p in packages] == [(D(p), D(cost)) for p, cost in rows]
