"""The fixed list of audit verbs. Each label is the plain-English sentence shown to people."""

from django.db import models


class AuditVerb(models.TextChoices):
    # Accounts
    USER_REGISTERED = "accounts.user.registered", "registered an account"
    USER_EMAIL_VERIFIED = "accounts.user.email_verified", "confirmed their email address"
    USER_SIGNED_IN = "accounts.user.signed_in", "signed in"
    USER_SIGN_IN_FAILED = "accounts.user.sign_in_failed", "failed to sign in"
    USER_LOCKED = "accounts.user.locked", "was locked out after repeated failed sign-ins"
    USER_UNLOCKED = "accounts.user.unlocked", "unlocked an account"
    USER_TWO_FACTOR_SET_UP = "accounts.user.two_factor_set_up", "set up two-factor sign-in"
    USER_PASSWORD_RESET = "accounts.user.password_reset", "reset their password"
    # People
    PERSON_CREATED = "people.person.created", "created a person's record"
    PERSON_UPDATED = "people.person.updated", "changed a person's record"
    PERSON_VIEWED = "people.person.viewed", "looked at a person's record"
    PERSON_BREAK_GLASS = "people.person.break_glass", "opened a record outside their caseload"
    PERSON_ACCESS_CODE_ISSUED = "people.person.access_code_issued", "issued an online account code"
    PERSON_ACCOUNT_LINKED = "people.person.account_linked", "linked an online account to a record"
    RELATIONSHIP_CREATED = "people.relationship.created", "recorded a relationship"
    RELATIONSHIP_ENDED = "people.relationship.ended", "ended a relationship"
    # Directory
    DIRECTORY_SERVICE_STATUS_CHANGED = "directory.service.status_changed", "moved a directory service to a new status"
    DIRECTORY_SERVICE_CREATED = "directory.service.created", "proposed a directory service"
    DIRECTORY_SERVICE_UPDATED = "directory.service.updated", "changed a directory service"
    DIRECTORY_REVISION_DECIDED = "directory.revision.decided", "decided on a proposed change to a service"
    DIRECTORY_IMPORTED = "directory.imported", "imported directory records"
    DIRECTORY_ORGANIZATION_REGISTERED = "directory.organization.registered", "registered an organisation"
    # Front door
    FRONTDOOR_CONTACT_RECORDED = "frontdoor.contact.recorded", "recorded a contact"
    FRONTDOOR_CONTACT_UPDATED = "frontdoor.contact.updated", "updated a contact"
    FRONTDOOR_HELP_REQUESTED = "frontdoor.help.requested", "asked for help online"
    # Assessment
    QUESTIONNAIRE_IMPORTED = "assessment.questionnaire.imported", "imported a questionnaire version"
    QUESTIONNAIRE_VERSION_CREATED = "assessment.questionnaire.version_created", "made a new draft questionnaire version"
    QUESTIONNAIRE_CHANGED = "assessment.questionnaire.changed", "changed a draft questionnaire version"
    QUESTIONNAIRE_PUBLISHED = "assessment.questionnaire.published", "published a questionnaire version"
    QUESTIONNAIRE_RETIRED = "assessment.questionnaire.retired", "retired a questionnaire version"
    SELF_ASSESSMENT_STARTED = "assessment.self_assessment.started", "started a self-assessment"
    SELF_ASSESSMENT_ANSWERED = "assessment.self_assessment.answered", "answered a self-assessment question"
    SELF_ASSESSMENT_SUBMITTED = "assessment.self_assessment.submitted", "sent a self-assessment"
    ELIGIBILITY_DECIDED = "assessment.eligibility.decided", "recorded an eligibility decision"
    # Allocation (the Resource Allocation System)
    ALLOCATION_CONFIGURATION_CREATED = "allocation.configuration.created", "started a new RAS configuration"
    ALLOCATION_CONFIGURATION_CHANGED = "allocation.configuration.changed", "changed a draft RAS configuration"
    ALLOCATION_CONFIGURATION_PUBLISHED = "allocation.configuration.published", "published a RAS configuration"
    ALLOCATION_CONFIGURATION_RETIRED = "allocation.configuration.retired", "retired a RAS configuration"
    ALLOCATION_INDICATIVE_BUDGET_CALCULATED = (
        "allocation.indicative_budget.calculated",
        "worked out an indicative budget",
    )
    ALLOCATION_INDICATIVE_BUDGET_MODERATED = (
        "allocation.indicative_budget.moderated",
        "changed an indicative budget, with a reason",
    )
    ALLOCATION_MODERATION_REQUESTED = (
        "allocation.moderation.requested",
        "asked a team manager to agree a change to an indicative budget",
    )
    ALLOCATION_MODERATION_APPROVED = "allocation.moderation.approved", "agreed a change to an indicative budget"
    ALLOCATION_MODERATION_DECLINED = "allocation.moderation.declined", "did not agree a change to an indicative budget"
    ALLOCATION_RECALCULATION_STARTED = (
        "allocation.recalculation.started",
        "started working out indicative budgets again under a new RAS configuration",
    )
    ALLOCATION_CALIBRATION_RUN = "allocation.calibration.run", "fitted a RAS price to uploaded care packages"
    ALLOCATION_WHAT_IF_RUN = "allocation.what_if.run", "modelled a RAS configuration against current assessments"
    ALLOCATION_EQUALITY_CHECKED = "allocation.equality.checked", "ran the RAS equality check"
    # Charging (financial assessment)
    CHARGING_PARAMETERS_CREATED = "charging.parameters.created", "started a new year of charging figures"
    CHARGING_PARAMETERS_CHANGED = "charging.parameters.changed", "changed draft charging figures"
    CHARGING_PARAMETERS_CONFIRMED = "charging.parameters.confirmed", "confirmed a charging figure against its source"
    CHARGING_PARAMETERS_PUBLISHED = "charging.parameters.published", "published a year of charging figures"
    FINANCIAL_ASSESSMENT_STARTED = "charging.assessment.started", "started a financial assessment"
    FINANCIAL_ASSESSMENT_CHANGED = "charging.assessment.changed", "changed a financial assessment"
    FINANCIAL_ASSESSMENT_VIEWED = "charging.assessment.viewed", "looked at a financial assessment"
    FINANCIAL_ASSESSMENT_EVIDENCE_ADDED = (
        "charging.assessment.evidence_added",
        "added evidence to a financial assessment",
    )
    FINANCIAL_ASSESSMENT_ITEM_CHECKED = "charging.assessment.item_checked", "checked an item of a financial assessment"
    FINANCIAL_ASSESSMENT_SUBMITTED = "charging.assessment.submitted", "sent a financial assessment"
    FINANCIAL_ASSESSMENT_COMPLETED = "charging.assessment.completed", "completed a financial assessment"
    FINANCIAL_ASSESSMENT_LETTER_ISSUED = "charging.assessment.letter_issued", "issued a financial assessment letter"
    FINANCIAL_ASSESSMENT_REASSESSMENT_STARTED = (
        "charging.assessment.reassessment_started",
        "started a reassessment after a change of circumstances",
    )
    CHARGING_UPRATING_STARTED = "charging.uprating.started", "started the yearly uprating of contributions"
    CHARGING_UPRATING_APPROVED = "charging.uprating.approved", "approved the yearly uprating of contributions"
    CHARGING_POLICY_MODELLED = "charging.policy.modelled", "modelled a change to the charging policy"
    # Planning
    SUPPORT_PLAN_STARTED = "planning.support_plan.started", "started a support plan"
    SUPPORT_PLAN_CHANGED = "planning.support_plan.changed", "changed a support plan"
    SUPPORT_PLAN_VIEWED = "planning.support_plan.viewed", "looked at a support plan"
    SUPPORT_PLAN_SIGNED_OFF = "planning.support_plan.signed_off", "signed off a support plan"
    SUPPORT_PLAN_STATUS_CHANGED = "planning.support_plan.status_changed", "moved a support plan to a new status"
    SUPPORT_PLAN_REVIEWED = "planning.support_plan.reviewed", "checked a support plan"
    SUPPORT_PLAN_DECIDED = "planning.support_plan.decided", "decided on a support plan"
    SUPPORT_PLAN_REFERRED_TO_PANEL = (
        "planning.support_plan.referred_to_panel",
        "referred a support plan to the funding panel",
    )
    BUDGET_AGREEMENT_ENDED = "planning.budget_agreement.ended", "ended a personal budget agreement"
    SUPPORT_PLAN_RECONSIDERATION_REQUESTED = (
        "planning.support_plan.reconsideration_requested",
        "asked for a support plan decision to be looked at again",
    )
    SUPPORT_PLAN_EXCEPTION_RECORDED = (
        "planning.support_plan.exception_recorded",
        "recorded why paying a relative from a direct payment is necessary",
    )
    SUPPORT_PLAN_BROKER_CHOSEN = "planning.support_plan.broker_chosen", "chose a broker to help with a support plan"
    BUDGET_AGREEMENT_MADE = "planning.budget_agreement.made", "made a personal budget agreement"
    BUDGET_AGREEMENT_VIEWED = "planning.budget_agreement.viewed", "looked at a personal budget agreement"
    DECISION_POLICY_CREATED = "planning.decision_policy.created", "set a new financial delegation policy"
    PROHIBITED_PURCHASES_CHANGED = (
        "planning.prohibited.changed",
        "changed the list of purchases a budget may not pay for",
    )
    # Background jobs
    BATCH_JOB_STARTED = "platform.job.started", "started a background job"
    BATCH_JOB_RESUMED = "platform.job.resumed", "carried on a background job that had stopped"
    # Demo and operations
    DEMO_DATA_SEEDED = "platform.demo.seeded", "loaded demo data"


#: Verbs that record someone looking at a record, rather than changing it.
VIEW_VERBS = frozenset(
    {
        AuditVerb.PERSON_VIEWED,
        AuditVerb.PERSON_BREAK_GLASS,
        AuditVerb.FINANCIAL_ASSESSMENT_VIEWED,
        AuditVerb.SUPPORT_PLAN_VIEWED,
        AuditVerb.BUDGET_AGREEMENT_VIEWED,
    }
)
