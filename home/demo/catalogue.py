"""Georgian for the demo content: a PO catalogue keyed by the English source strings.

Keeping it as a PO file means it can be edited in any PO tool, like the files a translator
exchanges with wagtail-localize.
"""

import re
from functools import cache
from pathlib import Path

import polib

from . import content

CATALOGUE_PATH = Path(__file__).with_name("ka.po")
_PAGE_LINK = re.compile(r'<a href="\{page:[^}]+\}">')
_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)


@cache
def georgian():
    """English source string -> Georgian translation."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(CATALOGUE_PATH))
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def segment_text(rich_text):
    """The segment wagtail-localize makes of a one-paragraph rich text: the paragraph's inner
    HTML with links numbered a1, a2, ... in order."""
    inner = _PARAGRAPH.match(rich_text).group(1)
    counter = iter(range(1, 100))
    return _PAGE_LINK.sub(lambda _match: f'<a id="a{next(counter)}">', inner)


def source_strings():
    """Every English string of the demo content that a translator sees, in order."""
    strings = []

    def add(*values):
        strings.extend(value for value in values if value)

    def add_body(body):
        for block_type, value in body:
            if block_type == "paragraph":
                add(segment_text(value))
            elif block_type == "quote":
                add(value["text"], value["attribution"], value["role"])
            elif block_type == "contact":
                add(value["name"], value["office"])
            elif block_type == "facts":
                facts = getattr(content, value)
                add(facts["heading"])
                for figure, label in facts["facts"]:
                    add(figure, label)

    add(content.HOME["title"], content.HOME["hero_title"], content.HOME["intro"])
    add(content.HOME_FEATURED_HEADING, content.HOME_LATEST_NEWS_HEADING)
    add(content.HOME_FACTS["heading"])
    for figure, label in content.HOME_FACTS["facts"]:
        add(figure, label)
    cta = content.HOME_CALL_TO_ACTION
    add(cta["title"], cta["text"], cta["button_label"])

    def add_mission(page):
        add(page["title"], page["intro"])
        add_body(page["body"])
        for child in page.get("children", []):
            add_mission(child)

    for page in content.MISSION_PAGES:
        add_mission(page)
    add(content.NEWS_INDEX["title"], content.NEWS_INDEX["intro"])
    for _slug, name in content.TOPICS:
        add(name)
    for article in content.ARTICLES:
        add(article["title"], article["dateline"], article["summary"])
        add(article["image"]["alt"], article["image"]["caption"])
        add_body(article["body"])
    add(content.FOOTER["organisation"], content.FOOTER["address"])
    return list(dict.fromkeys(strings))
