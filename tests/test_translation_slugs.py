"""Georgian slugs through wagtail-localize (translating/slugs.py, DESIGN.md pitfall 3): drafted
from the translated title, typed in Georgian, romanized by default or kept as Unicode."""

from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from config.settings.base import env_choice

from .factories import MissionPageFactory

pytestmark = pytest.mark.django_db

GEORGIAN_TITLE = "ვის ვეხმარებით"
GEORGIAN_INTRO = "მიგრანტებს, დაბრუნებულებს და მასპინძელ თემებს."


@pytest.fixture
def english_page(en_home):
    return MissionPageFactory(
        parent=en_home, title="Who We Help", slug="who-we-help", intro="Migrants and others."
    )


@pytest.fixture
def translation(english_page, ka_locale):
    """What the admin's "Translate" action makes: a source and a Georgian translation."""
    source, _ = TranslationSource.get_or_create_from_instance(english_page)
    return Translation.objects.create(source=source, target_locale=ka_locale)


def segment(translation, path):
    return StringSegment.objects.select_related("string", "context").get(
        source=translation.source, context__path=path
    )


def translate(translation, path, text):
    """Save a string as the translation editor does."""
    seg = segment(translation, path)
    string_translation, _ = StringTranslation.objects.update_or_create(
        translation_of=seg.string,
        locale=translation.target_locale,
        context=seg.context,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )
    return string_translation


def slug_translation(translation):
    seg = segment(translation, "slug")
    return StringTranslation.objects.filter(
        translation_of=seg.string, locale=translation.target_locale, context=seg.context
    ).first()


def test_the_slug_is_drafted_from_the_georgian_title(translation):
    assert slug_translation(translation) is None
    translate(translation, "title", GEORGIAN_TITLE)
    drafted = slug_translation(translation)
    assert drafted.data == "vis-vekhmarebit"
    assert drafted.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL


def publish(translation, on_commit):
    # wagtail-localize publishes on commit; the test's transaction never commits.
    with on_commit(execute=True):
        translation.save_target(publish=True)
    return translation.get_target_instance()


def test_a_translated_page_is_published_at_its_romanized_slug(
    client, translation, ka_home, django_capture_on_commit_callbacks
):
    translate(translation, "title", GEORGIAN_TITLE)
    translate(translation, "intro", GEORGIAN_INTRO)
    page = publish(translation, django_capture_on_commit_callbacks)
    assert page.slug == "vis-vekhmarebit"
    assert page.url == "/ka/vis-vekhmarebit/"
    response = client.get(page.url)
    assert response.status_code == 200
    assert GEORGIAN_TITLE in response.content.decode()


def test_a_slug_typed_in_georgian_is_romanized(translation):
    translate(translation, "title", GEORGIAN_TITLE)
    translate(translation, "slug", "ჩვენი მიზნობრივი ჯგუფები")
    assert slug_translation(translation).data == "chveni-miznobrivi-jgupebi"


def test_a_slug_the_translator_chose_is_kept_when_the_title_changes(translation):
    translate(translation, "slug", "vis-vexmarebit")
    translate(translation, "title", GEORGIAN_TITLE)
    translate(translation, "title", "ვის ვუწევთ დახმარებას")
    assert slug_translation(translation).data == "vis-vexmarebit"


@override_settings(GEORGIAN_SLUGS="unicode")
def test_unicode_slugs_keep_georgian_letters_and_answer_raw_and_encoded(
    client, translation, ka_home, django_capture_on_commit_callbacks
):
    translate(translation, "title", GEORGIAN_TITLE)
    translate(translation, "intro", GEORGIAN_INTRO)
    assert slug_translation(translation).data == "ვის-ვეხმარებით"
    translate(translation, "slug", "ჩვენი ჯგუფები")
    assert slug_translation(translation).data == "ჩვენი-ჯგუფები"
    # wagtail-localize's own slugify would strip the letters here, and Wagtail would then
    # fall back to the title's slug (pitfall 3).
    page = publish(translation, django_capture_on_commit_callbacks)
    assert page.slug == "ჩვენი-ჯგუფები"
    for url in (f"/ka/{page.slug}/", f"/ka/{quote(page.slug)}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert GEORGIAN_TITLE in response.content.decode()
    found = client.get("/api/v2/pages/find/", {"html_path": f"/ka/{page.slug}/"})
    assert found.status_code == 200
    assert found.json()["id"] == page.pk


def test_the_slug_style_setting_is_checked(monkeypatch):
    monkeypatch.setenv("GEORGIAN_SLUGS", "cyrillic")
    with pytest.raises(ImproperlyConfigured, match="GEORGIAN_SLUGS"):
        env_choice("GEORGIAN_SLUGS", "latin", ("latin", "unicode"))
    monkeypatch.setenv("GEORGIAN_SLUGS", "unicode")
    assert env_choice("GEORGIAN_SLUGS", "latin", ("latin", "unicode")) == "unicode"
