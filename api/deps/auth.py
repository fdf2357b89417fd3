"""Who is calling: authentication and the route's authorization rule (``api.domain.authorization``),
checked before any write transaction begins (issue 3 section 1, issue 11)."""

import logging
from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from api.domain.authorization import Rule, Scope, admits, rule_for
from api.errors import Forbidden, TooManyRequests, Unauthorized
from api.services.auth import MISSING_TOKEN, FailedAuthLimiter, Principal, authenticate

log = logging.getLogger(__name__)


def _route_rule(request: Request) -> Rule:
    route = request.scope.get("route")
    rule = rule_for(request.method, getattr(route, "path", ""))
    if rule is None:  # fail closed; tests/api/test_authorization.py keeps this from happening
        log.error("no authorization rule for %s %s", request.method, getattr(route, "path", "?"))
        raise Forbidden("this route has no authorization rule")
    return rule


def _authenticate_in_own_session(request: Request, authorization: str) -> Principal:
    with request.app.state.sessions() as session:  # a short read: no write lock is taken
        return authenticate(session, authorization)


async def _authorize(request: Request) -> Principal | None:
    """The caller, authenticated and checked against the route's rule (``RULES``) before any
    write transaction begins; None on a public route. 401 without a valid token, 403 without
    the role, 429 after too many failed authentications from this client address."""
    rule = _route_rule(request)
    if rule.scope is Scope.public:
        return None
    header = request.headers.get("authorization")
    if not header:
        raise Unauthorized(MISSING_TOKEN)  # before any I/O; not counted as a failure
    limiter: FailedAuthLimiter = request.app.state.auth_limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.allows(client):
        seconds = limiter.retry_after(client)
        raise TooManyRequests(
            f"too many failed authentications from this address; retry in {seconds} s",
            headers={"Retry-After": str(seconds)},
        )
    try:
        principal = await run_in_threadpool(_authenticate_in_own_session, request, header)
    except Unauthorized:
        limiter.failed(client)
        raise
    if not admits(rule, principal.grants, principal.account_id, request.path_params):
        need = rule.describe()
        raise Forbidden(f"{principal.name} needs {need}", needs={"role": rule.role})
    return replace(principal, rule=rule)


Authorized = Annotated[Principal | None, Depends(_authorize)]


async def _current_user(
    principal: Authorized, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    """The caller of a write (or draft-reading) endpoint, checked against the route's rule
    (``_authorize``); ``authorization`` is declared for the OpenAPI document."""
    if principal is None:  # a public rule on a route that asks for a caller: fail closed
        raise Forbidden("this route's authorization rule is public but it needs a caller")
    return principal


CurrentUser = Annotated[Principal, Depends(_current_user)]
