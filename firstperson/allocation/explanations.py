"""Plain-English sentences that explain how a configuration turns answers into money.

Shown on "How we worked out your budget", on the public estimate and on staff pages, beside the
steps the rule itself wrote. Words a 12-year-old can follow; figures as people read them.
"""

from firstperson.assessment.models import Section

from .models import MoneyMethod, Period, RasConfiguration
from .rules.ras import pounds

#: Who reads the sentences: staff (signs on the lines of money, as in their tables), the person or
#: their representative (signed in: "minus £741.00"), or a visitor to the public estimate, who may
#: not be known to the council yet and so has no worker.
STAFF = "staff"
RESIDENT = "resident"
PUBLIC = "public"


def period_words(period: str) -> str:
    return "a week" if period == Period.WEEKLY else "a year"


def configuration_words(configuration: RasConfiguration) -> str:
    """The configuration as residents read it: by the day it started, never by its internal name
    ("self-assessment RAS v1"), which staff and the API keep."""
    started = configuration.effective_from
    if started is None:
        return "the council's way of working out budgets"
    return f"the council's way of working out budgets that started on {started.day} {started:%B %Y}"


def _and_list(words: list[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def method_sentences(configuration: RasConfiguration, *, about: str | None = None, reader: str = STAFF) -> list[str]:
    """The sentences, spoken to the person ("your points"); or, with `about` (the person's name, for
    someone reading about them: a representative or staff), about the person by name. `reader` is
    STAFF, RESIDENT or PUBLIC (see above)."""
    per = period_words(configuration.period)
    your = f"{about}'s" if about else "your"
    if about:
        first = f"Each answer in {about}'s self-assessment scores points. The more help {about} needs, the more points it scores."
    else:
        first = "Each answer you gave scores points. The more help you need, the more points it scores."
    applies = f"If it applies to {about or 'you'}"
    sentences = [first]
    if configuration.money_method == MoneyMethod.PRICE_PER_POINT and configuration.price_per_point is not None:
        sentences.append(
            f"Each point is worth {pounds(configuration.price_per_point)} {per}. We multiply the points for each "
            f"part of {your} life by that amount, and add them up."
        )
    elif configuration.money_method == MoneyMethod.BANDS:
        sentences.append(f"We add up {your} points. The total falls in a band, and each band is worth an amount {per}.")
    else:
        sentences.append(
            f"We add up {your} points, and look the total up in a table that turns points into money {per}."
        )
    titles = dict(Section.objects.filter(version=configuration.questionnaire_version_id).values_list("code", "title"))
    # With a price per point, each change to the points has its own line of money below; with bands
    # or a table there is one line, the total's, so the sentence must not promise one.
    has_own_line = configuration.money_method == MoneyMethod.PRICE_PER_POINT
    for adjustment in configuration.adjustments.all():
        names = _and_list([titles.get(code, code).lower() for code in adjustment.domain_codes])
        factor = f"{adjustment.factor.normalize():f}"
        # Staff tables show "-£741.00"; residents' show "minus £741.00" (templatetags `pounds_plain`).
        minus = "A line with a minus sign" if reader == STAFF else "A line that says “minus”"
        where = (
            f"{applies}, it has its own line below. {minus} takes money away."
            if has_own_line
            else f"{applies}, {your} total points already include it."
        )
        sentences.append(
            f"{adjustment.description}: when this applies, we multiply the points for {names} by {factor}. {where}"
        )
    for setting in configuration.domain_settings.all():
        name = titles.get(setting.section_code, setting.section_code).lower()
        if setting.weight == 0:
            sentences.append(f"Points for {name} do not count towards the budget.")
        elif setting.weight != 1:
            more_or_less = "more" if setting.weight > 1 else "less"
            sentences.append(
                f"Points for {name} are multiplied by {setting.weight.normalize():f}, so they count for {more_or_less}."
            )
        if setting.cap_points is not None:
            sentences.append(f"We count at most {setting.cap_points.normalize():f} points for {name}.")
    if configuration.minimum:
        sentences.append(f"If the total comes to less than {pounds(configuration.minimum)} {per}, we raise it to that.")
    if configuration.maximum is not None:
        sentences.append(
            f"If the total comes to more than {pounds(configuration.maximum)} {per}, we start from that amount. "
            + (
                # Someone checking an estimate may not be known to us yet: they have no worker.
                "If you ask us for a needs assessment, a social worker can agree more if you need it."
                if reader == PUBLIC
                else f"{about}'s worker can still agree more if {about} needs it."
                if about
                else "Your worker can still agree more if you need it."
            )
        )
    return sentences
