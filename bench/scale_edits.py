"""100 edits for the scale benchmark: new published versions through the write services
(``api.services.content``), each logged in ``change_log`` like an editor's publish."""

import random
from collections.abc import Callable

from sqlmodel import Session, col, select

from api.domain.levels import load_scheme
from api.services import content
from models import Article, Section, Version, VersionStatus


def edit_slots(
    sessions: Callable[[], Session], count: int, locale: str, level: str, seed: int = 7
) -> set[str]:
    """Publish ``count`` new versions of random sections at ``locale``/``level`` (one commit
    each, as editors do); returns the slugs touched."""
    scheme, rng, touched = load_scheme(), random.Random(seed), set()
    with sessions() as session:
        section_ids = list(session.exec(select(Section.id).order_by(col(Section.id))))
    for n in range(count):
        with sessions() as session:
            section = session.get(Section, rng.choice(section_ids))
            assert section is not None
            current = content.published_version(session, section.id or 0, locale, level)
            assert current is not None
            version = Version(
                locale=locale,
                level=level,
                heading=current.heading,
                text=f"{current.text} Revisado {n}.",
                status=VersionStatus.submitted,
                origin="api",
                source_hash=current.source_hash,
                author="bench",
            )
            content.append_version(session, scheme, section, version)
            content.publish(session, version, reviewer="bench")
            article = session.get(Article, section.article_id)
            assert article is not None
            content.recompute_readability(session, scheme, article, [(locale, level)])
            content.touch(session, article)
            touched.add(article.slug)
            session.commit()
    return touched
