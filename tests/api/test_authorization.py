"""The authorization table covers every route of the app (issue 11, point 1): a new route
without a rule fails here, a rule without a route too, and docs/security.md shows the table."""

from collections.abc import Iterator
from pathlib import Path

from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Mount

from api.config import Settings
from api.deps import _current_user
from api.domain.authorization import ANY_METHOD, RULES, Scope, markdown_table, rule_for
from api.main import create_app

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def _walk(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's included routers
        if included is not None:
            yield from _walk(included.routes)
        else:
            yield route


def _endpoints() -> Iterator[tuple[str, str, BaseRoute]]:
    app = create_app(Settings(database_url="sqlite:///:memory:"))
    for route in _walk(app.routes):
        path = getattr(route, "path", "")
        if isinstance(route, Mount):
            yield ANY_METHOD, path, route
        else:
            for method in sorted(getattr(route, "methods", None) or ()):
                yield method, path, route


def _calls(dependant: object) -> Iterator[object]:
    for dep in getattr(dependant, "dependencies", ()):
        yield dep.call
        yield from _calls(dep)


def test_every_route_has_a_rule_and_every_rule_a_route():
    seen = {(method, path) for method, path, _ in _endpoints()}
    missing = sorted(f"{m} {p}" for m, p in seen if rule_for(m, p) is None)
    assert missing == [], "routes without an authorization rule: add them to RULES"
    stale = sorted(f"{m} {p}" for m, p in RULES if (m, p) not in seen)
    assert stale == [], "rules for routes that do not exist"


def test_a_route_asks_for_a_caller_exactly_when_its_rule_is_not_public():
    wrong = []
    for method, path, route in _endpoints():
        rule = rule_for(method, path)
        assert rule is not None
        if not isinstance(route, APIRoute):
            assert rule.scope is Scope.public, (method, path)
            continue
        asks = _current_user in set(_calls(route.dependant))
        if asks != (rule.scope is not Scope.public):
            wrong.append(f"{method} {path}")
    assert wrong == []


def test_docs_security_md_shows_the_table_as_it_is():
    assert markdown_table() in DOC.read_text(encoding="utf-8")


def test_the_table_gives_admin_only_globally():
    admin = [rule for rule in RULES.values() if rule.role == "admin"]
    assert admin and all(rule.scope is Scope.global_ for rule in admin)
