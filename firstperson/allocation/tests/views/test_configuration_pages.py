"""Administrators' configuration pages, through the URLs: author each part, preview on sample answers,
publish (refused with every problem shown), and a published configuration's editing pages send
people back to it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from firstperson.allocation import selectors, services
from firstperson.allocation.models import ConfigurationStatus, MoneyBand, MoneyCorner, RasConfiguration

from ..fixtures import REFERENCE_ANSWERS, draft_copy

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(sign_in_client, administrator):
    return sign_in_client(administrator)


@pytest.fixture
def draft(configuration, administrator):
    return services.configuration_new_version(actor=administrator, configuration=configuration)


def url(name, configuration):
    return reverse(f"allocation:{name}", args=[configuration.pk])


def page(response) -> str:
    return response.content.decode()


def test_the_list_and_a_new_draft(admin, configuration):
    assert "ras-worked-example RAS v1" in page(admin.get(reverse("allocation:configuration-list")))
    response = admin.post(
        reverse("allocation:configuration-create"), {"version": configuration.questionnaire_version_id}
    )
    new = RasConfiguration.objects.get(number=2)
    assert response.url == url("configuration-detail", new)
    assert new.status == ConfigurationStatus.DRAFT
    response = admin.post(reverse("allocation:configuration-create"), {})
    assert "Choose the questionnaire version it scores" in page(response)


def test_setting_the_details(admin, draft):
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = admin.post(
        url("configuration-details", draft),
        {
            "effective_from_0": day.day,
            "effective_from_1": day.month,
            "effective_from_2": day.year,
            "period": "weekly",
            "rounding": "pound",
            "minimum": "20",
            "maximum": "800",
            "tolerance_percent": "7.5",
            "equality_threshold_percent": "12.5",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (
        draft.effective_from,
        draft.period,
        draft.rounding,
        draft.minimum,
        draft.maximum,
        draft.tolerance_percent,
        draft.equality_threshold_percent,
    ) == (
        day,
        "weekly",
        "pound",
        Decimal(20),
        Decimal(800),
        Decimal("7.5"),
        Decimal("12.5"),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"minimum": "ten"}, "Minimum budget must be an amount in pounds, like 1000 or 247.50"),
        ({"minimum": "-5"}, "The minimum cannot be less than £0"),
        ({"minimum": "500", "maximum": "100"}, "The maximum cannot be less than the minimum"),
        ({"tolerance_percent": "150"}, "The tolerance must be between 0% and 100%"),
        ({"equality_threshold_percent": "150"}, "The equality threshold must be between 0% and 100%"),
        ({"equality_threshold_percent": "-1"}, "The equality threshold must be between 0% and 100%"),
        ({"equality_threshold_percent": "12.25"}, "The equality threshold can have at most 1 decimal place"),
        ({"equality_threshold_percent": ""}, "Enter equality threshold, in per cent"),
        ({"period": ""}, "Choose whether the amounts are for a week or a year"),
    ],
)
def test_bad_details_show_a_message_and_save_nothing(admin, draft, data, message):
    values = {
        "period": "annual",
        "rounding": "penny",
        "minimum": "0",
        "tolerance_percent": "10",
        "equality_threshold_percent": "10",
        **data,
    }
    response = admin.post(url("configuration-details", draft), values)
    assert response.status_code == 200
    assert message in page(response)
    assert "govuk-error-summary" in page(response)
    assert RasConfiguration.objects.get(pk=draft.pk).minimum == Decimal(1000)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"money_method": "bands", "bands": "A, 0, 1e20"}, "Row 1: the amount must be £9,999,999,999.99 or less."),
        (
            {"money_method": "bands", "bands": f"{'A' * 50}, 0, 100"},
            "Row 1: the band name must be 40 characters or fewer.",
        ),
        (
            {"money_method": "bands", "bands": "A, 0, 100\nB, 10.001, 200\nC, 10.004, 300"},
            "Row 3: the points can have at most 2 decimal places.",
        ),
        (
            {"money_method": "piecewise_linear", "corners": "0, 0\n100000000, 100"},
            "Row 2: the points must be 9,999,999.99 or less.",
        ),
    ],
)
def test_a_table_too_large_or_too_precise_to_keep_names_the_row_and_saves_nothing(admin, draft, data, message):
    response = admin.post(url("configuration-money", draft), data)
    assert response.status_code == 200
    assert message in page(response)
    assert "govuk-error-summary" in page(response)
    assert not MoneyBand.objects.filter(configuration=draft).exists()
    assert not MoneyCorner.objects.filter(configuration=draft).exists()
    assert RasConfiguration.objects.get(pk=draft.pk).money_method == "price_per_point"


def test_a_band_table_with_a_bad_row_names_it_and_saves_nothing(admin, draft):
    response = admin.post(
        url("configuration-money", draft),
        {"money_method": "bands", "bands": "A, 0, 1000\nB, 10, 5000\nC, 30, 4000"},
    )
    assert "Row 3: a band with more points cannot be worth less than the band before it." in page(response)
    response = admin.post(
        url("configuration-money", draft), {"money_method": "bands", "bands": "A, 0, 1000\nB, ten, 5000"}
    )
    assert "Row 2: the points must be a number, like 1000 or 12.5" in page(response)
    response = admin.post(url("configuration-money", draft), {"money_method": "bands", "bands": "A, 0"})
    assert "Row 1: give 3 values separated by commas: name, fewest points, amount" in page(response)
    assert not MoneyBand.objects.filter(configuration=draft).exists()
    assert RasConfiguration.objects.get(pk=draft.pk).money_method == "price_per_point"
    response = admin.post(
        url("configuration-money", draft), {"money_method": "bands", "bands": "A, 0, 1000\n\nB, 10, £5000"}
    )
    assert response.status_code == 302
    assert list(MoneyBand.objects.filter(configuration=draft).values_list("name", "min_points", "amount")) == [
        ("A", Decimal(0), Decimal(1000)),
        ("B", Decimal(10), Decimal(5000)),
    ]


def test_weights_caps_and_adjustments(admin, draft):
    data = {f"weight_{code}": "1" for code in draft.domain_settings.values_list("section_code", flat=True)}
    data.update({"weight_safety": "1.25", "cap_safety": "10"})
    assert admin.post(url("configuration-domains", draft), data).status_code == 302
    assert draft.domain_settings.get(section_code="safety").cap_points == Decimal(10)
    response = admin.post(url("configuration-domains", draft), {**data, "weight_safety": "heavy"})
    assert "Staying safe: weight must be a number, like 1 or 1.25" in page(response)
    response = admin.post(
        url("configuration-adjustments", draft),
        {
            "description": "Lives alone",
            "options": ["family_support:none"],
            "domains": ["safety"],
            "factor": "1.1",
        },
    )
    assert response.status_code == 302
    assert "Lives alone" in page(admin.get(url("configuration-adjustments", draft)))
    response = admin.post(
        url("configuration-adjustments", draft),
        {
            "description": "Mixed",
            "options": ["family_support:none", "personal_care:level_1"],
            "domains": ["safety"],
            "factor": "1",
        },
    )
    assert "Select a valid choice" in page(response) or "Choose answers from one question only" in page(response)
    adjustment = draft.adjustments.get(description="Lives alone")
    admin.post(url("configuration-adjustments", draft), {"remove": adjustment.pk})
    assert not draft.adjustments.filter(description="Lives alone").exists()


def test_the_preview_shows_the_figure_and_every_step(admin, configuration):
    response = admin.post(
        url("configuration-preview", configuration), {f"q_{code}": option for code, option in REFERENCE_ANSWERS.items()}
    )
    content = page(response)
    assert "£9,534.20 a year" in content
    assert "£183.35 a week" in content
    assert "Help from family or friends: Personal care × 0.8: -3 points × £247.00" in content
    assert "-£741.00" in content


def test_a_drafts_preview_says_what_would_stop_it_being_published(admin, draft, configuration):
    """A draft with no price per point yet is previewed at £0 a point: the page must say it cannot
    be published like that, so the figure is not mistaken for what would go live."""
    RasConfiguration.objects.filter(pk=draft.pk).update(price_per_point=None)
    answers = {f"q_{code}": option for code, option in REFERENCE_ANSWERS.items()}
    content = page(admin.post(url("configuration-preview", draft), answers))
    assert 'id="before-publishing"' in content
    assert "This draft cannot be published yet." in content
    assert "Give the price for each point." in content
    assert "Give the date it takes effect." in content
    # A published configuration's preview has nothing to add.
    assert 'id="before-publishing"' not in page(admin.post(url("configuration-preview", configuration), answers))


def test_the_preview_names_unanswered_questions(admin, configuration):
    response = admin.post(url("configuration-preview", configuration), {"q_personal_care": "level_1"})
    assert page(response).count("This question needs an answer.") >= 8
    assert "govuk-error-summary" in page(response)


def test_publishing_is_refused_with_the_messages(admin, draft):
    response = admin.get(url("configuration-publish", draft))
    assert "Give the date it takes effect." in page(response)
    response = admin.post(url("configuration-publish", draft))
    assert response.status_code == 200
    assert "govuk-error-summary" in page(response)
    assert "Give the date it takes effect." in page(response)
    assert RasConfiguration.objects.get(pk=draft.pk).status == ConfigurationStatus.DRAFT


def test_publishing(admin, draft):
    RasConfiguration.objects.filter(pk=draft.pk).update(
        effective_from=timezone.localdate() + datetime.timedelta(days=1)
    )
    response = admin.post(url("configuration-publish", draft))
    assert response.url == url("configuration-detail", draft)
    assert RasConfiguration.objects.get(pk=draft.pk).status == ConfigurationStatus.PUBLISHED


@pytest.mark.parametrize(
    "name",
    [
        "configuration-details",
        "configuration-domains",
        "configuration-money",
        "configuration-adjustments",
        "configuration-publish",
    ],
)
def test_a_published_configuration_cannot_be_edited(admin, configuration, name):
    response = admin.get(url(name, configuration))
    assert response.url == url("configuration-detail", configuration)
    response = admin.post(url(name, configuration), {"money_method": "price_per_point", "price_per_point": "1"})
    assert response.url == url("configuration-detail", configuration)
    configuration.refresh_from_db()
    assert configuration.price_per_point == Decimal(247)


def test_new_version_and_retire(admin, configuration):
    response = admin.post(url("configuration-new-version", configuration))
    new = RasConfiguration.objects.get(number=2)
    assert response.url == url("configuration-detail", new)
    admin.post(url("configuration-retire", configuration))
    assert RasConfiguration.objects.get(pk=configuration.pk).status == ConfigurationStatus.RETIRED


def test_pressing_make_a_new_version_twice_makes_one_draft(admin, configuration):
    """The page sends the newest number it showed; the second press finds the draft the first made."""
    content = page(admin.get(url("configuration-new-version", configuration)))
    assert '<input type="hidden" name="newest" value="1">' in content
    first = admin.post(url("configuration-new-version", configuration), {"newest": "1"})
    second = admin.post(url("configuration-new-version", configuration), {"newest": "1"})
    draft = RasConfiguration.objects.get(number=2)
    assert first.url == second.url == url("configuration-detail", draft)
    assert RasConfiguration.objects.count() == 2
    # Asked for again from a fresh page, it is a new version, as asked.
    admin.post(url("configuration-new-version", configuration), {"newest": "2"})
    assert RasConfiguration.objects.filter(based_on=configuration).count() == 2


def test_the_retire_page_says_what_takes_over(admin, administrator, configuration):
    """v1 is in force today. Retiring it would leave nothing in force; once v2 is in force from
    today, retiring v2 would bring v1 back."""
    content = page(admin.get(url("configuration-retire", configuration)))
    assert "is in force today." in content
    assert "no configuration will be in force: no new budgets can be worked out" in content
    today = timezone.localdate()
    RasConfiguration.objects.filter(pk=configuration.pk).update(effective_from=today - datetime.timedelta(days=30))
    v2 = services.configuration_publish(
        actor=administrator, configuration=draft_copy(configuration, actor=administrator, effective_from=today)
    )
    content = page(admin.get(url("configuration-retire", v2)))
    assert f"If you retire it, {configuration.version_label} will be in force from today instead" in content
    # v1 is not in force today (v2 is): nothing to warn about on its page.
    assert 'id="takes-over"' not in page(admin.get(url("configuration-retire", configuration)))


def test_the_list_warns_when_another_self_assessment_also_has_a_configuration_in_force(
    admin, configuration, administrator
):
    from firstperson.allocation.default_configuration import default_configuration_load

    assert 'id="also-in-force"' not in page(admin.get(reverse("allocation:configuration-list")))
    default, _ = default_configuration_load(actor=administrator, questionnaire_code="self-assessment")

    listed = page(admin.get(reverse("allocation:configuration-list")))

    current, other = (
        (configuration, default) if configuration.published_at > default.published_at else (default, configuration)
    )
    warning = listed[listed.index('id="also-in-force"') :]
    assert f'href="{url("configuration-detail", other)}">{other.version_label}</a>' in warning
    assert f"use only {current.version_label}, because it took effect most recently" in warning


def test_the_preview_builds_the_rules_configuration_once(admin, configuration, monkeypatch):
    """The figure and the list of problems use one pure configuration, built from the sections the
    form has already read: building it reads the configuration's domains and adjustments again."""
    built = []
    real = selectors.ras_configuration_for
    monkeypatch.setattr(selectors, "ras_configuration_for", lambda *a, **k: built.append(1) or real(*a, **k))
    response = admin.post(
        url("configuration-preview", configuration), {f"q_{code}": option for code, option in REFERENCE_ANSWERS.items()}
    )
    assert "£9,534.20 a year" in page(response)
    assert len(built) == 1
