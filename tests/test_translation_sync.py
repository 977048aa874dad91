"""Publishing an English page refreshes its Georgian translation's source, keeps the work
already done, flags what changed, and leaves the live Georgian page alone."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from home.models import Footer
from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"
NEW_SUMMARY = "A new lead paragraph that nobody has translated yet."
NEW_PARAGRAPH = "<p>A brand new closing paragraph.</p>"


@pytest.fixture
def en_article(en_locale):
    return NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)


def source_of(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)


def segments_with_translations(source, locale):
    """{(context path, English text): Georgian text or None} for the source's segments."""
    result = {}
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        translation = StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context, locale=locale
        ).first()
        result[(segment.context.path, segment.string.data)] = (
            translation.data if translation else None
        )
    return result


def edit_and_publish(page):
    page.summary = NEW_SUMMARY
    body = list(page.body.raw_data)
    body.append({"type": "paragraph", "value": NEW_PARAGRAPH, "id": "11111111-2222-3333"})
    page.body = body
    page.save_revision().publish()


def test_publishing_english_keeps_unchanged_translations_and_flags_changes(en_article, ka_locale):
    source = source_of(en_article)
    before = segments_with_translations(source, ka_locale)
    assert before and all(text is not None for text in before.values())
    old_summary = en_article.summary
    ka_article = en_article.get_translation(ka_locale).specific
    live_georgian = (ka_article.summary, ka_article.title, list(ka_article.body.raw_data))
    updated_before = source.last_updated_at

    edit_and_publish(en_article)

    source.refresh_from_db()
    assert source.last_updated_at > updated_before
    after = segments_with_translations(source, ka_locale)
    # Every segment whose English did not change keeps its Georgian.
    unchanged = {key: text for key, text in before.items() if key != ("summary", old_summary)}
    for key, text in unchanged.items():
        assert after[key] == text, key
    # The changed and the new strings have no translation yet.
    assert ("summary", old_summary) not in after
    assert after[("summary", NEW_SUMMARY)] is None
    new_body = [key for key in after if key[1] == "A brand new closing paragraph."]
    assert len(new_body) == 1 and after[new_body[0]] is None
    assert len(after) == len(before) + 1

    # The live Georgian page still shows its last reviewed text.
    ka_article = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert (ka_article.summary, ka_article.title, list(ka_article.body.raw_data)) == live_georgian
    assert ka_article.live
    assert not any(Page.find_problems())


def test_publishing_without_changes_leaves_the_source_alone(en_article):
    source = source_of(en_article)
    updated_before = source.last_updated_at
    en_article.save_revision().publish()
    source.refresh_from_db()
    assert source.last_updated_at == updated_before


def test_georgian_publish_does_not_touch_the_english_source(en_article, ka_locale):
    source = source_of(en_article)
    updated_before = source.last_updated_at
    ka_article = en_article.get_translation(ka_locale)
    ka_article.save_revision().publish()
    source.refresh_from_db()
    assert source.last_updated_at == updated_before


def test_saving_an_english_snippet_refreshes_its_source(en_locale, ka_locale):
    from newsroom.models import Topic

    topic = Topic.objects.filter(locale=en_locale).first()
    source = TranslationSource.objects.get(object_id=topic.translation_key, locale=en_locale)
    topic.name = "A renamed topic"
    topic.save()
    source.refresh_from_db()
    assert "A renamed topic" in segments_with_translations_keys(source)
    # The Georgian topic keeps its name until the translation is published again.
    assert topic.get_translation(ka_locale).name != "A renamed topic"


def segments_with_translations_keys(source):
    return set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


@pytest.fixture
def footers(en_locale, ka_locale):
    """The English footer, and its Georgian translation as it was before the test."""
    english = Footer.objects.get(locale=en_locale)
    return english, english.get_translation(ka_locale)


def test_a_new_footer_phone_reaches_the_georgian_footer_at_once(footers, ka_locale):
    """Synchronised fields of a fully translated snippet follow the English at once; the
    Georgian text stays Georgian."""
    footer, georgian_before = footers
    footer.phone = "+995 32 200 00 00"
    footer.email = "tbilisi@iom.int"
    footer.save()

    georgian = footer.get_translation(ka_locale)
    assert (georgian.phone, georgian.email) == ("+995 32 200 00 00", "tbilisi@iom.int")
    assert (georgian.organisation, georgian.address) == (
        georgian_before.organisation,
        georgian_before.address,
    )
    assert georgian.organisation != footer.organisation


def test_a_changed_text_holds_the_georgian_snippet_until_it_is_translated(footers, ka_locale):
    footer, georgian_before = footers
    footer.address = "1 New Street, Tbilisi"
    footer.phone = "+995 32 200 00 00"
    footer.save()

    georgian = footer.get_translation(ka_locale)
    # Never English dressed as Georgian: the old Georgian stays, phone included, until the
    # translator translates the new address and saves.
    assert georgian.address == georgian_before.address != "1 New Street, Tbilisi"
    assert georgian.phone == georgian_before.phone
