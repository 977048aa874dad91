"""Item 1 of the editor's day: a page previews while it is new and unsaved, with every block
and with its optional fields empty, through Wagtail's own preview view (POST the form, then
GET the rendered page), and a saved page's preview shows its draft."""

import re

import pytest
from django.urls import reverse

from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage

from .editing import make_user, page_form_data, unreachable_embeds

pytestmark = pytest.mark.django_db

# A new home page exists only when a language is added (one per language, HomePage.clean), so
# the home page is previewed as an edit of the existing one, with the same form data.
NEW_PAGE_TYPES = [MissionPage, NewsIndexPage, NewsArticlePage]


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("preview-admin", superuser=True))
    return client


@pytest.fixture(autouse=True)
def no_embed_provider():
    with unreachable_embeds():
        yield


def parent_for(model, en_home):
    if model is NewsArticlePage:
        return NewsIndexPage.objects.get(locale=en_home.locale)
    return en_home


def preview_new(client, model, parent, data):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    posted = client.post(url, data)
    assert posted.status_code == 200
    assert posted.json() == {"is_valid": True, "is_available": True}, posted.content
    return client.get(url, {"mode": ""})


@pytest.mark.parametrize("full", [True, False], ids=["every-block", "required-only"])
@pytest.mark.parametrize("model", NEW_PAGE_TYPES, ids=lambda m: m.__name__)
def test_a_new_unsaved_page_previews(admin_client, en_home, model, full):
    link_target = MissionPage.objects.filter(locale=en_home.locale).first()
    data = page_form_data(model, link_target, full=full)
    response = preview_new(admin_client, model, parent_for(model, en_home), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"New {model._meta.model_name}" in html
    assert "<main" in html
    if full and model is MissionPage:
        assert "A bad heading" in html and "IOM in numbers" in html and "Find out how" in html
    if full and model is NewsArticlePage:
        assert "Joe Lowry" in html and "We rethink the way we operate." in html
        # The topic chosen in the unsaved form shows, though no row links it yet.
        assert 'class="topics"' in html


@pytest.mark.parametrize("full", [True, False], ids=["every-block", "required-only"])
def test_the_home_page_previews_every_block_and_empty_fields(admin_client, en_home, full):
    link_target = MissionPage.objects.filter(locale=en_home.locale).first()
    data = page_form_data(HomePage, link_target, full=full, slug=en_home.slug)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[en_home.pk])
    posted = admin_client.post(url, data)
    assert posted.json()["is_valid"] is True, posted.content
    response = admin_client.get(url, {"mode": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Welcome" in html
    if full:
        assert "IOM in numbers" in html and "Find out how" in html and "Latest news" in html


def test_a_saved_page_previews_its_draft(admin_client, en_home):
    article = NewsArticlePage.objects.filter(locale=en_home.locale).live().first()
    link_target = MissionPage.objects.filter(locale=en_home.locale).first()
    data = page_form_data(
        NewsArticlePage, link_target, title="A changed draft title", slug=article.slug
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    posted = admin_client.post(url, data)
    assert posted.json()["is_valid"] is True, posted.content
    response = admin_client.get(url, {"mode": ""})
    assert response.status_code == 200
    assert "A changed draft title" in response.content.decode()


PREVIEW_SIZES = {"mobile": "375", "tablet": "768", "desktop": "1280"}


@pytest.mark.parametrize("model", [HomePage, *NEW_PAGE_TYPES], ids=lambda m: m.__name__)
def test_the_preview_panel_offers_mobile_tablet_and_desktop(admin_client, en_home, model):
    """Wagtail's own preview sizes (PreviewableMixin.preview_sizes) on every page type: each
    falls in another layout of the site's CSS (narrow below 40rem, middle, wide from 64rem);
    tests/test_editor_browser.py renders the article in each."""
    page = model.objects.filter(locale=en_home.locale).first()
    assert [size["name"] for size in page.preview_sizes] == list(PREVIEW_SIZES)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    offered = dict(
        re.findall(r'name="preview-size"\s+value="(\w+)".*?data-device-width="(\d+)"', html, re.S)
    )
    assert offered == PREVIEW_SIZES
    assert 'aria-label="Preview in new tab"' in html
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert f'href="{preview_url}?mode="' in html
