"""Where the packaged data lives: the wheel ships ``alembic/`` and ``translations/`` inside
``api/_packaged``; a source checkout (editable install, tests) reads them from the repository."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_PACKAGED = _PACKAGE / "_packaged"


def _resource(name: str) -> Path:
    packaged = _PACKAGED / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def alembic_dir() -> Path:
    """The Alembic script directory (``env.py``, ``versions/``)."""
    return _resource("alembic")


def translations_dir() -> Path:
    """The root of the gettext catalogs: ``content/`` for articles, ``ui/`` for the interface."""
    return _resource("translations")


def content_dir() -> Path:
    """Per-article folders: ``article.json``, ``source.txt`` and ``<lang>/<level>.po``."""
    return translations_dir() / "content"
