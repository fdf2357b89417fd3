"""A minimal offline app for the sync tests: follows pages, applies items to a local copy."""

import hashlib
import json
from typing import Any

Key = tuple[str, str, str | None, str | None, str | None]


def key_of(item: dict[str, Any]) -> Key:
    """Where an item lives in the local copy."""
    return (item["type"], item["article"], item["section"], item["locale"], item["level"])


def pages(client, params: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:  # type: ignore[no-untyped-def]
    """Every item of one sync (initial or delta) and the sync token it ends with."""
    items: list[dict[str, Any]] = []
    r = client.get("/v1/sync", params=params)
    while True:
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        if page["next_page_token"] is None:
            assert page["next_sync_token"]
            return items, page["next_sync_token"]
        assert page["next_sync_token"] is None
        r = client.get("/v1/sync", params={"page_token": page["next_page_token"], "limit": 7})


def apply(copy: dict[Key, Any], items: list[dict[str, Any]]) -> None:
    """Upserts replace, deletes remove (a tombstone for something never held is fine)."""
    for item in items:
        if item["op"] == "upsert":
            body = json.dumps(item["body"], ensure_ascii=False, separators=(",", ":"))
            assert item["etag"] == '"' + hashlib.sha256(body.encode()).hexdigest() + '"'
            copy[key_of(item)] = item["body"]
        else:
            assert item["op"] == "delete" and item["body"] is None and item["etag"] is None
            copy.pop(key_of(item), None)
