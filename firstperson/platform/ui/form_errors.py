"""Showing a service's refusal on a page's form, the GOV.UK way: against the field it names when the
form has that field (so the error summary links to it), otherwise at the top of the form."""

from firstperson.platform.exceptions import ApplicationError


def form_error_from(form, error: ApplicationError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
