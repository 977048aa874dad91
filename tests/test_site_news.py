"""The public newsroom: filters, pagination, related articles and RSS feeds."""

import datetime

import feedparser
import pytest
from django.utils import translation
from wagtail.models import Locale

from newsroom.models import ArticleTopic, NewsArticlePage, NewsIndexPage, Topic

pytestmark = pytest.mark.django_db

GCM_SLUG = "un-engages-georgian-civil-society-on-global-compact-for-migration"
DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


def news_index(code):
    return NewsIndexPage.objects.get(locale__language_code=code)


def article(code, slug):
    english = NewsArticlePage.objects.get(locale__language_code="en", slug=slug)
    return english.get_translation(Locale.objects.get(language_code=code))


def add_article(index, title, date, topics=(), live=True):
    page = index.add_child(
        instance=NewsArticlePage(
            title=title, date=date, summary=f"Summary of {title}", body=[], live=live
        )
    )
    for topic in topics:
        ArticleTopic.objects.create(article=page, topic=topic, locale=index.locale)
    return page


class TestNewsIndexFilters:
    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_lists_topic_and_year_links(self, client, code):
        index = news_index(code)
        response = client.get(index.url)
        html = response.content.decode()
        assert response.status_code == 200
        for topic in Topic.objects.filter(locale__language_code=code):
            assert f'href="?topic={topic.slug}"' in html
            assert topic.name in html
        assert 'href="?year=2021"' in html and 'href="?year=2020"' in html

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_topic_filter(self, client, code):
        index = news_index(code)
        diaspora = article(code, DIASPORA_SLUG)
        gcm = article(code, GCM_SLUG)
        response = client.get(index.url, {"topic": "diaspora"})
        assert response.status_code == 200
        assert list(response.context["articles"]) == [diaspora]
        assert response.context["current_topic"].locale.language_code == code
        response = client.get(index.url, {"topic": "migration-governance"})
        assert list(response.context["articles"]) == [gcm, diaspora]

    def test_year_filter(self, client):
        index = news_index("ka")
        response = client.get(index.url, {"year": "2021"})
        assert [a.slug for a in response.context["articles"]] == [article("ka", GCM_SLUG).slug]
        response = client.get(index.url, {"year": "2020", "topic": "civil-society"})
        assert list(response.context["articles"]) == []
        with translation.override("ka"):
            assert translation.gettext("No articles match these filters.") in (
                response.content.decode()
            )

    def test_unknown_topic_is_404_in_the_readers_language(self, client):
        response = client.get(news_index("ka").url, {"topic": "no-such-topic"})
        assert response.status_code == 404
        assert '<html lang="ka"' in response.content.decode()

    def test_english_topic_slug_only_matches_its_own_locale(self, client):
        # A topic that exists only in English is unknown to the Georgian newsroom.
        Topic.objects.create(
            name="Only English", slug="only-english", locale=news_index("en").locale
        )
        assert client.get(news_index("en").url, {"topic": "only-english"}).status_code == 200
        assert client.get(news_index("ka").url, {"topic": "only-english"}).status_code == 404

    @pytest.mark.parametrize(
        "params",
        [
            {"year": "abc"},
            {"year": "99999999999999999999"},
            {"year": "٢٠٢١"},
            {"year": "-1"},
            {"page": "x"},
            {"page": "9999"},
            {"topic": "x" * 5000},
            {"topic": "<script>"},
        ],
    )
    def test_bad_values_give_a_normal_page(self, client, params):
        response = client.get(news_index("en").url, params)
        assert response.status_code in (200, 404)
        assert '<html lang="en"' in response.content.decode()
        if "year" in params:
            assert response.status_code == 200
            assert "That is not a year" in response.content.decode()
            assert len(response.context["articles"]) == 2

    def test_pagination_keeps_the_filters(self, client):
        index = news_index("en")
        governance = Topic.objects.get(locale=index.locale, slug="migration-governance")
        for day in range(1, 12):
            add_article(index, f"Story {day}", datetime.date(2021, 1, day), [governance])
        response = client.get(index.url, {"topic": "migration-governance", "year": "2021"})
        articles = response.context["articles"]
        assert articles.paginator.count == 12  # 11 new stories and the GCM article
        assert len(articles) == 10
        html = response.content.decode()
        assert 'href="?topic=migration-governance&amp;year=2021&amp;page=2"' in html
        page2 = client.get(index.url, {"topic": "migration-governance", "year": "2021", "page": 2})
        assert [a.title for a in page2.context["articles"]] == ["Story 2", "Story 1"]


class TestRelatedArticles:
    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_related_share_a_topic_same_locale(self, client, code):
        gcm, diaspora = article(code, GCM_SLUG), article(code, DIASPORA_SLUG)
        assert list(gcm.related_articles()) == [diaspora]
        response = client.get(gcm.url)
        html = response.content.decode()
        assert f'href="{diaspora.url}"' in html
        assert 'id="related-heading"' in html

    def test_drafts_and_unrelated_are_left_out(self):
        index = news_index("en")
        covid = Topic.objects.get(locale=index.locale, slug="covid-19")
        civil = Topic.objects.get(locale=index.locale, slug="civil-society")
        draft = add_article(index, "Draft", datetime.date(2022, 1, 1), [covid], live=False)
        unrelated = add_article(index, "Unrelated", datetime.date(2022, 1, 2))
        newer = add_article(index, "Newer", datetime.date(2022, 1, 3), [civil])
        diaspora = article("en", DIASPORA_SLUG)
        related = list(diaspora.related_articles())
        assert draft not in related and unrelated not in related and diaspora not in related
        assert related == [article("en", GCM_SLUG)]
        assert list(article("en", GCM_SLUG).related_articles()) == [newer, diaspora]


class TestFeeds:
    def parse(self, client, url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        return feed

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_feed_per_locale(self, client, code):
        feed = self.parse(client, f"/{code}/feeds/news/")
        assert feed.feed.language == code
        expected = [article(code, GCM_SLUG), article(code, DIASPORA_SLUG)]
        assert [entry.title for entry in feed.entries] == [a.title for a in expected]
        assert [entry.link for entry in feed.entries] == [
            f"http://testserver{a.url}" for a in expected
        ]
        assert feed.entries[0].published_parsed[:3] == (2021, 3, 16)

    def test_georgian_feed_has_georgian_titles(self, client):
        feed = self.parse(client, "/ka/feeds/news/")
        assert feed.feed.title == f"IOM საქართველო – {news_index('ka').title}"
        assert any("\u10d0" <= ch <= "\u10ff" for ch in feed.feed.title)
        for entry in feed.entries:
            assert any("\u10d0" <= ch <= "\u10ff" for ch in entry.title), entry.title
            assert entry.link.startswith("http://testserver/ka/")

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_feed_per_topic(self, client, code):
        feed = self.parse(client, f"/{code}/feeds/news/diaspora/")
        assert [entry.title for entry in feed.entries] == [article(code, DIASPORA_SLUG).title]
        topic = Topic.objects.get(locale__language_code=code, slug="diaspora")
        assert topic.name in feed.feed.title
        assert feed.feed.link.endswith("?topic=diaspora")

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_each_item_names_its_articles_topics_in_the_editors_order(self, client, code):
        feed = self.parse(client, f"/{code}/feeds/news/")
        expected = [article(code, GCM_SLUG), article(code, DIASPORA_SLUG)]
        categories = [[tag.term for tag in entry.get("tags", [])] for entry in feed.entries]
        assert categories == [[topic.name for topic in a.topics()] for a in expected]
        assert all(categories)

    def test_unknown_topic_feed_is_404(self, client):
        assert client.get("/en/feeds/news/no-such-topic/").status_code == 404

    def test_feed_leaves_out_drafts(self, client):
        add_article(news_index("en"), "Secret draft", datetime.date(2030, 1, 1), live=False)
        feed = self.parse(client, "/en/feeds/news/")
        assert "Secret draft" not in [entry.title for entry in feed.entries]

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_pages_link_to_their_feeds(self, client, code):
        html = client.get(article(code, GCM_SLUG).url).content.decode()
        assert (
            '<link rel="alternate" type="application/rss+xml" title="' in html
            and f'href="/{code}/feeds/news/"' in html
        )
        html = client.get(news_index(code).url, {"topic": "diaspora"}).content.decode()
        assert f'href="/{code}/feeds/news/diaspora/"' in html
