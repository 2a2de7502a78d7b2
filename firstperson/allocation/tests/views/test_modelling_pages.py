"""The RAS modelling pages through the URLs: calibration upload (good and bad files), the result with
its chart and paged table, a draft made from a fit, what-if with its per-person download, and the
equality check. Every figure here was worked out by hand from REFERENCE.md §2.10's configuration
(£247 a point a year, the family-carer adjustment of 0.8, a £1,000 minimum)."""

import csv
import datetime
import io
import re
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from firstperson.allocation import selectors, services
from firstperson.allocation.default_configuration import (
    DEFAULT_QUESTIONNAIRE_CODE,
    WORKED_EXAMPLE_NAME,
    default_configuration_load,
)
from firstperson.allocation.models import (
    ConfigurationStatus,
    IndicativeBudget,
    ModerationStatus,
    MoneyBand,
    MoneyMethod,
    RasConfiguration,
)
from firstperson.allocation.rules import calibration as calibration_rules
from firstperson.allocation.services import what_if as what_if_services
from firstperson.allocation.views.calibration import SESSION_KEY
from firstperson.assessment.models import Question
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..fixtures import (
    NO_FAMILY_HELP,
    NO_NEEDS,
    REFERENCE_ANSWERS,
    draft_copy,
    reference_configuration,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db

UPLOAD = reverse("allocation:calibration-upload")
RESULT = reverse("allocation:calibration-result")
DRAFT = reverse("allocation:calibration-draft")
WHAT_IF = reverse("allocation:what-if")
DOWNLOAD = reverse("allocation:what-if-download")
EQUALITY = reverse("allocation:equality")


@pytest.fixture
def finance(sign_in_client, make_user):
    return sign_in_client(make_user(Role.FINANCE_OFFICER, first_name="Tom", last_name="Reid"))


@pytest.fixture
def commissioner(sign_in_client, make_user):
    return sign_in_client(make_user(Role.COMMISSIONER))


@pytest.fixture
def admin(sign_in_client, administrator):
    return sign_in_client(administrator)


def page(response) -> str:
    return response.content.decode()


def upload(client, configuration, content: bytes, bands=5, name="packages.csv"):
    return client.post(
        UPLOAD,
        {
            "file": SimpleUploadedFile(name, content, content_type="text/csv"),
            "configuration": configuration.pk,
            "bands": bands,
        },
    )


def events(verb):
    return AuditEvent.objects.filter(verb=verb)


PERFECT = b"reference,points,weekly_cost\nP1,10,50\nP2,20,100\nP3,30,150\nP4,40,200\n"


# --- Calibration -----------------------------------------------------------------------------------


def test_a_file_of_points_is_fitted_and_shown_with_a_chart_and_a_table(finance, configuration):
    response = upload(finance, configuration, PERFECT, bands=2)
    assert response.status_code == 302 and response.url == RESULT
    html = page(finance.get(RESULT))
    assert "Calibration: 4 care packages" in html
    assert "£5.00 × points" in html  # 10 points cost £50, 40 cost £200: exactly £5 a point a week
    assert "£260.00 a year" in html  # §2.10: £5 a week is £260 a year
    assert "£0.00 + £5.00 × points" in html
    assert html.count(">1.000<") == 2  # R² of both lines: a perfect fit (the bands' is 0.800, below)
    assert '<svg class="app-calibration-chart"' in html
    assert 'aria-labelledby="calibration-chart-title calibration-chart-desc"' in html
    assert '<title id="calibration-chart-title">Weekly cost against points for 4 care packages</title>' in html
    assert "The same packages are listed in the table of care packages.</desc>" in html
    assert html.count("<circle") == 4 + 1  # the four packages and the key's sample
    assert '<table class="govuk-table govuk-!-font-size-16" id="packages">' in html
    assert "P3" in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    event = events(AuditVerb.ALLOCATION_CALIBRATION_RUN).get()
    assert event.payload["packages"] == 4
    assert event.payload["price_per_point_weekly"] == "5.0000"
    assert event.payload["file"] == "packages.csv"


def _contrast_on_white(colour: str, opacity: float) -> float:
    """WCAG 2 contrast of a colour, drawn at an opacity over white, against white."""

    def channel(value: int) -> float:
        c = (opacity * value + (1 - opacity) * 255) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[n : n + 2], 16)) for n in (1, 3, 5))
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


def test_the_chart_s_dots_stand_out_from_the_white_by_at_least_3_to_1(finance, configuration):
    # WCAG 2.2 1.4.11: a graphic needed to read the chart needs 3:1 against what is next to it.
    upload(finance, configuration, PERFECT, bands=2)
    html = page(finance.get(RESULT))
    dots = re.search(r"<g ([^>]*)>\s*<circle", html)  # the chart's dots share their group's paint
    key = re.search(r"<circle ([^>]*)/></svg> A care package", html)
    for attributes in (dots.group(1), key.group(1)):
        paint = dict(re.findall(r'([\w-]+)="([^"]*)"', attributes))
        opacity = float(paint.get("fill-opacity", 1)) * float(paint.get("opacity", 1))
        assert _contrast_on_white(paint["fill"], opacity) >= 3, paint
    assert _contrast_on_white("#1d70b8", 0.6) < 3  # the paint it had: about 2.5:1


def test_bands_have_r_squared_below_one_when_costs_vary_within_them(finance, configuration):
    upload(finance, configuration, PERFECT, bands=2)
    html = page(finance.get(RESULT))
    # Bands A (10, 20: mean £75) and B (30, 40: mean £175): residuals ±25; SSres 2,500; SStot 12,500; R² 0.8.
    assert ">0.800<" in html
    assert "£75.00" in html and "£175.00" in html


def test_a_file_of_answers_is_scored_by_the_chosen_configuration(finance, configuration):
    codes = list(REFERENCE_ANSWERS)
    content = "\n".join(
        [
            ",".join(codes + ["weekly_cost"]),
            ",".join([REFERENCE_ANSWERS[c] for c in codes] + ["193"]),
            ",".join([NO_FAMILY_HELP[c] for c in codes] + ["220"]),
        ]
    ).encode()
    assert upload(finance, configuration, content).status_code == 302
    html = page(finance.get(RESULT))
    assert "points worked out from the answers with ras-worked-example RAS v1" in html
    assert ">38.6<" in html and ">44<" in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"points,weekly_cost\n10,50\n20,lots\n",
            "Line 3, column weekly_cost: &quot;lots&quot; is not a number of pounds.",
        ),
        (b"points,cost\n10,50\n", "Line 1, column weekly_cost: The weekly_cost column is missing."),
        (b"personal_care,weekly_cost\nlevel_9,50\n", "Line 2, column personal_care: &quot;level_9&quot; is not one of"),
        (
            b"mood,weekly_cost\nhappy,50\n",
            "Line 1, column mood: There is no question with this code in ras-worked-example RAS v1.",
        ),
        (b"points,weekly_cost\n", "The file has no packages in it, only a header line."),
        (b"weekly_cost;points\n50;10\n", "Line 1: Separate the values with commas, not semicolons."),
        (
            b"points,weekly_cost,notes\n10,50,new\n",
            "Line 1, column notes: &quot;notes&quot; is not a column the file can have. A file of points may have "
            "only these columns: weekly_cost, points and reference.",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_line_and_column_and_nothing_is_kept(finance, configuration, content, message):
    response = upload(finance, configuration, content)
    html = page(response)
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert message in html
    assert 'href="#id_file"' in html
    assert "<title>Error: " in html
    assert SESSION_KEY not in finance.session
    assert not events(AuditVerb.ALLOCATION_CALIBRATION_RUN).exists()


def test_an_empty_or_missing_or_too_large_file(finance, configuration):
    html = page(upload(finance, configuration, b""))
    assert "The file is empty" in html
    html = page(finance.post(UPLOAD, {"configuration": configuration.pk, "bands": 5}))
    assert "Choose a CSV file to upload" in html
    big = b"points,weekly_cost\n" + b"1,1\n" * (calibration_rules.MAX_BYTES // 4 + 1)
    assert "The file must be smaller than 1,000 KB" in page(upload(finance, configuration, big))
    assert not events(AuditVerb.ALLOCATION_CALIBRATION_RUN).exists()


def test_a_long_table_is_paged(finance, configuration):
    rows = "".join(f"{n},{n * 5 + (n % 3)}\n" for n in range(1, 121))
    upload(finance, configuration, ("points,weekly_cost\n" + rows).encode())
    html = page(finance.get(RESULT + "?page=3"))
    assert "Care packages 101 to 120 of 120" in html
    assert 'aria-label="Pages of care packages"' in html
    assert 'aria-current="page">3<' in html
    assert html.count('<tr class="govuk-table__row"><td class="govuk-table__cell">') == 20
    # The chart shows all 120; its description says the table beside it shows them a page at a time.
    assert html.count("<circle") == 120 + 1
    assert "The same packages are listed in the table of care packages, 50 to a page over 3 pages.</desc>" in html


def test_the_result_without_an_upload_goes_back_to_the_upload(finance):
    response = finance.get(RESULT)
    assert response.status_code == 302 and response.url == UPLOAD


def test_an_administrator_starts_a_draft_with_the_fitted_price(admin, configuration):
    upload(admin, configuration, PERFECT, bands=2)
    html = page(admin.get(RESULT))
    assert "Start a new draft" in html
    response = admin.post(DRAFT, {"method": "price_per_point"})
    draft = RasConfiguration.objects.get(number=2)
    assert response.url == reverse("allocation:configuration-detail", args=[draft.pk])
    assert draft.status == ConfigurationStatus.DRAFT
    assert draft.money_method == MoneyMethod.PRICE_PER_POINT
    assert draft.price_per_point == Decimal("260.00")  # £5 a week, in the configuration's year
    assert "from 4 care packages (packages.csv)" in draft.notes
    assert draft.based_on_id == configuration.pk
    assert draft.adjustments.count() == configuration.adjustments.count()


def test_an_administrator_starts_a_draft_with_the_fitted_bands(admin, configuration):
    upload(admin, configuration, PERFECT, bands=2)
    admin.post(DRAFT, {"method": "bands"})
    draft = RasConfiguration.objects.get(number=2)
    assert draft.money_method == MoneyMethod.BANDS
    assert [(b.name, b.min_points, b.amount) for b in MoneyBand.objects.filter(configuration=draft)] == [
        ("A", Decimal("0.00"), Decimal("3900.00")),  # £75 a week × 52
        ("B", Decimal("30.00"), Decimal("9100.00")),  # £175 a week × 52
    ]


def test_a_band_s_year_on_the_page_is_the_year_its_draft_holds(admin, configuration):
    # Band A averages (£100.00 + £100.01) ÷ 2 = £100.005 a week: £100.01 to the penny, and a year is
    # 52 of those, £5,200.52 (not £100.005 × 52 = £5,200.26).
    upload(admin, configuration, b"points,weekly_cost\n10,100.00\n20,100.01\n30,200\n40,200\n", bands=2)
    bands = page(admin.get(RESULT)).split('id="bands"', 1)[1].split("</table>", 1)[0]
    assert "£100.01" in bands and "£5,200.52" in bands and "£5,200.26" not in bands
    admin.post(DRAFT, {"method": "bands"})
    draft = RasConfiguration.objects.get(number=2)
    assert MoneyBand.objects.get(configuration=draft, name="A").amount == Decimal("5200.52")


def test_bands_too_close_together_to_make_a_table_are_explained_and_no_draft_is_made(admin, configuration):
    upload(admin, configuration, b"points,weekly_cost\n0,100\n10.001,200\n10.004,300\n", bands=3)
    html = page(admin.post(DRAFT, {"method": "bands"}))
    assert 'class="govuk-error-summary"' in html
    assert "Bands B and C are too close together to make a table" in html
    assert "choose fewer bands to fit" in html
    assert "Row 3" not in html
    assert RasConfiguration.objects.count() == 1


def test_the_draft_form_needs_a_choice_and_only_administrators_see_it(admin, finance, configuration):
    upload(admin, configuration, PERFECT)
    html = page(admin.post(DRAFT, {}))
    assert 'class="govuk-error-summary"' in html and "Choose the price per point or the bands" in html
    assert RasConfiguration.objects.count() == 1
    upload(finance, configuration, PERFECT)
    assert "Start a new draft" not in page(finance.get(RESULT))
    assert finance.post(DRAFT, {"method": "bands"}).status_code == 404
    assert RasConfiguration.objects.count() == 1


# --- What-if -------------------------------------------------------------------------------------


@pytest.fixture
def population(make_person, team, practitioner, configuration):
    """Three people with budgets under §2.10: £9,534.20, £10,868.00 and the £1,000 minimum."""
    people = []
    for n, answers in enumerate((REFERENCE_ANSWERS, NO_FAMILY_HELP, NO_NEEDS)):
        person = make_person(team=team, legal_given_name=f"Zed{n}", legal_family_name="Quill")
        assessment = submitted_assessment(person=person, actor=practitioner, answers=answers)
        services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
        people.append(person)
    return people


def test_what_if_a_higher_price(commissioner, population, configuration, administrator):
    candidate = draft_copy(configuration, actor=administrator, price_per_point="260")
    html = page(commissioner.get(WHAT_IF, {"configuration": candidate.pk}))
    # Today £9,534.20 + £10,868.00 + £1,000.00; at £260: 38.6 × 260 = £10,036.00, 44 × 260 = £11,440.00,
    # and the minimum £1,000.00. Difference £1,073.80 (+5.0%).
    assert "£21,402.20" in html and "£22,476.00" in html
    assert "£1,073.80 (+5%)" in html
    assert "3 of 3 with a sent self-assessment" in html
    assert "2 people, £1,073.80 a year between them; the largest rise £572.00" in html
    assert "Quill" not in html  # no names on the summary
    assert "Download the figures for each person" not in html  # finance officers only
    payload = events(AuditVerb.ALLOCATION_WHAT_IF_RUN).get().payload
    assert payload["compared"] == 3
    # The bands read plainly; their labels are worked out for each page, never stored.
    assert "Gain: gets nothing today" in html and "from £0 today" not in html
    assert "Gain" not in str(payload)


def test_what_if_counts_people_without_a_budget_and_answers_that_do_not_fit(
    finance, population, configuration, make_person, team, practitioner
):
    newcomer = make_person(team=team)
    submitted_assessment(person=newcomer, actor=practitioner, answers=NO_FAMILY_HELP)  # no budget worked out
    html = page(finance.get(WHAT_IF, {"configuration": configuration.pk}))
    assert "1 person: £10,868.00 a year with ras-worked-example RAS v1, not in the totals above" in html
    assert "3 people" in html  # no change for the three with budgets under the same configuration
    assert "Download the figures for each person" in html


def test_what_if_compares_with_the_figure_agreed_today(finance, population, configuration, practitioner):
    """Today's figure is the one the council is committed to: a practitioner's change that stands
    counts instead of the calculated figure; one still waiting for a team manager does not."""
    first, second = (IndicativeBudget.objects.get(person=person, is_current=True) for person in population[:2])
    reason = "The costed support plan comes to this"
    applied = services.budget_moderate(
        actor=practitioner, budget=first, amount=Decimal(10400), period="annual", reason=reason
    )
    pending = services.budget_moderate(
        actor=practitioner, budget=second, amount=Decimal(12000), period="annual", reason=reason
    )
    assert (applied.status, pending.status) == (ModerationStatus.APPLIED, ModerationStatus.PENDING)
    html = page(finance.get(WHAT_IF, {"configuration": configuration.pk}))
    # Today £10,400.00 (changed from £9,534.20) + £10,868.00 (£12,000 waiting) + £1,000.00 = £22,268.00;
    # under the same configuration £21,402.20: £865.80 less, for the one person whose figure was changed.
    assert "£22,268.00" in html and "£21,402.20" in html
    assert "1 person, £865.80 a year between them; the largest fall £865.80" in html
    assert "Today's figure for each person is the figure agreed for them" in html
    rows = list(csv.reader(io.StringIO(finance.get(DOWNLOAD, {"configuration": configuration.pk}).content.decode())))
    assert rows[1][1:7] == ["Zed0 Quill", "10400.00", "9534.20", "-865.80", "-8.3", "Lose less than 10%"]
    assert rows[2][1:7] == ["Zed1 Quill", "10868.00", "10868.00", "0.00", "0.0", "No change"]


def test_what_if_needs_a_configuration(finance):
    html = page(finance.get(WHAT_IF, {"configuration": "not-an-id"}))
    assert 'class="govuk-error-summary"' in html and "Choose a configuration from the list" in html
    assert not events(AuditVerb.ALLOCATION_WHAT_IF_RUN).exists()


def test_the_per_person_download_is_for_finance_officers_and_audited(
    finance, commissioner, population, configuration, administrator
):
    candidate = draft_copy(configuration, actor=administrator, price_per_point="260")
    response = finance.get(DOWNLOAD, {"configuration": candidate.pk})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == what_if_services.CSV_HEADER
    assert rows[1][1:7] == ["Zed0 Quill", "9534.20", "10036.00", "501.80", "5.3", "Gain less than 10%"]
    assert rows[3][1:7] == ["Zed2 Quill", "1000.00", "1000.00", "0.00", "0.0", "No change"]
    event = events(AuditVerb.ALLOCATION_WHAT_IF_RUN).get()
    assert event.payload["download"] == "per-person CSV"
    assert sorted(event.payload["person_ids"]) == sorted(str(p.pk) for p in population)
    assert commissioner.get(DOWNLOAD, {"configuration": candidate.pk}).status_code == 404
    assert finance.get(DOWNLOAD).status_code == 302


def test_what_if_reads_everyone_in_a_fixed_number_of_queries(population, configuration, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        projections = what_if_services.what_if_projections(configuration=configuration)
    assert len(projections) == 3


def test_what_if_time_for_a_larger_population(configuration, make_person, team, practitioner):
    """Not a timed test: prints how long 60 people take, for the notes."""
    for n in range(60):
        person = make_person(team=team)
        answers = (REFERENCE_ANSWERS, NO_FAMILY_HELP, NO_NEEDS)[n % 3]
        services.indicative_budget_calculate(
            actor=practitioner, assessment=submitted_assessment(person=person, actor=practitioner, answers=answers)
        )
    started = time.perf_counter()
    summary = what_if_services.what_if_run(actor=None, configuration=configuration).summary
    print(f"what-if for {summary.people} people: {time.perf_counter() - started:.3f} s")
    assert summary.compared == 60 and summary.unchanged == 60


# --- Equality check ----------------------------------------------------------------------------------


def budgets_for(make_person, team, practitioner, *groups):
    """(how many, sex, answers) for each group: each person's budget worked out by the service."""
    for count, sex, answers in groups:
        for _ in range(count):
            person = make_person(team=team, sex=sex)
            services.indicative_budget_calculate(
                actor=practitioner, assessment=submitted_assessment(person=person, actor=practitioner, answers=answers)
            )


def table(html: str, table_id: str) -> str:
    return html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]


def test_the_equality_check_runs_with_defaults_and_flags_beyond_the_percentage(
    commissioner, make_person, team, practitioner, configuration
):
    html = page(commissioner.get(EQUALITY))
    assert "There are too few current indicative budgets from this questionnaire to compare (0" in html
    budgets_for(
        make_person,
        team,
        practitioner,
        (5, "female", REFERENCE_ANSWERS),
        (5, "male", NO_FAMILY_HELP),
        (5, "", NO_NEEDS),
    )
    # Everyone: (5 × £9,534.20 + 5 × £10,868.00 + 5 × £1,000) ÷ (5 × 38.6 + 5 × 44 + 0) = £107,011 ÷ 413
    # = £259.11. Women and men both get £247.00 a point: -4.7%, within 10% but beyond 0.5%.
    html = page(commissioner.get(EQUALITY))
    assert "£259.11 a year" in html
    assert 'Groups flagged</dt><dd class="govuk-summary-list__value">0,' in html
    html = page(commissioner.get(EQUALITY, {"threshold_percent": "0.5", "figure": "calculated"}))
    assert 'Groups flagged</dt><dd class="govuk-summary-list__value">2,' in html
    assert table(html, "sex").count("Look at this") == 2
    assert "-4.7%" in table(html, "sex")
    # The five whose sex is not recorded have no points: no budget per point, and nothing to compare.
    unrecorded = table(html, "sex").split(">Not recorded</th>", 1)[1].split("</tr>", 1)[0]
    assert "Not worked out: no points" in unrecorded and "No points" in unrecorded
    assert "None" not in unrecorded and "%" not in unrecorded
    assert events(AuditVerb.ALLOCATION_EQUALITY_CHECKED).count() == 3


def test_the_equality_check_uses_the_threshold_set_in_the_configuration_in_force(
    commissioner, make_person, team, practitioner, configuration
):
    """The council sets the threshold in the RAS configuration (versioned with the rest); the page
    uses it unless the commissioner tries another, and says which it used."""
    RasConfiguration.objects.filter(pk=configuration.pk).update(equality_threshold_percent=Decimal("4.5"))
    budgets_for(make_person, team, practitioner, (5, "female", REFERENCE_ANSWERS), (5, "male", NO_FAMILY_HELP))
    budgets_for(make_person, team, practitioner, (5, "", NO_NEEDS))
    # Women and men are both 4.7% below everyone (see the test above): beyond 4.5%, within 10%.
    html = page(commissioner.get(EQUALITY))
    assert 'Groups flagged</dt><dd class="govuk-summary-list__value">2, differing by more than 4.5%' in html
    assert 'id="threshold">4.5%: the council\'s, set in ras-worked-example RAS v1<' in html
    assert 'name="threshold_percent" type="text" value="4.5"' in html
    html = page(commissioner.get(EQUALITY, {"threshold_percent": "10", "figure": "calculated"}))
    assert 'Groups flagged</dt><dd class="govuk-summary-list__value">0, differing by more than 10%' in html
    assert "10%: one you chose; the council's, set in ras-worked-example RAS v1, is 4.5%" in html
    first, second = events(AuditVerb.ALLOCATION_EQUALITY_CHECKED).order_by("pk")
    assert (first.payload["threshold_percent"], first.payload["threshold_is_the_configurations"]) == ("4.5", True)
    assert (second.payload["threshold_percent"], second.payload["threshold_is_the_configurations"]) == ("10", False)


def test_a_group_too_few_to_compare_cannot_be_worked_out_from_the_total(
    commissioner, make_person, team, practitioner, configuration
):
    # 11 people: 5 women, 5 men and 1 whose sex is not recorded. Showing 5 and 5 would give away the 1
    # (11 − 5 − 5); showing either 5 would give away 1 and 5 (6 between two groups, one of them under 5
    # and the other no bigger than the 5 shown). So the whole table is hidden; the 11 together are
    # shown in the other tables.
    budgets_for(
        make_person,
        team,
        practitioner,
        (5, "female", REFERENCE_ANSWERS),
        (5, "male", NO_FAMILY_HELP),
        (1, "", NO_NEEDS),
    )
    html = page(commissioner.get(EQUALITY))
    assert "11 with a current indicative budget" in html
    sex = table(html, "sex")
    for label in ("Female", "Male", "Not recorded"):
        assert f'<th scope="row" class="govuk-table__header">{label}</th>' in sex
    assert sex.count("Too few to compare") == 3 and sex.count("Not shown") == 3
    assert ">5<" not in sex and ">1<" not in sex and "£" not in sex
    assert "a larger group may be hidden as well" in html
    assert ">11<" in table(html, "age_band")


def test_the_equality_check_counts_only_the_questionnaire_of_the_configuration_in_force(
    commissioner, make_person, team, practitioner, administrator
):
    """Points from different questionnaires are not on the same scale: budgets worked out under
    another questionnaire's configuration are left out, even while it is in force too."""
    # The council's long self-assessment has its own configuration, in force from today; the worked
    # example's, published after it and also in force from today, is the configuration in force.
    other, _ = default_configuration_load(actor=administrator, questionnaire_code=DEFAULT_QUESTIONNAIRE_CODE)
    configuration = reference_configuration(actor=administrator)
    assert selectors.configuration_current() == configuration
    budgets_for(make_person, team, practitioner, (5, "female", REFERENCE_ANSWERS), (5, "male", NO_FAMILY_HELP))
    questions = Question.objects.filter(section__version=other.questionnaire_version)
    answers = {question.code: question.options.order_by("-points", "order").first().code for question in questions}
    answers["family_support"] = "none"
    for _ in range(5):
        person = make_person(team=team, sex="female")
        services.indicative_budget_calculate(
            actor=practitioner,
            assessment=submitted_assessment(
                person=person, actor=practitioner, answers=answers, version=other.questionnaire_version
            ),
        )
    assert IndicativeBudget.objects.filter(is_current=True, configuration=other).count() == 5
    html = page(commissioner.get(EQUALITY))
    # (5 × £9,534.20 + 5 × £10,868.00) ÷ (5 × 38.6 + 5 × 44) = £247.00 a point, as the configuration says.
    assert "10 with a current indicative budget" in html
    assert "£247.00 a year" in html
    assert ">5<" in table(html, "sex") and "Female" in table(html, "sex")
    assert (
        f"from the questionnaire “{WORKED_EXAMPLE_NAME}”, worked out under ras-worked-example RAS v1, "
        "the RAS configuration in force today" in html
    )
    event = events(AuditVerb.ALLOCATION_EQUALITY_CHECKED).get()
    assert (event.payload["people"], event.payload["configuration"]) == (10, "ras-worked-example RAS v1")


def test_the_equality_check_leaves_out_budgets_from_another_version_of_the_configuration(
    commissioner, finance, make_person, team, practitioner, administrator, configuration
):
    """Budgets per point from two prices per point are not on one scale: a mix would flag a group
    for the version most of it was worked out under, not for how it is treated."""
    # Version 1 as if published a month ago (publication refuses two versions taking effect on one day).
    last_month = timezone.localdate() - datetime.timedelta(days=30)
    RasConfiguration.objects.filter(pk=configuration.pk).update(effective_from=last_month)
    budgets_for(make_person, team, practitioner, (5, "female", REFERENCE_ANSWERS), (5, "male", NO_FAMILY_HELP))
    dearer = draft_copy(configuration, actor=administrator, price_per_point="260", effective_from=timezone.localdate())
    services.configuration_publish(actor=administrator, configuration=dearer)
    assert selectors.configuration_current() == dearer
    budgets_for(make_person, team, practitioner, (5, "female", REFERENCE_ANSWERS), (5, "male", NO_FAMILY_HELP))
    html = page(commissioner.get(EQUALITY))
    # Only the ten under v2: (5 × £10,036.00 + 5 × £11,440.00) ÷ (5 × 38.6 + 5 × 44) = £260.00 a point.
    # With v1's ten mixed in it would be £209,391 ÷ 826 = £253.50.
    assert "10 with a current indicative budget" in html
    assert "£260.00 a year" in html and "£253.50" not in html
    assert "worked out under ras-worked-example RAS v2, the RAS configuration in force today" in html
    other_versions = html.split('id="other-versions"', 1)[1].split("</div>", 1)[0]
    assert "10 people's budgets were worked out under another version of the configuration" in other_versions
    assert "A finance officer or an administrator can work them out again" in other_versions
    assert "<a " not in other_versions
    link = reverse("allocation:configuration-recalculation", args=[dearer.pk])
    assert f'href="{link}"' in page(finance.get(EQUALITY)).split('id="other-versions"', 1)[1].split("</div>", 1)[0]
    event = events(AuditVerb.ALLOCATION_EQUALITY_CHECKED).order_by("pk").first()
    assert (event.payload["people"], event.payload["left_out_other_versions"]) == (10, 10)


def test_the_equality_check_compares_the_agreed_figure_when_asked(
    commissioner, make_person, team, practitioner, configuration
):
    budgets_for(make_person, team, practitioner, (5, "female", REFERENCE_ANSWERS), (5, "male", NO_FAMILY_HELP))
    first, second = IndicativeBudget.objects.filter(is_current=True, person__sex="female")[:2]
    reason = "The costed support plan comes to this"
    services.budget_moderate(actor=practitioner, budget=first, amount=Decimal(10400), period="annual", reason=reason)
    services.budget_moderate(actor=practitioner, budget=second, amount=Decimal(12000), period="annual", reason=reason)
    calculated = page(commissioner.get(EQUALITY, {"threshold_percent": "10", "figure": "calculated"}))
    assert "£247.00 a year" in calculated
    # The change to £10,400 stands (£865.80 more); the one to £12,000 waits: (£102,011 + £865.80) ÷ 413.
    agreed = page(commissioner.get(EQUALITY, {"threshold_percent": "10", "figure": "agreed"}))
    assert "£249.10 a year" in agreed
    assert "The figure agreed after any change" in agreed


def test_the_equality_check_says_so_when_no_configuration_is_in_force(
    commissioner, make_person, team, practitioner, configuration, administrator
):
    budgets_for(make_person, team, practitioner, (5, "female", REFERENCE_ANSWERS), (5, "male", NO_FAMILY_HELP))
    services.configuration_retire(actor=administrator, configuration=configuration)
    for query in ({}, {"threshold_percent": "10", "figure": "agreed"}):
        response = commissioner.get(EQUALITY, query)
        html = page(response)
        assert response.status_code == 200
        assert "No RAS configuration is in force today, so there is nothing to compare." in html
        assert "with a current indicative budget" not in html
        assert "Everyone's budget per point" not in html and 'id="sex"' not in html
    assert not events(AuditVerb.ALLOCATION_EQUALITY_CHECKED).exists()


def test_the_equality_check_refuses_a_bad_percentage(commissioner):
    html = page(commissioner.get(EQUALITY, {"threshold_percent": "lots", "figure": "calculated"}))
    assert 'class="govuk-error-summary"' in html and "The percentage must be a number, for example 10" in html
    assert not events(AuditVerb.ALLOCATION_EQUALITY_CHECKED).exists()


def test_the_pages_are_not_for_caseworkers(sign_in_client, practitioner):
    client = sign_in_client(practitioner)
    for url in (reverse("allocation:modelling"), UPLOAD, WHAT_IF, EQUALITY):
        assert client.get(url).status_code == 404


def test_finance_officers_find_the_recalculation_of_each_published_configuration(finance, commissioner, configuration):
    html = page(finance.get(reverse("allocation:modelling")))
    link = reverse("allocation:configuration-recalculation", args=[configuration.pk])
    assert f'href="{link}"' in html and "Work open budgets out again" in html
    # Commissioners model but do not change anyone's budget: no link for them.
    assert link not in page(commissioner.get(reverse("allocation:modelling")))
