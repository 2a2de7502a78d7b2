"""The summary of a change (policy modelling and the uprating report): totals, counts, bands and
largest changes, naming nobody."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from firstperson.charging.rules.modelling import (
    UPRATING_BAND_EDGES,
    PersonChange,
    annual,
    band_definitions,
    summarise,
)


def change(key, before, after):
    return PersonChange(key, D(before), D(after))


def test_totals_counts_and_annual_figures():
    summary = summarise(
        [
            change("a", "38.55", "2.05"),
            change("b", "100.55", "100.55"),
            change("c", "0.00", "10.00"),
            change("d", "137.05", "100.55"),
        ]
    )
    assert summary.people == 4
    assert (summary.before_weekly, summary.after_weekly) == (D("276.15"), D("213.15"))
    assert summary.change_weekly == D("-63.00")
    assert summary.change_annual == D("-3276.00")
    assert summary.before_annual == D("14359.80")
    assert (summary.pay_more, summary.pay_less, summary.pay_same) == (1, 2, 1)
    assert [item.change_weekly for item in summary.largest_increases] == [D("10.00")]
    assert [item.change_weekly for item in summary.largest_decreases] == [D("-36.50"), D("-36.50")]
    assert [item.key for item in summary.largest_decreases] == ["a", "d"]  # ties: first seen first


def test_bands_run_from_the_largest_fall_to_the_largest_rise():
    labels = [label for label, _, _ in band_definitions()]
    assert labels == [
        "Pay £50.00 a week less, or more than that",
        "Pay £20.00 to £49.99 a week less",
        "Pay £5.00 to £19.99 a week less",
        "Pay £0.01 to £4.99 a week less",
        "Pay the same",
        "Pay £0.01 to £4.99 a week more",
        "Pay £5.00 to £19.99 a week more",
        "Pay £20.00 to £49.99 a week more",
        "Pay £50.00 a week more, or more than that",
    ]


def test_band_edges():
    edges = [
        "-50.00",
        "-49.99",
        "-20.00",
        "-19.99",
        "-5.00",
        "-4.99",
        "-0.01",
        "0",
        "0.01",
        "4.99",
        "5.00",
        "49.99",
        "50.00",
    ]
    summary = summarise([change(str(i), "100.00", str(D("100.00") + D(e))) for i, e in enumerate(edges)])
    assert [band.people for band in summary.bands] == [1, 2, 2, 2, 1, 2, 1, 1, 1]


def test_largest_changes_are_capped_and_ordered():
    summary = summarise([change(str(n), "0", str(n)) for n in range(1, 11)], largest=3)
    assert [item.change_weekly for item in summary.largest_increases] == [D("10"), D("9"), D("8")]
    assert summary.largest_decreases == ()
    assert summarise([change("a", "0", "1")], largest=0).largest_increases == ()


def test_the_uprating_bands_are_narrower():
    labels = [label for label, _, _ in band_definitions(UPRATING_BAND_EDGES)]
    assert labels[0] == "Pay £20.00 a week less, or more than that"
    assert labels[4:6] == ["Pay the same", "Pay £0.01 to £4.99 a week more"]
    assert labels[-2:] == ["Pay £10.00 to £19.99 a week more", "Pay £20.00 a week more, or more than that"]


def test_the_summary_reads_a_stream_once():
    summary = summarise(change(str(n), "10.00", str(n)) for n in range(21))
    assert summary.people == 21 and (summary.pay_more, summary.pay_less, summary.pay_same) == (10, 10, 1)


def test_an_empty_caseload():
    summary = summarise([])
    assert summary.people == 0 and summary.change_annual == D("0.00")
    assert sum(band.people for band in summary.bands) == 0


def test_annual_is_52_weeks():
    assert annual(D("38.55")) == D("2004.60")


amounts = st.decimals(min_value=0, max_value=3000, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(amounts, amounts), max_size=40))
def test_every_person_is_in_exactly_one_band_and_one_count(pairs):
    summary = summarise([PersonChange(str(i), b, a) for i, (b, a) in enumerate(pairs)])
    assert sum(band.people for band in summary.bands) == len(pairs)
    assert summary.pay_more + summary.pay_less + summary.pay_same == len(pairs)
    assert summary.change_weekly == sum((a - b for b, a in pairs), D(0))


@given(st.lists(st.tuples(amounts, amounts), max_size=40), st.integers(min_value=0, max_value=6))
def test_the_largest_are_those_of_a_full_sort(pairs, largest):
    summary = summarise([PersonChange(str(i), b, a) for i, (b, a) in enumerate(pairs)], largest=largest)
    changes = sorted((a - b for b, a in pairs), reverse=True)
    assert [item.change_weekly for item in summary.largest_increases] == [c for c in changes if c > 0][:largest]
    assert [item.change_weekly for item in summary.largest_decreases] == sorted(c for c in changes if c < 0)[:largest]
