"""Code lists for the person record.

Ethnicity follows the ONS 2021 census categories as used in the Adult Social Care Client Level Data
(CLD) return; primary support reason follows the CLD list. Source: ../shared/domain/REFERENCE.md §6.5.3.
"""

from django.db import models


class PreferredFormat(models.TextChoices):
    STANDARD = "standard", "Standard print"
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy Read"
    BSL = "bsl", "British Sign Language"
    BRAILLE = "braille", "Braille"
    AUDIO = "audio", "Audio"
    INTERPRETER = "interpreter", "Spoken language interpreter"


class Ethnicity(models.TextChoices):
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: Any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "Mixed or multiple: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed or multiple: White and Black African"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple: White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed or multiple: Any other Mixed or multiple background"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: Any other Asian background"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_OTHER = "black_other", "Black, Black British, Caribbean or African: Any other Black background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: Any other ethnic group"
    REFUSED = "refused", "No data: Refused"
    NOT_KNOWN = "not_known", "No data: Undeclared or not known"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_GIVEN = "not_given", "Prefer not to say"


class GenderIdentity(models.TextChoices):
    SAME = "same", "The same as their sex registered at birth"
    DIFFERENT = "different", "Different from their sex registered at birth"
    NOT_GIVEN = "not_given", "Prefer not to say"


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    NOT_GIVEN = "not_given", "Prefer not to say"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    NOT_GIVEN = "not_given", "Prefer not to say"


class PrimarySupportReason(models.TextChoices):
    ACCESS_MOBILITY = "physical_access_mobility", "Physical support: Access and mobility only"
    PERSONAL_CARE = "physical_personal_care", "Physical support: Personal care support"
    VISUAL = "sensory_visual", "Sensory support: Support for visual impairment"
    HEARING = "sensory_hearing", "Sensory support: Support for hearing impairment"
    DUAL = "sensory_dual", "Sensory support: Support for dual impairment"
    MEMORY_COGNITION = "memory_cognition", "Support with memory and cognition"
    LEARNING_DISABILITY = "learning_disability", "Learning disability support"
    MENTAL_HEALTH = "mental_health", "Mental health support"
    SUBSTANCE_MISUSE = "social_substance_misuse", "Social support: Substance misuse support"
    ASYLUM_SEEKER = "social_asylum_seeker", "Social support: Asylum seeker support"
    SOCIAL_ISOLATION = "social_isolation_other", "Social support: Support for social isolation or other"
    UNPAID_CARER = "social_unpaid_carer", "Social support: Support to unpaid carer"
    UNKNOWN = "unknown", "Unknown"


class RelationshipKind(models.TextChoices):
    CARER = "carer", "Carer"
    REPRESENTATIVE = "representative", "Representative"


class RepresentativeType(models.TextChoices):
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    ADVOCATE = "advocate", "Independent advocate"
    LPA_HEALTH_WELFARE = "lpa_health_welfare", "Lasting Power of Attorney for health and welfare"
    LPA_PROPERTY_FINANCE = "lpa_property_finance", "Lasting Power of Attorney for property and financial affairs"
    DEPUTY = "deputy", "Deputy appointed by the Court of Protection"
    APPOINTEE = "appointee", "Appointee for benefits (DWP)"


class AuthorityScope(models.TextChoices):
    VIEW_ONLINE = "view_online", "See their record online"
    ASSESSMENT_AND_PLANNING = "assessment_and_planning", "Take part in assessments and plans for them"
    MONEY = "money", "Deal with their money, including the financial assessment"
    HEALTH_AND_WELFARE = "health_and_welfare", "Make health and welfare decisions"


class RecordSource(models.TextChoices):
    STAFF = "staff", "Created by staff"
    SELF_REGISTERED = "self_registered", "Created by the person online"
    DEMO = "demo", "Demo data"
