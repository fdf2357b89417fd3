"""Content holding markup is text on the page: a ``<script>`` in a published version never runs.

The version is written into the live server's own database through the service's content
functions (append, publish, touch), as an editor's write would be; this module has its own
server so that the other browser tests read the seed unchanged.
"""

from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from api.db import make_engine
from api.domain.levels import load_scheme
from api.services import content
from models import Article, Section, Version
from models.common import Origin

SLUG = "immunotherapy-breast-cancer"
SCRIPT_TEXT = "Before <script>window.__pwned=1</script> after."
HEADING = 'Summary <img src="x" onerror="window.__pwned=2">'


def _publish_script_version(database_url: str) -> None:
    engine = make_engine(database_url)
    with Session(engine) as session:
        article = session.exec(select(Article).where(Article.slug == SLUG)).one()
        section = session.exec(
            select(Section).where(Section.article_id == article.id, Section.key == "summary")
        ).one()
        version = Version(
            locale="en",
            level="plain",
            heading=HEADING,
            text=SCRIPT_TEXT,
            status="draft",
            origin=Origin.api.value,
            source_hash=section.source_hash,
        )
        content.append_version(session, load_scheme(), section, version)
        content.publish(session, version)
        content.touch(session, article)
        session.commit()
    engine.dispose()


@pytest.fixture(scope="module")
def scripted_server(tmp_path_factory: pytest.TempPathFactory, start_server) -> Iterator[object]:
    """A server of its own whose English plain summary holds a script and an event handler."""
    with start_server(tmp_path_factory.mktemp("scripted")) as server:
        _publish_script_version(server.database_url)
        yield server


def test_script_in_content_never_executes_and_shows_as_text(page, scripted_server):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{scripted_server.url}/read/{SLUG}?locale=en&level=plain")
    assert page.locator("#summary div.text").inner_text() == SCRIPT_TEXT
    assert page.locator("#heading-summary").inner_text() == HEADING
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert errors == []
