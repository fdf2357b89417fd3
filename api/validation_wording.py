"""The reasons of a 422, in the project's words (reference.md section 4: each bad parameter is
named with what is accepted).

FastAPI reports a failed request validation with pydantic's error dicts (``type``, ``loc``,
``msg``, ``ctx``; https://docs.pydantic.dev/latest/errors/validation_errors/). Their ``msg``
is pydantic's own wording ("Input should be a valid integer, unable to parse string as an
integer", "Field required"); :func:`reason` turns each error type into a sentence that says
what is accepted, in the voice of the service's own errors ("must be a whole number"), and a
missing parameter says it is required and what it takes. A parameter with a reason of its own
(:data:`PARAMETER_REASONS`) keeps it for every kind of failure.
"""

from collections.abc import Mapping
from typing import Any

PARAMETER_REASONS = {
    "max_grade": "must be a finite number from 0 to 20",
    "level": "must be one of the reading levels listed at /v1/levels",
    "fallback": "must be 'auto' or 'none'",
    "limit": "must be a whole number from 1 to the page size maximum",
    "slug": "must be lower-case letters and digits in hyphen-separated words, e.g. flu-shots",
    "key": "must be lower-case letters and digits in hyphen-separated words, e.g. side-effects",
}

# pydantic error type -> what is accepted; ``{name}`` is filled from the error's ``ctx``
_BY_TYPE = {
    "string_type": "must be text",
    "string_too_short": "must be at least {min_length} characters long",
    "string_too_long": "must be at most {max_length} characters long",
    "string_pattern_mismatch": "must match the pattern {pattern}",
    "string_unicode": "must be text encoded as UTF-8",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_parsing_size": "must be a whole number of a usable size",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "decimal_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be {ge} or more",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be {le} or less",
    "multiple_of": "must be a multiple of {multiple_of}",
    "enum": "must be one of {expected}",
    "literal_error": "must be one of {expected}",
    "dict_type": "must be a JSON object",
    "model_type": "must be a JSON object",
    "model_attributes_type": "must be a JSON object",
    "list_type": "must be a JSON array",
    "tuple_type": "must be a JSON array",
    "set_type": "must be a JSON array of distinct values",
    "too_short": "must have at least {min_length} items",
    "too_long": "must have at most {max_length} items",
    "extra_forbidden": "is not a member this request accepts; leave it out",
    "none_required": "must be null",
    "bytes_type": "must be a file or text",
    "bytes_too_short": "must be at least {min_length} bytes",
    "text_characters": "{reason}",  # models.submission: api.domain.characters says why
    "bytes_too_long": "must be at most {max_length} bytes",
    "datetime_type": "must be a date and time in ISO 8601 form, e.g. 2026-01-31T12:00:00Z",
    "datetime_parsing": "must be a date and time in ISO 8601 form, e.g. 2026-01-31T12:00:00Z",
    "datetime_from_date_parsing": "must be a date and time in ISO 8601 form, "
    "e.g. 2026-01-31T12:00:00Z",
    "date_type": "must be a date in ISO 8601 form, e.g. 2026-01-31",
    "date_parsing": "must be a date in ISO 8601 form, e.g. 2026-01-31",
    "date_from_datetime_parsing": "must be a date in ISO 8601 form, e.g. 2026-01-31",
    "url_type": "must be a URL, e.g. https://example.org/page",
    "url_parsing": "must be a URL, e.g. https://example.org/page",
    "url_scheme": "must be a URL with the scheme {expected_schemes}",
    "uuid_type": "must be a UUID",
    "uuid_parsing": "must be a UUID",
    "json_type": "must be valid JSON",
}
# pydantic's sentence openings, for error types not listed above (e.g. a new pydantic's)
_OPENINGS = (
    ("Value error, ", ""),
    ("Assertion failed, ", ""),
    ("Input should be ", "must be "),
    ("Input should have ", "must have "),
    ("Input should ", "must "),
    ("String should have ", "must have "),
    ("String should ", "must "),
    ("List should have ", "must have "),
    ("Value should have ", "must have "),
    ("Value should be ", "must be "),
)


def _ctx(error: Mapping[str, Any]) -> dict[str, str]:
    return {name: str(value) for name, value in (error.get("ctx") or {}).items()}


def _by_type(error: Mapping[str, Any]) -> str | None:
    template = _BY_TYPE.get(str(error.get("type", "")))
    if template is None:
        return None
    try:
        return template.format(**_ctx(error))
    except (KeyError, IndexError):
        return None


def _reworded(message: str) -> str:
    for opening, ours in _OPENINGS:
        if message.startswith(opening):
            return ours + message[len(opening) :]
    return f"is not accepted: {message[:1].lower()}{message[1:]}" if message else "is invalid"


def reason(parameter: str, error: Mapping[str, Any]) -> str:
    """What is wrong with ``parameter`` and what it accepts, for one pydantic error dict.

    A missing parameter: "is required" plus what it accepts when that is known
    ("is required and must be one of the reading levels listed at /v1/levels").
    """
    known = PARAMETER_REASONS.get(parameter)
    if error.get("type") == "missing":
        return f"is required and {known}" if known else "is required"
    if known is not None:
        return known
    return _by_type(error) or _reworded(str(error.get("msg", "")))
