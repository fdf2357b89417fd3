"""The OpenAPI document tells the truth (api/openapi.py; issue 9 point 8)."""

import pytest

from api.errors import Problem
from api.main import create_app

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def doc():
    from api.config import Settings

    settings = Settings(migrate_on_start=False, seed_on_start=False, warm_readability=False)
    return create_app(settings, sessions=lambda: None).openapi()  # type: ignore[arg-type,return-value]


def _operations(doc):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", op


def test_every_operation_has_a_success_schema(doc):
    missing = []
    for name, op in _operations(doc):
        status, answer = next((s, a) for s, a in op["responses"].items() if s.startswith("2"))
        if status != "204" and not any(c.get("schema") for c in answer.get("content", {}).values()):
            missing.append(name)
    assert missing == []
    assert len(list(_operations(doc))) >= 30


def test_import_outcomes_are_the_services_own(doc):
    from api.services.imports import OUTCOMES

    outcome = doc["components"]["schemas"]["ImportEntry"]["properties"]["outcome"]
    assert outcome["enum"] == list(OUTCOMES)


def test_title_reject_and_withdraw_require_a_comment(doc):
    base = "/v1/articles/{slug}/title/versions/{title_id}/"
    for action in ("reject", "withdraw"):
        body = doc["paths"][base + action]["post"]["requestBody"]
        assert body["required"] is True
        ref = body["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/CommentRequired"
    publish = doc["paths"][base + "publish"]["post"]["requestBody"]
    assert not publish.get("required")


def test_bundles_document_their_json_and_keep_the_example(doc):
    for path in ("/v1/articles/{slug}/bundle", "/v1/bundles/{locale}/{level}"):
        content = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/BundleRead"}
        assert content["example"]["level"] == "plain"


def test_every_error_status_is_the_one_problem_schema(doc):
    seen = set()
    for name, op in _operations(doc):
        for status, answer in op["responses"].items():
            if int(status) >= 400:
                assert answer["content"] == {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                }, (name, status)
                seen.add(int(status))
    assert {400, 401, 403, 404, 406, 409, 412, 413, 422, 428, 503} <= seen
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert schemas["Problem"]["required"] == ["type", "title", "status", "detail"]
    assert schemas["Problem"]["properties"]["errors"]["items"] == {
        "$ref": "#/components/schemas/ProblemParameter"
    }


def test_error_descriptions_come_from_the_hierarchy_or_the_route(doc):
    publish = doc["paths"]["/v1/articles/{slug}/sections/{key}/versions/{version_id}/publish"]
    responses = publish["post"]["responses"]
    assert responses["428"]["description"] == "If-Match is required"
    assert responses["400"]["description"].startswith("Base of every error")
    assert responses["401"]["headers"]["WWW-Authenticate"]["schema"] == {"type": "string"}
    levels = doc["paths"]["/v1/levels"]["get"]["responses"]
    # no parameters, no database: only the head guard's limits (api.guard) besides
    assert sorted(levels) == ["200", "400", "414", "431"]
    assert levels["431"]["description"].startswith("Request Header Fields Too Large")


def test_required_headers_and_bodies_are_required(doc):
    base = "/v1/articles/{slug}/sections/{key}/versions/{version_id}/"
    for action in ("publish", "reject", "withdraw"):
        op = doc["paths"][base + action]["post"]
        if_match = next(p for p in op["parameters"] if p["name"] == "if-match")
        assert if_match["required"] is True, action
        assert op["security"] == [{"bearerAuth": []}]
        assert not any(p["name"] == "authorization" for p in op["parameters"])
    for action in ("reject", "withdraw"):
        body = doc["paths"][base + action]["post"]["requestBody"]
        assert body["required"] is True
        ref = body["content"]["application/json"]["schema"]["$ref"]
        comment = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert comment["required"] == ["comment"]
        assert comment["properties"]["comment"]["minLength"] == 1


def test_levels_and_formats_are_enums(doc):
    article = doc["paths"]["/v1/articles/{slug}"]["get"]["parameters"]
    by_name = {p["name"]: p["schema"] for p in article}
    assert sorted(by_name["format"]["anyOf"][0]["enum"]) == sorted(
        ["json", "html", "ssml", "text", "jsonld"]
    )
    assert by_name["level"]["anyOf"][0]["enum"] == ["easy", "plain", "full"]
    po = doc["paths"]["/v1/articles/{slug}/files/{locale}/{level}.po"]["get"]["parameters"]
    assert next(p for p in po if p["name"] == "level")["schema"]["enum"] == [
        "easy",
        "plain",
        "full",
    ]


def test_file_imports_document_raw_and_multipart_bodies(doc):
    for path, media in (
        ("/v1/articles/{slug}/files/{locale}/{level}.po", "text/x-gettext-translation"),
        ("/v1/articles/{slug}/files/{locale}/{level}.xlf", "application/xliff+xml"),
    ):
        body = doc["paths"][path]["post"]["requestBody"]
        assert body["required"] is True
        assert sorted(body["content"]) == sorted([media, "multipart/form-data"])
        form = body["content"]["multipart/form-data"]["schema"]
        assert form["required"] == ["file"]
        assert form["properties"]["file"]["format"] == "binary"
        report = doc["paths"][path]["post"]["responses"]["201"]["content"]["application/json"]
        assert report["schema"] == {"$ref": "#/components/schemas/ImportReport"}
        export = doc["paths"][path]["get"]["responses"]["200"]["content"]
        assert list(export) == [media]


def test_a_real_problem_matches_the_schema(client):
    r = client.get("/v1/articles?limit=0")
    assert (r.status_code, r.headers["content-type"]) == (422, "application/problem+json")
    problem = Problem.model_validate(r.json())
    assert problem.errors[0].parameter == "limit"


def _validate(client, body: object, component: str) -> None:
    """``body`` against the served document's schema for ``component`` (jsonschema-rs, not our
    pydantic models: what a client's validator would see)."""
    import jsonschema_rs

    doc = client.get("/openapi.json").json()
    schema = {"$ref": f"#/components/schemas/{component}", **doc}
    errors = [e.message for e in jsonschema_rs.validator_for(schema).iter_errors(body)]
    assert errors == []


def test_real_bundles_match_the_documented_schema(client):
    slug = "immunotherapy-breast-cancer"
    one = client.get(f"/v1/articles/{slug}/bundle?locale=es&level=plain")
    every = client.get("/v1/bundles/es/plain", headers={"Accept-Encoding": "gzip"})
    assert (one.status_code, every.status_code) == (200, 200)
    assert every.headers["content-encoding"] == "gzip"
    assert [a["slug"] for a in one.json()["articles"]] == [slug]
    assert one.json()["articles"][0]["sections"] != []
    for r in (one, every):
        _validate(client, r.json(), "BundleRead")


def test_real_readability_detail_matches_the_documented_schema(client):
    base = "/v1/articles/immunotherapy-breast-cancer/sections/summary"
    version_id = client.get(f"{base}?locale=en&level=full").json()["version"]["id"]
    r = client.get(f"{base}/versions/{version_id}/readability?detail=sentences")
    assert r.status_code == 200 and r.json()["detail"]["sentences"] != []
    _validate(client, r.json(), "ReadabilityWithDetail")
