"""Dump and restore of the whole content as one versioned archive (issue 11, point 6).

Every table of the database but ``alembic_version`` goes into the archive
(:mod:`api.services.backup_archive`, docs/reference.md section 7) in foreign key dependency
order and, within a table, primary key order. Tokens are dumped as stored (SHA-256 only).
Tables come from reflecting the database, typed by ``SQLModel.metadata`` where it knows them,
so a table added by a later migration is dumped and restored with no change here. Memory
stays constant: rows are read with ``yield_per`` (a server-side cursor on PostgreSQL) and
written to the archive per batch; restore reads each member line by line.
"""

import json
import os
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, Integer, MetaData, Table, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel
from tqdm import tqdm

import models  # noqa: F401  (registers every table on SQLModel.metadata)
from alembic import command
from api.db import WRITE, alembic_config
from api.services.backup_archive import (
    MANIFEST,
    BackupError,
    Manifest,
    Row,
    encode_value,
    open_archive,
    package_version,
    read_rows,
)

__all__ = ["BackupError", "Manifest", "content_tables", "dump", "restore"]

BATCH = 1000  # rows per fetch, per archive write and per INSERT
PROGRESS_MIN_ROWS = 10_000  # below this a progress bar is noise


def content_tables(conn: Connection) -> list[Table]:
    """Every table of the database behind ``conn`` but ``alembic_version``, parents before
    children; columns the models know carry the models' types (aware datetimes, JSON)."""
    reflected = MetaData()
    reflected.reflect(conn)
    for table in reflected.tables.values():
        model = SQLModel.metadata.tables.get(table.name)
        for column in table.columns:
            if model is not None and column.name in model.columns:
                column.type = model.columns[column.name].type
    return [t for t in reflected.sorted_tables if t.name != "alembic_version"]


def progress(total: int, wanted: bool | None, desc: str) -> tqdm:
    """A tqdm bar on stderr over ``total`` rows: shown when ``wanted``, or with ``None`` when
    stderr is a terminal and there are at least ``PROGRESS_MIN_ROWS`` rows."""
    show = wanted if wanted is not None else sys.stderr.isatty() and total >= PROGRESS_MIN_ROWS
    return tqdm(total=total, disable=not show, file=sys.stderr, unit=" rows", desc=desc)


def count(conn: Connection, table: Table) -> int:
    """Rows in ``table``."""
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def iter_rows(conn: Connection, table: Table) -> Iterator[Row]:
    """``table``'s rows in primary key order as JSON-ready dicts, fetched ``BATCH`` at a time."""
    query = select(table).order_by(*table.primary_key.columns)
    for row in conn.execution_options(yield_per=BATCH).execute(query).mappings():
        yield {name: encode_value(value) for name, value in row.items()}


def known_revision(conn: Connection, revision: str | None, what: str) -> str:
    """``revision`` if this package's migrations know it, else ``BackupError`` naming both."""
    script = ScriptDirectory.from_config(alembic_config(str(conn.engine.url)))
    head = script.get_current_head()
    if revision is None:
        raise BackupError(f"{what} has no schema revision: it was never migrated")
    try:
        script.get_revision(revision)
    except CommandError:
        raise BackupError(
            f"{what} is at revision {revision}, newer than this content-api "
            f"{package_version()} knows (its newest is {head}); use a newer content-api"
        ) from None
    return revision


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction, so every table is read at the same moment (REPEATABLE READ on
    PostgreSQL; a SQLite read transaction in WAL mode is a snapshot)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def write_table(archive: zipfile.ZipFile, conn: Connection, table: Table, bar: tqdm) -> int:
    """Stream ``table`` into ``tables/<name>.jsonl``; returns the rows written."""
    written = 0
    with archive.open(f"tables/{table.name}.jsonl", "w", force_zip64=True) as member:
        lines: list[str] = []
        for row in iter_rows(conn, table):
            lines.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            if len(lines) >= BATCH:
                member.write("".join(lines).encode("utf-8"))
                written, lines = written + len(lines), []
                bar.update(BATCH)
        member.write("".join(lines).encode("utf-8"))
        bar.update(len(lines))
    return written + len(lines)


def dump(engine: Engine, path: Path, show_progress: bool | None = None) -> Manifest:
    """Write the whole database behind ``engine`` to the archive ``path`` (replaced
    atomically: a failed dump leaves no partial file). Returns the manifest written."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with snapshot(engine) as conn, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            revision = known_revision(
                conn, MigrationContext.configure(conn).get_current_revision(), "the database"
            )
            tables = content_tables(conn)
            total = sum(count(conn, t) for t in tables)
            with progress(total, show_progress, "dump") as bar:
                counts = {t.name: write_table(zf, conn, t, bar) for t in tables}
            manifest = Manifest(revision, counts, package_version())
            zf.writestr(MANIFEST, json.dumps(asdict(manifest), indent=2))
        os.replace(partial, path)
    except OSError as exc:
        raise BackupError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def require_empty(conn: Connection, where: str) -> None:
    """``BackupError`` unless no table of the database has a row (it may have a schema)."""
    for table in content_tables(conn):
        if conn.execute(select(1).select_from(table).limit(1)).first() is not None:
            raise BackupError(
                f"the database at {where} is not empty (table {table.name} has rows); "
                "restore only into a missing or empty database"
            )


def load_table(conn: Connection, zf: zipfile.ZipFile, table: Table, path: Path, bar: tqdm) -> None:
    """Insert ``table``'s rows from the archive in batches of ``BATCH``, keeping their keys."""
    batch: list[Row] = []
    for row in read_rows(zf, table, path):
        unknown = row.keys() - table.columns.keys()
        if unknown:
            raise BackupError(f"{path} does not match the schema: {table.name}.{min(unknown)}")
        batch.append(row)
        if len(batch) >= BATCH:
            conn.execute(table.insert(), batch)
            bar.update(len(batch))
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
        bar.update(len(batch))


def reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """On PostgreSQL, move each integer primary key's sequence past the largest restored id
    (``setval``), so new rows never collide with restored ones. SQLite needs nothing."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name = conn.dialect.identifier_preparer.format_table(table)
        sequence = func.pg_get_serial_sequence(name, keys[0].name)
        nxt = func.coalesce(func.max(keys[0]), 0) + 1
        conn.execute(select(func.setval(sequence, nxt, False)).select_from(table))


def migrate_to(conn: Connection, revision: str) -> None:
    """Bring the (empty) schema behind ``conn`` to ``revision``, up or down."""
    config = alembic_config(str(conn.engine.url), conn)
    current = MigrationContext.configure(conn).get_current_revision()
    script = ScriptDirectory.from_config(config)
    newer = current is not None and any(
        r.revision == revision for r in script.iterate_revisions(current, "base")
    )
    (command.downgrade if newer else command.upgrade)(config, revision)


def load_all(
    conn: Connection, zf: zipfile.ZipFile, manifest: Manifest, path: Path, show: bool | None
) -> list[Table]:
    """Insert every table of the archive (parents first) into the migrated, empty schema
    behind ``conn``; ``BackupError`` if the schema lacks a table of the dump."""
    tables = [t for t in content_tables(conn) if t.name in manifest.tables]
    absent = manifest.tables.keys() - {t.name for t in tables}
    if absent:
        raise BackupError(f"{path} does not match the schema: no table {min(absent)}")
    with progress(sum(manifest.tables.values()), show, "restore") as bar:
        for table in tables:
            load_table(conn, zf, table, path, bar)
    return tables


def restore(engine: Engine, path: Path, where: str, show_progress: bool | None = None) -> Manifest:
    """Load the archive ``path`` into the empty database behind ``engine`` (``where`` names it
    in messages) in one transaction: migrate to the dump's revision, insert every table,
    reset sequences, check each table's row count against the manifest. Any failure rolls it
    all back (schema too: SQLite and PostgreSQL have transactional DDL). Returns the manifest."""
    try:
        with (
            open_archive(path) as (zf, manifest),
            engine.execution_options(**WRITE).begin() as conn,
        ):
            known_revision(conn, manifest.alembic_revision, f"the dump {path}")
            require_empty(conn, where)
            migrate_to(conn, manifest.alembic_revision)
            tables = load_all(conn, zf, manifest, path, show_progress)
            reset_sequences(conn, tables)
            for table in tables:
                if (found := count(conn, table)) != manifest.tables[table.name]:
                    raise BackupError(
                        f"{path}: restored {found} rows of {table.name}, "
                        f"the manifest says {manifest.tables[table.name]}"
                    )
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise BackupError(
            f"restoring {path} into {where} failed, nothing was kept: {reason}"
        ) from None
    return manifest
