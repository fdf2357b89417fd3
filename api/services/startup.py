"""Start-up work: migrate, seed an empty database, warm the readability formulas."""

import logging
import time
from collections.abc import Callable

from sqlmodel import Session

from api.config import Settings
from api.db import get_engine, migrate
from api.domain.levels import load_scheme
from api.domain.readability import warm_up
from api.services.rescore import rescore
from api.services.seed import database_is_empty, seed_all

log = logging.getLogger("content_api")


def prepare(settings: Settings, sessions: Callable[[], Session]) -> None:
    """Run what ``settings`` asks for before the first request is served."""
    started = time.perf_counter()
    if settings.migrate_on_start:
        migrate(get_engine(settings.database_url))
    if settings.seed_on_start:
        with sessions() as session:
            if database_is_empty(session):
                report = seed_all(session, load_scheme())
                log.info("seeded %s (%d versions)", report.articles_created, report.versions_added)
        with sessions() as session:  # readability stored by older counters is recomputed
            again = rescore(session, load_scheme())
            if again.versions or again.articles:
                log.info("rescored %d versions in %d articles", again.versions, again.articles)
    if settings.warm_readability:
        warm_up()
    log.info("ready in %.2f s", time.perf_counter() - started)
