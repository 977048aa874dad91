"""The translator's "Waiting for translation" and the moderator's "Waiting for review"
dashboard panels, the side-by-side review and the explorer's "English changed" mark
(translating/dashboard.py)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from home.models import MissionPage
from newsroom.models import NewsArticlePage
from translating import views
from translating.roles import EDITORS, MODERATORS, TRANSLATORS

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def translator(db):
    return make_user("panel-translator", TRANSLATORS)


@pytest.fixture
def moderator(db):
    return make_user("panel-moderator", MODERATORS)


@pytest.fixture
def en_article(en_locale):
    return NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)


def submit_for_translation(page, ka_locale, translated_titles=False):
    TranslationCreator(user=None, target_locales=[ka_locale]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key)
    if translated_titles:
        segment = translation.source.stringsegment_set.get(context__path="title")
        StringTranslation.objects.create(
            translation_of=segment.string,
            context=segment.context,
            locale=ka_locale,
            data="ახალი გვერდი",
            translation_type="manual",
        )
    return translation


def panel(html, panel_id):
    soup = BeautifulSoup(html, "html.parser")
    return soup.find(id=panel_id) or soup.find(attrs={"id": lambda v: v and panel_id in v})


def dashboard_rows(client, panel_id):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    found = panel(response.content.decode(), panel_id)
    assert found is not None, panel_id
    return {
        row.select_one("td.title a").get_text(strip=True): (
            row.select_one("td.title a")["href"],
            row.get_text(" ", strip=True),
        )
        for row in found.select("tbody tr")
    }


def test_translator_sees_new_started_and_out_of_date_work(
    client, translator, en_home, en_locale, ka_locale, en_article
):
    client.force_login(translator)
    assert dashboard_rows(client, "waiting-for-translation") == {}
    assert "Nothing is waiting for translation." in client.get("/admin/").content.decode()

    new_page = en_home.add_child(
        instance=MissionPage(title="Fresh page", slug="fresh", intro="Words.", locale=en_locale)
    )
    submit_for_translation(new_page, ka_locale)
    started = en_home.add_child(
        instance=MissionPage(title="Begun page", slug="begun", intro="Words.", locale=en_locale)
    )
    submit_for_translation(started, ka_locale, translated_titles=True)
    en_article.summary = "A changed lead."
    en_article.save_revision().publish()

    rows = dashboard_rows(client, "waiting-for-translation")
    fresh = new_page.get_translation(ka_locale)
    begun = started.get_translation(ka_locale)
    ka_article = en_article.get_translation(ka_locale)
    by_url = {href: text for href, text in rows.values()}
    edit = "/admin/pages/{}/edit/"
    assert "Not started: 3 strings" in by_url[edit.format(fresh.pk)]  # title, slug, intro
    # The translated title drafted the slug (translating/slugs.py).
    assert "2 of 3 strings done" in by_url[edit.format(begun.pk)]
    changed = by_url[edit.format(ka_article.pk)]
    assert "English changed on" in changed and "1 string to translate" in changed
    assert len(rows) == 3

    # Each links into the translation editor.
    response = client.get(edit.format(fresh.pk))
    assert response.status_code == 200 and b"js-translation-editor" in response.content


def test_pages_in_review_leave_the_translators_list(
    client, translator, en_home, en_locale, ka_locale
):
    page = en_home.add_child(
        instance=MissionPage(title="Reviewed page", slug="reviewed", intro="", locale=en_locale)
    )
    translation = submit_for_translation(page, ka_locale, translated_titles=True)
    client.force_login(translator)
    assert len(dashboard_rows(client, "waiting-for-translation")) == 1
    ka_page = page.get_translation(ka_locale).specific
    views.stage_draft(translation, translator)
    ka_page.get_workflow().start(ka_page, translator)
    assert dashboard_rows(client, "waiting-for-translation") == {}


def test_moderator_reviews_side_by_side_with_the_english_one_click_away(
    client, translator, moderator, en_article, ka_locale
):
    ka_article = en_article.get_translation(ka_locale).specific
    translation = views.translation_of(ka_article)
    views.stage_draft(translation, translator)
    ka_article.get_workflow().start(ka_article, translator)

    client.force_login(translator)
    assert "waiting-for-review" not in client.get("/admin/").content.decode()

    client.force_login(moderator)
    response = client.get("/admin/")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    review = soup.find(id="waiting-for-review") or panel(str(soup), "waiting-for-review")
    row = review.select_one("tbody tr")
    assert ka_article.title in row.get_text()
    links = {a.get_text(strip=True): a["href"] for a in row.select("a")}
    assert links["English source"] == en_article.url
    side_by_side = links["Side by side"]

    response = client.get(side_by_side)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    table = soup.select_one("table.translating-side-by-side")
    cells = [
        (row.select("td")[1].get_text(strip=True), row.select("td")[2].get_text(strip=True))
        for row in table.select("tbody tr")
    ]
    assert (en_article.summary, ka_article.summary) in cells
    assert any(a["href"] == en_article.url for a in soup.select(".translating-review-links a"))

    # Approve from there: the page goes live with the reviewed text.
    approve = next(
        form
        for form in soup.select(".translating-review-actions form")
        if form.button.get_text(strip=True) == "Approve"
    )
    response = client.post(approve["action"], {"next": "/admin/"})
    assert response.status_code == 302
    ka_article.refresh_from_db()
    assert not ka_article.workflow_in_progress


def test_side_by_side_needs_the_right_to_edit_the_georgian_page(client, en_article, ka_locale):
    translation = views.translation_of(en_article.get_translation(ka_locale))
    client.force_login(make_user("panel-editor", EDITORS))
    response = client.get(reverse("translating_side_by_side", args=[translation.pk]))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == "/admin/"


def test_explorer_marks_a_georgian_page_whose_english_changed(
    client, translator, en_article, ka_locale
):
    ka_article = en_article.get_translation(ka_locale)
    client.force_login(translator)
    listing = reverse("wagtailadmin_explore", args=[ka_article.get_parent().pk])

    def marked():
        soup = BeautifulSoup(client.get(listing).content.decode(), "html.parser")
        return [
            row.get_text(" ", strip=True)
            for row in soup.select("tr")
            if row.select_one(".translating-english-changed")
        ]

    assert marked() == []
    en_article.summary = "A changed lead."
    en_article.save_revision().publish()
    rows = marked()
    assert len(rows) == 1 and ka_article.title in rows[0]
    assert not any(Page.find_problems())
