"""Pages of the charging figures (finance officers and administrators) and policy modelling
(finance officers; commissioners may view the summary, only finance officers download the
per-person CSV).

The figure pages are checked with a draft copy of the shipped 2025-26 figures (published once per
world, `url_kwargs`), so every editing page answers; the confirm page uses one of its flagged
figures. The modelling page opens with its form; the download without levers sends people back to
it.
"""

from firstperson.platform.accounts.roles import Role

from .access_rules import only

KEEPERS = {Role.FINANCE_OFFICER, Role.ADMINISTRATOR}
MODELLERS = {Role.FINANCE_OFFICER, Role.COMMISSIONER}


def url_kwargs(keys, world):
    if "charging_parameter_set" not in world:
        from firstperson.charging.models import ChargingParameterSet, ParameterStatus
        from firstperson.charging.services.parameter_authoring import new_version
        from firstperson.charging.services.parameters import load_default_parameters

        # The shipped figures, published (other areas' pages use them too), and a draft copy of them.
        published = (
            load_default_parameters() or ChargingParameterSet.objects.filter(status=ParameterStatus.PUBLISHED).first()
        )
        world["charging_parameter_set"] = new_version(actor=None, parameter_set=published)
    parameter_set = world["charging_parameter_set"]
    kwargs = {"parameter_set_id": parameter_set.pk}
    if "source_id" in keys:
        kwargs["source_id"] = parameter_set.sources.get(field="mig.couple_working_age").pk
    return kwargs


EXPECTATIONS = {
    "charging:parameter-list": only(KEEPERS),
    "charging:parameter-detail": only(KEEPERS),
    "charging:parameter-confirm": only(KEEPERS),
    "charging:parameter-new-version": only(KEEPERS),
    "charging:parameter-edit-capital": only(KEEPERS),
    "charging:parameter-edit-mig": only(KEEPERS),
    "charging:parameter-edit-income": only(KEEPERS),
    "charging:parameter-edit-policy": only(KEEPERS),
    "charging:parameter-edit-details": only(KEEPERS),
    "charging:parameter-publish": only(KEEPERS),
    "charging:parameter-retire": only(KEEPERS),
    "charging:modelling": only(MODELLERS),
    "charging:modelling-download": only({Role.FINANCE_OFFICER}, status=302),
}
