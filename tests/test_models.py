"""Content-model rules: where pages may be created, and what a translator sees."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.fields import (
    SynchronizedField,
    TranslatableField,
    get_translatable_fields,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from home.models import Footer, HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage, Topic

pytestmark = pytest.mark.django_db

GCM_SLUG = "un-engages-georgian-civil-society-on-global-compact-for-migration"
DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


@pytest.fixture
def en_news_index(en_home):
    return NewsIndexPage.objects.child_of(en_home).get()


@pytest.fixture
def en_mission_page(en_home):
    return MissionPage.objects.child_of(en_home).get(slug="who-we-are")


@pytest.fixture
def en_article(en_locale):
    return NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)


# Where pages may be created -------------------------------------------------------------


class TestPageCreationRules:
    def test_article_only_under_news_index(self, en_home, en_news_index, en_mission_page):
        assert NewsArticlePage.allowed_parent_page_models() == [NewsIndexPage]
        assert NewsArticlePage.can_create_at(en_news_index)
        assert not NewsArticlePage.can_create_at(en_home)
        assert not NewsArticlePage.can_create_at(en_mission_page)

    def test_article_has_no_children(self, en_article):
        assert NewsArticlePage.allowed_subpage_models() == []
        assert not MissionPage.can_create_at(en_article)
        assert not NewsArticlePage.can_create_at(en_article)

    def test_mission_page_under_home_or_mission_page(
        self, en_home, en_news_index, en_mission_page, en_article
    ):
        assert set(MissionPage.allowed_parent_page_models()) == {HomePage, MissionPage}
        assert MissionPage.can_create_at(en_home)
        assert MissionPage.can_create_at(en_mission_page)
        assert not MissionPage.can_create_at(en_news_index)
        assert not MissionPage.can_create_at(Page.get_first_root_node())

    def test_news_index_only_under_home_page(self, en_mission_page):
        assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
        assert not NewsIndexPage.can_create_at(en_mission_page)
        assert not NewsIndexPage.can_create_at(Page.get_first_root_node())

    @pytest.mark.parametrize("home", ["en_home", "ka_home"])
    def test_at_most_one_news_index_per_home_page(self, request, home):
        home = request.getfixturevalue(home)
        # The demo content gives each home page its newsroom already.
        assert NewsIndexPage.objects.child_of(home).count() == 1
        assert not NewsIndexPage.can_create_at(home)

        NewsIndexPage.objects.child_of(home).get().delete()
        assert NewsIndexPage.can_create_at(home)

    def test_no_more_home_pages_than_locales(self):
        root = Page.get_first_root_node()
        assert HomePage.objects.count() == Locale.objects.count() == 2
        assert not HomePage.can_create_at(root)

        Locale.objects.create(language_code="fr")
        assert HomePage.can_create_at(root)

    def test_home_page_only_at_the_root(self, en_home, en_mission_page):
        Locale.objects.create(language_code="fr")  # room for one more home page
        assert HomePage.can_create_at(Page.get_first_root_node())
        assert not HomePage.can_create_at(en_home)
        assert not HomePage.can_create_at(en_mission_page)

    def test_home_page_clean_rejects_a_second_home_page_in_a_locale(self, en_locale):
        french = Locale.objects.create(language_code="fr")
        second_home = Page.get_first_root_node().add_child(
            instance=HomePage(title="OIM Géorgie", slug="accueil", hero_title="OIM", locale=french)
        )
        second_home.clean()  # the only home page in its locale: fine

        second_home.locale = en_locale
        with translation.override("en"), pytest.raises(ValidationError) as error:
            second_home.clean()
        assert error.value.messages == ["This language already has a home page."]

    @pytest.mark.parametrize("home", ["en_home", "ka_home"])
    def test_home_page_clean_accepts_the_existing_home_page(self, request, home):
        request.getfixturevalue(home).clean()


# What is synchronised and what is translated --------------------------------------------


def field_kinds(model):
    return {field.field_name: type(field) for field in get_translatable_fields(model)}


@pytest.mark.parametrize(
    ("model", "synchronised", "translated"),
    [
        (
            NewsArticlePage,
            ["date", "featured_image"],
            ["title", "summary", "body", "dateline", "featured_image_alt", "article_topics"],
        ),
        (MissionPage, ["hero_image"], ["title", "intro", "hero_image_alt", "body"]),
        (HomePage, [], ["title", "hero_title", "intro", "body"]),
        (NewsIndexPage, [], ["title", "intro"]),
        (Topic, ["slug"], ["name"]),
        (
            Footer,
            ["phone", "email", "facebook_url", "x_url", "youtube_url"],
            ["organisation", "address"],
        ),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_synchronised_and_translated_fields(model, synchronised, translated):
    kinds = field_kinds(model)
    for name in synchronised:
        assert kinds.get(name) is SynchronizedField, f"{model.__name__}.{name} is {kinds.get(name)}"
    for name in translated:
        assert kinds.get(name) is TranslatableField, f"{model.__name__}.{name} is {kinds.get(name)}"


# What a translator sees ------------------------------------------------------------------


def string_segments(instance):
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def segment_texts(instance):
    return [segment.render_text() for segment in string_segments(instance)]


def assert_no_contact_data_or_urls(segments):
    for segment in segments:
        data = segment.string.data
        digits = re.sub(r"\D", "", data)
        assert "436603776404" not in digits, f"phone number in {segment!r}"
        assert "@" not in data, f"email address in {segment!r}"
        assert not re.search(r"https?://|www\.|linktype|href", data), f"URL in {segment!r}"
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", data), f"date in {segment!r}"
        assert segment.path.rsplit(".", 1)[-1] not in {"phone", "email", "url", "date"}


class TestDemoArticleSegments:
    def test_quotes_are_segments(self, en_article):
        texts = segment_texts(en_article)
        assert "Renate Held" in texts
        assert "IOM Regional Director, joining by video-link from Vienna" in texts
        assert (
            "Migration in the South Caucasus and the Black Sea region is a complex and dynamic "
            "phenomenon." in texts
        )
        assert "Vladimer Konstantinidi" in texts
        assert "Deputy Minister of Foreign Affairs of Georgia" in texts

    def test_contact_name_and_office_are_segments(self, en_article):
        texts = segment_texts(en_article)
        assert "Joe Lowry" in texts
        assert (
            "IOM's Regional Office for South-Eastern Europe, Eastern Europe and Central Asia"
            in texts
        )

    def test_image_caption_and_alt_text_are_segments(self, en_article):
        paths = {s.path.rsplit(".", 1)[-1]: s.render_text() for s in string_segments(en_article)}
        assert paths["caption"] == "The two-day conference was held online."
        assert paths["alt_text"] == "Abstract illustration: blue waves meeting a white horizon"
        assert paths["featured_image_alt"] == paths["alt_text"]

    def test_dateline_summary_and_title_are_segments(self, en_article):
        by_path = {s.path: s.render_text() for s in string_segments(en_article)}
        assert by_path["dateline"] == "Tbilisi"
        assert by_path["title"] == en_article.title
        assert by_path["summary"] == en_article.summary

    def test_contact_details_and_date_are_not_segments(self, en_article):
        # The values are really there, so their absence from the segments means something.
        contact = next(block.value for block in en_article.body if block.block_type == "contact")
        assert contact["phone"] == "+436603776404"
        assert contact["email"] == "jlowry@iom.int"

        segments = string_segments(en_article)
        assert segments
        assert_no_contact_data_or_urls(segments)
        assert all(segment.path != "date" for segment in extract_segments(en_article))

    @pytest.mark.parametrize("slug", [GCM_SLUG, DIASPORA_SLUG])
    def test_every_demo_article_is_clean(self, en_locale, slug):
        article = NewsArticlePage.objects.get(locale=en_locale, slug=slug)
        segments = string_segments(article)
        texts = [s.render_text() for s in segments]
        assert article.dateline in texts
        assert article.featured_image_alt in texts
        assert_no_contact_data_or_urls(segments)

    def test_rich_text_links_are_not_part_of_the_text(self, en_mission_page):
        segments = string_segments(en_mission_page)
        linked = [s for s in segments if "about IOM in Georgia" in s.render_text()]
        assert len(linked) == 1
        assert '<a id="a1">about IOM in Georgia</a>' in linked[0].string.data
        assert_no_contact_data_or_urls(segments)


def test_urls_and_embeds_in_blocks_are_not_segments(en_locale):
    page = MissionPage(
        title="Take action",
        slug="take-action-test",
        locale=en_locale,
        body=[
            {
                "type": "call_to_action",
                "id": str(uuid.uuid4()),
                "value": {
                    "title": "Get involved",
                    "text": "Support migrants.",
                    "button_label": "Find out how",
                    "page": None,
                    "url": "https://www.iom.int/get-involved",
                },
            },
            {
                "type": "embed",
                "id": str(uuid.uuid4()),
                "value": "https://www.youtube.com/watch?v=abc123",
            },
        ],
    )
    segments = string_segments(page)
    texts = [s.render_text() for s in segments]
    assert {"Get involved", "Support migrants.", "Find out how"} <= set(texts)
    assert_no_contact_data_or_urls(segments)


def test_footer_phone_email_and_links_are_not_segments(en_locale):
    footer = Footer(
        organisation="IOM Georgia",
        address="Tbilisi, Georgia",
        phone="+43 660 3776404",
        email="tbilisi@iom.int",
        facebook_url="https://www.facebook.com/IOM",
        locale=en_locale,
    )
    segments = string_segments(footer)
    assert [s.render_text() for s in segments] == ["IOM Georgia", "Tbilisi, Georgia"]
    assert_no_contact_data_or_urls(segments)
