"""The editor's day in a real browser (items 3 and 9): the content checker reports what is
wrong in a preview, and the editor's steps work end to end. Screenshots of each step go to
./screenshots/editor-*.png for review.

Debian's Chromium driven by Playwright, against a live server sharing this test's database
connection (tests/conftest.py), so everything made here is rolled back. Skipped where
/usr/bin/chromium or Playwright is missing. No network: embeds are unreachable.
"""

import datetime
import os
from io import StringIO
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.rich_text import RichText

from home.chromium import CHROMIUM
from home.models import MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage

from .editing import EMBED_URL, demo_document, make_user, unreachable_embeds

PASSWORD = "x"  # tests/editing.make_user's password
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"

pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's /usr/bin/chromium"),
]


@pytest.fixture(autouse=True)
def no_network_embeds():
    with unreachable_embeds():
        yield


def log_in(browser, live_url, username):
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.goto(live_url + "/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.click("button[type=submit]")
    assert "/admin/login/" not in tab.url
    return tab


def shot(tab, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.wait_for_load_state("load")
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(SCREENSHOTS / f"editor-{name}.png"))


def article_with_problems(en_locale):
    """A draft article whose body skips a heading level and shows a picture that has no
    alternative text anywhere (no description, no block text)."""
    picture = wagtail_factories.ImageFactory(title="Untitled upload", description="")
    news = NewsIndexPage.objects.get(locale=en_locale)
    article = NewsArticlePage(
        title="An article with problems",
        summary="A summary.",
        body=[
            ("heading", {"text": "A sub-heading straight after the title", "level": "h3"}),
            ("paragraph", RichText("<p>Some text.</p>")),
            ("image", {"image": picture, "alt_text": "", "caption": ""}),
        ],
    )
    news.add_child(instance=article)
    article.save_revision()
    article.unpublish()
    return article


def open_checks(tab):
    tab.click('[data-side-panel-toggle="checks"]')
    panel = tab.locator("[data-checks-panel]")
    tab.wait_for_function(
        "() => Number(document.querySelector('[data-content-checker-count]')?.textContent) >= 2"
    )
    return panel.inner_text()


def test_the_checker_reports_heading_order_and_missing_alt_text(live_url, browser, en_locale):
    make_user("browser-checks", superuser=True)
    article = article_with_problems(en_locale)
    tab = log_in(browser, live_url, "browser-checks")
    tab.goto(live_url + f"/admin/pages/{article.pk}/edit/")
    issues = open_checks(tab)
    shot(tab, "checks")
    assert "Incorrect heading hierarchy" in issues
    assert "Image without alternative text" in issues
    # Content metrics ran too.
    assert tab.locator("[data-content-word-count]").inner_text() != "-"


PREVIEW_SIZES = {"mobile": 375, "tablet": 768, "desktop": 1280}


def add_block(tab, label):
    """Wagtail's "+" after the last block, then the block chooser's entry for `label`."""
    tab.locator("button.c-sf-add-button").last.click()
    tab.locator("[role=option]").filter(has_text=label).first.click()


def choose_first(tab, index, button_name):
    """A chooser inside block `index`: its modal, then the first item listed."""
    block = tab.locator("[data-streamfield-child]").nth(index)
    block.get_by_role("button", name=button_name).click()
    tab.locator(".modal [data-chooser-modal-choice]").first.click()
    tab.locator(".modal").wait_for(state="hidden")


def write_every_block(tab):
    """The article's body as the editor builds it: one block of each kind, in order."""
    add_block(tab, "Paragraph")
    tab.locator("[data-streamfield-child]").nth(0).locator("[contenteditable=true]").fill(
        "The paragraph of the editor's day."
    )
    add_block(tab, "Heading")
    tab.fill("#body-1-value-text", "What happened")
    add_block(tab, "Quote")
    tab.fill("#body-2-value-text", "Every block, written in the browser.")
    tab.fill("#body-2-value-attribution", "The editor")
    add_block(tab, "Image")
    choose_first(tab, 3, "Choose an image")
    tab.fill("#body-3-value-alt_text", "The picture of the day")
    add_block(tab, "Embed")
    tab.fill("#body-4-value", EMBED_URL)
    add_block(tab, "Press contact")
    tab.fill("#body-5-value-name", "Joe Lowry")
    tab.fill("#body-5-value-phone", "+41 79 285 4366")
    add_block(tab, "Document link")
    choose_first(tab, 6, "Choose a document")


def open_panel(tab, name):
    """A side panel of the page editor; Wagtail reopens the last one after a save."""
    panel = tab.locator(f'[data-side-panel="{name}"]')
    if panel.is_hidden():
        tab.click(f'[data-side-panel-toggle="{name}"]')
    panel.wait_for()


def preview_in_every_size(tab, name):
    """The preview panel in each of Wagtail's sizes: the page fills that width, with nothing
    wider than it (the site's narrow, middle and wide layouts)."""
    preview = tab.frame_locator("#w-preview-iframe")
    for size, width in PREVIEW_SIZES.items():
        tab.locator(f"label.w-preview__size-button:has(input[value={size}])").click()
        for _ in range(40):  # the panel resizes its frame (a CSS property), then it reflows
            preview.locator("h1", has_text="The editor's day").wait_for()
            inner, scroll = preview.locator("html").evaluate(
                "html => [window.innerWidth, html.scrollWidth]"
            )
            if inner == width:
                break
            tab.wait_for_timeout(250)
        assert inner == width and scroll <= width, (size, inner, scroll)
        shot(tab, f"{name}-{size}")


@pytest.mark.slow
def test_the_editors_day(live_url, browser, en_locale, ka_locale):
    """Write an article with every block, preview it unsaved and saved (in every size),
    schedule it in Wagtail's schedule dialog and see it go live, run the checks, edit a
    mission page and restore its first version, unpublish a page but not its Georgian
    version, upload and replace a document, edit a snippet."""
    make_user("browser-day", superuser=True)
    tab = log_in(browser, live_url, "browser-day")
    news = NewsIndexPage.objects.get(locale=en_locale)
    demo_document()

    # 1. A new article with every block, previewed before it is ever saved.
    tab.goto(live_url + f"/admin/pages/add/newsroom/newsarticlepage/{news.pk}/")
    tab.fill("#id_title", "The editor's day")
    tab.fill("#id_summary", "Written, previewed, scheduled and published in one go.")
    write_every_block(tab)
    shot(tab, "1-new-article")
    open_panel(tab, "preview")
    preview = tab.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text="The editor's day").wait_for()
    for text in ["What happened", "Every block, written in the browser.", "Joe Lowry"]:
        preview.get_by_text(text).first.wait_for()
    preview_in_every_size(tab, "2-preview-unsaved")

    # 2. Saved as a draft: the unreachable embed's warning is on its block; previewed saved.
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save draft").click()
    article = NewsArticlePage.objects.get(title="The editor's day")
    assert not article.live
    draft = article.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == [
        "paragraph",
        "heading",
        "quote",
        "image",
        "embed",
        "contact",
        "document",
    ]
    embed_block = tab.locator("[data-streamfield-child]").nth(4)
    embed_block.locator("[data-block-warning]").wait_for()
    assert EMBED_URL in embed_block.locator("[data-block-warning]").inner_text()
    embed_block.scroll_into_view_if_needed()
    shot(tab, "3-embed-warning-on-block")
    open_panel(tab, "preview")
    preview_in_every_size(tab, "4-preview-saved")

    # 3. The checks run on the draft.
    open_panel(tab, "checks")
    tab.wait_for_function(
        "() => document.querySelector('[data-content-word-count]')?.textContent.trim() !== '-'"
    )
    shot(tab, "5-checks")

    # 4. Scheduled in Wagtail's schedule dialog a few seconds ahead, without the embed
    # (publishing needs a working one); once that time has passed, one run of the scheduler
    # (as `make run` does every minute) puts it live.
    tab.locator("[data-streamfield-child]").nth(4).get_by_role("button", name="Delete").click()
    open_panel(tab, "status")
    tab.get_by_role("button", name="Set schedule").click()
    go_live = timezone.localtime() + datetime.timedelta(seconds=20)
    # The date picker and the form's redisplay keep whole minutes (a minute's wait); the form
    # reads seconds too, so the time goes into the field as pasted text, past the picker,
    # before each of the two saves.
    typed = go_live.strftime("%Y-%m-%d %H:%M:%S")

    def paste_go_live():
        tab.locator("#id_go_live_at").evaluate("(input, typed) => { input.value = typed; }", typed)

    paste_go_live()
    shot(tab, "6-schedule-dialog")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save schedule").click()
    article.refresh_from_db()
    assert article.get_latest_revision_as_object().go_live_at == go_live.replace(microsecond=0)
    assert tab.get_by_text("Once scheduled:").is_visible()
    paste_go_live()
    tab.locator(".w-dropdown-button").get_by_role("button", name="More actions").click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Schedule to publish").click()
    article.refresh_from_db()
    assert not article.live and article.status_string == "scheduled"
    assert article.get_latest_revision().approved_go_live_at == go_live.replace(microsecond=0)
    tab.goto(live_url + f"/admin/pages/{news.pk}/")
    shot(tab, "7-scheduled")
    while timezone.now() <= go_live:
        tab.wait_for_timeout(500)
    call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert article.live
    response = tab.goto(live_url + article.url)
    assert response.status == 200
    assert "Every block, written in the browser." in tab.content()
    shot(tab, "8-live")

    # 5. A demo mission page edited, then its first version restored from History.
    mission = MissionPage.objects.filter(locale=en_locale).live().first()
    original_title = mission.title
    tab.goto(live_url + f"/admin/pages/{mission.pk}/edit/")
    tab.fill("#id_title", original_title + " (edited)")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save draft").click()
    tab.goto(live_url + f"/admin/pages/{mission.pk}/history/")
    shot(tab, "9-mission-history")
    # The demo's first version: the oldest "Draft saved" row, its actions menu.
    tab.locator("tr", has_text="Draft saved").last.get_by_role("button", name="Actions").click()
    with tab.expect_navigation():
        tab.get_by_role("link", name="Review this version").click()
    assert tab.locator("#id_title").input_value() == original_title
    with tab.expect_navigation():
        tab.get_by_role("button", name="Replace current draft").click()
    assert mission.get_latest_revision_as_object().title == original_title
    shot(tab, "10-mission-restored")

    # 6. Unpublishing an English page offers to unpublish its Georgian version too; the
    # editor declines, and the Georgian page stays live.
    leaf = MissionPage.objects.filter(locale=en_locale, depth=4).live().first()
    georgian = leaf.get_translation(ka_locale)
    tab.goto(live_url + f"/admin/pages/{leaf.pk}/unpublish/")
    offer = tab.locator("[data-language-versions-offer]")
    assert georgian.title in offer.inner_text() and "Live" in offer.inner_text()
    offer.get_by_label("Also unpublish the version in the other language").uncheck()
    shot(tab, "11-unpublish-offer")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Yes, unpublish it").click()
    leaf.refresh_from_db()
    georgian.refresh_from_db()
    assert not leaf.live and georgian.live

    # 7. A document uploaded, then its file replaced: the old address still leads to it.
    tmp = Path(settings.MEDIA_ROOT) / "browser-upload"
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "report.pdf").write_bytes(b"%PDF-1.4 first")
    (tmp / "report-v2.pdf").write_bytes(b"%PDF-1.4 second")
    tab.goto(live_url + "/admin/documents/multiple/add/")
    tab.set_input_files("#fileupload", str(tmp / "report.pdf"))
    tab.locator(".status-msg.success, .success").first.wait_for()
    from wagtail.documents.models import Document

    document = Document.objects.order_by("-pk").first()
    old_url = document.url
    tab.goto(live_url + f"/admin/documents/edit/{document.pk}/")
    tab.set_input_files("#id_file", str(tmp / "report-v2.pdf"))
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save").first.click()
    shot(tab, "12-document-replaced")
    document.refresh_from_db()
    assert document.url != old_url
    response = tab.goto(live_url + old_url)
    assert response.status == 200 and response.url.endswith(document.url)

    # 8. A snippet: the footer list opens in English; the English footer is edited.
    tab.goto(live_url + "/admin/snippets/home/footer/")
    assert tab.url.endswith("?locale=en")
    shot(tab, "13-snippets-english")
    from home.models import Footer

    footer = Footer.objects.get(locale=en_locale)
    tab.goto(live_url + f"/admin/snippets/home/footer/edit/{footer.pk}/")
    tab.fill("#id_phone", "+995 32 200 00 00")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save").first.click()
    footer.refresh_from_db()
    assert footer.phone == "+995 32 200 00 00"
    shot(tab, "14-snippet-saved")
