"""Item 6 of the editor's day: the English editor sees the Georgian side, and moving, deleting
or unpublishing an English page offers to do the same to its Georgian version (both answers
tested, as the admin's forms post them)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import MissionPage
from newsroom.models import Topic
from translating.roles import EDITORS

from .editing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("versions-editor", EDITORS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("versions-admin", superuser=True))
    return client


def mission(slug, locale):
    return MissionPage.objects.get(slug=slug, locale=locale)


def test_status_panel_lists_the_georgian_version_for_an_english_editor(
    editor_client, editor, en_locale, ka_locale
):
    who = MissionPage.objects.filter(locale=en_locale, depth=3).order_by("path").first()
    georgian = who.get_translation(ka_locale)
    assert not georgian.permissions_for_user(editor).can_edit()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[who.pk])).content.decode()
    assert "No other translations" not in html
    assert "Also in one other language" in html
    assert "data-language-versions" in html
    assert georgian.title in html
    assert f'href="{georgian.url}"' in html
    assert "Live" in html


def test_status_panel_states_draft_and_in_review(editor_client, en_locale, ka_locale):
    who = MissionPage.objects.filter(locale=en_locale, depth=3).order_by("path").first()
    georgian = who.get_translation(ka_locale)
    georgian.unpublish()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[who.pk])).content.decode()
    assert "Draft, not live" in html
    translator = make_user("versions-translator", "Translators")
    georgian.refresh_from_db()
    from wagtail.models import Workflow

    Workflow.objects.get(name="Georgian review").start(georgian, translator)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[who.pk])).content.decode()
    assert "In review" in html


def test_snippet_status_panel_lists_the_georgian_topic(editor_client, en_locale):
    topic = Topic.objects.filter(locale=en_locale).first()
    url = reverse(topic.snippet_viewset.get_url_name("edit"), args=[topic.pk])
    html = editor_client.get(url).content.decode()
    assert "data-language-versions" in html
    assert topic.get_translation(Topic.objects.exclude(locale=en_locale).first().locale).name in (
        html
    )


def leaf(en_locale):
    """An English mission page without children, live, with a live Georgian version."""
    return next(
        page
        for page in MissionPage.objects.filter(locale=en_locale, depth=4).live().order_by("path")
        if page.is_leaf()
    )


def confirmation(editor_client, url):
    html = editor_client.get(url).content.decode()
    offer = html[html.index("data-language-versions-offer") :]
    return html, offer[: offer.index("</div>")]


def assert_offered(html, offer, georgian, action_url, state="Live"):
    assert f'action="{action_url}"' in html
    assert georgian.title in offer
    assert f"— <span data-state>{state}</span>" in offer
    assert 'name="also_translations" value="1" checked' in offer


@pytest.mark.parametrize("also", [True, False], ids=["also-georgian", "english-only"])
def test_moving_offers_to_move_the_georgian_version(editor_client, en_locale, ka_locale, also):
    pages = MissionPage.objects.filter(locale=en_locale, depth=3).order_by("path")
    who, work = pages[0], pages[1]
    child = who.get_children().first().specific
    ka_child = child.get_translation(ka_locale)
    ka_parent = ka_child.get_parent()
    wagtail_url = reverse("wagtailadmin_pages:move_confirm", args=[child.pk, work.pk])
    our_url = reverse("editor_status_move", args=[child.pk, work.pk])
    html, offer = confirmation(editor_client, wagtail_url)
    assert_offered(html, offer, ka_child, our_url)
    assert "Also move the version in the other language" in offer
    response = editor_client.post(our_url, {"also_translations": "1"} if also else {})
    assert response.status_code == 302
    child.refresh_from_db()
    ka_child.refresh_from_db()
    assert child.get_parent().pk == work.pk
    expected = work.get_translation(ka_locale) if also else ka_parent
    assert ka_child.get_parent().pk == expected.pk
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.parametrize("also", [True, False], ids=["also-georgian", "english-only"])
def test_unpublishing_offers_to_unpublish_the_georgian_version(
    editor_client, en_locale, ka_locale, also
):
    page = leaf(en_locale)
    georgian = page.get_translation(ka_locale)
    georgian.save_revision()  # unpublished changes: the offer names that state
    wagtail_url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
    our_url = reverse("editor_status_unpublish", args=[page.pk])
    html, offer = confirmation(editor_client, wagtail_url)
    assert_offered(html, offer, georgian, our_url, state="Live, with unpublished changes")
    assert "Also unpublish the version in the other language" in offer
    response = editor_client.post(our_url, {"also_translations": "1"} if also else {})
    assert response.status_code == 302
    page.refresh_from_db()
    georgian.refresh_from_db()
    assert not page.live
    assert georgian.live is not also


@pytest.mark.parametrize("also", [True, False], ids=["also-georgian", "english-only"])
def test_deleting_offers_to_delete_the_georgian_version(admin_client, en_locale, ka_locale, also):
    page = leaf(en_locale)
    georgian = page.get_translation(ka_locale)
    wagtail_url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    our_url = reverse("editor_status_delete", args=[page.pk])
    html, offer = confirmation(admin_client, wagtail_url)
    assert_offered(html, offer, georgian, our_url)
    assert "Also delete the version in the other language" in offer
    response = admin_client.post(our_url, {"also_translations": "1"} if also else {})
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
    assert Page.objects.filter(pk=georgian.pk).exists() is not also
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_post_to_wagtails_own_url_keeps_wagtails_behaviour(editor_client, en_locale, ka_locale):
    page = leaf(en_locale)
    georgian = page.get_translation(ka_locale)
    editor_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    georgian.refresh_from_db()
    assert not georgian.live


def test_a_georgian_page_offers_nothing(admin_client, en_locale, ka_locale):
    georgian = leaf(en_locale).get_translation(ka_locale)
    html = admin_client.get(reverse("wagtailadmin_pages:unpublish", args=[georgian.pk]))
    assert "data-language-versions-offer" not in html.content.decode()
