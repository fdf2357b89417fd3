"""The OpenAPI contract, completed in one place from the routes and the error hierarchy.

``install_contract(app)`` (called by ``create_app``) adds :class:`api.methods.MethodsMiddleware`
(HEAD on every GET route, a truthful ``Allow``) and wraps ``app.openapi`` so that the document:

- describes every error status of every operation with the one :class:`api.errors.Problem`
  schema as ``application/problem+json`` (RFC 9457; reference.md section 4), the statuses
  inferred from what the operation depends on (token: 401/403; ``If-Match``: 412/428; a body:
  413; parameters: 422; the database: 503; a Host allow-list: 400) plus those the route
  declares, and each described from :func:`api.errors.problem_classes`; FastAPI's
  ``HTTPValidationError`` is gone (our 422 is a problem document);
- gives every operation a success schema (:data:`RESPONSE_MODELS` for routes that build their
  body as a dict);
- tells the truth about what the server requires: bearer authentication as a security
  scheme, ``If-Match`` required, a ``comment`` required to reject or withdraw, the reading
  level and ``format`` as enums.

Routes added later by any router are covered: everything is computed from ``app.routes``.
"""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from starlette.middleware import Middleware
from starlette.routing import compile_path

from api import responses
from api import responses_more as more
from api.domain.levels import load_scheme
from api.domain.media import FORMATS
from api.domain.readability_detail import ReadabilityWithDetail
from api.errors import PROBLEM_JSON, Problem, ProblemError, problem_classes
from api.methods import MethodsMiddleware, route_entries
from models.account import GrantPublic, TokenPublic

Doc = dict[str, Any]
REF = "#/components/schemas/{model}"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

RESPONSE_MODELS: dict[str, type[BaseModel]] = {
    "submit_version": responses.VersionRead,
    "slot_history": responses.SlotHistory,
    "publish_version": responses.VersionRead,
    "reject_version": responses.VersionRead,
    "withdraw_version": responses.VersionRead,
    "edit_source": responses.VersionRead,
    "article_status": responses.ArticleStatus,
    "create_article": responses.ArticleCreated,
    "create_section": responses.SectionCreated,
    "import_po_file": responses.ImportReport,
    "import_xliff_file": responses.ImportReport,
    "who_am_i": responses.AccountRead,
    "list_accounts": responses.AccountRead,  # an array of them: see LIST_RESPONSES
    "create_account": responses.AccountRead,
    "create_token": TokenPublic,
    "revoke_token": TokenPublic,
    "create_grant": GrantPublic,
    "version_readability": ReadabilityWithDetail,
    "publish_batch": more.BatchPublished,
    "submit_title": more.TitleVersionRead,
    "title_history": more.TitleHistory,
    "publish_title": more.TitleVersionRead,
    "reject_title": more.TitleVersionRead,
    "withdraw_title": more.TitleVersionRead,
    "retire_article": more.ArticleRetired,
    "retire_section": more.SectionRetired,
    "move_section": more.SectionOrder,
    "article_bundle": more.BundleRead,
    "all_bundle": more.BundleRead,
}
"""Success body per endpoint (function name) whose route returns a dict or ``JSONResponse``."""
_NOTHING_STORED = "A dry run, or nothing changed: the report, nothing stored"
OTHER_SUCCESS: dict[str, dict[int, str]] = {
    "import_po_file": {200: _NOTHING_STORED},
    "import_xliff_file": {200: _NOTHING_STORED},
}
"""Success statuses besides the route's own ``status_code``, with the same body."""
LIST_RESPONSES = frozenset({"list_accounts"})
FILE_RESPONSES = {
    "export_po_file": "text/x-gettext-translation",
    "export_xliff_file": "application/xliff+xml",
}
COMMENT_REQUIRED = frozenset(
    {"reject_version", "withdraw_version", "reject_title", "withdraw_title"}
)
HEADER_STATUSES = {"authorization": (401, 403), "if-match": (412, 428)}
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
INFERRED = frozenset({401, 403, 412, 413, 428})
"""Statuses decided from the route's dependencies and method, whatever its ``responses=``."""
DATABASE_DEPENDENCIES = frozenset({"_session", "_article", "_store", "_current_user"})
HEAD_LIMITS: dict[int, str] = {
    414: "URI Too Long: the request line is over HTTP_MAX_REQUEST_LINE_BYTES (api.guard)",
    431: "Request Header Fields Too Large: a field line or all of them over the limits "
    "HTTP_MAX_HEADER_BYTES, HTTP_MAX_HEADERS_BYTES (api.guard)",
}
"""Statuses of the ASGI head guard, which answers before any route: on every operation."""
PROBLEM_HEADERS: dict[int, Doc] = {
    401: {"WWW-Authenticate": {"description": "Bearer challenge (RFC 6750 section 3)"}},
    405: {"Allow": {"description": "The methods this path answers"}},
    503: {"Retry-After": {"description": "Seconds to wait before retrying"}},
}


def install_contract(app: FastAPI) -> None:
    """Add the methods middleware just inside CORS and complete ``app.openapi()``."""
    at = next(
        (i for i, m in enumerate(app.user_middleware) if m.cls is CORSMiddleware),
        len(app.user_middleware) - 1,
    )
    app.user_middleware.insert(at + 1, Middleware(MethodsMiddleware, routes=app.router.routes))
    build = app.openapi

    def openapi() -> Doc:
        if app.openapi_schema is None:
            app.openapi_schema = complete(build(), app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(doc: Doc, app: FastAPI) -> Doc:
    """Post-process FastAPI's document (see the module docstring); returns ``doc``."""
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    _add_models(schemas, [Problem, responses.CommentRequired, *RESPONSE_MODELS.values()])
    doc["components"]["securitySchemes"] = {
        "bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API token"}
    }
    for route, op in _operations(doc, app):
        _complete_operation(route, op)
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return doc


def _add_models(schemas: Doc, models: list[type[BaseModel]]) -> None:
    unique = list(dict.fromkeys(models))
    _, top = models_json_schema([(m, "serialization") for m in unique], ref_template=REF)
    for name, schema in top.get("$defs", {}).items():
        schemas.setdefault(name, schema)


def _operations(doc: Doc, app: FastAPI) -> Iterator[tuple[APIRoute, Doc]]:
    for path, route, methods in route_entries(app.routes):
        if isinstance(route, APIRoute) and route.include_in_schema:
            for method in methods or ():
                op = doc["paths"].get(compile_path(path)[1], {}).get(method.lower())
                if op is not None:
                    yield route, op


def _complete_operation(route: APIRoute, op: Doc) -> None:
    name = route.endpoint.__name__
    headers = _header_params(route.dependant)
    _success(route, op, name)
    _parameters(op, headers)
    _optional_body(op)
    if name in COMMENT_REQUIRED and "requestBody" in op:
        op["requestBody"]["required"] = True
        op["requestBody"]["content"]["application/json"]["schema"] = {
            "$ref": REF.format(model="CommentRequired")
        }
    declared = dict(op["responses"])
    for status in sorted(_error_statuses(route, op, headers)):
        op["responses"][str(status)] = _problem_response(status, declared.get(str(status)))


def _success(route: APIRoute, op: Doc, name: str) -> None:
    main = str(route.status_code or 200)
    for status, description in ((main, None), *OTHER_SUCCESS.get(name, {}).items()):
        answer = op["responses"].setdefault(str(status), {"description": "Successful Response"})
        answer["description"] = description or answer["description"]
        if name in FILE_RESPONSES:
            answer["content"] = {FILE_RESPONSES[name]: {"schema": {"type": "string"}}}
        elif name in RESPONSE_MODELS:
            ref: Doc = {"$ref": REF.format(model=RESPONSE_MODELS[name].__name__)}
            schema = {"type": "array", "items": ref} if name in LIST_RESPONSES else ref
            content = answer.setdefault("content", {})
            content["application/json"] = {**content.get("application/json", {}), "schema": schema}


def _parameters(op: Doc, headers: set[str]) -> None:
    enums = {"level": list(load_scheme().ids), "format": list(FORMATS)}
    kept = []
    for param in op.get("parameters", []):
        name, where = param["name"].lower(), param["in"]
        if where == "header" and name == "authorization":
            op["security"] = [{"bearerAuth": []}]
            continue  # documented as the security scheme instead
        if where == "header" and name == "if-match":
            param["required"] = True
            param["schema"] = {"type": "string", "minLength": 1, "title": "If-Match"}
            param["description"] = "The slot's ETag, as GET .../versions answers it"
        if where in ("query", "path") and name in enums:
            param["schema"] = _with_enum(param["schema"], enums[name])
        kept.append(param)
    op["parameters"] = kept


def _optional_body(op: Doc) -> None:
    """An optional JSON body is simply absent, not ``null``: say so with the bare schema
    (``anyOf [X, null]`` makes generated clients send ``null`` or fail when it is left out)."""
    body = op.get("requestBody")
    content = (body or {}).get("content", {}).get("application/json")
    if body is None or body.get("required") or content is None:
        return
    alternatives = content["schema"].get("anyOf", [])
    kept = [s for s in alternatives if s.get("type") != "null"]
    if len(kept) == 1 and len(alternatives) == 2:
        content["schema"] = kept[0]


def _with_enum(schema: Doc, values: list[str]) -> Doc:
    """``schema`` restricted to ``values`` (keeping a ``null`` alternative when it has one)."""
    if "anyOf" in schema:
        alternatives = [s for s in schema["anyOf"] if s.get("type") != "string"]
        return {**schema, "anyOf": [{"type": "string", "enum": values}, *alternatives]}
    return {**schema, "enum": values}


def _error_statuses(route: APIRoute, op: Doc, headers: set[str]) -> set[int]:
    statuses = {400, *HEAD_LIMITS}
    statuses |= {int(s) for s in op["responses"] if s.isdigit() and int(s) >= 400}
    for header, found in HEADER_STATUSES.items():  # shared ``responses=`` dicts over-promise
        (statuses.update if header in headers else statuses.difference_update)(found)
    for status in [s for s in map(str, INFERRED) if s in op["responses"]]:
        del op["responses"][status]
    if not set(route.methods or ()) & WRITES:
        statuses.discard(413)
    if op.get("parameters") or "requestBody" in op:
        statuses.add(422)
    elif op["responses"].get("422", {}).get("description") == "Validation Error":
        statuses.discard(422)  # FastAPI's for the Authorization header, now a security scheme
        del op["responses"]["422"]
    if "{" in route.path:
        statuses.add(404)
    if "requestBody" in op or set(route.methods or ()) & WRITES:
        statuses.add(413)
    if _calls(route.dependant) & DATABASE_DEPENDENCIES:
        statuses.add(503)
    return statuses


def _problem_response(status: int, declared: Doc | None) -> Doc:
    cls = problem_classes().get(status, ProblemError)
    description = (declared or {}).get("description") or HEAD_LIMITS.get(status)
    if not description or description == "Validation Error":
        description = (cls.__doc__ or cls.title).split("\n")[0]
    answer: Doc = {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
    }
    if status in PROBLEM_HEADERS:
        answer["headers"] = {
            name: {**spec, "schema": {"type": "string"}}
            for name, spec in PROBLEM_HEADERS[status].items()
        }
    return answer


def _header_params(dependant: Dependant) -> set[str]:
    names = {p.alias.lower().replace("_", "-") for p in dependant.header_params}
    for sub in dependant.dependencies:
        names |= _header_params(sub)
    return names


def _calls(dependant: Dependant) -> set[str]:
    call: Callable[..., Any] | None = dependant.call
    names = {getattr(call, "__name__", "")} if call else set()
    for sub in dependant.dependencies:
        names |= _calls(sub)
    return names
