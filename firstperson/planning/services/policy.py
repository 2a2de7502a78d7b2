"""Configuration of decisions: the financial delegation policy (effective-dated, never edited once it
starts) and the list of purchases a budget may not pay for."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..exceptions import TransitionRefused
from ..models import DecisionPolicy, ProhibitedPurchase
from ..rules.reviews import FIRST_REVIEW_WEEKS_ALLOWED


def decision_policy_create(
    *,
    actor,
    version: str,
    effective_from: datetime.date,
    practitioner_weekly_limit: Decimal | None,
    team_manager_weekly_limit: Decimal | None,
    panel_target_days: int,
    first_review_weeks: int,
    notes: str = "",
    practitioner_one_off_limit: Decimal | None = None,
    team_manager_one_off_limit: Decimal | None = None,
    direct_payment_interval_weeks: int = 4,
) -> DecisionPolicy:
    """A new policy from a date. It may not start in the past (decisions already made keep theirs)."""
    if actor is not None and getattr(actor, "role", None) != Role.ADMINISTRATOR:
        raise TransitionRefused("Only an administrator can set the financial delegation policy.")
    if actor is not None and effective_from < timezone.localdate():
        raise TransitionRefused("A new policy cannot start in the past.", field="effective_from")
    if first_review_weeks not in FIRST_REVIEW_WEEKS_ALLOWED:
        raise TransitionRefused(
            "The first review must be six to eight weeks after the plan starts.", field="first_review_weeks"
        )
    for name, limit in (
        ("practitioner_weekly_limit", practitioner_weekly_limit),
        ("team_manager_weekly_limit", team_manager_weekly_limit),
        ("practitioner_one_off_limit", practitioner_one_off_limit),
        ("team_manager_one_off_limit", team_manager_one_off_limit),
    ):
        if limit is not None and limit < 0:
            raise TransitionRefused("A limit cannot be less than £0.", field=name)
    if (
        practitioner_weekly_limit is not None
        and team_manager_weekly_limit is not None
        and practitioner_weekly_limit > team_manager_weekly_limit
    ):
        raise TransitionRefused(
            "A practitioner's limit cannot be more than a team manager's.", field="practitioner_weekly_limit"
        )
    # No one-off limit means no one-off costs above £0, so a practitioner's may not exceed that either.
    if practitioner_one_off_limit is not None and practitioner_one_off_limit > (team_manager_one_off_limit or 0):
        raise TransitionRefused(
            "A practitioner's one-off limit cannot be more than a team manager's.", field="practitioner_one_off_limit"
        )
    if not 1 <= direct_payment_interval_weeks <= 13:
        raise TransitionRefused(
            "Direct payments are paid every 1 to 13 weeks. Give a number of weeks from 1 to 13.",
            field="direct_payment_interval_weeks",
        )
    if DecisionPolicy.objects.filter(effective_from=effective_from).exists():
        raise TransitionRefused("A policy already starts on that date.", field="effective_from")
    if DecisionPolicy.objects.filter(version=version).exists():
        raise TransitionRefused("A policy already has that name.", field="version")
    with transaction.atomic():
        policy = DecisionPolicy.objects.create(
            version=version,
            effective_from=effective_from,
            practitioner_weekly_limit=practitioner_weekly_limit,
            team_manager_weekly_limit=team_manager_weekly_limit,
            panel_target_days=panel_target_days,
            first_review_weeks=first_review_weeks,
            practitioner_one_off_limit=practitioner_one_off_limit,
            team_manager_one_off_limit=team_manager_one_off_limit,
            direct_payment_interval_weeks=direct_payment_interval_weeks,
            notes=notes,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.DECISION_POLICY_CREATED,
            object_type="planning.decisionpolicy",
            object_id=policy.pk,
            payload={"version": version, "effective_from": effective_from.isoformat()},
        )
    return policy


def prohibited_purchase_save(
    *, actor, code: str, label: str, keywords: str, reason: str, active: bool = True, creating: bool = False
) -> ProhibitedPurchase:
    """Add (`creating`) or change one entry of the list, by code. Adding refuses a code already used,
    so that a new entry never silently overwrites another."""
    if actor is not None and getattr(actor, "role", None) != Role.ADMINISTRATOR:
        raise TransitionRefused("Only an administrator can change this list.")
    if not [line for line in keywords.splitlines() if line.strip()]:
        raise TransitionRefused("Give at least one word or phrase.", field="keywords")
    if creating and ProhibitedPurchase.objects.filter(code=code).exists():
        raise TransitionRefused("An entry already uses that short code. Choose another.", field="code")
    with transaction.atomic():
        entry, _ = ProhibitedPurchase.objects.update_or_create(
            code=code, defaults={"label": label, "keywords": keywords, "reason": reason, "active": active}
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.PROHIBITED_PURCHASES_CHANGED,
            object_type="planning.prohibitedpurchase",
            object_id=entry.pk,
            payload={"code": code, "active": active},
        )
    return entry


#: The list a new council starts with (REFERENCE.md §4.7: what an ISF or budget may not pay for).
DEFAULT_PROHIBITED = (
    (
        "gambling",
        "gambling",
        "gambling\nbetting\nlottery\nbookmaker\ncasino",
        "A personal budget cannot pay for gambling.",
    ),
    (
        "alcohol-tobacco",
        "alcohol or tobacco",
        "alcohol\nbeer\nwine\nspirits\ncigarettes\ntobacco",
        "A personal budget cannot pay for alcohol or tobacco.",
    ),
    (
        "residential-care",
        "long-term residential care",
        "long-term residential care\npermanent care home\nnursing home placement",
        "A direct payment cannot pay for long-term care in a care home.",
    ),
    (
        "nhs-healthcare",
        "NHS healthcare",
        "prescription\nprescriptions\nnhs treatment\nmedication",
        "The NHS provides healthcare; a personal budget cannot pay for it.",
    ),
    (
        "debts",
        "paying off debts",
        "debt\ndebts\nloan repayment\narrears",
        "A personal budget cannot pay off debts.",
    ),
    (
        "everyday-living",
        "everyday living costs",
        "rent\nmortgage\ngas bill\nelectricity bill\nfood shopping\ngroceries\ncouncil tax",
        "Everyday living costs are paid from the person's own income, not their personal budget.",
    ),
)


def prohibited_purchases_load_default(*, actor=None) -> int:
    """Load the starting list; entries already there (by code) are left as the council has them."""
    made = 0
    for code, label, keywords, reason in DEFAULT_PROHIBITED:
        if not ProhibitedPurchase.objects.filter(code=code).exists():
            ProhibitedPurchase.objects.create(code=code, label=label, keywords=keywords, reason=reason)
            made += 1
    return made
