"""Reading the body of a calculate request, naming every problem with the field it is in.

Field paths are written as a client would reach them: `person.age`, `income[2].period`,
`capital[0].share`, `policy.lower_capital_limit`. Every problem in the body is named at once.

Money comes in as a decimal string ("230.25"); a JSON number is taken too, read exactly (never as a
binary fraction). Amounts may not be negative or have more than two decimal places.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from firstperson.charging.rules import charging as rules
from firstperson.charging.rules.reference_2025_26 import INCOME_TYPES

from ..common import FieldError, InvalidRequest

#: Bodies longer than this are refused before they are read (413).
MAX_BODY_BYTES = 64 * 1024
#: The most capital or income items one request may list.
MAX_ITEMS = 100
MAX_CHILDREN = 20
MAX_AGE = 130
#: Nothing anyone is charged for comes near a hundred million pounds.
MAX_MONEY = Decimal("99999999.99")
SHARE_PLACES = 6
ZERO = rules.ZERO

#: The income codes of issue 5 (REFERENCE §3.4); a parameter set may not know a code it dropped.
INCOME_CODES = tuple(INCOME_TYPES)
PERIODS = tuple(period.value for period in rules.IncomePeriod)
HOUSEHOLDS = tuple(household.value for household in rules.Household)
CAPITAL_TYPES = tuple(kind.value for kind in rules.CapitalType)
SERVICES = tuple(service.value for service in rules.Service)

TOP_FIELDS = (
    "as_at",
    "person",
    "capital",
    "income",
    "housing_costs",
    "dre",
    "night_care_arranged",
    "service",
    "weekly_cost_of_care",
    "policy",
)
PERSON_FIELDS = (
    "date_of_birth",
    "age",
    "household",
    "disability_premium",
    "enhanced_disability_premium",
    "carer_premium",
    "dependent_children",
)
CAPITAL_FIELDS = ("type", "value", "share")
INCOME_FIELDS = ("type", "amount", "period")
PERIOD_AMOUNT_FIELDS = ("amount", "period")

#: The council's local-policy levers (rules.LocalPolicy), each with the kind of value it takes.
POLICY_MONEY = ("standard_dre_weekly",)
POLICY_MONEY_OR_NULL = (
    "minimum_charge_weekly",
    "maximum_charge_weekly",
    "lower_capital_limit",
    "upper_capital_limit",
)
POLICY_BOOLEANS = (
    "disregard_night_element_attendance_allowance",
    "disregard_night_element_dla_care",
    "disregard_night_element_pip_daily_living",
    "full_cost_at_upper_limit",
)
POLICY_FIELDS = POLICY_MONEY + POLICY_MONEY_OR_NULL + POLICY_BOOLEANS
assert set(POLICY_FIELDS) == set(rules.LocalPolicy.__dataclass_fields__), "a policy lever is not readable"

_DECIMAL_TEXT = re.compile(r"^-?[0-9]{1,20}(\.[0-9]{1,20})?$")
_DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class CalculateRequest:
    as_at: datetime.date
    data: rules.ChargingInput
    #: Changed local-policy levers, for modelling (rules.LocalPolicy field -> value).
    policy: dict[str, Any]


def _one_of(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{value}"' for value in values)


class _Reader:
    """Reads values out of the parsed body, collecting a FieldError for each problem."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def object(self, value: Any, field: str, known: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.error(field, f"{field} must be an object")
            return None
        for key in value:
            if key not in known:
                self.error(f"{field}.{key}", "This field is not part of the request")
        return value

    def decimal(
        self, value: Any, field: str, *, places: int = 2, negative: str = "This cannot be less than zero"
    ) -> Decimal | None:
        """A non-negative decimal with at most `places` decimal places, or None (error recorded)."""
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            self.error(field, 'Give an amount as a string of digits, like "230.25"')
            return None
        if isinstance(value, str) and not _DECIMAL_TEXT.match(value):
            self.error(field, 'Give an amount as a string of digits, like "230.25"')
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation:
            self.error(field, 'Give an amount as a string of digits, like "230.25"')
            return None
        if not amount.is_finite():
            self.error(field, 'Give an amount as a string of digits, like "230.25"')
            return None
        if amount < 0:
            self.error(field, negative)
            return None
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -places:
            self.error(field, f"This can have at most {'two' if places == 2 else places} decimal places")
            return None
        if amount > MAX_MONEY:
            self.error(field, "This is too large")
            return None
        return amount

    def money(self, value: Any, field: str) -> Decimal | None:
        return self.decimal(value, field)

    def present(self, data: dict, key: str, field: str, message: str) -> bool:
        """Whether `key` is in `data`; if not, records `message` against `field`."""
        if key in data:
            return True
        self.error(field, message)
        return False

    def boolean(self, data: dict, key: str, field: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(field, f"{field.rsplit('.', 1)[-1]} must be true or false")
            return default
        return value

    def choice(self, value: Any, field: str, values: tuple[str, ...], what: str) -> str | None:
        if not isinstance(value, str) or value not in values:
            self.error(field, f"Unknown {what}: it must be one of {_one_of(values)}")
            return None
        return value

    def whole_number(self, value: Any, field: str, low: int, high: int, low_message: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(field, "This must be a whole number")
            return None
        if value < low:
            self.error(field, low_message)
            return None
        if value > high:
            self.error(field, f"This must be {high} or less")
            return None
        return value

    def date(self, value: Any, field: str) -> datetime.date | None:
        if isinstance(value, str) and _DATE_TEXT.match(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(field, 'Give a date as "YYYY-MM-DD", like "2025-10-01"')
        return None

    def items(self, value: Any, field: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(field, f"{field} must be a list")
            return []
        if len(value) > MAX_ITEMS:
            self.error(field, f"A request may list at most {MAX_ITEMS} items here")
            return []
        return value


def _parse_body(body: bytes) -> Any:
    def no_constants(name: str):
        raise ValueError(name)

    return json.loads(body.decode("utf-8"), parse_float=Decimal, parse_constant=no_constants)


def _person(reader: _Reader, value: Any, as_at: datetime.date | None) -> rules.Person | None:
    person = reader.object(value, "person", PERSON_FIELDS)
    if person is None:
        return None
    adult = "Charging for adult care applies from age 18"
    age = None
    if person.get("age") is not None:
        age = reader.whole_number(person["age"], "person.age", 18, MAX_AGE, adult)
    age_from_birth = None
    if person.get("date_of_birth") is not None:
        born = reader.date(person["date_of_birth"], "person.date_of_birth")
        if born is not None and as_at is not None:
            if born > as_at:
                reader.error("person.date_of_birth", "The date of birth is after as_at")
            else:
                age_from_birth = rules.age_on(born, as_at)
                if age_from_birth < 18:
                    reader.error("person.date_of_birth", adult)
                    age_from_birth = None
                elif age_from_birth > MAX_AGE:
                    reader.error("person.date_of_birth", f"This gives an age over {MAX_AGE}")
                    age_from_birth = None
    if person.get("age") is None and person.get("date_of_birth") is None:
        reader.error("person.date_of_birth", "Give the person's date_of_birth or their age")
    if age is not None and age_from_birth is not None and age != age_from_birth:
        reader.error("person.age", f"age does not match date_of_birth, which gives {age_from_birth} on as_at")
    household = None
    if reader.present(person, "household", "person.household", f"household is required: one of {_one_of(HOUSEHOLDS)}"):
        household = reader.choice(person["household"], "person.household", HOUSEHOLDS, "household")
    premiums = {
        name: reader.boolean(person, name, f"person.{name}")
        for name in ("disability_premium", "enhanced_disability_premium", "carer_premium")
    }
    children = reader.whole_number(
        person.get("dependent_children", 0),
        "person.dependent_children",
        0,
        MAX_CHILDREN,
        "This cannot be less than zero",
    )
    final_age = age_from_birth if age_from_birth is not None else age
    if final_age is None or household is None or children is None:
        return None
    return rules.Person(age=final_age, household=rules.Household(household), dependent_children=children, **premiums)


def _capital(reader: _Reader, value: Any) -> list[rules.CapitalItem]:
    found = []
    for index, raw in enumerate(reader.items(value, "capital")):
        where = f"capital[{index}]"
        item = reader.object(raw, where, CAPITAL_FIELDS)
        if item is None:
            continue
        kind = amount = None
        if reader.present(item, "type", f"{where}.type", f"type is required: one of {_one_of(CAPITAL_TYPES)}"):
            kind = reader.choice(item["type"], f"{where}.type", CAPITAL_TYPES, "capital type")
        if reader.present(item, "value", f"{where}.value", "value is required"):
            amount = reader.money(item["value"], f"{where}.value")
        outside = "A share must be between 0 and 1 (1 is all of it)"
        share = reader.decimal(item.get("share", "1"), f"{where}.share", places=SHARE_PLACES, negative=outside)
        if share is not None and share > 1:
            reader.error(f"{where}.share", outside)
            share = None
        if kind is not None and amount is not None and share is not None:
            found.append(rules.CapitalItem(rules.CapitalType(kind), amount, share))
    return found


def _income(reader: _Reader, value: Any) -> list[rules.IncomeItem]:
    found = []
    for index, raw in enumerate(reader.items(value, "income")):
        where = f"income[{index}]"
        item = reader.object(raw, where, INCOME_FIELDS)
        if item is None:
            continue
        code = amount = period = None
        if reader.present(item, "type", f"{where}.type", "type is required: the code of a kind of income"):
            if isinstance(item["type"], str) and item["type"] in INCOME_CODES:
                code = item["type"]
            else:
                reader.error(f"{where}.type", "Unknown income code: the IncomeCode schema lists the codes")
        if reader.present(item, "amount", f"{where}.amount", "amount is required"):
            amount = reader.money(item["amount"], f"{where}.amount")
        if reader.present(item, "period", f"{where}.period", f"period is required: one of {_one_of(PERIODS)}"):
            period = reader.choice(item["period"], f"{where}.period", PERIODS, "period")
        if code is not None and amount is not None and period is not None:
            found.append(rules.IncomeItem(code, amount, rules.IncomePeriod(period)))
    return found


def _weekly(reader: _Reader, value: Any, field: str) -> Decimal | None:
    """{"amount", "period"} as a weekly amount, rounded half-up to the penny."""
    item = reader.object(value, field, PERIOD_AMOUNT_FIELDS)
    if item is None:
        return None
    amount = period = None
    if reader.present(item, "amount", f"{field}.amount", "amount is required"):
        amount = reader.money(item["amount"], f"{field}.amount")
    if reader.present(item, "period", f"{field}.period", f"period is required: one of {_one_of(PERIODS)}"):
        period = reader.choice(item["period"], f"{field}.period", PERIODS, "period")
    if amount is None or period is None:
        return None
    return rules.weekly(amount, period)


def _policy(reader: _Reader, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        reader.error("policy", "policy must be an object of local-policy levers")
        return {}
    changes: dict[str, Any] = {}
    for key, lever in value.items():
        field = f"policy.{key}"
        if key not in POLICY_FIELDS:
            reader.error(field, f"Unknown policy lever: it must be one of {_one_of(POLICY_FIELDS)}")
        elif key in POLICY_BOOLEANS:
            if isinstance(lever, bool):
                changes[key] = lever
            else:
                reader.error(field, f"{key} must be true or false")
        elif lever is None and key in POLICY_MONEY_OR_NULL:
            changes[key] = None
        else:
            amount = reader.money(lever, field)
            if amount is not None:
                changes[key] = amount
    return changes


def calculate_request(body: bytes, *, today: datetime.date) -> CalculateRequest:
    """The request body as the rule's input, or InvalidRequest naming every problem."""
    try:
        data = _parse_body(body)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidRequest([FieldError("body", "The request body must be a JSON object")]) from None
    if not isinstance(data, dict):
        raise InvalidRequest([FieldError("body", "The request body must be a JSON object")])
    reader = _Reader()
    for key in data:
        if key not in TOP_FIELDS:
            reader.error(key, "This field is not part of the request")
    as_at = today if data.get("as_at") is None else reader.date(data["as_at"], "as_at")
    person = None
    if reader.present(data, "person", "person", "person is required: date_of_birth or age, and household"):
        person = _person(reader, data["person"], as_at)
    capital = _capital(reader, data.get("capital"))
    income = _income(reader, data.get("income"))
    housing = ZERO if data.get("housing_costs") is None else _weekly(reader, data["housing_costs"], "housing_costs")
    dre = None if data.get("dre") is None else _weekly(reader, data["dre"], "dre")
    night_care = reader.boolean(data, "night_care_arranged", "night_care_arranged")
    service = reader.choice(data.get("service", "homecare"), "service", SERVICES, "service")
    cost = None
    if reader.present(data, "weekly_cost_of_care", "weekly_cost_of_care", "weekly_cost_of_care is required"):
        cost = reader.money(data["weekly_cost_of_care"], "weekly_cost_of_care")
    policy = _policy(reader, data.get("policy"))
    if reader.errors:
        raise InvalidRequest(reader.errors)
    assert as_at is not None and person is not None and housing is not None and service is not None
    assert cost is not None
    return CalculateRequest(
        as_at=as_at,
        data=rules.ChargingInput(
            person=person,
            weekly_cost_of_care=cost,
            service=rules.Service(service),
            capital=tuple(capital),
            income=tuple(income),
            housing_costs_weekly=housing,
            dre_weekly=dre,
            night_care_arranged=night_care,
        ),
        policy=policy,
    )


def check_against_parameters(wanted: CalculateRequest, figures: rules.ChargingParameters) -> list[FieldError]:
    """Problems only the parameter set in force can show: an income code it does not know, and
    capital limits below the statutory ones (a council may set higher limits, never lower)."""
    errors = [
        FieldError(f"income[{index}].type", f"The {figures.version} figures do not know this kind of income")
        for index, item in enumerate(wanted.data.income)
        if item.code not in figures.income_rules
    ]
    lower = wanted.policy.get("lower_capital_limit")
    upper = wanted.policy.get("upper_capital_limit")
    if lower is not None and lower < figures.lower_capital_limit:
        errors.append(
            FieldError(
                "policy.lower_capital_limit",
                "A council may set higher capital limits, never lower ones: the lower limit in "
                f"{figures.version} is {rules.pounds(figures.lower_capital_limit)}",
            )
        )
    if upper is not None and upper < figures.upper_capital_limit:
        errors.append(
            FieldError(
                "policy.upper_capital_limit",
                "A council may set higher capital limits, never lower ones: the upper limit in "
                f"{figures.version} is {rules.pounds(figures.upper_capital_limit)}",
            )
        )
    if not errors and ("lower_capital_limit" in wanted.policy or "upper_capital_limit" in wanted.policy):
        modelled = figures.with_policy(**wanted.policy)
        if modelled.effective_lower_capital_limit >= modelled.effective_upper_capital_limit:
            field = "lower_capital_limit" if "lower_capital_limit" in wanted.policy else "upper_capital_limit"
            errors.append(
                FieldError(
                    f"policy.{field}",
                    "The lower capital limit must be below the upper one: here they are "
                    f"{rules.pounds(modelled.effective_lower_capital_limit)} and "
                    f"{rules.pounds(modelled.effective_upper_capital_limit)}",
                )
            )
    return errors
