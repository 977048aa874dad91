"""A changed English sentence starts from its old Georgian translation, marked "English
changed: check", and counts as unfinished until a person accepts or edits it
(translating/changed.py)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from newsroom.models import NewsArticlePage
from translating import changed, status
from translating.roles import TRANSLATORS

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


@pytest.fixture
def en_article(en_locale):
    return NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)


@pytest.fixture
def ka_translation(en_article, ka_locale):
    return Translation.objects.get(
        source__object_id=en_article.translation_key, target_locale=ka_locale
    )


def translation_of_summary(en_article, ka_locale):
    segment = StringSegment.objects.get(
        source__object_id=en_article.translation_key, context__path="summary"
    )
    return segment, StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=ka_locale
    ).first()


def change_summary(page, text):
    page.summary = text
    page.save_revision().publish()


def test_a_changed_sentence_is_offered_its_old_translation_as_a_draft_to_check(
    en_article, ka_locale, ka_translation
):
    old_english = en_article.summary
    _, old_georgian = translation_of_summary(en_article, ka_locale)
    assert old_georgian is not None and not old_georgian.has_error
    total, done = ka_translation.get_progress()
    assert done == total

    change_summary(en_article, old_english.replace("IOM", "The IOM", 1) + " (updated)")

    segment, draft = translation_of_summary(en_article, ka_locale)
    assert segment.string.data != old_english
    # The old Georgian is there as a draft, with the old English beside the new one.
    assert draft.data == old_georgian.data
    assert draft.has_error
    assert draft.field_error.startswith(changed.MARK) or draft.field_error.startswith(
        "ინგლისური შეიცვალა"
    )
    assert old_english in draft.field_error
    # Until someone accepts it, it is unfinished everywhere.
    total_after, done_after = ka_translation.get_progress()
    assert (total_after, done_after) == (total, total - 1)
    assert changed.changed_drafts(ka_translation) == 1
    row = status.status_of(en_article, ka_locale)
    assert row.state == status.OUT_OF_DATE and row.total - row.translated == 1
    # The page's Georgian version does not use it.
    preview = ka_translation.source.get_ephemeral_translated_instance(ka_locale, fallback=True)
    assert preview.summary != old_georgian.data


def test_the_note_is_in_the_translators_language(en_article, ka_locale):
    change_summary(en_article, en_article.summary.replace("pandemic", "crisis"))
    _, draft = translation_of_summary(en_article, ka_locale)
    with django_translation.override("ka"):
        georgian_mark = django_translation.gettext(changed.MARK)
    assert georgian_mark != changed.MARK
    assert draft.field_error.startswith(georgian_mark)


def put_string(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(
        url, data=encode_multipart("BoUnDaRy", {"value": value}), content_type=MULTIPART_CONTENT
    )


def test_the_editor_shows_it_and_a_translator_accepts_it(
    client, en_article, ka_locale, ka_translation
):
    change_summary(en_article, en_article.summary + " Now with one more clause.")
    segment, draft = translation_of_summary(en_article, ka_locale)
    translator = get_user_model().objects.create_user("changed-translator", "t@example.org", "x")
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(translator)

    ka_page = en_article.get_translation(ka_locale)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[ka_page.pk]))
    props = json.loads(
        response.content.decode()
        .split('data-props="')[1]
        .split('"')[0]
        .replace("&quot;", '"')
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x27;", "'")
    )
    shown = [s for s in props["initialStringTranslations"] if s["segment_id"] == segment.pk]
    assert len(shown) == 1
    assert shown[0]["data"] == draft.data
    assert shown[0]["error"] == draft.field_error

    response = put_string(client, ka_translation, segment, draft.data)  # accepted as it is
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert not draft.has_error and draft.field_error == ""
    total, done = ka_translation.get_progress()
    assert done == total
    assert changed.changed_drafts(ka_translation) == 0


def test_a_new_sentence_gets_nothing_and_unchanged_ones_keep_theirs(en_article, ka_locale):
    before = {
        segment.pk: segment.string_id
        for segment in StringSegment.objects.filter(source__object_id=en_article.translation_key)
    }
    body = list(en_article.body.raw_data)
    body.insert(0, {"type": "paragraph", "value": "<p>An opening line.</p>", "id": "new-first"})
    en_article.body = body
    en_article.save_revision().publish()
    new = StringTranslation.objects.filter(
        translation_of__data="An opening line.", locale=ka_locale
    )
    assert not new.exists()
    # Inserting a block shifted no old translation onto another sentence.
    assert (
        StringTranslation.objects.filter(
            locale=ka_locale, has_error=True, context__object_id=en_article.translation_key
        ).count()
        == 0
    )
    assert before


def test_a_rewritten_sentence_is_new_and_gets_no_old_translation(en_article, ka_locale):
    change_summary(en_article, "Nothing of the old lead is left in this one.")
    _, translation = translation_of_summary(en_article, ka_locale)
    assert translation is None


def test_pairs_follow_the_text_not_the_position():
    texts = {
        10: "First sentence.",
        11: "The director said the conference was a success.",
        12: "Last sentence.",
        21: "The director said that the conference was a great success.",
        30: "A sentence nobody wrote before, about something else entirely.",
    }
    # 11 changed into 21, and 30 was inserted before it.
    assert list(changed.replaced_strings({1: [10, 11, 12]}, {1: [10, 30, 21, 12]}, texts)) == [
        (1, 11, 21)
    ]
    # Same length: paired in order.
    assert list(changed.replaced_strings({1: [10, 11]}, {1: [10, 21]}, texts)) == [(1, 11, 21)]
    # Only added: nothing to offer.
    assert list(changed.replaced_strings({1: [10, 11]}, {1: [10, 11, 12]}, texts)) == []
    # Replaced by something unlike it, among additions: nothing offered.
    assert list(changed.replaced_strings({1: [11]}, {1: [30, 12]}, texts)) == []


def test_sync_translated_pages_offers_them_too(client, en_article, ka_locale, ka_translation):
    """The manual "Sync translated pages" refresh (not only the sync on publish)."""
    en_article.summary = en_article.summary + " Saved without publishing."
    en_article.save_revision()  # a draft: no sync on publish
    source = ka_translation.source
    admin = get_user_model().objects.create_superuser("changed-admin", "a@example.org", "x")
    client.force_login(admin)
    # Sync reads the live English page: publish it quietly first, outside the signal.
    from wagtail.signals import page_published

    from translating import signals

    page_published.disconnect(signals.sync_translations_on_publish)
    try:
        en_article.get_latest_revision().publish()
    finally:
        page_published.connect(signals.sync_translations_on_publish)
    response = client.post(
        reverse("translating_update_translations", args=[source.pk]), {"locales": []}
    )
    assert response.status_code == 302, response.content[:500]
    _, draft = translation_of_summary(en_article, ka_locale)
    assert draft is not None and draft.has_error
