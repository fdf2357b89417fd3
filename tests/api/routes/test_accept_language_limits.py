"""Accept-Language is read up to 32 ranges and 4096 characters (docs/reference.md section 3):
a language listed later is not matched, and the OpenAPI document says so."""

URL = "/v1/articles/immunotherapy-breast-cancer"


def _header(before: int, tag: str = "es") -> str:
    return ", ".join(["ja;q=1"] * before + [tag])


def _served(client, header: str) -> tuple[str, str]:
    r = client.get(URL, headers={"Accept-Language": header})
    assert r.status_code == 200
    negotiated = r.json()["negotiated"]
    return negotiated["language"], negotiated["via"]


def test_the_32nd_range_is_read_and_the_33rd_is_not(client):
    assert _served(client, _header(31)) == ("es", "accept-language")
    assert _served(client, _header(32)) == ("en", "default")


def test_junk_ranges_count_toward_the_32(client):
    junk = ", ".join([";;;"] * 32)
    assert _served(client, f"{junk}, es") == ("en", "default")
    assert _served(client, ", ".join([";;;"] * 31) + ", es") == ("es", "accept-language")


def test_only_the_first_4096_characters_are_read(client):
    padding = "ja;q=0.5" + " " * (4096 - len("ja;q=0.5") - 2)
    assert _served(client, padding + ", es") == ("en", "default")
    assert _served(client, padding[:-4] + ", es") == ("es", "accept-language")


def test_the_openapi_description_states_the_limit(client):
    spec = client.get("/openapi.json").json()
    parameters = spec["paths"]["/v1/articles/{slug}"]["get"]["parameters"]
    header = next(p for p in parameters if p["name"] == "accept-language")
    assert header["in"] == "header"
    assert header["description"] == (
        "RFC 9110 language ranges; only the first 32 ranges and 4096 characters are read, "
        "the rest is ignored (reference.md section 3)"
    )
