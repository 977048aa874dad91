"""Submitting English content for translation into Georgian, through wagtail-localize's own
admin views: a page, a page with its subtree, a snippet; related topics come along; nothing
reaches Georgian readers before it is translated and approved."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from newsroom.models import NewsArticlePage, NewsIndexPage, Topic
from translating.roles import EDITORS, TRANSLATORS

from .factories import MissionPageFactory, NewsArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[EDITORS, TRANSLATORS])
def submitter(request, client):
    user = get_user_model().objects.create_user(f"submitter-{request.param}", "s@example.org")
    user.groups.add(Group.objects.get(name=request.param))
    client.force_login(user)
    return user


def has_georgian_translation(instance, ka_locale):
    return Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale=ka_locale, enabled=True
    ).exists()


@pytest.fixture
def submit_page(client, ka_locale, django_capture_on_commit_callbacks):
    def submit(page, **data):
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        # wagtail-localize publishes on commit: run those callbacks, as a real request would.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"locales": [ka_locale.pk], **data})
        assert response.status_code == 302, response.content[:2000]
        return response

    return submit


def georgian_readers_see(client, page_title):
    listing = client.get("/api/v2/pages/?locale=ka&limit=100").json()["items"]
    menu = client.get("/ka/").content.decode()
    return any(item["title"] == page_title for item in listing) or page_title in menu


def test_a_page_and_its_subtree(client, submitter, submit_page, en_home, ka_locale):
    section = MissionPageFactory(parent=en_home, title="Who We Help", show_in_menus=True)
    child = MissionPageFactory(parent=section, title="Returnees")

    submit_page(section, include_subtree="on")

    for english in (section, child):
        assert has_georgian_translation(english, ka_locale), english.title
        georgian = english.get_translation(ka_locale)
        # A draft to translate, not a page for readers (README, "Fallback for readers").
        assert not georgian.live
        assert georgian.alias_of_id is None
    assert not georgian_readers_see(client, "Who We Help")
    assert not georgian_readers_see(client, "Returnees")


def test_a_page_under_an_untranslated_section_brings_its_section_along_as_a_draft(
    client, submitter, submit_page, en_home, ka_locale
):
    """wagtail-localize would copy the untranslated section as a live alias: English text at
    a Georgian address (translating/submission.py)."""
    section = MissionPageFactory(parent=en_home, title="Untranslated section")
    child = MissionPageFactory(parent=section, title="Page submitted alone")

    submit_page(child)

    for english in (section, child):
        assert has_georgian_translation(english, ka_locale), english.title
        georgian = english.get_translation(ka_locale)
        assert not georgian.live, f"{english.title} is live in Georgian"
        assert georgian.alias_of_id is None
    assert not georgian_readers_see(client, "Untranslated section")
    assert client.get("/api/v2/pages/?locale=ka&search=Untranslated").json()["items"] == []


def test_an_article_brings_its_new_topic_along(
    client, submitter, submit_page, en_locale, ka_locale
):
    topic = TopicFactory(name="Climate mobility", slug="climate-mobility", locale=en_locale)
    newsroom = NewsIndexPage.objects.get(locale=en_locale)
    article = NewsArticlePageFactory(parent=newsroom, title="Climate and migration", topics=[topic])

    submit_page(article)

    assert has_georgian_translation(article, ka_locale)
    assert has_georgian_translation(topic, ka_locale)
    georgian_topic = topic.get_translation(ka_locale)
    georgian_article = NewsArticlePage.objects.get(pk=article.get_translation(ka_locale).pk)
    assert [link.topic_id for link in georgian_article.article_topics.all()] == [georgian_topic.pk]


def test_a_snippet(client, submitter, en_locale, ka_locale):
    topic = TopicFactory(name="Labour migration", slug="labour-migration", locale=en_locale)
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["newsroom", "topic", topic.pk]
    )
    response = client.post(url, {"locales": [ka_locale.pk]})
    assert response.status_code == 302
    assert has_georgian_translation(topic, ka_locale)
    assert Topic.objects.filter(translation_key=topic.translation_key, locale=ka_locale).exists()


def test_sync_never_publishes_georgian_pages(client, submitter, ka_locale, en_locale):
    """wagtail-localize's "Sync translated pages" offers "Publish immediately": past review,
    with English for every string not yet translated. Here it only updates."""
    english = NewsArticlePage.objects.filter(locale=en_locale).first()
    georgian = english.get_translation(ka_locale)
    live_revision = georgian.live_revision_id
    english.summary = "A new English summary, not translated yet."
    english.save_revision().publish()
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=en_locale)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    form = client.get(url).content.decode()
    assert 'name="publish_translations"' not in form
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302

    georgian.refresh_from_db()
    assert georgian.live_revision_id == live_revision
    assert "A new English summary" not in client.get(georgian.url).content.decode()


def translate_everything(translation, text="ქართული ტექსტი"):
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "manual"},
        )


def test_an_article_waits_for_its_topics_georgian_name(
    client, en_locale, ka_locale, submit_page, django_capture_on_commit_callbacks
):
    """A Georgian article would show an untranslated topic's English name."""
    translator = get_user_model().objects.create_user("topic-translator", "t@example.org")
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(translator)
    topic = TopicFactory(name="Climate mobility", slug="climate-mobility", locale=en_locale)
    newsroom = NewsIndexPage.objects.get(locale=en_locale)
    article = NewsArticlePageFactory(parent=newsroom, title="Climate and migration", topics=[topic])
    submit_page(article)
    article_translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=ka_locale
    )
    translate_everything(article_translation)
    review_url = reverse("translating_submit_for_review", args=[article_translation.pk])

    form = client.get(review_url).content.decode()
    assert "Climate mobility" in form and 'type="submit"' not in form.split("nice-padding")[1]
    client.post(review_url)
    georgian = NewsArticlePage.objects.get(pk=article.get_translation(ka_locale).pk)
    assert not georgian.workflow_in_progress

    topic_translation = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=ka_locale
    )
    translate_everything(topic_translation, "კლიმატური მობილობა")
    with django_capture_on_commit_callbacks(execute=True):
        topic_translation.save_target(publish=True)
    client.post(review_url)
    georgian = NewsArticlePage.objects.get(pk=georgian.pk)
    assert georgian.workflow_in_progress
