"""The application: build it, include routers, register error handlers."""

import gc
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from sqlmodel import Session

from api.config import Settings, get_settings, telemetry_config
from api.db import WriteGate, get_engine
from api.edge import EdgeMiddleware, RelativeRedirectMiddleware
from api.errors import register_error_handlers
from api.fastpath import FastReadMiddleware
from api.guard import HeadLimits
from api.middleware import BodyLimitMiddleware
from api.openapi import install_contract
from api.routes import (
    accounts,
    articles,
    bundles,
    catalog_files,
    meta,
    reader,
    structure,
    titles,
    versions,
)
from api.routes import sync as sync_routes
from api.services.auth import FailedAuthLimiter
from api.services.change_listener import start_change_listener, start_change_poller
from api.services.startup import prepare
from api.services.store import ContentStore

log = logging.getLogger(__name__)
GC_THRESHOLDS = (50_000, 20, 100)  # young collections per 50,000 allocations; full ones rarer


def create_app(
    settings: Settings | None = None, sessions: Callable[[], Session] | None = None
) -> FastAPI:
    """Build the service. ``sessions`` overrides the session factory (tests bind a transaction)."""
    settings = settings or get_settings()
    own_engine = sessions is None  # tests bind a transaction: no cross-process listener then
    if sessions is None:
        engine = get_engine(settings.database_url)

        def sessions() -> Session:
            return Session(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        prepare(settings, app.state.sessions)
        listener = start_change_listener(settings, app.state.store) if own_engine else None
        poller = start_change_poller(settings, app.state.store) if own_engine else None
        # What start-up built lives as long as the process: out of the collector's full scans.
        # Then collect less often: with Python's defaults (700, 10, 10) the full collections
        # over the caches paused the event loop for 10-30 ms every few seconds under load
        # (distinct-header p99 3.8x the bare endpoint's; 0.5x with these, docs/server.md).
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
        yield
        for worker in (listener, poller):
            if worker is not None:
                worker.stop()
        # one line for operators and bench/read_bench.py: what the caches held and hit
        log.info("read cache at shutdown: %s", json.dumps(app.state.store.stats()))

    app = FastAPIOffline(  # Swagger UI and ReDoc from packaged assets, no CDN
        title="Accessible multilingual health content",
        version="0.1.0",
        summary="Health articles by language and reading level, scored for readability.",
        lifespan=lifespan,
        telemetry=telemetry_config(settings.telemetry),
    )
    app.state.settings = settings
    app.state.sessions = sessions
    app.state.store = ContentStore(
        sessions,
        settings.content_check_interval,
        max_bytes=settings.read_cache_bytes,
        template_entries=settings.read_cache_entries,
        memo_entries=settings.accept_language_memo_entries,
        snapshot_bytes=settings.snapshot_cache_bytes,
    )
    app.state.write_gate = WriteGate.for_url(  # issue 11: bounded queue of waiting writers
        settings.database_url,
        settings.write_concurrency,
        settings.write_queue_max,
        settings.write_queue_timeout,
    )
    app.state.auth_limiter = FailedAuthLimiter(settings.auth_failure_limit)
    app.add_middleware(FastReadMiddleware, store=app.state.store)  # innermost: CORS applies
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_allow_origins,
        allow_methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=[
            "Accept-Language",
            "If-None-Match",
            "If-Match",
            "Content-Type",
            "Authorization",
        ],
        expose_headers=["ETag", "Content-Language", "Content-Location"],
        max_age=600,
    )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(RelativeRedirectMiddleware)
    limits = HeadLimits(
        settings.http_max_request_line_bytes,
        settings.http_max_header_bytes,
        settings.http_max_headers_bytes,
    )
    app.add_middleware(  # outermost: head limits, Host allow-list, fast read lane (api/edge.py)
        EdgeMiddleware,
        limits=limits,
        allowed_hosts=settings.allowed_hosts,
        store=app.state.store,
        vary_origin=True,  # CORSMiddleware above adds Origin to Vary
    )
    app.include_router(articles.router)
    app.include_router(meta.router)
    app.include_router(reader.router)
    app.mount("/static", StaticFiles(packages=[("api", "static")]), name="static")
    app.include_router(versions.router)
    app.include_router(titles.router)
    app.include_router(accounts.router)
    app.include_router(catalog_files.router)
    app.include_router(structure.router)
    app.include_router(sync_routes.router)
    app.include_router(bundles.router)
    register_error_handlers(app)
    install_contract(app)  # HEAD, OPTIONS/Allow, and the completed OpenAPI document
    return app
