"""The demo site that `load_demo_content` builds (loaded once per session in conftest)."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import Footer, HomePage, MissionPage
from newsroom.models import ArticleTopic, NewsArticlePage, NewsIndexPage, Topic

pytestmark = pytest.mark.django_db

GEORGIAN_LETTER = re.compile("[\u10d0-\u10ff]")
GCM_SLUG = "un-engages-georgian-civil-society-on-global-compact-for-migration"
DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"

COUNTED_MODELS = [
    Page,
    Revision,
    get_image_model(),
    Topic,
    Footer,
    ArticleTopic,
    TranslationSource,
    Translation,
    StringTranslation,
]


def is_georgian(text):
    return bool(GEORGIAN_LETTER.search(text or ""))


def tree(locale):
    """The shape of a locale's tree: depth, page type and translation key, in tree order."""
    home = HomePage.objects.get(locale=locale)
    return [
        (page.depth, page.content_type_id, page.translation_key)
        for page in home.get_descendants(inclusive=True).order_by("path")
    ]


def blocks_of(article, block_type):
    return [block.value for block in article.body if block.block_type == block_type]


@pytest.fixture
def ka_pages(ka_locale):
    return list(Page.objects.filter(locale=ka_locale, depth__gt=1).specific().order_by("path"))


def test_the_demo_site_is_there(en_locale, ka_locale):
    for locale in (en_locale, ka_locale):
        assert HomePage.objects.filter(locale=locale).count() == 1
        assert MissionPage.objects.filter(locale=locale).count() == 8
        assert NewsIndexPage.objects.filter(locale=locale).count() == 1
        assert NewsArticlePage.objects.filter(locale=locale).count() == 2
        assert Topic.objects.filter(locale=locale).count() == 4
        assert Footer.objects.filter(locale=locale).count() == 1
    assert not Page.objects.filter(live=False).exists()


def test_loading_again_changes_nothing():
    before = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    assert all(before.values()), before

    call_command("load_demo_content", stdout=StringIO())

    after = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    assert after == before


def test_page_tree_has_no_problems():
    problems = Page.find_problems()
    assert [list(found) for found in problems] == [[] for _ in problems]


def test_both_locales_have_the_same_tree_shape(en_locale, ka_locale):
    english, georgian = tree(en_locale), tree(ka_locale)
    assert len(english) == 12
    assert georgian == english


def test_every_georgian_page_is_a_wagtail_localize_translation(ka_locale, ka_pages):
    assert len(ka_pages) == 12
    for page in ka_pages:
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=ka_locale
        ).exists(), f"{page.url_path} was not made through wagtail-localize"


def test_every_georgian_page_has_a_georgian_title(ka_pages):
    for page in ka_pages:
        assert is_georgian(page.title), page.title


@pytest.mark.parametrize("model", [Topic, Footer])
def test_snippets_are_translated(model, en_locale, ka_locale):
    names = []
    for english in model.objects.filter(locale=en_locale):
        georgian = english.get_translation(ka_locale)
        assert Translation.objects.filter(
            source__object_id=english.translation_key, target_locale=ka_locale
        ).exists()
        names.append(str(georgian))
    # Some names are the same in both languages ("COVID-19"), but not all of them.
    assert any(is_georgian(name) for name in names), names


class TestDemoArticles:
    @pytest.fixture
    def articles(self, en_locale, ka_locale):
        """{(language code, slug of the English article): article}"""
        result = {}
        for english in NewsArticlePage.objects.filter(locale=en_locale):
            result["en", english.slug] = english
            result["ka", english.slug] = english.get_translation(ka_locale).specific
        return result

    @pytest.mark.parametrize("language", ["en", "ka"])
    def test_dates(self, articles, language):
        assert articles[language, GCM_SLUG].date == datetime.date(2021, 3, 16)
        diaspora = articles[language, DIASPORA_SLUG].date
        assert (diaspora.year, diaspora.month) in {(2020, 11), (2020, 12)}

    def test_featured_image_and_alt_text_in_both_languages(self, articles):
        for slug in (GCM_SLUG, DIASPORA_SLUG):
            english, georgian = articles["en", slug], articles["ka", slug]
            assert english.featured_image is not None
            assert georgian.featured_image_id == english.featured_image_id  # synchronised
            assert english.featured_image_alt and not is_georgian(english.featured_image_alt)
            assert is_georgian(georgian.featured_image_alt), georgian.featured_image_alt

    def test_quotes_have_attributions(self, articles):
        for (language, slug), article in articles.items():
            quotes = blocks_of(article, "quote")
            assert quotes, f"no quote in {language} {slug}"
            for quote in quotes:
                assert quote["text"] and quote["attribution"], quote
                if language == "ka":
                    assert is_georgian(quote["text"]), quote["text"]

    @pytest.mark.parametrize("language", ["en", "ka"])
    def test_diaspora_article_has_a_press_contact(self, articles, language):
        (contact,) = blocks_of(articles[language, DIASPORA_SLUG], "contact")
        assert contact["name"] and contact["office"]
        assert contact["phone"] == "+436603776404"
        assert contact["email"] == "jlowry@iom.int"
        assert is_georgian(contact["office"]) == (language == "ka")

    def test_georgian_articles_link_to_georgian_topics(self, articles, ka_locale):
        for slug in (GCM_SLUG, DIASPORA_SLUG):
            english, georgian = articles["en", slug], articles["ka", slug]
            english_topics = [topic.slug for topic in english.topics()]
            assert english_topics
            assert [topic.slug for topic in georgian.topics()] == english_topics
            assert all(topic.locale_id == ka_locale.pk for topic in georgian.topics())


def test_every_georgian_page_answers(client, ka_pages):
    for page in ka_pages:
        assert page.url.startswith("/ka/"), page.url
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answered {response.status_code}"
