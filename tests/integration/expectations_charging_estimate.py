"""The public "Estimate what you might pay" and the charging calculator API: open to everyone,
signed in or not. In the matrix world nothing has been answered, so the question, check and result
pages send everyone back to the start page; the calculator answers POST only."""

from .access_rules import public


def not_started(role, subject):
    return 302  # nothing answered yet: back to the start page


EXPECTATIONS = {
    "charging-estimate:estimate-start": public,
    "charging-estimate:estimate-question": not_started,
    "charging-estimate:estimate-check": not_started,
    "charging-estimate:estimate-result": not_started,
    "api-charging:calculate": lambda role, subject: 405,  # POST only
    "api-charging:openapi": public,
}
