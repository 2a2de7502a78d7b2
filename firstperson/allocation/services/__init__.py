"""Writes of the allocation app, each one transaction with a named actor and its own audit event;
and the estimate, which uses the same rule and stores nothing.

configurations  RAS configurations: drafts, their parts, publication, retirement, new versions
budgets         the estimate; indicative budgets worked out and stored; moderation
"""

from .budgets import (
    RAS_RULE_VERSION,
    budget_moderate,
    configuration_for_estimate,
    indicative_budget_calculate,
    indicative_budget_estimate,
    moderation_decide,
)
from .configurations import (
    ConfigurationDetails,
    DomainValues,
    configuration_add_adjustment,
    configuration_create,
    configuration_new_version,
    configuration_publication_problems,
    configuration_publish,
    configuration_remove_adjustment,
    configuration_retire,
    configuration_set_domains,
    configuration_set_money,
    configuration_update_details,
    signed_in_user,
)

__all__ = [
    "RAS_RULE_VERSION",
    "ConfigurationDetails",
    "DomainValues",
    "budget_moderate",
    "configuration_add_adjustment",
    "configuration_create",
    "configuration_for_estimate",
    "configuration_new_version",
    "configuration_publication_problems",
    "configuration_publish",
    "configuration_remove_adjustment",
    "configuration_retire",
    "configuration_set_domains",
    "configuration_set_money",
    "configuration_update_details",
    "indicative_budget_calculate",
    "indicative_budget_estimate",
    "moderation_decide",
    "signed_in_user",
]
