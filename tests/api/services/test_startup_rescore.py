"""Start-up recomputes readability stored by an older counter (issue 8 point 5)."""

from sqlmodel import Session, select

from api.config import Settings
from api.db import make_engine
from api.domain.textstats import COUNTER_VERSION
from api.services.startup import prepare
from models import ArticleReadability, Version


def test_start_up_rescores_what_an_older_counter_stored(tmp_path):
    url = f"sqlite:///{tmp_path / 'start.db'}"
    settings = Settings(database_url=url, warm_readability=False)
    engine = make_engine(url)
    prepare(settings, lambda: Session(engine))
    with Session(engine) as session:
        version = session.exec(select(Version).where(Version.locale == "fr")).first()
        assert version is not None
        version.readability = {**version.readability, "counter_version": None, "score": 1.0}
        session.add(version)
        session.commit()
        vid = version.id
    prepare(settings, lambda: Session(engine))
    with Session(engine) as session:
        again = session.get(Version, vid)
        assert again is not None and again.readability["counter_version"] == COUNTER_VERSION
        assert again.readability["score"] != 1.0
        rows = session.exec(select(ArticleReadability)).all()
        assert {r.report["counter_version"] for r in rows} == {COUNTER_VERSION}
    engine.dispose()
