"""Every 422 reason says what is accepted in the service's own words, never pydantic's
("Input should be ...", "Field required"), and a missing parameter says it is required."""

import pytest

from api.validation_wording import reason

SLUG = "immunotherapy-breast-cancer"


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    return {e["parameter"]: e["reason"] for e in response.json()["errors"]}


def test_a_missing_level_says_it_is_required_and_what_it_takes(client):
    r = client.get(f"/v1/articles/{SLUG}/bundle", params={"locale": "es"})
    assert _errors(r) == {
        "level": "is required and must be one of the reading levels listed at /v1/levels"
    }


def test_body_members_are_named_with_what_they_accept(client):
    r = client.post("/v1/readability", json={"text": 5, "locale": "x" * 65, "level": ["a"]})
    assert _errors(r) == {
        "text": "must be text",
        "locale": "must be at most 64 characters long",
        "level": "must be one of the reading levels listed at /v1/levels",
    }
    r = client.post("/v1/readability", json={"locale": "es"})
    assert _errors(r) == {"text": "is required"}
    r = client.post("/v1/readability", json=[1])
    assert _errors(r) == {"body": "must be a JSON object"}


def test_query_numbers_and_texts_are_worded_by_the_service(client):
    r = client.get("/v1/sync", params={"locales": "es", "levels": "plain", "limit": "many"})
    assert _errors(r) == {"limit": "must be a whole number from 1 to the page size maximum"}
    r = client.get("/v1/sync", params={"locales": "es" * 401, "levels": "plain"})
    assert _errors(r) == {"locales": "must be at most 800 characters long"}


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ({"type": "greater_than_equal", "ctx": {"ge": 1}, "msg": "x"}, "must be 1 or more"),
        ({"type": "bool_parsing", "msg": "x"}, "must be true or false"),
        ({"type": "new_kind", "msg": "Input should be a fish"}, "must be a fish"),
        ({"type": "value_error", "msg": "Value error, not a tag"}, "not a tag"),
        ({"type": "odd", "msg": "Something odd"}, "is not accepted: something odd"),
        ({"type": "enum", "msg": "x"}, "is not accepted: x"),  # ctx missing: no template
    ],
)
def test_pydantic_wording_never_reaches_a_reason(error, expected):
    assert reason("thing", error) == expected
