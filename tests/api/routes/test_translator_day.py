"""A translator's day (issue 3, section 4): import a PO file for de plain, fix what the
checks reject, get it reviewed and published, see it served to de-AT, edit the English
source substantively, see de marked stale."""

URL = "/v1/articles/immunotherapy-breast-cancer"
PO = f"{URL}/files/de/plain.po"
HARD = (  # Wiener Sachtextformel 1 about 16: reliable, above the plain target (at most 8)
    "Die Immuntherapie ist eine vielversprechende neue Behandlung, die bei fortgeschrittenem "
    "Brustkrebs die körpereigene Abwehr gegen die Krebszellen richten soll. "
    "Obwohl weitere wissenschaftliche Untersuchungen zur langfristigen Wirksamkeit nötig sind, "
    "zeigen die ersten Ergebnisse der Studien bereits deutliche Verbesserungen. "
    "Besonders Patientinnen mit fortgeschrittener Erkrankung könnten davon profitieren."
)
PLAIN = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)


def _fill(po: str, text: str) -> bytes:
    at = po.index('msgctxt "summary/text"')
    return (po[:at] + po[at:].replace('msgstr ""', f'msgstr "{text}"', 1)).encode()


def test_a_translators_day(client, people):
    tom, rita, eve = people["translator"], people["reviewer"], people["editor"]
    po = client.get(PO, headers=tom).text
    refused = client.post(PO, content=_fill(po, HARD), headers=tom)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["reason"].startswith(
        "summary: level: does not meet the plain target"
    )
    imported = client.post(PO, content=_fill(po, PLAIN), headers=tom)
    assert imported.status_code == 201
    vid = next(e["version_id"] for e in imported.json()["entries"] if e["key"] == "summary")

    history = client.get(
        f"{URL}/sections/summary/versions", params={"locale": "de", "level": "plain"}, headers=rita
    )
    published = client.post(
        f"{URL}/sections/summary/versions/{vid}/publish",
        headers=rita | {"If-Match": history.headers["etag"]},
    )
    assert published.json()["status"] == "published"
    served = client.get(f"{URL}/sections/summary", headers={"Accept-Language": "de-AT"}).json()
    assert (served["lang"], served["text"], served["stale"]) == ("de", PLAIN, False)

    source = client.get(
        f"{URL}/sections/summary/versions", params={"locale": "en", "level": "full"}, headers=eve
    )
    edited = client.put(
        f"{URL}/sections/summary/source",
        json={"text": "Immunotherapy gives new hope. Research goes on.", "change": "substantive"},
        headers=eve | {"If-Match": source.headers["etag"]},
    )
    assert edited.status_code == 200
    served = client.get(f"{URL}/sections/summary", headers={"Accept-Language": "de-AT"}).json()
    assert (served["lang"], served["stale"]) == ("de", True)
    po = client.get(PO, headers=tom).text
    assert "#, fuzzy" in po and '#| msgid "In conclusion' in po
    assert client.get(f"{URL}/status", headers=tom).json()["summary"]["de"]["plain"]["stale"] == 1
