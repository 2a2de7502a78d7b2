"""Template tags that render Django forms as GOV.UK Frontend components.

{% govuk_error_summary form %}
{% govuk_field form.nhs_number hint="For example, 485 777 3456" width=10 %}
{% govuk_field form.email label_as_heading=True %}
"""

from django import forms, template
from django.template.loader import render_to_string

from ..fields import GovukDateWidget

register = template.Library()


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, GovukDateWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def _first_input_id(bound_field: forms.BoundField) -> str:
    kind = _kind(bound_field.field.widget)
    if kind in {"date", "radios", "checkboxes"}:
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


@register.simple_tag
def govuk_field(
    bound_field: forms.BoundField,
    hint: str = "",
    width: int | str = "",
    label_as_heading: bool = False,
    label_size: str = "",
    autocomplete: str = "",
    spellcheck: str = "",
):
    kind = _kind(bound_field.field.widget)
    field_id = bound_field.auto_id
    hint_text = hint or bound_field.help_text
    hint_id = f"{field_id}-hint" if hint_text else ""
    errors = list(bound_field.errors)
    error_id = f"{field_id}-error" if errors else ""
    described_by = " ".join(part for part in (hint_id, error_id) if part)
    value = bound_field.value()
    if kind in {"radios", "checkboxes"}:
        chosen = value if isinstance(value, (list, tuple)) else [value]
        chosen_text = {str(item) for item in chosen if item not in (None, "")}
        options = [
            {
                "value": str(option_value),
                "label": option_label,
                "id": f"{field_id}_{index}",
                "checked": str(option_value) in chosen_text,
            }
            for index, (option_value, option_label) in enumerate(bound_field.field.choices)
            if str(option_value) != "" or kind == "checkboxes"
        ]
    elif kind == "select":
        options = [
            {
                "value": str(option_value),
                "label": option_label,
                "selected": str(option_value) == ("" if value is None else str(value)),
            }
            for option_value, option_label in bound_field.field.choices
        ]
    else:
        options = []
    date_parts = []
    if kind == "date":
        parts = value if isinstance(value, (list, tuple)) else bound_field.field.widget.decompress(value)
        names = ("Day", "Month", "Year")
        widths = (2, 2, 4)
        for index, part in enumerate(parts):
            date_parts.append(
                {
                    "name": f"{bound_field.html_name}_{index}",
                    "id": f"{field_id}_{index}",
                    "label": names[index],
                    "value": "" if part is None else part,
                    "width": widths[index],
                }
            )
    input_type = getattr(bound_field.field.widget, "input_type", "text")
    context = {
        "field": bound_field,
        "kind": kind,
        "id": field_id,
        "name": bound_field.html_name,
        "label": bound_field.label,
        "label_as_heading": label_as_heading,
        "label_size": label_size or ("l" if label_as_heading else ""),
        "hint": hint_text,
        "hint_id": hint_id,
        "errors": errors,
        "error_id": error_id,
        "described_by": described_by,
        "value": "" if value is None or kind in {"radios", "checkboxes", "date"} else value,
        "checked": bool(value) if kind == "checkbox" else False,
        "options": options,
        "date_parts": date_parts,
        "input_type": "password" if input_type == "password" else input_type,
        "width": width,
        "required": bound_field.field.required,
        "autocomplete": autocomplete or bound_field.field.widget.attrs.get("autocomplete", ""),
        "spellcheck": spellcheck or bound_field.field.widget.attrs.get("spellcheck", ""),
        "inputmode": bound_field.field.widget.attrs.get("inputmode", ""),
        "maxlength": getattr(bound_field.field, "max_length", None),
    }
    return render_to_string("ui/forms/field.html", context)


@register.simple_tag
def govuk_error_summary(*forms_to_check):
    items = []
    for form in forms_to_check:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"text": error, "href": ""})
        for bound_field in form:
            for error in bound_field.errors:
                items.append({"text": error, "href": f"#{_first_input_id(bound_field)}"})
    if not items:
        return ""
    return render_to_string("ui/forms/error_summary.html", {"items": items})
