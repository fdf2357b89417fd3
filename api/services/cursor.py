"""Opaque pagination cursors: URL-safe base64 of the last key seen (keyset pagination)."""

import binascii
from base64 import urlsafe_b64decode, urlsafe_b64encode


def encode_cursor(last_key: str) -> str:
    """Token for the page after ``last_key``."""
    return urlsafe_b64encode(f"v1:{last_key}".encode()).decode("ascii").rstrip("=")


def decode_cursor(token: str) -> str | None:
    """The key a token continues after, or None if the token is not one of ours."""
    try:
        raw = urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not raw.startswith("v1:") or not raw[3:].isprintable():
        return None
    return raw[3:]
