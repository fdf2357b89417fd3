"""Load N synthetic articles into a fresh PostgreSQL database, fast (issue 10, point 6).

    python bench/generate.py --articles 10000 [--database-url postgresql://...] [--drop]

Each article has the seed article's 8 sections in 6 language tags x 3 reading levels (10,000
articles: 1.44 M published versions), all published, with titles, whole-article readability,
glossary, the title events (``published``, migration 0009) and the change-log rows the seed
would have written (``article_added``,
``section_added``, ``source_edited`` / ``published`` per version, ``title_changed``,
``glossary_changed``). Texts are the seed article's (translations/content) in varied forms:
sentences rotated and one borrowed from the next section, so lengths and words vary; es-MX and
fr-CA reuse the es and fr wordings. Every version carries the report the real scorer
(``api.domain.readability.score_text``) gives for its text: each distinct (text, locale, level)
is scored once and the report reused for identical texts. Rows go in through COPY (psycopg 3)
in batches, one transaction per batch. The database (default ``scale_bench``) is dropped and
re-created, migrated by Alembic; ``--drop`` only drops it.
"""

import argparse
import hashlib
import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from sqlalchemy import make_url
from tqdm import tqdm

from api.db import make_engine, migrate
from api.domain.levels import LevelScheme, load_scheme
from api.domain.readability import score_text
from api.resources import content_dir
from api.services.catalogs import (
    TITLE,
    catalog_files,
    heading_context,
    read_article_source,
    read_catalog,
    text_context,
)
from api.services.seed import read_glossary

LANGUAGES = {"en": "en", "es": "es", "fr": "fr", "ar": "ar", "es-MX": "es", "fr-CA": "fr"}
LEVELS = ("easy", "plain", "full")
VARIANTS = 6  # wordings per seed text
PATTERNS = 24  # distinct articles by texts (which variant each section uses)
SENTENCE_END = re.compile(r"(?<=[.!?؟。])\s+")
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/scale_bench"


def copy_escape(value: object) -> str:
    """A value in PostgreSQL COPY text format (None -> \\N)."""
    if value is None:
        return r"\N"
    s = value if isinstance(value, str) else str(value)
    if s.isprintable() and "\\" not in s:  # the common case: nothing to escape
        return s
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def row(*values: object) -> str:
    """One COPY line."""
    return "\t".join(copy_escape(v) for v in values) + "\n"


def sha(text: str) -> str:
    """SHA-256 hex, as ``api.services.catalogs.source_hash``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def variant(text: str, k: int, neighbour: str) -> str:
    """Wording ``k`` of ``text``: its sentences rotated by k // 2, plus (odd k) the first
    sentence of the next section's text."""
    sentences = SENTENCE_END.split(text.strip())
    shift = (k // 2) % len(sentences)
    out = sentences[shift:] + sentences[:shift]
    if k % 2:
        out.append(SENTENCE_END.split(neighbour.strip())[0])
    return " ".join(out)


@dataclass(frozen=True)
class Seed:
    """The seed article: metadata, section keys, (heading, text) and title per
    (source tag, level, key), and glossary rows per tag."""

    meta: dict[str, object]
    keys: list[str]
    heading_editorial: list[bool]
    texts: dict[tuple[str, str, str], tuple[str, str]]
    titles: dict[tuple[str, str], str]
    glossary: dict[str, list[tuple[str, str, str, str | None]]]


def read_seed(folder: Path) -> Seed:
    """Texts of the shipped article per language tag and level (source = en full)."""
    src = read_article_source(folder)
    keys = [s["key"] for s in src.sections]
    texts = {("en", "full", s["key"]): (s["heading"], s["text"]) for s in src.sections}
    titles = {("en", "full"): src.title}
    for lang, level, path in catalog_files(folder):
        entries = read_catalog(path)
        titles[(lang, level)] = entries[TITLE].translation if TITLE in entries else src.title
        for key in keys:
            heading = entries.get(heading_context(key))
            texts[(lang, level, key)] = (
                heading.translation if heading else "",
                entries[text_context(key)].translation,
            )
    glossary = {p.stem: read_glossary(p) for p in sorted((folder / "glossary").glob("*.json"))}
    editorial = [bool(s.get("heading_editorial", False)) for s in src.sections]
    return Seed(src.meta, keys, editorial, texts, titles, glossary)


class Texts:
    """Every (tag, level, section, variant) wording with its readability report, each distinct
    (text, tag, level) scored once by the real scorer; whole-article reports per pattern."""

    def __init__(self, seed: Seed, scheme: LevelScheme) -> None:
        self.seed, self.scheme = seed, scheme
        self._reports: dict[tuple[str, str, str], str] = {}
        self._articles: dict[tuple[int, str, str], str] = {}
        self._wordings: dict[tuple[str, str, int, int], tuple[str, str]] = {}
        self.patterns = [
            [(p * 7 + s * 5 + p // VARIANTS) % VARIANTS for s in range(len(seed.keys))]
            for p in range(PATTERNS)
        ]

    def report(self, text: str, tag: str, level: str) -> str:
        """The stored JSON of score_text(text, tag, level), computed once."""
        key = (text, tag, level)
        if key not in self._reports:
            self._reports[key] = json.dumps(score_text(text, tag, self.scheme, level).as_dict())
        return self._reports[key]

    def wording(self, tag: str, level: str, s: int, k: int) -> tuple[str, str]:
        """(heading, text) of section ``s`` in wording ``k``."""
        key = (tag, level, s, k)
        if key not in self._wordings:
            keys, lang = self.seed.keys, LANGUAGES[tag]
            heading, text = self.seed.texts[(lang, level, keys[s])]
            neighbour = self.seed.texts[(lang, level, keys[(s + 1) % len(keys)])][1]
            self._wordings[key] = (heading, variant(text, k, neighbour))
        return self._wordings[key]

    def source_hash(self, s: int, k: int) -> str:
        """The section's source hash: SHA-256 of its source (en full) wording."""
        return sha(self.wording("en", "full", s, k)[1])

    def warm(self) -> int:
        """Score every wording and whole-article text up front; returns how many distinct."""
        for tag in tqdm(LANGUAGES, desc="scoring", unit="language"):
            for level in LEVELS:
                for s in range(len(self.seed.keys)):
                    for k in range(VARIANTS):
                        self.report(self.wording(tag, level, s, k)[1], tag, level)
                for p in range(PATTERNS):
                    self.article_report(p, tag, level)
        return len(self._reports)

    def article_report(self, pattern: int, tag: str, level: str) -> str:
        """Whole-article report: the section texts in order joined by blank lines, as
        ``api.services.content.recompute_readability`` does."""
        key = (pattern, tag, level)
        if key not in self._articles:
            ks = self.patterns[pattern]
            whole = "\n\n".join(self.wording(tag, level, s, k)[1] for s, k in enumerate(ks))
            self._articles[key] = self.report(whole, tag, level)
        return self._articles[key]


@dataclass
class Ids:
    """Next id per table (the script owns a fresh database)."""

    section: int = 1
    version: int = 1
    title: int = 1
    title_event: int = 1
    readability: int = 1
    glossary: int = 1
    change: int = 1

    def take(self, table: str) -> int:
        value: int = getattr(self, table)
        setattr(self, table, value + 1)
        return value


TABLES = {
    "article": 'slug, source_locale, id, editorial_notes, "references", last_reviewed_at, '
    "reviewed_by, revision, created_at, updated_at",
    "section": "key, position, heading_editorial, id, article_id, source_hash, created_at, "
    "updated_at",
    "version": "locale, level, heading, text, id, section_id, revision, status, origin, "
    "source_hash, readability, author, reviewed_by, comment, created_at, reviewed_at",
    "article_title": "id, article_id, locale, level, title, status, origin, source_hash, "
    "created_at, revision, author, reviewed_by, reviewed_at",
    "article_title_event": "id, title_id, article_id, locale, level, action, actor, details, "
    "created_at",
    "article_readability": "id, article_id, locale, level, report, computed_at",
    "glossary_entry": "locale, kind, term, definition, ipa, id, article_id, created_at, updated_at",
    "change_log": "kind, article_id, section_id, locale, level, version_id, actor, created_at, id",
}


class Batch:
    """COPY lines of a batch of articles, per table."""

    def __init__(self, texts: Texts, ids: Ids, now: str) -> None:
        self.texts, self.ids, self.now = texts, ids, now
        self.lines: dict[str, list[str]] = {table: [] for table in TABLES}
        self._templates: dict[tuple[str, str, int, int], tuple[str, str]] = {}

    def template(self, tag: str, level: str, s: int, k: int) -> tuple[str, str]:
        """(prefix, suffix) of a version line around its id and section id."""
        key = (tag, level, s, k)
        if key not in self._templates:
            heading, text = self.texts.wording(tag, level, s, k)
            origin = "source" if (tag, level) == ("en", "full") else "seed"
            hash_ = self.texts.source_hash(s, k)
            report = self.texts.report(text, tag, level)
            prefix = row(tag, level, heading, text)[:-1]
            tail = (1, "published", origin, hash_, report, "seed", "seed", None, self.now, self.now)
            self._templates[key] = (prefix, "\t" + row(*tail))
        return self._templates[key]

    def change(self, kind: str, article_id: int, slot: tuple[object, ...] = (None,) * 4) -> None:
        """One change_log line: ``slot`` is (section id, tag, level, version id)."""
        c = self.ids.take("change")
        where = "\t".join(r"\N" if v is None else str(v) for v in slot)  # ids and tags only
        self.lines["change_log"].append(f"{kind}\t{article_id}\t{where}\tseed\t{self.now}\t{c}\n")

    def article(self, i: int) -> None:
        """Every row of article ``i`` (1-based id)."""
        seed, now = self.texts.seed, self.now
        pattern = (i * 11) % PATTERNS
        ks = self.texts.patterns[pattern]
        meta = seed.meta
        notes, refs = (
            json.dumps(meta.get("editorial_notes", [])),
            json.dumps(meta.get("references", [])),
        )
        slug = f"{meta['slug']}-{i:05d}"
        reviewed = meta.get("last_reviewed_at")
        self.lines["article"].append(
            row(slug, "en", i, notes, refs, reviewed, meta.get("reviewed_by"), 2, now, now)
        )
        self.change("article_added", i)
        sections = self._sections(i, ks)
        for tag in LANGUAGES:
            for level in (("full",) if tag == "en" else ()) + tuple(
                lv for lv in LEVELS if (tag, lv) != ("en", "full")
            ):
                self._language_level(i, (tag, level), sections, pattern)
        self._glossary(i)

    def _sections(self, i: int, ks: list[int]) -> list[tuple[int, int]]:
        out = []
        for s, k in enumerate(ks):
            sid = self.ids.take("section")
            hash_ = self.texts.source_hash(s, k)
            key, editorial = self.texts.seed.keys[s], self.texts.seed.heading_editorial[s]
            self.lines["section"].append(row(key, s, editorial, sid, i, hash_, self.now, self.now))
            out.append((sid, k))
        for sid, _ in out:
            self.change("section_added", i, (sid, "en", "full", None))
        return out

    def _language_level(
        self, i: int, tag_level: tuple[str, str], sections: list[tuple[int, int]], pattern: int
    ) -> None:
        tag, level = tag_level
        seed, texts = self.texts.seed, self.texts
        base = seed.titles.get((LANGUAGES[tag], level)) or seed.titles[("en", "full")]
        origin = "source" if tag_level == ("en", "full") else "seed"
        title_hash = sha(seed.titles[("en", "full")])
        title_id = self.ids.take("title")
        self.lines["article_title"].append(
            row(
                *(title_id, i, tag, level, f"{base} ({i})", "published", origin, title_hash),
                *(self.now, 1, "seed", "seed", self.now),
            )
        )
        event = (self.ids.take("title_event"), title_id, i, tag, level, "published", "seed", "{}")
        self.lines["article_title_event"].append(row(*event, self.now))
        self.change("title_changed", i, (None, tag, level, None))
        kind = "source_edited" if origin == "source" else "published"
        for s, (sid, k) in enumerate(sections):
            prefix, suffix = self.template(tag, level, s, k)
            vid = self.ids.take("version")
            self.lines["version"].append(f"{prefix}\t{vid}\t{sid}{suffix}")
            self.change(kind, i, (sid, tag, level, vid))
        report = texts.article_report(pattern, tag, level)
        rid = self.ids.take("readability")
        self.lines["article_readability"].append(row(rid, i, tag, level, report, self.now))

    def _glossary(self, i: int) -> None:
        for tag in sorted(LANGUAGES):
            entries = self.texts.seed.glossary.get(LANGUAGES[tag], [])
            for kind, term, definition, ipa in entries:
                gid = self.ids.take("glossary")
                self.lines["glossary_entry"].append(
                    row(tag, kind, term, definition, ipa, gid, i, self.now, self.now)
                )
            if entries:
                self.change("glossary_changed", i, (None, tag, None, None))

    def flush(self, conn: psycopg.Connection) -> None:
        """COPY every table's lines in one transaction, then start empty."""
        with conn.transaction(), conn.cursor() as cur:
            for table, lines in self.lines.items():
                if lines:
                    with cur.copy(f"COPY {table} ({TABLES[table]}) FROM STDIN") as copy:
                        copy.write("".join(lines))
                    lines.clear()


def psycopg_url(url: str) -> str:
    """The libpq form of a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def recreate(url: str, create: bool = True) -> None:
    """Drop the database named in ``url`` (and create it again unless ``create`` is False)."""
    parsed = make_url(psycopg_url(url))
    admin = parsed.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{parsed.database}"')


def finish(conn: psycopg.Connection) -> None:
    """Move every id sequence past the ids given, then ANALYZE."""
    for table in TABLES:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )
    conn.commit()
    conn.autocommit = True
    conn.execute("VACUUM ANALYZE")


def generate(url: str, count: int, batch_size: int) -> dict[str, int]:
    """Re-create the database and load ``count`` articles; returns row counts per table."""
    recreate(url)
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    migrate(engine)
    engine.dispose()
    scheme = load_scheme()
    folder = next(p for p in sorted(content_dir().iterdir()) if (p / "article.json").is_file())
    texts = Texts(read_seed(folder), scheme)
    print(f"distinct texts scored: {texts.warm()}")
    now = datetime.now(UTC).isoformat()
    batch, ids = None, Ids()
    with psycopg.connect(psycopg_url(url)) as conn:
        conn.execute("SET synchronous_commit = off")
        # Foreign keys are not checked row by row (the rows are consistent by construction);
        # constraints are still enforced for every later write.
        conn.execute("SET session_replication_role = replica")
        batch = Batch(texts, ids, now)
        for start in tqdm(range(1, count + 1, batch_size), desc="articles", unit="batch"):
            for i in range(start, min(start + batch_size, count + 1)):
                batch.article(i)
            batch.flush(conn)
        finish(conn)
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--batch", type=int, default=200, help="articles per COPY transaction")
    parser.add_argument("--drop", action="store_true", help="drop the database and exit")
    args = parser.parse_args(argv)
    if args.drop:
        recreate(args.database_url, create=False)
        print(f"dropped {make_url(args.database_url).database}")
        return
    started = time.perf_counter()
    counts = generate(args.database_url, args.articles, args.batch)
    elapsed = time.perf_counter() - started
    print(", ".join(f"{table}: {n:,}" for table, n in counts.items()))
    print(f"loaded {args.articles:,} articles in {elapsed:.1f} s (goal: < 600 s)")


if __name__ == "__main__":
    main()
