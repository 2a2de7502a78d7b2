"""Plain-English sentences that explain how a configuration turns answers into money.

Shown on "How we worked out your budget", on the public estimate and on staff pages, beside the
steps the rule itself wrote. Words a 12-year-old can follow; figures as people read them.
"""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import partial

from django.conf import settings

from firstperson.assessment.models import Section
from firstperson.people.budget_panels import BudgetPanel

from . import selectors
from .models import MoneyMethod, Period, RasConfiguration
from .rules import ras
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


# How residents read a line that changes the points, given the change and the money in words ("which
# is £741.00 a year less"); None for a change the line's factor, weight or cap cannot make (points are
# never negative), so the line could not be the rule's and keeps its words.


def _adjustment_words(description: str, name: str, factor: Decimal, change: Decimal, money: str) -> str | None:
    if (change > 0) != (factor > 1):
        return None
    points = ras.points_text(abs(change))
    if change < 0:
        return f"{description}: we take {points} off {name.lower()}, {money}."
    return f"{description}: we add {points} to {name.lower()}, {money}."


def _weight_words(name: str, weight: Decimal, change: Decimal, money: str) -> str | None:
    if (change > 0) != (weight > 1):
        return None
    points = ras.points_text(abs(change))
    if weight == 0:
        return f"{name} does not count towards the budget: we take its {points} off, {money}."
    if weight > 1:
        return f"{name} counts for more: we multiply its points by {weight.normalize():f}, so we add {points}, {money}."
    return (
        f"{name} counts for less: we multiply its points by {weight.normalize():f}, so we take {points} off, {money}."
    )


def _cap_words(name: str, cap: Decimal, change: Decimal, money: str) -> str | None:
    if change > 0:
        return None
    return f"{name} has a limit of {ras.points_text(cap)}: we take {ras.points_text(abs(change))} off, {money}."


def _rules_config(configuration: RasConfiguration | ras.RasConfiguration) -> ras.RasConfiguration | None:
    """The pure rule's configuration, as given or built from the models; None, without reading the
    database, when the configuration's money method gives the changes to the points no lines."""
    if isinstance(configuration, ras.RasConfiguration):
        return configuration
    if configuration.money_method != MoneyMethod.PRICE_PER_POINT:
        return None
    return selectors.ras_configuration_for(configuration)


def _change_lines(pure: ras.RasConfiguration) -> tuple[dict[str, Callable[[Decimal, str], str | None]], str]:
    """The start of every line the rule can write under this configuration for a change to the
    points (an adjustment's, a weight's or a cap's, as `ras.indicative_budget` words them), each with
    how residents read it (above), and the end each line has (" × £247.00"). Only with a price per
    point: with bands or a table, the changes have no lines of their own (the points show them)."""
    if not isinstance(pure.money_function, ras.PricePerPoint):
        return {}, ""
    names = {domain.code: domain.name for domain in pure.domains}
    lines: dict[str, Callable[[Decimal, str], str | None]] = {
        f"{adjustment.description}: {names[code]} × {adjustment.factor}: ": partial(
            _adjustment_words, adjustment.description, names[code], adjustment.factor
        )
        for adjustment in pure.adjustments
        for code in adjustment.domains
        if code in names
    }
    for domain in pure.domains:
        if domain.weight != 1:
            lines[f"{domain.name} weighted × {domain.weight}: "] = partial(_weight_words, domain.name, domain.weight)
        if domain.cap_points is not None:
            start = f"{domain.name} capped at {ras.points_text(domain.cap_points)}: "
            lines[start] = partial(_cap_words, domain.name, domain.cap_points)
    return lines, f" × {pounds(pure.money_function.amount_per_point)}"


def _points_of(text: str) -> Decimal | None:
    """The number of "-3 points", only when the rule would write exactly that for it."""
    number, _, unit = text.partition(" ")
    if unit not in ("point", "points"):
        return None
    try:
        points = Decimal(number)
    except InvalidOperation:
        return None
    return points if ras.points_text(points) == text else None


def step_rows(steps) -> list[dict]:
    """Steps as the pages' tables show them: each line's text ("description") and its amount as a
    Decimal. From a stored budget's steps (text and amount as strings) or the rule's `Step`s."""
    return [
        {"description": step["description"], "amount": Decimal(step["amount"])}
        if isinstance(step, dict)
        else {"description": step.description, "amount": step.amount}
        for step in steps
    ]


def plain_steps(
    configuration: RasConfiguration | ras.RasConfiguration,
    steps,
    *,
    rule_version: str = ras.RULE_VERSION,
    money_words: Callable[[Decimal], str] = pounds,
) -> list[dict]:
    """The steps as residents read them: the same lines and amounts, but each line that changes the
    points said in words. An adjustment's ("Help from family or friends: Personal care × 0.8: -3
    points × £247.00", stored as the rule wrote it) reads "Help from family or friends: we take 3
    points off personal care, which is £741.00 a year less."; a weight's ("Personal care weighted ×
    1.5: 5 points × £247.00") reads "Personal care counts for more: we multiply its points by 1.5, so
    we add 5 points, which is £1,235.00 a year more."; a cap's ("Personal care capped at 10 points:
    -5 points × £247.00") reads "Personal care has a limit of 10 points: we take 5 points off, which
    is £1,235.00 a year less." No minus signs: the words say which way the points go.

    The stored steps keep only their text and amount, so the line is recognised by writing every
    such line the rule could write under this configuration (published, so it never changes) and
    finding the one that is exactly the stored text, points and all. Any line not matched so, or a
    budget worked out by another version of the rule, keeps the rule's own words.

    `configuration` is the budget's (the model), or the pure rule's configuration built from it, when
    the caller has built that already (as the estimate has, to work the figure out). `money_words`
    writes the amounts in the words (Easy Read gives `easy_read_pounds`)."""
    rows = step_rows(steps)
    if rule_version != ras.RULE_VERSION:
        return rows
    pure = _rules_config(configuration)
    if pure is None:
        return rows
    lines, end = _change_lines(pure)
    if not lines:
        return rows
    per = period_words(pure.period)
    for row in rows:
        text = row["description"]
        if not text.endswith(end):
            continue
        for start, words in lines.items():
            if not text.startswith(start) or len(text) <= len(start) + len(end):
                continue
            change = _points_of(text[len(start) : -len(end)])
            if change is None or change == 0:
                continue
            amount = row["amount"]
            if amount == 0:
                money = "which does not change the money"
            else:
                money = f"which is {money_words(abs(amount))} {per} {'less' if amount < 0 else 'more'}"
            plain = words(change, money)
            if plain is not None:
                row["description"] = plain
                break
    return rows


def easy_read_pounds(amount: Decimal) -> str:
    """Money in Easy Read's working: no pence when there are none (£247, not £247.00), as a reader
    who finds numbers hard reads fewer figures; exact otherwise (£1,852.50), so the lines add up."""
    if amount == amount.to_integral_value():
        return f"£{amount.quantize(Decimal(1)):,}"
    return pounds(amount)


def whole_pounds(amount: Decimal) -> str:
    """Money to the nearest pound, as Easy Read gives a figure: £9,534.20 -> "£9,534"."""
    return f"£{amount.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def easy_read_words(budget, agreed, *, about: str | None = None, plan_agreed: bool = False) -> dict:
    """The budget in Easy Read, for the person (or, with `about`, for someone reading about them):
    short sentences, one idea each, the money first. No minus signs, no tables, no internal names.

    Returns `first` (the money, and that it is a starting figure), `points` (one line for each part
    of life that scored), `money` (how the points became money: with a price per point, the price,
    each change to the points in the plain words of `plain_steps`, then the total points; with bands
    or a table, the total points and where they are looked up), `changed` (the figure was changed
    after it was worked out; the page shows the reason after it) and `next` (what happens next and
    who to ask)."""
    you = about or "you"
    your = f"{about}'s" if about else "your"
    have = f"{about} has" if about else "You have"
    per = period_words(budget.period)
    configuration = budget.configuration
    first = [
        f"{have} about {whole_pounds(agreed.annual_amount)} a year for {your} support.",
        f"That is about {whole_pounds(agreed.weekly_amount)} a week.",
        "This is a starting figure.",
        "It is not a limit.",
    ]
    scored = ras.points_text(Decimal(budget.total_points))
    final_points = [(row["name"], Decimal(row["points"])) for row in budget.domain_points]
    pure = _rules_config(configuration)
    if pure is not None and isinstance(pure.money_function, ras.PricePerPoint):
        # Each change to the points has a line of its own, said in words by `plain_steps`. The list
        # of points must then be the points as the answers scored them (the rule's own lines for
        # each part of life), not after the changes: "Personal care: 15 points", then "we take 3
        # points off personal care". Only under the rule version whose lines `plain_steps` knows.
        plain = plain_steps(pure, budget.steps, rule_version=budget.rule_version, money_words=easy_read_pounds)
        changes = [
            row["description"]
            for row, rule_row in zip(plain, step_rows(budget.steps), strict=True)
            if row["description"] != rule_row["description"]
        ]
        if budget.rule_version == ras.RULE_VERSION:
            as_scored = ras.points_as_scored(pure, budget.answers)
            final_points = [(domain.name, as_scored[domain.code]) for domain in pure.domains]
        money = [f"Each point is worth {easy_read_pounds(pure.money_function.amount_per_point)} {per}.", *changes]
        money.append(f"All together, {you} scored {scored}.")
    else:
        money = [
            f"All together, {you} scored {scored}.",
            f"We look up {your} points in a table. It shows how much money that is {per}.",
        ]
    points = [f"{name}: {ras.points_text(value)}." for name, value in final_points if value != 0]
    money.append(f"This comes to {easy_read_pounds(budget.annual_amount)} a year.")
    changed = []
    if agreed.moderated:
        changed = [
            f"We worked out {easy_read_pounds(budget.annual_amount)} a year first.",
            f"Then {your} worker changed it to {easy_read_pounds(agreed.annual_amount)} a year.",
            "This is the reason they wrote:",
        ]
    worker = f"{about}'s worker" if about else "your worker"
    your_first = f"{about}'s" if about else "Your"  # to begin a sentence
    if plan_agreed:  # the plan, not this first figure, now says what there is (easy_read_money_now)
        next_steps = [
            f"{your_first} support plan says what support {you} will get.",
            f"Do you have a question? Ask {worker}.",
            f"Or call us on {settings.COUNCIL_PHONE}.",
        ]
    else:
        next_steps = [
            f"Next, {worker} will help plan {your} support.",
            f"The plan says what support {you} will get.",
            f"The plan can cost more than this figure if {you} need{'s' if about else ''} it.",
            f"Do you have a question? Ask {worker}.",
            f"Do you think the figure is wrong? Tell {worker}.",
            f"Or call us on {settings.COUNCIL_PHONE}.",
        ]
    return {"first": first, "points": points, "money": money, "changed": changed, "next": next_steps}


def easy_read_money_now(
    *, about: str | None, agreement: BudgetPanel | None, paying: list[BudgetPanel], council_pays_weekly
) -> list[dict]:
    """What the other apps' panels add to the budget page (people/budget_panels.py), in Easy Read:
    the personal budget agreed in the support plan, what the person pays towards their support,
    and what the council pays, each to the nearest pound, a week. The standard page shows the same
    in its "What the council pays" list. Each item is {sentence, link_url, link_text}; a link only
    where the panel explains its figure. Empty when no panel adds anything."""
    your = f"{about}'s" if about else "your"
    your_first = f"{about}'s" if about else "Your"  # to begin a sentence
    lines = []
    if agreement is not None and agreement.weekly_personal_budget is not None:
        lines.append({"sentence": f"{your_first} support plan is agreed."})
        lines.append(
            {
                "sentence": f"{your_first} personal budget is about "
                f"{whole_pounds(agreement.weekly_personal_budget)} a week.",
                "link_url": agreement.explanation_url,
                "link_text": f"Read {your} personal budget agreement",
            }
        )
    pays = f"{about} pays" if about else "You pay"
    for panel in paying:
        if panel.weekly_deduction is None:
            continue
        towards = f"towards {'their' if about else 'your'} support"
        if panel.weekly_deduction == 0:
            sentence = f"{about + ' does' if about else 'You do'} not pay anything {towards}."
        else:
            sentence = f"{pays} about {whole_pounds(panel.weekly_deduction)} a week {towards}."
        lines.append(
            {
                "sentence": sentence,
                "link_url": panel.explanation_url,
                "link_text": f"How we worked out what {about or 'you'} pay{'s' if about else ''}",
            }
        )
    if paying and council_pays_weekly is not None:
        lines.append({"sentence": f"The council pays about {whole_pounds(council_pays_weekly)} a week."})
    return lines
