"""Plain text: blocks kept apart, abbreviations expanded once, content intact."""

from api.services.renditions.text import render_article_text, render_section_text

from .conftest import HOSTILE


def test_title_headings_and_paragraphs_are_separate_blocks(article):
    blocks = render_article_text(article).rstrip("\n").split("\n\n")
    assert blocks[:5] == [
        "عنوان",
        "هذه الصفحة مترجمة جزئيًا فقط إلى العربية: 1 من 2 من الأقسام.",
        "العلاج",
        "العلاج الكيميائي يستخدم 5 mg مرتين.",
        "فقرة ثانية عن العلاج الكيميائي.",
    ]
    assert blocks[5] == 'Side <b>effects</b> & "more"'
    assert blocks[6] == "يُعرض هذا القسم باللغة الإنجليزية لأنه لم يُترجم إلى العربية بعد."
    assert blocks[7] == (
        "The National Cancer Institute (NCI) funds T cell work. Ask the NCI about a T cell trial."
    )
    assert blocks[8] == HOSTILE
    assert blocks[9] == "مسرد المصطلحات"
    assert blocks[10].splitlines() == [
        "العلاج الكيميائي: أدوية تقتل الخلايا السرطانية.",
        "NCI: National Cancer Institute",
        "T cell: A cell & <i>more</i>",
    ]


def test_section_text_ends_with_its_glossary(section):
    text = render_section_text(section)
    assert text.startswith('Side <b>effects</b> & "more"\n\n')
    assert text.endswith(
        "Glossary\n\nNCI: National Cancer Institute\nT cell: A cell & <i>more</i>\n"
    )


def test_chinese_glossary_lines_use_the_full_width_colon(client):
    text = client.get(
        "/v1/articles/immunotherapy-breast-cancer", params={"locale": "zh-Hans", "format": "text"}
    ).text
    assert "免疫疗法：" in text and "免疫疗法: " not in text
