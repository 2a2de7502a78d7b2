"""A published configuration never changes: every service refuses, the model refuses, its rows
refuse. Only its retirement may be recorded; a new version is the way to change anything."""

from decimal import Decimal

import pytest

from firstperson.allocation import services
from firstperson.allocation.exceptions import ConfigurationLocked
from firstperson.allocation.models import (
    Adjustment,
    ConfigurationStatus,
    DomainSetting,
    MoneyBand,
    RasConfiguration,
)
from firstperson.allocation.rules.money_tables import BandRow
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db
D = Decimal

REFUSED = "ras-worked-example RAS v1 is published and cannot change. Make a new version instead."


@pytest.mark.parametrize(
    "change",
    [
        lambda c, a: services.configuration_update_details(
            actor=a,
            configuration=c,
            details=services.ConfigurationDetails(
                effective_from=c.effective_from,
                effective_to=None,
                period="weekly",
                rounding="penny",
                minimum=D(0),
                maximum=None,
                tolerance_percent=D(10),
                equality_threshold_percent=D(10),
            ),
        ),
        lambda c, a: services.configuration_set_money(
            actor=a, configuration=c, method="price_per_point", price_per_point=D(300)
        ),
        lambda c, a: services.configuration_set_money(
            actor=a, configuration=c, method="bands", bands=[BandRow("A", D(0), D(1))]
        ),
        lambda c, a: services.configuration_set_domains(
            actor=a, configuration=c, values={"safety": services.DomainValues(weight=D(2), cap_points=None)}
        ),
        lambda c, a: services.configuration_add_adjustment(
            actor=a,
            configuration=c,
            description="More",
            question_code="family_support",
            option_codes=["none"],
            domain_codes=["safety"],
            factor=D(2),
        ),
        lambda c, a: services.configuration_remove_adjustment(
            actor=a, configuration=c, adjustment_id=c.adjustments.get().pk
        ),
        lambda c, a: services.configuration_publish(actor=a, configuration=c),
    ],
)
def test_every_service_refuses_to_change_a_published_configuration(configuration, administrator, change):
    fingerprint = configuration.fingerprint
    changes_before = AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_CONFIGURATION_CHANGED).count()
    with pytest.raises(ConfigurationLocked) as refused:
        change(configuration, administrator)
    assert refused.value.message == REFUSED
    configuration.refresh_from_db()
    assert (configuration.price_per_point, configuration.period, configuration.fingerprint) == (
        D(247),
        "annual",
        fingerprint,
    )
    assert AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_CONFIGURATION_CHANGED).count() == changes_before


def test_the_model_refuses_a_change_saved_directly(configuration):
    configuration.price_per_point = D(300)
    with pytest.raises(ConfigurationLocked):
        configuration.save()
    with pytest.raises(ConfigurationLocked):
        configuration.delete()
    assert RasConfiguration.objects.get(pk=configuration.pk).price_per_point == D(247)


def test_its_rows_refuse_too(configuration):
    setting = DomainSetting.objects.filter(configuration=configuration).first()
    setting.weight = D(3)
    with pytest.raises(ConfigurationLocked):
        setting.save()
    with pytest.raises(ConfigurationLocked):
        Adjustment.objects.get(configuration=configuration).delete()
    with pytest.raises(ConfigurationLocked):
        MoneyBand.objects.create(configuration=configuration, row=1, name="A", min_points=0, amount=1)
    assert DomainSetting.objects.get(pk=setting.pk).weight == D(1)


def test_retiring_is_the_one_change_allowed(configuration, administrator):
    retired = services.configuration_retire(actor=administrator, configuration=configuration)
    assert retired.status == ConfigurationStatus.RETIRED
    assert retired.retired_by == administrator
    assert AuditEvent.objects.filter(verb=AuditVerb.ALLOCATION_CONFIGURATION_RETIRED, object_id=str(retired.pk))
    with pytest.raises(ConfigurationLocked):
        services.configuration_retire(actor=administrator, configuration=retired)
    retired.status = ConfigurationStatus.PUBLISHED
    with pytest.raises(ConfigurationLocked):
        retired.save()
