"""v3's page detail for anonymous readers (headless/v3.py `detail_view`): the same answer as
Wagtail's own view, in fewer queries; everything else still goes to Wagtail's view."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from wagtail.models import APIToken, Page

from config.api import v3_urls
from headless.v3 import wagtail_view
from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db


def wagtails_answer(rf, url, page_id):
    request = rf.get(url)
    request.user = AnonymousUser()
    return wagtail_view(v3_urls, "detail_page")(request, page_id=str(page_id))


@pytest.mark.parametrize("query", ["", "?rich_text_format=markdown", "?version=live"])
def test_every_live_page_reads_as_wagtails_own_view_reads_it(client, rf, query):
    pages = Page.objects.live().filter(depth__gt=1).order_by("pk")
    assert pages.filter(locale__language_code="ka").exists()
    for page in pages:
        url = f"/api/v3/pages/{page.pk}/{query}"
        ours, theirs = client.get(url), wagtails_answer(rf, url, page.pk)
        assert (ours.status_code, ours["Content-Type"]) == (200, theirs["Content-Type"])
        assert ours.content == theirs.content, page


def test_an_unknown_or_unpublished_page_is_a_404(client):
    article = NewsArticlePage.objects.live().first()
    article.unpublish()
    for page_id in (article.pk, 999999):
        response = client.get(f"/api/v3/pages/{page_id}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_a_token_holder_still_reads_the_draft_through_wagtails_view(client):
    article = NewsArticlePage.objects.live().first()
    live_title = article.title
    article.title = "A draft title"
    article.save_revision()
    editor = get_user_model().objects.create_superuser("draft-reader", "d@example.com", "x")
    _token, plaintext = APIToken.create_token(user=editor, name="drafts")
    url = f"/api/v3/pages/{article.pk}/"
    draft = client.get(f"{url}?version=draft", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert draft.json()["title"] == "A draft title"
    assert client.get(f"{url}?version=draft").json()["title"] == live_title
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {plaintext}").json()["title"] == live_title


def test_a_bad_parameter_is_still_a_400_naming_it(client):
    article = NewsArticlePage.objects.live().first()
    response = client.get(f"/api/v3/pages/{article.pk}/?rich_text_format=nonsense")
    assert response.status_code == 400
    assert "rich_text_format" in str(response.json())


@pytest.mark.parametrize("language", ["en", "ka"])
def test_meta_parent_is_the_public_parent_and_none_above_a_home_page(client, language):
    """v2 answers a site root's parent without a query (headless/v2.py); v3 keeps Wagtail's
    meta.parent, which names the tree's root."""
    article = NewsArticlePage.objects.live().filter(locale__language_code=language).first()
    home = article.get_parent().get_parent()
    assert client.get(f"/api/v2/pages/{article.pk}/").json()["meta"]["parent"]["id"] == (
        article.get_parent().pk
    )
    assert client.get(f"/api/v2/pages/{home.pk}/").json()["meta"]["parent"] is None
    assert client.get(f"/api/v3/pages/{home.pk}/").json()["meta"]["parent"]["id"] == (
        home.get_parent().pk
    )


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_meta_parent_is_the_summary_wagtail_makes_of_the_whole_parent(client, version):
    """meta.parent is read from a few columns of the parent (PARENT_SUMMARY_COLUMNS): the
    same id, title, type and URLs as Wagtail's serializers give from the whole parent row,
    for every page of the demo."""
    parents = 0
    for page in Page.objects.live().filter(depth__gte=2).specific():
        shown = client.get(f"/api/{version}/pages/{page.pk}/").json()["meta"]["parent"]
        if shown is None:  # v2: a site's root page
            continue
        parent = page.get_parent()
        assert shown["id"] == parent.pk and shown["title"] == parent.title
        assert shown["meta"]["type"] == parent.specific_class._meta.label
        assert shown["meta"]["html_url"] == parent.full_url
        parents += 1
    assert parents > 10


def test_georgian_reads_as_utf8_from_our_detail_and_from_wagtails_views(client):
    """Every v3 answer is UTF-8 JSON, as v2's: a Georgian letter is three bytes, not a
    six-byte `\\u10..` escape (ninja's default), whichever view answers."""
    article = NewsArticlePage.objects.live().filter(locale__language_code="ka").first()
    editor = get_user_model().objects.create_superuser("utf8-reader", "u@example.com", "x")
    _token, plaintext = APIToken.create_token(user=editor, name="utf8")
    url = f"/api/v3/pages/{article.pk}/"
    anonymous = client.get(url)  # our detail_view
    with_token = client.get(url, HTTP_AUTHORIZATION=f"Bearer {plaintext}")  # Wagtail's view
    for response in (anonymous, with_token):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert article.title.encode() in response.content
        assert b"\\u10" not in response.content
        assert response.json()["title"] == article.title
