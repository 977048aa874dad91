"""The translator's path in a real browser: translate, submit for review, get approved.

Debian's Chromium driven by Playwright, against Django's LiveServerThread sharing this test's
database connection (so everything made here is rolled back with the test's transaction).
Skipped where /usr/bin/chromium or Playwright is missing.
"""

import json
import os
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.chromium import CHROMIUM
from newsroom.models import NewsArticlePage
from translating.roles import MODERATORS, TRANSLATORS

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"
PASSWORD = "browser-test-password"
NEW_SUMMARY = "ახალი შეჯამება ბრაუზერიდან"

pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's /usr/bin/chromium"),
]


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in(browser, live_url, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.goto(live_url + "/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.click("button[type=submit]")
    assert "/admin/login/" not in tab.url
    return tab


def settle(tab):
    """Let the browser's requests finish before the test touches the database itself: the
    live server shares this thread's SQLite connection, and two queries at once on it fail
    with "database table is locked"."""
    tab.wait_for_load_state("networkidle")


def fetch(url):
    """A plain HTTP GET (no browser, no session) against the live server."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def test_translator_translates_and_moderator_approves(live_url, browser, en_locale, ka_locale):
    make_user("browser-translator", TRANSLATORS)
    make_user("browser-moderator", MODERATORS)
    en_article = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    ka_article = en_article.get_translation(ka_locale)
    old_summary = ka_article.summary
    assert old_summary != NEW_SUMMARY
    ka_url = live_url + ka_article.url
    api_url = live_url + "/api/v2/pages/?type=newsroom.NewsArticlePage&locale=ka&fields=summary"

    # The translator opens the Georgian article: wagtail-localize's translation editor.
    tab = log_in(browser, live_url, "browser-translator")
    response = tab.goto(live_url + f"/admin/pages/{ka_article.pk}/edit/")
    assert response.status == 200
    summary = tab.locator("li", has=tab.locator("h3", has_text="Summary")).first
    summary.get_by_role("button", name="Edit").click()
    summary.locator("textarea").fill(NEW_SUMMARY)
    with tab.expect_response(lambda r: r.request.method == "PUT" and "/strings/" in r.url) as saved:
        summary.get_by_role("button", name="Save").click()
    assert saved.value.ok, saved.value.status
    tab.locator("p", has_text=NEW_SUMMARY).wait_for()
    # The translator has no publish action: the editor's footer offers no "Publish in ...".
    assert tab.locator("footer button[name=action][value=publish]").count() == 0
    assert tab.get_by_text("Publish in ").count() == 0

    # Saving a string does not reach readers.
    settle(tab)
    assert NEW_SUMMARY not in fetch(ka_url)[1]

    # "Submit translation for review", from the editor's own header.
    header = tab.locator("#w-slim-header-buttons")
    with tab.expect_navigation():
        header.get_by_role("link", name="Submit translation for review").click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Submit for review").click()
    assert "has been submitted for review" in tab.locator(".messages").inner_text()
    settle(tab)
    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert page.workflow_in_progress
    assert page.summary == old_summary
    assert NEW_SUMMARY not in fetch(ka_url)[1]

    # The translator may not edit (or publish) English pages.
    response = tab.goto(live_url + f"/admin/pages/{en_article.pk}/edit/")
    edit_path = f"/admin/pages/{en_article.pk}/edit/"
    assert response.status == 403 or not tab.url.endswith(edit_path), tab.url
    if response.status != 403:
        assert "you do not have permission" in tab.locator(".messages").inner_text()
    assert tab.locator("textarea, input[name=title]").count() == 0
    settle(tab)

    # The moderator approves from the dashboard's "Awaiting your review" panel.
    mod = log_in(browser, live_url, "browser-moderator")
    mod.goto(live_url + "/admin/")
    row = mod.locator("tr", has_text=ka_article.title)
    row.get_by_role("button", name="Actions").click()
    approve = mod.get_by_role("button", name="Approve", exact=True)
    assert f"/workflow/action/{ka_article.pk}/approve/" in approve.get_attribute(
        "data-workflow-action-url"
    )
    with mod.expect_navigation():
        approve.click()
    # Back on the dashboard, nothing awaits review any more.
    assert mod.locator("tr", has_text=ka_article.title).count() == 0
    settle(mod)
    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert not page.workflow_in_progress
    assert page.live and page.summary == NEW_SUMMARY

    # Live for readers, on the site and in the API.
    status, html = fetch(ka_url)
    assert status == 200 and NEW_SUMMARY in html and old_summary not in html
    status, body = fetch(api_url + "&limit=100")
    assert status == 200
    items = {item["id"]: item for item in json.loads(body)["items"]}
    assert items[ka_article.pk]["summary"] == NEW_SUMMARY

    # Nothing was committed: the test's transaction is still open.
    from django.db import connection

    assert connection.in_atomic_block
