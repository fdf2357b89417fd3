"""The response models are the responses: every member served is a field, and back."""

import pytest

from api.schemas import ArticleRead, SectionRead

SLUG = "immunotherapy-breast-cancer"


@pytest.mark.parametrize("query", ["", "?locale=ar&level=easy", "?locale=zh-Hans&max_grade=7.5"])
def test_article_json_is_exactly_the_article_model(client, query):
    body = client.get(f"/v1/articles/{SLUG}{query}").json()
    assert ArticleRead.model_validate(body).model_dump(mode="json") == body


def test_section_json_is_exactly_the_section_model_in_member_order(client):
    body = client.get(f"/v1/articles/{SLUG}/sections/summary?locale=fr").json()
    assert list(body) == list(SectionRead.model_fields)
    assert list(body)[:3] == ["article", "article_lang", "requested"]
    assert SectionRead.model_validate(body).model_dump(mode="json") == body
