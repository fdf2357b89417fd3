"""The dump archive of ``content-api dump`` (docs/reference.md section 7): its manifest,
the portable encoding of column values, and checked reading (issue 11, point 6).

A zip file: ``manifest.json`` (:class:`Manifest`) and ``tables/<name>.jsonl``, one JSON object
per row. Values are portable: datetimes ISO 8601 with their zone (naive ones are UTC, the
project's convention, ``UTCDateTime``), JSON columns as JSON, bytes base64, decimals as strings.
"""

import base64
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sqlalchemy import Table
from sqlalchemy.types import TypeDecorator

FORMAT = "content-api-dump"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
Row = dict[str, Any]


class BackupError(Exception):
    """A dump or restore that cannot be done; the message is one line naming the file or
    database and what is wrong (the CLI prints it and exits 2)."""


@dataclass(frozen=True)
class Manifest:
    """``manifest.json``: ``tables`` maps each table name to its row count, in dependency
    order; ``created_at`` is ISO 8601 UTC; ``alembic_revision`` is the source's schema."""

    alembic_revision: str
    tables: dict[str, int]
    package_version: str = "unknown"
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    format: str = FORMAT
    format_version: int = FORMAT_VERSION


def package_version() -> str:
    """The installed ``content-api`` version, or ``unknown`` in an uninstalled checkout."""
    try:
        return version("content-api")
    except PackageNotFoundError:
        return "unknown"


def encode_value(value: object) -> object:
    """A column value as JSON: ISO 8601 for datetimes (naive taken as UTC), dates and times;
    base64 for bytes; a string for decimals; anything else as it is (JSON columns included)."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    return value


_DECODERS: dict[type, Callable[[Any], Any]] = {
    datetime: datetime.fromisoformat,
    date: date.fromisoformat,
    time: time.fromisoformat,
    bytes: base64.b64decode,
    Decimal: Decimal,
}


def decoders(table: Table) -> dict[str, Callable[[Any], Any]]:
    """Per column of ``table`` whose values :func:`encode_value` changed, the inverse."""
    found = {}
    for column in table.columns:
        kind_of = column.type
        if isinstance(kind_of, TypeDecorator):  # e.g. UTCDateTime: its impl knows
            kind_of = kind_of.impl_instance
        try:
            kind = kind_of.python_type
        except NotImplementedError:
            continue
        if kind in _DECODERS:
            found[column.name] = _DECODERS[kind]
    return found


def read_manifest(zf: zipfile.ZipFile, path: Path) -> Manifest:
    """The archive's manifest, checked: ``BackupError`` for a foreign or newer format."""
    try:
        raw = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise BackupError(f"{path} is not a content-api dump: it has no {MANIFEST}") from None
    except ValueError:
        raise BackupError(f"{path} is corrupt: {MANIFEST} is not JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BackupError(f"{path} is not a content-api dump: its format is not {FORMAT!r}")
    if raw.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has dump format version {raw.get('format_version')!r}; "
            f"this content-api reads version {FORMAT_VERSION}"
        )
    try:
        return Manifest(**raw)
    except TypeError:
        raise BackupError(f"{path} is corrupt: {MANIFEST} has unexpected fields") from None


@contextmanager
def open_archive(path: Path) -> Iterator[tuple[zipfile.ZipFile, Manifest]]:
    """The opened archive and its manifest, after every member's CRC has been checked, so a
    damaged file is refused before the database is touched."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = read_manifest(zf, path)
            bad = zf.testzip()
            missing = [t for t in manifest.tables if f"tables/{t}.jsonl" not in zf.namelist()]
            if bad or missing:
                raise BackupError(f"{path} is corrupt: {bad or missing[0]} is damaged or missing")
            yield zf, manifest
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise BackupError(
            f"{path} is corrupt or not a content-api dump (not a readable zip archive)"
        ) from None
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_rows(zf: zipfile.ZipFile, table: Table, path: Path) -> Iterator[Row]:
    """The rows of ``table`` from its member, decoded to the column types."""
    decode = decoders(table)
    with zf.open(f"tables/{table.name}.jsonl") as raw:
        for number, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), start=1):
            try:
                row = {
                    k: decode[k](v) if k in decode and v is not None else v
                    for k, v in json.loads(line).items()
                }
            except (ValueError, TypeError, AttributeError):
                where = f"tables/{table.name}.jsonl line {number}"
                raise BackupError(f"{path} is corrupt: {where} is not a row") from None
            yield row
