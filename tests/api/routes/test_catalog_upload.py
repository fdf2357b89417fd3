"""Translation files as multipart form uploads (``curl -F file=@x.po``; issue 9 point 8)."""

URL = "/v1/articles/immunotherapy-breast-cancer/files/de/plain"


def _translated(client, people) -> bytes:
    data = client.get(URL + ".po", headers=people["translator"]).content.decode()
    at = data.index('msgctxt "summary/text"')
    tail = data[at:].replace(
        'msgstr ""', 'msgstr "Immuntherapie hilft dem Körper. Er findet den Krebs."', 1
    )
    return (data[:at] + tail).encode()


def test_a_multipart_upload_is_read_like_the_raw_body(client, people):
    data = _translated(client, people)
    raw = client.post(URL + ".po?dry_run=true", content=data, headers=people["translator"])
    form = client.post(
        URL + ".po?dry_run=true",
        files={"file": ("de.po", data, "text/x-gettext-translation")},
        headers=people["translator"],
    )
    assert (form.status_code, form.json()) == (raw.status_code, raw.json())
    assert form.status_code == 200 and form.json()["entries"]


def test_an_xliff_upload_is_read_too(client, people):
    data = client.get(URL + ".xlf", headers=people["translator"]).content
    raw = client.post(URL + ".xlf?dry_run=true", content=data, headers=people["translator"])
    form = client.post(
        URL + ".xlf?dry_run=true", files={"upload": ("de.xlf", data)}, headers=people["translator"]
    )
    assert (form.status_code, form.json()) == (raw.status_code, raw.json())


def test_a_form_needs_exactly_one_file(client, people):
    data = _translated(client, people)
    no_file = {"note": (None, "a form field, not a file")}
    for files in (no_file, {"a": ("a.po", data), "b": ("b.po", data)}):
        r = client.post(URL + ".po", files=files, headers=people["translator"])
        assert r.status_code == 422, files
        assert r.json()["errors"][0]["parameter"] == "file"
        assert r.json()["errors"][0]["reason"].startswith("must be one file part")


def test_an_oversized_upload_is_413(client, people, settings):
    big = b"#" * (settings.max_catalog_bytes + 1)
    r = client.post(URL + ".po", files={"file": ("big.po", big)}, headers=people["translator"])
    assert r.status_code == 413
