"""What the workflow routes share: the section path and the problem responses they declare
(``api.routes.versions``, ``authoring``, ``structure``, ``titles``)."""

from typing import Any

SECTION = "/{slug}/sections/{key}"
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": text, **PROBLEM}
    for code, text in (
        (401, "Missing, unknown, revoked or expired token"),
        (403, "The grant this needs"),
        (404, "No such article, section or version"),
        (409, "Conflicts with the current state"),
        (412, "If-Match does not match the slot's ETag"),
        (422, "Failed validation or checks"),
        (428, "If-Match is required"),
    )
}
