"""Accessibility in a real browser: axe-core in Debian's Chromium, driven by Playwright.

Run only these with `pytest -m browser`; they are skipped where /usr/bin/chromium or
Playwright is missing. No browser is downloaded: Playwright launches the system Chromium.
"""

import os
from pathlib import Path

import pytest
from wagtail.models import Locale

from home.chromium import CHROMIUM
from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"

pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's /usr/bin/chromium"),
]


@pytest.fixture
def tab(browser):
    # axe-core goes in as an inline script, which the site's Content-Security-Policy forbids.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def page_paths(code):
    """Home, a mission page, the news index, an article and a search, in one language."""
    locale = Locale.objects.get(language_code=code)
    en_locale = Locale.objects.get(language_code="en")
    mission = MissionPage.objects.get(locale=en_locale, slug="who-we-are")
    article = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    query = {"en": "migration", "ka": "მიგრაცია"}[code]
    return [
        HomePage.objects.get(locale=locale).url,
        mission.get_translation(locale).url,
        NewsIndexPage.objects.get(locale=locale).url,
        article.get_translation(locale).url,
        f"/{code}/search/?q={query}",
    ]


def serious_violations(tab):
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("code", ["en", "ka"])
def test_axe_finds_no_serious_violations(live_url, tab, code, width):
    tab.set_viewport_size({"width": width, "height": 900})
    for path in page_paths(code):
        response = tab.goto(live_url + path)
        assert response.status == 200, path
        assert tab.get_attribute("html", "lang") == code
        assert serious_violations(tab) == [], path


def test_axe_finds_a_planted_violation(live_url, tab):
    """The check itself works: an image without alternative text is reported."""
    tab.goto(live_url + "/en/")
    tab.evaluate(
        "() => { const i = document.createElement('img'); i.src = '/x.png';"
        " document.querySelector('main').append(i); }"
    )
    assert "image-alt" in [violation[0] for violation in serious_violations(tab)]


@pytest.mark.parametrize("code", ["en", "ka"])
def test_skip_link_and_keyboard_menu(live_url, tab, code):
    tab.goto(live_url + f"/{code}/")
    tab.keyboard.press("Tab")
    skip = tab.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link is visible when focused"
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => location.hash") == "#main"
    assert tab.evaluate("() => document.activeElement.id") == "main"

    # Tab from the top reaches every main-menu link, each with a visible focus outline.
    tab.goto(live_url + f"/{code}/")
    menu_links = tab.locator(".main-menu a").count()
    assert menu_links >= 3
    reached = []
    for _ in range(menu_links + 5):
        tab.keyboard.press("Tab")
        info = tab.evaluate(
            "() => { const el = document.activeElement; return {menu: !!el.closest('.main-menu'),"
            " href: el.getAttribute('href'), outline: getComputedStyle(el).outlineStyle}; }"
        )
        if info["menu"]:
            assert info["outline"] != "none"
            reached.append(info["href"])
    assert len(reached) == menu_links
    # Enter on a focused menu link follows it.
    tab.locator(".main-menu a").first.focus()
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.evaluate("() => location.pathname") == reached[0]
