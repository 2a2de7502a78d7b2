"""Authoring a configuration: a draft for a questionnaire version, each part set through a service,
bad input refused with a plain message and nothing saved, publication refused with every problem."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from firstperson.allocation import services
from firstperson.allocation.exceptions import ConfigurationNotPublishable, InvalidConfiguration
from firstperson.allocation.models import (
    Adjustment,
    ConfigurationStatus,
    DomainSetting,
    MoneyBand,
    MoneyCorner,
    RasConfiguration,
)
from firstperson.allocation.rules import money_tables
from firstperson.allocation.rules.money_tables import BandRow, CornerRow
from firstperson.assessment.models import QuestionnaireVersion
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..fixtures import REFERENCE_ANSWERS

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = timezone.localdate


@pytest.fixture
def worked_example_version(configuration):
    return configuration.questionnaire_version


@pytest.fixture
def draft(administrator, worked_example_version):
    return services.configuration_create(actor=administrator, questionnaire_version=worked_example_version)


def details(**changes):
    values = {
        "effective_from": TODAY() + datetime.timedelta(days=1),
        "effective_to": None,
        "period": "annual",
        "rounding": "penny",
        "minimum": D(0),
        "maximum": None,
        "tolerance_percent": D(10),
        "equality_threshold_percent": D(10),
    }
    values.update(changes)
    return services.ConfigurationDetails(**values)


def test_a_new_draft_has_every_section_as_a_domain(draft, configuration):
    assert draft.status == ConfigurationStatus.DRAFT
    assert draft.number == configuration.number + 1
    assert list(draft.domain_settings.values_list("section_code", "weight", "cap_points")) == [
        (code, D(1), None)
        for code in [
            "personal_care",
            "eating",
            "routines",
            "relationships",
            "community",
            "work",
            "decisions",
            "safety",
            "circumstances",
        ]
    ]
    assert AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_CONFIGURATION_CREATED, object_id=str(draft.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"minimum": D(-1)}, "minimum", "The minimum cannot be less than £0"),
        ({"minimum": D(100), "maximum": D(99)}, "maximum", "The maximum cannot be less than the minimum"),
        ({"tolerance_percent": D("100.01")}, "tolerance_percent", "The tolerance must be between 0% and 100%"),
        ({"tolerance_percent": D(-1)}, "tolerance_percent", "The tolerance must be between 0% and 100%"),
        (
            {"equality_threshold_percent": D("100.1")},
            "equality_threshold_percent",
            "The equality threshold must be between 0% and 100%",
        ),
        (
            {"equality_threshold_percent": D("-0.1")},
            "equality_threshold_percent",
            "The equality threshold must be between 0% and 100%",
        ),
        (
            {"equality_threshold_percent": D("7.25")},
            "equality_threshold_percent",
            "The equality threshold can have at most 1 decimal place",
        ),
        ({"period": "monthly"}, "period", "Choose whether the amounts are for a week or a year"),
        ({"rounding": "pence"}, "rounding", "Choose how to round the figure"),
        (
            {"effective_from": datetime.date(2030, 5, 1), "effective_to": datetime.date(2030, 4, 30)},
            "effective_to",
            "The last day cannot be before the day it takes effect",
        ),
    ],
)
def test_bad_details_are_refused_and_nothing_is_saved(draft, administrator, changes, field, message):
    before = RasConfiguration.objects.get(pk=draft.pk)
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_update_details(actor=administrator, configuration=draft, details=details(**changes))
    assert (refused.value.field, refused.value.message) == (field, message)
    after = RasConfiguration.objects.get(pk=draft.pk)
    assert (after.minimum, after.maximum, after.period, after.effective_from, after.equality_threshold_percent) == (
        before.minimum,
        before.maximum,
        before.period,
        before.effective_from,
        before.equality_threshold_percent,
    )


def test_a_band_table_that_is_not_monotonic_names_the_row_and_saves_nothing(draft, administrator):
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="bands", bands=[BandRow("A", D(0), D(500))]
    )
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_set_money(
            actor=administrator,
            configuration=draft,
            method="bands",
            bands=[BandRow("A", D(0), D(1000)), BandRow("B", D(10), D(5000)), BandRow("C", D(30), D(4000))],
        )
    assert refused.value.problems == ["Row 3: a band with more points cannot be worth less than the band before it."]
    assert list(MoneyBand.objects.filter(configuration=draft).values_list("name", "amount")) == [("A", D(500))]


@pytest.mark.parametrize(
    ("bands", "problem"),
    [
        ([BandRow("A", D(0), D("1e20"))], "Row 1: the amount must be £9,999,999,999.99 or less."),
        ([BandRow("A" * 50, D(0), D(100))], "Row 1: the band name must be 40 characters or fewer."),
        (
            [BandRow("A", D(0), D(100)), BandRow("B", D("10.001"), D(200)), BandRow("C", D("10.004"), D(300))],
            "Row 2: the points can have at most 2 decimal places.",
        ),
    ],
)
def test_a_band_table_that_does_not_fit_its_columns_names_the_row_and_saves_nothing(
    draft, administrator, bands, problem
):
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="bands", bands=[BandRow("A", D(0), D(500))]
    )
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_set_money(actor=administrator, configuration=draft, method="bands", bands=bands)
    assert refused.value.problems[0] == problem
    assert list(MoneyBand.objects.filter(configuration=draft).values_list("name", "amount")) == [("A", D(500))]


def test_the_table_limits_are_the_columns_own():
    """rules/money_tables.py cannot read the models, so it keeps their sizes itself: they must agree."""
    for model, points in ((MoneyBand, "min_points"), (MoneyCorner, "points")):
        assert model._meta.get_field(points).max_digits == money_tables.POINTS_MAX_DIGITS
        assert model._meta.get_field(points).decimal_places == money_tables.PLACES
        assert model._meta.get_field("amount").max_digits == money_tables.AMOUNT_MAX_DIGITS
        assert model._meta.get_field("amount").decimal_places == money_tables.PLACES
    assert MoneyBand._meta.get_field("name").max_length == money_tables.NAME_MAX_LENGTH


def test_a_piecewise_table_that_falls_is_refused(draft, administrator):
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_set_money(
            actor=administrator,
            configuration=draft,
            method="piecewise_linear",
            corners=[CornerRow(D(0), D(0)), CornerRow(D(40), D(10000)), CornerRow(D(50), D(9000))],
        )
    assert refused.value.problems == ["Row 3: the amount cannot be less than in the row before it."]
    assert not MoneyCorner.objects.filter(configuration=draft).exists()


def test_changing_the_method_replaces_the_table(draft, administrator):
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="bands", bands=[BandRow("A", D(0), D(500))]
    )
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="price_per_point", price_per_point=D("4.75")
    )
    draft.refresh_from_db()
    assert (draft.money_method, draft.price_per_point) == ("price_per_point", D("4.75"))
    assert not MoneyBand.objects.filter(configuration=draft).exists()


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("-0.01", "The price for each point cannot be less than £0"),
        (
            "10000000000",
            "The price for each point, £10,000,000,000.00, is too large: it must be £9,999,999,999.99 or less",
        ),
        ("4.755", "The price for each point can have at most 2 decimal places"),
    ],
)
def test_a_price_per_point_that_cannot_be_kept_is_refused_with_its_own_message(draft, administrator, price, message):
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_set_money(
            actor=administrator, configuration=draft, method="price_per_point", price_per_point=D(price)
        )
    assert (refused.value.field, refused.value.message) == ("price_per_point", message)
    assert RasConfiguration.objects.get(pk=draft.pk).price_per_point is None


def test_a_price_per_point_is_needed(draft, administrator):
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_set_money(actor=administrator, configuration=draft, method="price_per_point")
    assert (refused.value.field, refused.value.message) == ("price_per_point", "Enter the price for each point")


def test_weights_and_caps(draft, administrator):
    services.configuration_set_domains(
        actor=administrator,
        configuration=draft,
        values={"safety": services.DomainValues(weight=D("1.5"), cap_points=D(15))},
    )
    assert DomainSetting.objects.filter(configuration=draft, section_code="safety").values_list(
        "weight", "cap_points"
    ).get() == (D("1.5"), D(15))
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_set_domains(
            actor=administrator,
            configuration=draft,
            values={"pets": services.DomainValues(weight=D(1), cap_points=None)},
        )
    assert refused.value.message == "There is no section called pets."
    with pytest.raises(InvalidConfiguration):
        services.configuration_set_domains(
            actor=administrator,
            configuration=draft,
            values={"safety": services.DomainValues(weight=D(-1), cap_points=None)},
        )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description": " "}, "description", "Describe the adjustment in a few words"),
        (
            {"question_code": "personal_care", "option_codes": ["level_1"]},
            "options",
            "How much help do you need with washing, dressing and using the toilet?: "
            "a question that changes other points must score no points itself",
        ),
        ({"option_codes": ["lots"]}, "options", "Choose answers from one question only"),
        ({"question_code": "pets"}, "options", "Choose the answers that trigger the adjustment"),
        ({"domain_codes": ["gardening"]}, "domains", "Choose the domains whose points it changes"),
        ({"domain_codes": []}, "domains", "Choose the domains whose points it changes"),
        ({"factor": D(-0.5)}, "factor", "The factor must be between 0 and 10, for example 0.8"),
    ],
)
def test_bad_adjustments_are_refused(draft, administrator, changes, field, message):
    values = {
        "description": "Help from family",
        "question_code": "family_support",
        "option_codes": ["a_lot"],
        "domain_codes": ["personal_care"],
        "factor": D("0.8"),
    }
    values.update(changes)
    with pytest.raises(InvalidConfiguration) as refused:
        services.configuration_add_adjustment(actor=administrator, configuration=draft, **values)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert not Adjustment.objects.filter(configuration=draft).exists()


def test_adjustments_are_added_in_domain_order_and_removed(draft, administrator):
    adjustment = services.configuration_add_adjustment(
        actor=administrator,
        configuration=draft,
        description="Help from family",
        question_code="family_support",
        option_codes=["some", "a_lot"],
        domain_codes=["routines", "personal_care"],
        factor=D("0.9"),
    )
    assert (adjustment.option_codes, adjustment.domain_codes) == (["a_lot", "some"], ["personal_care", "routines"])
    services.configuration_remove_adjustment(actor=administrator, configuration=draft, adjustment_id=adjustment.pk)
    assert not Adjustment.objects.filter(pk=adjustment.pk).exists()


def test_publication_is_refused_with_every_problem_named(draft, administrator):
    with pytest.raises(ConfigurationNotPublishable) as refused:
        services.configuration_publish(actor=administrator, configuration=draft)
    assert refused.value.problems == ["Give the date it takes effect.", "Give the price for each point."]
    draft.refresh_from_db()
    assert draft.status == ConfigurationStatus.DRAFT
    assert not AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_CONFIGURATION_PUBLISHED, object_id=str(draft.pk))


def test_publication_runs_the_rules_own_checks(draft, administrator):
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="price_per_point", price_per_point=D(5)
    )
    services.configuration_update_details(actor=administrator, configuration=draft, details=details())
    # Write a decreasing band table straight to the rows, past the service's own check.
    MoneyBand.objects.create(configuration=draft, row=1, name="A", min_points=0, amount=1000)
    MoneyBand.objects.create(configuration=draft, row=2, name="B", min_points=10, amount=500)
    RasConfiguration.objects.filter(pk=draft.pk).update(money_method="bands")
    draft.refresh_from_db()
    with pytest.raises(ConfigurationNotPublishable) as refused:
        services.configuration_publish(actor=administrator, configuration=draft)
    assert refused.value.problems == ["A band with more points cannot be worth less money."]


@pytest.mark.parametrize(
    ("method", "rows", "problem"),
    [
        (
            "bands",
            [("A", 0, 1000), ("B", 10, 2000), ("C", 10, 2000)],
            "Bands B and C both start at 10 points: each band must start at more points than the band before it.",
        ),
        ("bands", [("A", 0, -50), ("B", 10, 2000)], "Band A: the amount cannot be negative."),
        ("piecewise_linear", [(0, -50), (40, 2000)], "The corner at 0 points: the amount cannot be negative."),
    ],
)
def test_publication_refuses_a_table_written_past_the_services_check(draft, administrator, method, rows, problem):
    """A table made another way (an import, a copy, the admin site) is still checked at publication."""
    services.configuration_update_details(actor=administrator, configuration=draft, details=details())
    for row, values in enumerate(rows, start=1):
        if method == "bands":
            name, min_points, amount = values
            MoneyBand.objects.create(configuration=draft, row=row, name=name, min_points=min_points, amount=amount)
        else:
            points, amount = values
            MoneyCorner.objects.create(configuration=draft, row=row, points=points, amount=amount)
    RasConfiguration.objects.filter(pk=draft.pk).update(money_method=method)
    draft.refresh_from_db()
    with pytest.raises(ConfigurationNotPublishable) as refused:
        services.configuration_publish(actor=administrator, configuration=draft)
    assert refused.value.problems == [problem]
    assert RasConfiguration.objects.get(pk=draft.pk).status == ConfigurationStatus.DRAFT


@pytest.mark.parametrize(
    ("effective_from", "problem"),
    [
        (lambda: TODAY() - datetime.timedelta(days=1), "It cannot take effect in the past"),
        (TODAY, "ras-worked-example RAS v1 already takes effect on that day. Choose another date."),
    ],
)
def test_the_date_it_takes_effect(draft, administrator, effective_from, problem):
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="price_per_point", price_per_point=D(5)
    )
    RasConfiguration.objects.filter(pk=draft.pk).update(effective_from=effective_from())
    draft.refresh_from_db()
    with pytest.raises(ConfigurationNotPublishable) as refused:
        services.configuration_publish(actor=administrator, configuration=draft)
    assert len(refused.value.problems) == 1
    assert refused.value.problems[0].startswith(problem)


def test_an_unpublished_questionnaire_version_cannot_be_scored(administrator, worked_example_version):
    unpublished = QuestionnaireVersion.objects.create(questionnaire=worked_example_version.questionnaire, number=9)
    draft = services.configuration_create(actor=administrator, questionnaire_version=unpublished)
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="price_per_point", price_per_point=D(5)
    )
    services.configuration_update_details(actor=administrator, configuration=draft, details=details())
    with pytest.raises(ConfigurationNotPublishable) as refused:
        services.configuration_publish(actor=administrator, configuration=draft)
    assert "The questionnaire version it scores is not published." in refused.value.problems


def test_publishing_keeps_a_fingerprint_and_is_audited(draft, administrator, configuration):
    services.configuration_set_money(
        actor=administrator, configuration=draft, method="price_per_point", price_per_point=D(247)
    )
    services.configuration_update_details(actor=administrator, configuration=draft, details=details())
    published = services.configuration_publish(actor=administrator, configuration=draft)
    assert published.status == ConfigurationStatus.PUBLISHED
    assert published.published_by == administrator
    assert len(published.fingerprint) == 64
    event = AuditEvent.objects.get(verb=AuditVerb.ALLOCATION_CONFIGURATION_PUBLISHED, object_id=str(published.pk))
    assert event.payload["fingerprint"] == published.fingerprint
    assert event.actor == administrator


def test_a_new_version_made_twice_from_one_page_is_one_draft_for_that_person(configuration, administrator, make_user):
    first = services.configuration_new_version(actor=administrator, configuration=configuration, newest_seen=1)
    again = services.configuration_new_version(actor=administrator, configuration=configuration, newest_seen=1)
    assert again == first
    assert (
        AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_CONFIGURATION_CREATED, object_id=str(first.pk)).count() == 1
    )
    # Another administrator reading the same page makes their own; so does a caller with no page.
    colleague = make_user(Role.ADMINISTRATOR)
    theirs = services.configuration_new_version(actor=colleague, configuration=configuration, newest_seen=1)
    unasked = services.configuration_new_version(actor=administrator, configuration=configuration)
    assert [first.number, theirs.number, unasked.number] == [2, 3, 4]
    # The colleague's second press finds their own draft, not the first administrator's.
    assert services.configuration_new_version(actor=colleague, configuration=configuration, newest_seen=1) == theirs


def test_a_new_version_copies_every_part(configuration, administrator):
    RasConfiguration.objects.filter(pk=configuration.pk).update(
        tolerance_percent=D("12.5"), equality_threshold_percent=D("7.5")
    )
    configuration.refresh_from_db()
    services_draft = services.configuration_new_version(actor=administrator, configuration=configuration)
    assert (services_draft.tolerance_percent, services_draft.equality_threshold_percent) == (D("12.5"), D("7.5"))
    assert services_draft.based_on == configuration
    assert services_draft.effective_from is None
    assert (services_draft.price_per_point, services_draft.minimum, services_draft.maximum) == (
        D(247),
        D(1000),
        D(40000),
    )
    assert list(services_draft.adjustments.values_list("description", "factor")) == [
        ("Help from family or friends", D("0.8"))
    ]
    services_draft.refresh_from_db()
    from firstperson.allocation import selectors

    draft_rules = selectors.ras_configuration_for(services_draft)
    original_rules = selectors.ras_configuration_for(configuration)
    assert draft_rules.adjustments == original_rules.adjustments
    assert draft_rules.domains == original_rules.domains
    assert services.indicative_budget_estimate(configuration=configuration, answers=REFERENCE_ANSWERS).amount == D(
        "9534.20"
    )
