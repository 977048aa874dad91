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

from .editing import make_user, unreachable_embeds

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


@pytest.mark.slow
def test_the_editors_day(live_url, browser, en_locale, ka_locale):
    """Preview unsaved, save, preview saved, schedule and see it go live, edit a mission page
    and revert it, upload and replace a document, edit a snippet."""
    make_user("browser-day", superuser=True)
    tab = log_in(browser, live_url, "browser-day")
    news = NewsIndexPage.objects.get(locale=en_locale)

    # 1. A new article, previewed before it is ever saved.
    tab.goto(live_url + f"/admin/pages/add/newsroom/newsarticlepage/{news.pk}/")
    tab.fill("#id_title", "The editor's day")
    tab.fill("#id_summary", "Written, previewed, scheduled and published in one go.")
    shot(tab, "1-new-article")
    tab.click('[data-side-panel-toggle="preview"]')
    preview = tab.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text="The editor's day").wait_for()
    shot(tab, "2-preview-unsaved")

    # 2. Saved as a draft, then previewed from the saved draft.
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save draft").click()
    article = NewsArticlePage.objects.get(title="The editor's day")
    assert not article.live
    tab.goto(live_url + f"/admin/pages/{article.pk}/view_draft/")
    assert "Written, previewed, scheduled and published in one go." in tab.content()
    shot(tab, "3-preview-saved")

    # 3. Scheduled a minute ahead; the scheduler runs after that minute; it is live.
    go_live = timezone.now() + datetime.timedelta(minutes=1)
    draft = article.get_latest_revision_as_object()
    draft.body = [("paragraph", RichText("<p>The body of the story.</p>"))]
    draft.go_live_at = go_live
    draft.save_revision().publish()
    article.refresh_from_db()
    assert not article.live and article.status_string == "scheduled"
    tab.goto(live_url + f"/admin/pages/{news.pk}/")
    shot(tab, "4-scheduled")
    for revision in article.revisions.filter(approved_go_live_at__isnull=False):
        passed = timezone.now() - datetime.timedelta(seconds=5)
        revision.approved_go_live_at = passed
        revision.content["go_live_at"] = passed.isoformat()
        revision.save()
    call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert article.live
    response = tab.goto(live_url + article.url)
    assert response.status == 200
    shot(tab, "5-live")

    # 4. A mission page edited, then reverted to its previous revision.
    mission = MissionPage.objects.filter(locale=en_locale).live().first()
    mission.save_revision()  # the demo's pages start with one revision: give it a history
    original_title = mission.title
    tab.goto(live_url + f"/admin/pages/{mission.pk}/edit/")
    tab.fill("#id_title", original_title + " (edited)")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save draft").click()
    tab.goto(live_url + f"/admin/pages/{mission.pk}/history/")
    shot(tab, "6-mission-history")
    first = mission.revisions.order_by("created_at", "pk").first()
    tab.goto(live_url + f"/admin/pages/{mission.pk}/revisions/{first.pk}/revert/")
    assert tab.locator("#id_title").input_value() == original_title
    with tab.expect_navigation():
        tab.get_by_role("button", name="Replace current draft").click()
    assert mission.get_latest_revision_as_object().title == original_title
    shot(tab, "7-mission-reverted")

    # 5. A document uploaded, then its file replaced: the old address still leads to it.
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
    shot(tab, "8-document-replaced")
    document.refresh_from_db()
    assert document.url != old_url
    response = tab.goto(live_url + old_url)
    assert response.status == 200 and response.url.endswith(document.url)

    # 6. A snippet: the footer list opens in English; the English footer is edited.
    tab.goto(live_url + "/admin/snippets/home/footer/")
    assert tab.url.endswith("?locale=en")
    shot(tab, "9-snippets-english")
    from home.models import Footer

    footer = Footer.objects.get(locale=en_locale)
    tab.goto(live_url + f"/admin/snippets/home/footer/edit/{footer.pk}/")
    tab.fill("#id_phone", "+995 32 200 00 00")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save").first.click()
    footer.refresh_from_db()
    assert footer.phone == "+995 32 200 00 00"
    shot(tab, "10-snippet-saved")
