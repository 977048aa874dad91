"""One Georgian word per CMS term (locale/wagtail/GLOSSARY.md): the variants the glossary
rules out appear in no translation of the project's catalogue nor of the Wagtail and
wagtail-localize catalogues it ships, and the words it picks are in use."""

import re
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"
GLOSSARY = LOCALE / "wagtail" / "GLOSSARY.md"
CATALOGUES = [
    LOCALE / "ka" / "LC_MESSAGES" / "django.po",
    LOCALE / "wagtail" / "ka" / "LC_MESSAGES" / "django.po",
    LOCALE / "wagtail" / "ka" / "LC_MESSAGES" / "djangojs.po",
]


def variants_not_used():
    """(variant, word to use, English term) rows of the glossary's "Variants not used"."""
    text = GLOSSARY.read_text()
    section = text.split("## Variants not used", 1)[1]
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", section, re.MULTILINE)
    return [tuple(cell.strip() for cell in row) for row in rows if row[0].strip() != "not"]


def translations():
    """(catalogue, msgid, each msgstr) of every translated entry."""
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            strings = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for string in strings:
                if string:
                    yield path.relative_to(LOCALE), entry.msgid, string


def test_the_glossary_lists_its_variants():
    rows = variants_not_used()
    assert len(rows) >= 5
    assert all(re.fullmatch(r"[\u10D0-\u10FF]+", variant) for variant, _use, _term in rows)


def test_no_translation_uses_a_variant_the_glossary_rules_out():
    rows = variants_not_used()
    found = [
        (str(catalogue), msgid, variant, use)
        for catalogue, msgid, string in translations()
        for variant, use, _term in rows
        if variant in string
    ]
    assert found == []


def test_the_glossarys_words_for_snippet_segment_and_image_are_used():
    strings = [string for _catalogue, _msgid, string in translations()]
    for stem in ["ფრაგმენტ", "სტრიქონ", "სურათ"]:
        assert any(stem in string for string in strings), stem
