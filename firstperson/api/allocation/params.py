"""Reading the body of an estimate request, naming every problem with the field it is in."""

import json
from dataclasses import dataclass

from ..common import FieldError, InvalidRequest


@dataclass(frozen=True)
class EstimateRequest:
    """What the body asks for, and each problem found in reading it. `answers` is None when it is not
    an object, so there is nothing to check against a configuration; otherwise it holds the answers
    given as strings. `configuration_id` is None when none is named, or when it is not a string (an
    error, and then no configuration is looked up)."""

    configuration_id: str | None
    answers: dict[str, str] | None
    errors: tuple[FieldError, ...] = ()

    @property
    def configuration_readable(self) -> bool:
        return not any(error.field == "configuration" for error in self.errors)


KNOWN_FIELDS = ("configuration", "answers")
#: Bodies longer than this are refused (413). The largest real request for the default configuration
#: (17 questions, each answered with its longest code, and a configuration id) is 538 bytes, or 690
#: indented; this leaves room for a council's questionnaire of about 100 questions with long codes.
MAX_BODY_BYTES = 16 * 1024


def estimate_request(body: bytes) -> EstimateRequest:
    """`{"configuration": "<id>" (optional), "answers": {"<question code>": "<option code>"}}`, with
    each problem in it; InvalidRequest when the body is not a JSON object at all."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nested too deeply
        raise InvalidRequest([FieldError("body", "The request body must be a JSON object")]) from None
    if not isinstance(data, dict):
        raise InvalidRequest([FieldError("body", "The request body must be a JSON object")])
    errors = [FieldError(key, "This field is not part of the request") for key in data if key not in KNOWN_FIELDS]
    configuration_id = data.get("configuration")
    if configuration_id is not None and not isinstance(configuration_id, str):
        errors.append(FieldError("configuration", "configuration must be a string: the id of a configuration"))
        configuration_id = None
    given = data.get("answers")
    answers: dict[str, str] | None = None
    if given is None:
        errors.append(FieldError("answers", "answers is required: an object of question codes and answer codes"))
    elif not isinstance(given, dict):
        errors.append(FieldError("answers", "answers must be an object of question codes and answer codes"))
    else:
        answers = {}
        for code, option in given.items():
            if isinstance(option, str):
                answers[code] = option
            else:
                errors.append(FieldError(f"answers.{code}", "Each answer must be the code of an answer, as a string"))
    return EstimateRequest(configuration_id=configuration_id, answers=answers, errors=tuple(errors))
