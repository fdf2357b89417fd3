"""Choosing a rendition from Accept (RFC 9110 12.5.1)."""

import pytest

from api.domain.media import choose_format, parse_accept


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "json"),
        ("", "json"),
        ("*/*", "json"),
        ("application/json", "json"),
        ("text/html", "html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("application/ssml+xml", "ssml"),
        ("text/plain; charset=utf-8", "text"),
        ("application/ld+json", "jsonld"),
        ("text/*", "html"),
        ("text/*;q=0.5, text/plain", "text"),
        ("application/json;q=0.2, text/html;q=0.9", "html"),
        ("text/html;q=0, */*", "json"),
        ("TEXT/HTML;Q=1", "html"),
        ("junk", "json"),
        (";;;,", "json"),
        ("text/html;q=2", "json"),
        ("image/png", None),
        ("application/json;q=0", None),
    ],
)
def test_accept_picks_the_best_rendition(accept, expected):
    assert choose_format(accept) == expected


def test_malformed_ranges_are_dropped():
    assert [(r.type, r.subtype, r.q) for r in parse_accept("a, */html, text/html;q=0.5")] == [
        ("text", "html", 0.5)
    ]
