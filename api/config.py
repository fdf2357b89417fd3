"""Service configuration: one ``Settings`` read from env vars and ``.env`` (pydantic-settings)."""

from functools import lru_cache
from typing import Annotated

from fastapi.telemetry import TelemetryConfig
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the service; env var names are the field names in upper case."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./content.db"
    migrate_on_start: bool = True
    seed_on_start: bool = True
    warm_readability: bool = True
    default_level: str = "plain"
    cache_max_age: Annotated[int, Field(ge=0)] = 300
    cache_stale_while_revalidate: Annotated[int, Field(ge=0)] = 86400
    content_check_interval: Annotated[float, Field(ge=0)] = 1.0
    read_cache_entries: Annotated[int, Field(ge=0)] = 4096  # 0 turns the fast path off
    max_request_bytes: Annotated[int, Field(gt=0)] = 2 * 1024 * 1024
    readability_max_chars: Annotated[int, Field(gt=0)] = 50_000
    cors_allow_origins: list[str] = ["*"]
    # Host names the service answers for (api.edge); "*" admits any. JSON list in the env var.
    allowed_hosts: list[str] = ["localhost", "127.0.0.1", "testserver"]
    page_size_max: Annotated[int, Field(gt=0, le=500)] = 100
    max_catalog_bytes: Annotated[int, Field(gt=0)] = 1024 * 1024
    token_default_days: Annotated[int, Field(ge=1, le=3650)] = 90
    # Delta sync (api/services/sync_token.py): HMAC key of sync and page tokens. Unset: a
    # secret is generated once and kept in the database (every worker, every restart).
    sync_token_secret: str | None = None
    # Issue 11 (docs/security.md): writers waiting for a write transaction beyond this get a
    # 503 with Retry-After at once; a writer waits at most write_queue_timeout seconds.
    write_queue_max: Annotated[int, Field(ge=0)] = 128
    write_queue_timeout: Annotated[float, Field(gt=0)] = 10.0
    write_concurrency: Annotated[int, Field(ge=1)] = 8  # PostgreSQL; SQLite has one writer
    # Failed authentications per client address ("limits" notation), then 429.
    auth_failure_limit: str = "20/minute"
    # Issue 10 point 1: the one read cache, bounded in bytes, and the Accept-Language memo.
    read_cache_bytes: Annotated[int, Field(ge=64 * 1024)] = 32 * 1024 * 1024
    accept_language_memo_entries: Annotated[int, Field(ge=0)] = 4096
    # Issue 10 point 6: article snapshots held, bounded in (estimated) bytes, LRU.
    snapshot_cache_bytes: Annotated[int, Field(ge=64 * 1024)] = 16 * 1024 * 1024
    # Issue 10 point 3: PostgreSQL LISTEN/NOTIFY of change-log commits (every process).
    listen_for_changes: bool = True
    # Server (docs/server.md): Granian workers, timeouts, head limits (issue 11 point 3).
    workers: Annotated[int, Field(ge=1, le=64)] = 1
    http_header_read_timeout: Annotated[float, Field(ge=1, le=60)] = 30.0
    http_max_request_line_bytes: Annotated[int, Field(ge=256)] = 8192
    http_max_header_bytes: Annotated[int, Field(ge=256)] = 8192
    http_max_headers_bytes: Annotated[int, Field(ge=1024)] = 32768
    http_head_buffer_bytes: Annotated[int, Field(ge=8192)] = 65536
    shutdown_timeout: Annotated[float, Field(gt=0, le=600)] = 30.0
    # FastAPI's native OpenTelemetry (spans, metrics, exception logs) to the providers the
    # operator configures. Off by default: its exception logs carry messages that can hold
    # submitted text (docs/security.md), and its per-request provider check costs the fast path.
    telemetry: bool = False

    @model_validator(mode="after")
    def _head_fits_buffer(self) -> "Settings":
        """Everything the ASGI guard should answer must reach it through the server's cap."""
        needed = self.http_max_request_line_bytes + self.http_max_headers_bytes
        if self.http_head_buffer_bytes < needed:
            raise ValueError(
                "http_head_buffer_bytes must be at least http_max_request_line_bytes + "
                f"http_max_headers_bytes ({needed})"
            )
        return self

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, value: str) -> str:
        """``postgresql://`` means psycopg 3 here: it is the driver this package installs."""
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()


def telemetry_config(enabled: bool) -> TelemetryConfig | None:
    """FastAPI's ``telemetry=`` argument: its defaults when ``enabled``, else everything off."""
    if enabled:
        return None
    return {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}
