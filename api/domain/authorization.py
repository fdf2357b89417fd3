"""Authorization as data: every route of the app and who may call it (issue 11, point 1).

``RULES`` maps ``(method, path template)`` to a :class:`Rule`: ``public`` (no token), or a role
with the kind of scope it is checked on. ``api.deps`` enforces the table before any write
transaction starts; the exact language and level of a ``slot`` or ``source`` rule are only
known from the body or the stored article, so the route checks those with
``Principal.require`` (which refuses a role the table does not give the route).
``tests/api/test_authorization.py`` walks ``app.routes``: a route without a rule fails CI, and
docs/security.md's table is checked against :func:`markdown_table`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from api.domain.roles import GrantRule, is_global

ANY_METHOD = "*"  # mounts (static files) answer every method


class Scope(StrEnum):
    """What a rule's role must cover."""

    public = "public"  # no token needed
    account = "account"  # any active account's valid token, no role
    own_account = "own_account"  # the account named in the path, or a global admin
    slot = "slot"  # the role for the slot's language and level (body, query or version)
    source = "source"  # the role for the article's source language at the source level
    global_ = "global"  # the role for every language and level: language "*" and no level


@dataclass(frozen=True, slots=True)
class Rule:
    """Who may call one route: ``role`` (None for public and account) on ``scope``."""

    scope: Scope
    role: str | None = None

    def describe(self) -> str:
        """The rule in words, as docs/security.md shows it."""
        texts = {
            Scope.public: "public (no token)",
            Scope.account: "any account",
            Scope.own_account: "the account itself, or admin (global)",
            Scope.slot: f"{self.role} for the slot's language and level",
            Scope.source: f"{self.role} for the article's source language",
            Scope.global_: f"{self.role} (global: language *, every level)",
        }
        return texts[self.scope]


PUBLIC = Rule(Scope.public)
ACCOUNT = Rule(Scope.account)
OWN = Rule(Scope.own_account)
ADMIN = Rule(Scope.global_, "admin")
TRANSLATOR = Rule(Scope.slot, "translator")
REVIEWER = Rule(Scope.slot, "reviewer")
EDITOR = Rule(Scope.source, "editor")

ARTICLE = "/v1/articles/{slug}"
SECTION = ARTICLE + "/sections/{key}"
VERSION = SECTION + "/versions/{version_id}"
FILES = ARTICLE + "/files/{locale}/{level}"
TITLE = ARTICLE + "/title/versions"
ACCOUNT_PATH = "/v1/accounts/{account_id}"


def _read(path: str, rule: Rule = PUBLIC) -> dict[tuple[str, str], Rule]:
    return {("GET", path): rule, ("HEAD", path): rule}


RULES: Mapping[tuple[str, str], Rule] = {
    # Documentation and static files.
    **_read("/openapi.json"),
    ("GET", "/docs"): PUBLIC,
    ("GET", "/docs/oauth2-redirect"): PUBLIC,
    ("GET", "/redoc"): PUBLIC,
    (ANY_METHOD, "/static-offline-docs"): PUBLIC,
    (ANY_METHOD, "/static"): PUBLIC,
    # Readers: published content only.
    **_read(ARTICLE),
    **_read(SECTION),
    **_read("/read/{slug}"),
    ("GET", "/v1/articles"): PUBLIC,
    ("GET", "/v1/locales"): PUBLIC,
    ("GET", "/v1/levels"): PUBLIC,
    ("POST", "/v1/readability"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    # Apps: delta sync and offline bundles (published content only).
    ("GET", "/v1/sync"): PUBLIC,
    ("GET", ARTICLE + "/bundle"): PUBLIC,
    ("GET", "/v1/bundles/{locale}/{level}"): PUBLIC,
    # Published versions are public; a draft's author or reviewer is checked in the route.
    ("GET", VERSION + "/readability"): PUBLIC,
    # The translation workflow.
    ("POST", SECTION + "/versions"): TRANSLATOR,
    ("GET", SECTION + "/versions"): ACCOUNT,
    ("POST", VERSION + "/publish"): REVIEWER,
    ("POST", VERSION + "/reject"): REVIEWER,
    ("POST", VERSION + "/withdraw"): REVIEWER,
    ("PUT", SECTION + "/source"): EDITOR,
    ("POST", ARTICLE + "/publish"): REVIEWER,  # batch: every item checked in the route
    ("POST", TITLE): TRANSLATOR,
    ("GET", TITLE): ACCOUNT,
    ("POST", TITLE + "/{title_id}/publish"): REVIEWER,
    ("POST", TITLE + "/{title_id}/reject"): REVIEWER,
    ("POST", TITLE + "/{title_id}/withdraw"): REVIEWER,
    ("POST", ARTICLE + "/retire"): EDITOR,
    ("POST", SECTION + "/retire"): EDITOR,
    ("POST", SECTION + "/move"): EDITOR,
    ("GET", ARTICLE + "/status"): ACCOUNT,
    ("POST", "/v1/articles"): EDITOR,
    ("POST", ARTICLE + "/sections"): EDITOR,
    ("GET", FILES + ".po"): ACCOUNT,
    ("POST", FILES + ".po"): TRANSLATOR,
    ("GET", FILES + ".xlf"): ACCOUNT,
    ("POST", FILES + ".xlf"): TRANSLATOR,
    # Accounts, tokens and grants.
    ("GET", "/v1/accounts/me"): ACCOUNT,
    ("GET", "/v1/accounts"): ADMIN,
    ("POST", "/v1/accounts"): ADMIN,
    ("POST", ACCOUNT_PATH + "/disable"): ADMIN,
    ("POST", ACCOUNT_PATH + "/enable"): ADMIN,
    ("POST", ACCOUNT_PATH + "/tokens"): OWN,
    ("GET", ACCOUNT_PATH + "/tokens"): OWN,
    ("POST", ACCOUNT_PATH + "/tokens/{token_id}/revoke"): OWN,
    ("GET", ACCOUNT_PATH + "/grants"): ADMIN,
    ("POST", ACCOUNT_PATH + "/grants"): ADMIN,
    ("DELETE", ACCOUNT_PATH + "/grants/{grant_id}"): ADMIN,
}


def rule_for(method: str, path: str) -> Rule | None:
    """The rule of a route, or None when the table has none (callers refuse the request)."""
    return RULES.get((method, path)) or RULES.get((ANY_METHOD, path))


def admits(
    rule: Rule, grants: Iterable[GrantRule], account_id: int, path_params: Mapping[str, str]
) -> bool:
    """True when an authenticated account passes the part of ``rule`` known before the body
    and the database are read: ``slot`` and ``source`` need the role for some scope here and
    for the exact one in the route."""
    grants = tuple(grants)
    if rule.scope in (Scope.public, Scope.account):
        return True
    if rule.scope is Scope.own_account:
        own = path_params.get("account_id") == str(account_id)
        return own or any(g.role == "admin" and is_global(g) for g in grants)
    if rule.scope is Scope.global_:
        return any(g.role == rule.role and is_global(g) for g in grants)
    return any(g.role == rule.role for g in grants)


def markdown_table(rules: Mapping[tuple[str, str], Rule] = RULES) -> str:
    """The table as Markdown rows (method, path, rule), sorted by path then method."""
    lines = ["| method | path | who may call |", "|---|---|---|"]
    for (method, path), rule in sorted(rules.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        lines.append(f"| {method} | `{path}` | {rule.describe()} |")
    return "\n".join(lines)
