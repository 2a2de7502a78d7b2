"""Writes to RAS configurations: create a draft, change its parts, publish it (refused with every
problem named), retire it, or copy it into a new version. Each is one transaction with a named actor
and its own audit event; a published configuration is refused every change but its retirement.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from firstperson.assessment.models import Question, Questionnaire, QuestionnaireVersion, VersionStatus
from firstperson.assessment.models import Section as QuestionnaireSection
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import selectors
from ..exceptions import ConfigurationLocked, ConfigurationNotPublishable, InvalidConfiguration
from ..models import (
    Adjustment,
    ConfigurationStatus,
    DomainSetting,
    MoneyBand,
    MoneyCorner,
    MoneyMethod,
    Period,
    RasConfiguration,
    Rounding,
)
from ..rules import ras
from ..rules.money_tables import BandRow, CornerRow, band_rows_problems, corner_rows_problems

MAX_AMOUNT = Decimal("9999999999.99")
MAX_TOLERANCE = Decimal(100)
MAX_FACTOR = Decimal(10)
DESCRIPTION_MAX = 200


# --- Configurations ----------------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def _locked_draft(configuration: RasConfiguration) -> RasConfiguration:
    """The configuration's row, locked for this transaction; refused unless it is a draft."""
    locked = RasConfiguration.objects.select_for_update().select_related("questionnaire").get(pk=configuration.pk)
    if locked.status != ConfigurationStatus.DRAFT:
        raise ConfigurationLocked(
            f"{locked.version_label} is {locked.get_status_display().lower()} and cannot change. "
            "Make a new version instead."
        )
    return locked


def _audit_configuration(actor, verb: AuditVerb, configuration: RasConfiguration, **payload) -> None:
    audit_record(
        actor=actor,
        verb=verb,
        object_type="ras_configuration",
        object_id=configuration.pk,
        payload={"version": configuration.version_label, **payload},
    )


def configuration_create(*, actor, questionnaire_version: QuestionnaireVersion, notes: str = "") -> RasConfiguration:
    """A new draft for a questionnaire version: every section a domain of weight 1 with no cap, a
    yearly price per point still to set, no minimum or maximum, rounding to the penny, 10% tolerance."""
    if questionnaire_version.status == VersionStatus.RETIRED:
        raise InvalidConfiguration("That questionnaire version is retired. Choose a current one.", field="version")
    with transaction.atomic():
        questionnaire = _locked_family(questionnaire_version.questionnaire_id)
        last = RasConfiguration.objects.filter(questionnaire=questionnaire).order_by("-number").first()
        configuration = RasConfiguration.objects.create(
            questionnaire=questionnaire,
            questionnaire_version=questionnaire_version,
            number=(last.number + 1) if last else 1,
            notes=notes.strip(),
            created_by=signed_in_user(actor),
        )
        codes = QuestionnaireSection.objects.filter(version=questionnaire_version).order_by("order")
        DomainSetting.objects.bulk_create(
            DomainSetting(configuration=configuration, section_code=code)
            for code in codes.values_list("code", flat=True)
        )
        _audit_configuration(actor, AuditVerb.ALLOCATION_CONFIGURATION_CREATED, configuration)
    return configuration


def _locked_family(questionnaire_id) -> Questionnaire:
    """The questionnaire row, locked until the transaction ends. Everything that numbers a family's
    configurations or decides which one is in force on a day takes this lock first, so two at once
    (two drafts numbered, two drafts published for the same day) go one after the other, and the
    second sees the first."""
    return Questionnaire.objects.select_for_update().get(pk=questionnaire_id)


def signed_in_user(actor):
    """The actor as a user to store, or None for the system (an unsaved or anonymous actor)."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


@dataclass(frozen=True)
class ConfigurationDetails:
    effective_from: datetime.date | None
    effective_to: datetime.date | None
    period: str
    rounding: str
    minimum: Decimal
    maximum: Decimal | None
    tolerance_percent: Decimal
    equality_threshold_percent: Decimal
    notes: str = ""


def _details_problem(details: ConfigurationDetails) -> tuple[str, str] | None:
    if details.period not in Period.values:
        return "period", "Choose whether the amounts are for a week or a year"
    if details.rounding not in Rounding.values:
        return "rounding", "Choose how to round the figure"
    if details.minimum < 0:
        return "minimum", "The minimum cannot be less than £0"
    if details.minimum > MAX_AMOUNT:
        return "minimum", "The minimum is too large"
    if details.maximum is not None and details.maximum < details.minimum:
        return "maximum", "The maximum cannot be less than the minimum"
    if details.maximum is not None and details.maximum > MAX_AMOUNT:
        return "maximum", "The maximum is too large"
    if not Decimal(0) <= details.tolerance_percent <= MAX_TOLERANCE:
        return "tolerance_percent", "The tolerance must be between 0% and 100%"
    threshold = details.equality_threshold_percent
    if not Decimal(0) <= threshold <= MAX_TOLERANCE:
        return "equality_threshold_percent", "The equality threshold must be between 0% and 100%"
    if threshold != threshold.quantize(Decimal("0.1")):
        return "equality_threshold_percent", "The equality threshold can have at most 1 decimal place"
    if details.effective_from and details.effective_to and details.effective_to < details.effective_from:
        return "effective_to", "The last day cannot be before the day it takes effect"
    return None


def configuration_update_details(
    *, actor, configuration: RasConfiguration, details: ConfigurationDetails
) -> RasConfiguration:
    problem = _details_problem(details)
    if problem:
        raise InvalidConfiguration(problem[1], field=problem[0])
    with transaction.atomic():
        locked = _locked_draft(configuration)
        locked.effective_from = details.effective_from
        locked.effective_to = details.effective_to
        locked.period = details.period
        locked.rounding = details.rounding
        locked.minimum = details.minimum
        locked.maximum = details.maximum
        locked.tolerance_percent = details.tolerance_percent
        locked.equality_threshold_percent = details.equality_threshold_percent
        locked.notes = details.notes.strip()
        locked.save()
        _audit_configuration(actor, AuditVerb.ALLOCATION_CONFIGURATION_CHANGED, locked, part="details")
    return locked


def configuration_set_money(
    *,
    actor,
    configuration: RasConfiguration,
    method: str,
    price_per_point: Decimal | None = None,
    bands: list[BandRow] | None = None,
    corners: list[CornerRow] | None = None,
) -> RasConfiguration:
    """Set the points-to-money function. The rows of a table replace the old ones; a table whose
    money falls as points rise is refused with the rows at fault named, and nothing is saved."""
    if method not in MoneyMethod.values:
        raise InvalidConfiguration("Choose how points become money", field="money_method")
    bands = bands or []
    corners = corners or []
    if method == MoneyMethod.PRICE_PER_POINT:
        if price_per_point is None:
            raise InvalidConfiguration("Enter the price for each point", field="price_per_point")
        if price_per_point < 0:
            raise InvalidConfiguration("The price for each point cannot be less than £0", field="price_per_point")
        if price_per_point > MAX_AMOUNT:
            raise InvalidConfiguration(
                f"The price for each point, {ras.pounds(price_per_point)}, is too large: "
                f"it must be {ras.pounds(MAX_AMOUNT)} or less",
                field="price_per_point",
            )
        if price_per_point != ras.money(price_per_point):
            raise InvalidConfiguration(
                "The price for each point can have at most 2 decimal places", field="price_per_point"
            )
    if method == MoneyMethod.BANDS:
        problems = band_rows_problems(bands)
        if problems:
            raise InvalidConfiguration(" ".join(problems), field="bands", problems=problems)
    if method == MoneyMethod.PIECEWISE_LINEAR:
        problems = corner_rows_problems(corners)
        if problems:
            raise InvalidConfiguration(" ".join(problems), field="corners", problems=problems)
    with transaction.atomic():
        locked = _locked_draft(configuration)
        locked.money_method = method
        locked.price_per_point = price_per_point if method == MoneyMethod.PRICE_PER_POINT else None
        locked.save()
        MoneyBand.objects.filter(configuration=locked).delete()
        MoneyCorner.objects.filter(configuration=locked).delete()
        if method == MoneyMethod.BANDS:
            MoneyBand.objects.bulk_create(
                MoneyBand(configuration=locked, row=n, name=r.name, min_points=r.min_points, amount=r.amount)
                for n, r in enumerate(bands, start=1)
            )
        if method == MoneyMethod.PIECEWISE_LINEAR:
            MoneyCorner.objects.bulk_create(
                MoneyCorner(configuration=locked, row=n, points=r.points, amount=r.amount)
                for n, r in enumerate(corners, start=1)
            )
        _audit_configuration(actor, AuditVerb.ALLOCATION_CONFIGURATION_CHANGED, locked, part="money", method=method)
    return locked


@dataclass(frozen=True)
class DomainValues:
    weight: Decimal
    cap_points: Decimal | None


def configuration_set_domains(
    *, actor, configuration: RasConfiguration, values: Mapping[str, DomainValues]
) -> RasConfiguration:
    """Set each domain's weight and cap, by section code."""
    codes = set(
        QuestionnaireSection.objects.filter(version=configuration.questionnaire_version_id).values_list(
            "code", flat=True
        )
    )
    unknown = sorted(set(values) - codes)
    if unknown:
        raise InvalidConfiguration(f"There is no section called {', '.join(unknown)}.", field="domains")
    for code, value in values.items():
        if value.weight < 0 or value.weight > MAX_FACTOR * 100:
            raise InvalidConfiguration("A weight must be between 0 and 1000", field=f"weight_{code}")
        if value.cap_points is not None and value.cap_points < 0:
            raise InvalidConfiguration("A cap cannot be less than 0 points", field=f"cap_{code}")
    with transaction.atomic():
        locked = _locked_draft(configuration)
        for code, value in values.items():
            DomainSetting.objects.update_or_create(
                configuration=locked,
                section_code=code,
                defaults={"weight": value.weight, "cap_points": value.cap_points},
            )
        _audit_configuration(actor, AuditVerb.ALLOCATION_CONFIGURATION_CHANGED, locked, part="domains")
    return locked


def configuration_add_adjustment(
    *,
    actor,
    configuration: RasConfiguration,
    description: str,
    question_code: str,
    option_codes: list[str],
    domain_codes: list[str],
    factor: Decimal,
) -> Adjustment:
    """Add a rule such as "a lot of help from family: personal care, eating and routines × 0.8"."""
    description = description.strip()
    if not description:
        raise InvalidConfiguration("Describe the adjustment in a few words", field="description")
    if len(description) > DESCRIPTION_MAX:
        raise InvalidConfiguration(
            f"The description must be {DESCRIPTION_MAX} characters or fewer", field="description"
        )
    question = (
        Question.objects.filter(section__version=configuration.questionnaire_version_id, code=question_code)
        .prefetch_related("options")
        .first()
    )
    if question is None:
        raise InvalidConfiguration("Choose the answers that trigger the adjustment", field="options")
    if any(option.points != 0 for option in question.options.all()):
        raise InvalidConfiguration(
            f"{question.text}: a question that changes other points must score no points itself", field="options"
        )
    valid_options = {option.code for option in question.options.all()}
    if not option_codes or not set(option_codes) <= valid_options:
        raise InvalidConfiguration("Choose answers from one question only", field="options")
    sections = set(
        QuestionnaireSection.objects.filter(version=configuration.questionnaire_version_id).values_list(
            "code", flat=True
        )
    )
    if not domain_codes or not set(domain_codes) <= sections:
        raise InvalidConfiguration("Choose the domains whose points it changes", field="domains")
    if not Decimal(0) <= factor <= MAX_FACTOR:
        raise InvalidConfiguration("The factor must be between 0 and 10, for example 0.8", field="factor")
    with transaction.atomic():
        locked = _locked_draft(configuration)
        last = Adjustment.objects.filter(configuration=locked).order_by("-row").first()
        adjustment = Adjustment.objects.create(
            configuration=locked,
            row=(last.row + 1) if last else 1,
            description=description,
            question_code=question_code,
            option_codes=sorted(option_codes),
            domain_codes=[code for code in _section_order(configuration) if code in set(domain_codes)],
            factor=factor,
        )
        _audit_configuration(
            actor, AuditVerb.ALLOCATION_CONFIGURATION_CHANGED, locked, part="adjustments", added=description
        )
    return adjustment


def _section_order(configuration: RasConfiguration) -> list[str]:
    return list(
        QuestionnaireSection.objects.filter(version=configuration.questionnaire_version_id)
        .order_by("order")
        .values_list("code", flat=True)
    )


def configuration_remove_adjustment(*, actor, configuration: RasConfiguration, adjustment_id: int) -> None:
    with transaction.atomic():
        locked = _locked_draft(configuration)
        adjustment = Adjustment.objects.filter(configuration=locked, pk=adjustment_id).first()
        if adjustment is None:
            raise InvalidConfiguration("That adjustment has already been removed")
        description = adjustment.description
        adjustment.delete()
        _audit_configuration(
            actor, AuditVerb.ALLOCATION_CONFIGURATION_CHANGED, locked, part="adjustments", removed=description
        )


def configuration_publication_problems(configuration: RasConfiguration) -> list[str]:
    """Every reason the configuration cannot be published yet, in plain English: the pure rule's
    checks (rules/ras.py configuration_problems) and the checks that need the database."""
    problems = []
    if configuration.effective_from is None:
        problems.append("Give the date it takes effect.")
    elif configuration.effective_from < _today():
        problems.append(
            "It cannot take effect in the past: budgets already worked out would no longer match the "
            "configuration that was in force. Choose today or a later date."
        )
    else:
        clash = (
            RasConfiguration.objects.filter(
                questionnaire=configuration.questionnaire_id,
                status=ConfigurationStatus.PUBLISHED,
                effective_from=configuration.effective_from,
            )
            .exclude(pk=configuration.pk)
            .first()
        )
        if clash:
            problems.append(f"{clash.version_label} already takes effect on that day. Choose another date.")
    if (
        configuration.effective_to
        and configuration.effective_from
        and configuration.effective_to < configuration.effective_from
    ):
        problems.append("The last day cannot be before the day it takes effect.")
    if configuration.questionnaire_version.status != VersionStatus.PUBLISHED:
        problems.append("The questionnaire version it scores is not published.")
    if configuration.money_method == MoneyMethod.PRICE_PER_POINT and configuration.price_per_point is None:
        problems.append("Give the price for each point.")
    sections = selectors.configuration_sections(configuration)
    options_of = {
        question.code: {option.code for option in question.options.all()}
        for section in sections
        for question in section.questions.all()
    }
    for adjustment in configuration.adjustments.all():
        for code in sorted(set(adjustment.option_codes) - options_of.get(adjustment.question_code, set())):
            problems.append(
                f"{adjustment.description}: {code} is not one of the answers to {adjustment.question_code}."
            )
    if not sections:
        problems.append("The questionnaire version has no sections to score.")
    problems.extend(ras.configuration_problems(selectors.ras_configuration_for(configuration, sections)))
    return problems


def configuration_publish(*, actor, configuration: RasConfiguration) -> RasConfiguration:
    """Publish a draft: refused, with every problem named, unless it is sound. From then on it never
    changes; its fingerprint is kept so that any budget worked out with it can be checked later."""
    with transaction.atomic():
        _locked_family(configuration.questionnaire_id)
        locked = _locked_draft(configuration)
        problems = configuration_publication_problems(locked)
        if problems:
            raise ConfigurationNotPublishable(problems)
        locked.status = ConfigurationStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = signed_in_user(actor)
        locked.fingerprint = selectors.ras_configuration_fingerprint(selectors.ras_configuration_for(locked))
        locked.save()
        _audit_configuration(
            actor,
            AuditVerb.ALLOCATION_CONFIGURATION_PUBLISHED,
            locked,
            effective_from=locked.effective_from,
            effective_to=locked.effective_to,
            fingerprint=locked.fingerprint,
        )
    return locked


def configuration_retire(*, actor, configuration: RasConfiguration) -> RasConfiguration:
    """Withdraw a published configuration: it is no longer in force on any day, and the estimate API
    refuses it. Budgets worked out with it keep it, and can still be reproduced."""
    with transaction.atomic():
        locked = RasConfiguration.objects.select_for_update().select_related("questionnaire").get(pk=configuration.pk)
        if locked.status != ConfigurationStatus.PUBLISHED:
            raise ConfigurationLocked("Only a published configuration can be retired.")
        locked.status = ConfigurationStatus.RETIRED
        locked.retired_at = timezone.now()
        locked.retired_by = signed_in_user(actor)
        locked.save()
        _audit_configuration(actor, AuditVerb.ALLOCATION_CONFIGURATION_RETIRED, locked)
    return locked


def configuration_new_version(
    *,
    actor,
    configuration: RasConfiguration,
    questionnaire_version: QuestionnaireVersion | None = None,
    newest_seen: int | None = None,
) -> RasConfiguration:
    """A new draft copying every part of `configuration`, optionally for a newer version of the same
    questionnaire (weights and caps are carried over by section code). Dates are left to set.

    `newest_seen` is the newest configuration number the actor's page showed. If, since then, the
    actor has already made a draft copy of this configuration (the button pressed twice, or the
    form sent again), that draft is returned instead of a second one."""
    target = questionnaire_version or configuration.questionnaire_version
    if target.questionnaire_id != configuration.questionnaire_id:
        raise InvalidConfiguration("A new version must score the same questionnaire", field="version")
    with transaction.atomic():
        _locked_family(configuration.questionnaire_id)  # a second press waits here for the first
        if newest_seen is not None:
            already_made = (
                RasConfiguration.objects.filter(
                    questionnaire_id=configuration.questionnaire_id,
                    number__gt=newest_seen,
                    based_on=configuration,
                    questionnaire_version=target,
                    status=ConfigurationStatus.DRAFT,
                    created_by=signed_in_user(actor),
                )
                .order_by("number")
                .first()
            )
            if already_made is not None:
                return already_made
        new = configuration_create(actor=actor, questionnaire_version=target, notes="")
        new.based_on = configuration
        new.period = configuration.period
        new.money_method = configuration.money_method
        new.price_per_point = configuration.price_per_point
        new.minimum = configuration.minimum
        new.maximum = configuration.maximum
        new.rounding = configuration.rounding
        new.tolerance_percent = configuration.tolerance_percent
        new.equality_threshold_percent = configuration.equality_threshold_percent
        new.save()
        old_settings = {s.section_code: s for s in configuration.domain_settings.all()}
        for setting in new.domain_settings.all():
            old = old_settings.get(setting.section_code)
            if old is not None:
                setting.weight = old.weight
                setting.cap_points = old.cap_points
                setting.save()
        MoneyBand.objects.bulk_create(
            MoneyBand(configuration=new, row=b.row, name=b.name, min_points=b.min_points, amount=b.amount)
            for b in configuration.bands.all()
        )
        MoneyCorner.objects.bulk_create(
            MoneyCorner(configuration=new, row=c.row, points=c.points, amount=c.amount)
            for c in configuration.corners.all()
        )
        Adjustment.objects.bulk_create(
            Adjustment(
                configuration=new,
                row=a.row,
                description=a.description,
                question_code=a.question_code,
                option_codes=a.option_codes,
                domain_codes=a.domain_codes,
                factor=a.factor,
            )
            for a in configuration.adjustments.all()
        )
        _audit_configuration(
            actor, AuditVerb.ALLOCATION_CONFIGURATION_CHANGED, new, part="copied", based_on=str(configuration.pk)
        )
    return new
