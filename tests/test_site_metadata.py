"""What every public page tells search engines and social networks (home/seo.py): description,
canonical, Open Graph, Twitter card and schema.org JSON-LD, validated against JSON Schemas that
hold the properties Google's rich results require; titles; filtered and paged listings."""

import datetime
import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
from django.contrib.staticfiles import finders
from django.utils import translation
from PIL import Image
from wagtail.models import Locale, Page

from home.models import MissionPage
from home.seo import cut_at_word
from newsroom.models import ArticleTopic, NewsArticlePage, NewsIndexPage, Topic

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z))?$"
ABSOLUTE = {"type": "string", "pattern": r"^https?://[^/]+/"}
LOGO = {
    "type": "object",
    "required": ["@type", "url"],
    "properties": {"@type": {"const": "ImageObject"}, "url": ABSOLUTE},
}
# Google's rich-result rules, as JSON Schema: NewsArticle (article rich result: headline of at
# most 110 characters, an image, ISO 8601 dates, an author and publisher with a name),
# Organization (logo), WebSite with a SearchAction (sitelinks search box) and BreadcrumbList
# (every item: position, name and an absolute URL).
SCHEMAS = {
    "NewsArticle": {
        "type": "object",
        "required": [
            "headline",
            "image",
            "datePublished",
            "dateModified",
            "inLanguage",
            "author",
            "publisher",
            "mainEntityOfPage",
        ],
        "properties": {
            "headline": {"type": "string", "minLength": 1, "maxLength": 110},
            "image": {"type": "array", "minItems": 1, "items": ABSOLUTE},
            "datePublished": {"type": "string", "pattern": ISO_DATE},
            "dateModified": {"type": "string", "pattern": ISO_DATE},
            "inLanguage": {"enum": ["en", "ka"]},
            "author": {
                "type": "object",
                "required": ["@type", "name"],
                "properties": {"@type": {"enum": ["Organization", "Person"]}},
            },
            "publisher": {
                "type": "object",
                "required": ["@type", "name", "logo"],
                "properties": {"@type": {"const": "Organization"}, "logo": LOGO},
            },
            "mainEntityOfPage": ABSOLUTE,
        },
    },
    "Organization": {
        "type": "object",
        "required": ["name", "url", "logo"],
        "properties": {"url": ABSOLUTE, "logo": LOGO},
    },
    "WebSite": {
        "type": "object",
        "required": ["name", "url", "potentialAction"],
        "properties": {
            "url": ABSOLUTE,
            "potentialAction": {
                "type": "object",
                "required": ["@type", "target", "query-input"],
                "properties": {
                    "@type": {"const": "SearchAction"},
                    "target": {
                        "type": "object",
                        "required": ["urlTemplate"],
                        "properties": {
                            "urlTemplate": {
                                "type": "string",
                                "pattern": r"^https?://.+\{search_term_string\}",
                            }
                        },
                    },
                    "query-input": {"const": "required name=search_term_string"},
                },
            },
        },
    },
    "BreadcrumbList": {
        "type": "object",
        "required": ["itemListElement"],
        "properties": {
            "itemListElement": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "required": ["@type", "position", "name", "item"],
                    "properties": {
                        "@type": {"const": "ListItem"},
                        "position": {"type": "integer", "minimum": 1},
                        "name": {"type": "string", "minLength": 1},
                        "item": ABSOLUTE,
                    },
                },
            }
        },
    },
}


class Head(HTMLParser):
    """The <head>'s meta and link tags, <title> and JSON-LD scripts of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title = [], [], [], ""
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag
            if tag == "script":
                self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld[-1] += data

    def values(self, key):
        name = "property" if key.startswith(("og:", "article:")) else "name"
        return [m["content"] for m in self.meta if m.get(name) == key]

    def one(self, key):
        (value,) = self.values(key)
        return value

    def canonical(self):
        (link,) = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        return link

    def items(self):
        """The JSON-LD items by @type, each validated against its schema."""
        found = {}
        for text in self.json_ld:
            document = json.loads(text)
            assert document["@context"] == "https://schema.org"
            for item in document["@graph"]:
                jsonschema.validate(item, SCHEMAS[item["@type"]])
                found[item["@type"]] = item
        return found


def head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return Head(response.content.decode())


def absolute(url):
    return f"http://testserver{url}"


def article(code, slug=DIASPORA_SLUG):
    english = NewsArticlePage.objects.get(locale__language_code="en", slug=slug)
    return english.get_translation(Locale.objects.get(language_code=code)).specific


def mission(code, slug="who-we-are"):
    english = MissionPage.objects.get(locale__language_code="en", slug=slug)
    return english.get_translation(Locale.objects.get(language_code=code)).specific


def news_index(code):
    return NewsIndexPage.objects.get(locale__language_code=code)


class TestEveryPage:
    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_description_canonical_open_graph_twitter_and_json_ld(self, client, code):
        pages = Page.objects.live().public().filter(locale__language_code=code, depth__gt=1)
        assert pages.count() >= 8
        for page in pages.specific():
            tags = head(client, page.url)
            description = tags.one("description")
            assert 20 <= len(description) <= 160, (page.url, description)
            assert tags.canonical() == absolute(page.url)
            assert tags.one("og:url") == absolute(page.url)
            assert tags.one("og:description") == description
            assert tags.one("og:title") in tags.title
            assert tags.one("og:type") in ("website", "article")
            assert tags.one("og:image").startswith("http://testserver/")
            assert (tags.one("og:image:width"), tags.one("og:image:height")) == ("1200", "630")
            assert tags.one("og:image:alt")
            assert tags.one("twitter:card") == "summary_large_image"
            assert tags.values("robots") == []
            items = tags.items()
            if page.depth > 2:
                crumbs = items["BreadcrumbList"]["itemListElement"]
                assert crumbs[0]["item"] == absolute(f"/{code}/")
                assert crumbs[-1] == {
                    "@type": "ListItem",
                    "position": len(crumbs),
                    "name": page.title,
                    "item": absolute(page.url),
                }

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_home_page_organization_website_and_single_site_name(self, client, code):
        tags = head(client, f"/{code}/")
        with translation.override(code):
            site_name = translation.gettext("IOM Georgia")
        assert tags.title == site_name  # not "IOM Georgia | IOM Georgia"
        items = tags.items()
        assert set(items) == {"Organization", "WebSite"}
        assert items["WebSite"]["inLanguage"] == code
        assert items["WebSite"]["potentialAction"]["target"]["urlTemplate"] == (
            absolute(f"/{code}/search/") + "?q={search_term_string}"
        )
        assert items["Organization"]["name"] == site_name

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_other_pages_end_with_the_site_name_once(self, client, code):
        page = mission(code)
        with translation.override(code):
            site_name = translation.gettext("IOM Georgia")
        assert head(client, page.url).title == f"{page.title} | {site_name}"


class TestArticles:
    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_open_graph_article_and_news_article(self, client, code):
        page = article(code)
        tags = head(client, page.url)
        topics = page.topic_list
        assert tags.one("og:type") == "article"
        assert tags.one("article:published_time") == page.date.isoformat()
        assert tags.one("article:section") == topics[0].name
        assert tags.one("og:image:alt") == page.featured_image_alt
        news = tags.items()["NewsArticle"]
        assert news["headline"] == page.title
        assert news["inLanguage"] == code
        assert news["datePublished"] == page.date.isoformat()
        assert news["dateModified"] >= news["datePublished"]
        assert news["image"] == [tags.one("og:image")]
        assert "fill-1200x630" in news["image"][0] or ".fill-1200x630" in news["image"][0]
        assert news["articleSection"] == topics[0].name
        assert news["mainEntityOfPage"] == absolute(page.url)

    def test_description_is_the_summary_cut_at_a_word_unless_a_search_description_is_set(
        self, client
    ):
        page = article("en")
        assert head(client, page.url).one("description") == cut_at_word(page.summary)
        page.search_description = "What the search engines should show."
        page.save_revision().publish()
        assert head(client, page.url).one("description") == page.search_description

    def test_cut_at_word(self):
        text = "Migration " * 30
        cut = cut_at_word(text, 40)
        assert cut.endswith("Migration…") and len(cut) <= 40
        assert cut_at_word("  Short\n text ") == "Short text"
        assert cut_at_word("ა" * 200, 20) == "ა" * 19 + "…"

    def test_json_ld_cannot_close_its_script(self, client):
        page = article("en")
        page.title = "</script><script>alert(1)</script>"
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert json.loads(script)["@graph"][0]["headline"] == page.title

    def test_a_page_without_a_picture_shares_the_site_picture(self, client):
        page = mission("en", "take-action")
        assert page.hero_image is None
        tags = head(client, page.url)
        assert tags.one("og:image").endswith(".png")
        assert tags.one("og:image") == "http://testserver/static/img/share-default.png"
        with Image.open(finders.find("img/share-default.png")) as picture:
            assert picture.size == (1200, 630)


def add_articles(index, count, topic):
    for day in range(1, count + 1):
        page = index.add_child(
            instance=NewsArticlePage(
                title=f"Story {day}",
                date=datetime.date(2020, 3, day),
                summary=f"Summary of story {day}",
                body=[],
            )
        )
        ArticleTopic.objects.create(article=page, topic=topic, locale=index.locale)


class TestListings:
    def test_unfiltered_index_is_its_own_canonical(self, client):
        index = news_index("en")
        tags = head(client, index.url)
        assert tags.canonical() == absolute(index.url)
        assert tags.values("robots") == []
        assert tags.title == f"{index.title} | IOM Georgia"

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_filtered_pages_are_noindex_with_distinct_titles(self, client, code):
        index = news_index(code)
        diaspora = Topic.objects.get(locale=index.locale, slug="diaspora")
        add_articles(index, 11, diaspora)
        tags = head(client, f"{index.url}?topic=diaspora&year=2020&page=2")
        with translation.override(code):
            site_name = translation.gettext("IOM Georgia")
            page_word = translation.gettext("%(title)s - page %(number)s")
        expected = page_word % {"title": f"{index.title}: {diaspora.name}, 2020", "number": 2}
        assert tags.title == f"{expected} | {site_name}"
        if code == "en":
            assert tags.title == "News: Diaspora, 2020 - page 2 | IOM Georgia"
        assert tags.one("robots") == "noindex, follow"
        assert tags.canonical() == absolute(index.url)
        titles = {
            head(client, f"{index.url}?{query}").title
            for query in ("topic=diaspora", "year=2020", "topic=diaspora&year=2020", "page=2")
        }
        assert len(titles) == 4

    def test_later_pages_of_the_unfiltered_index_are_their_own_canonical(self, client):
        index = news_index("en")
        add_articles(index, 11, Topic.objects.get(locale=index.locale, slug="diaspora"))
        tags = head(client, f"{index.url}?page=2")
        assert tags.canonical() == absolute(f"{index.url}?page=2")
        assert tags.values("robots") == []
        assert tags.title == "News - page 2 | IOM Georgia"

    @pytest.mark.parametrize("page", ["99", "abc", "0", "-1", "2.5", "1e3", "٣"])
    def test_out_of_range_or_malformed_page_is_404(self, client, page):
        response = client.get(news_index("ka").url, {"page": page})
        assert response.status_code == 404
        assert '<html lang="ka"' in response.content.decode()

    def test_language_switcher_and_hreflang_keep_the_filters(self, client):
        en, ka = news_index("en"), news_index("ka")
        html = client.get(f"{en.url}?topic=diaspora&year=2020&page=1").content.decode()
        assert f'href="{ka.url}?topic=diaspora&amp;year=2020" hreflang="ka"' in html
        tags = Head(html)
        alternates = {link["hreflang"]: link["href"] for link in tags.links if link.get("hreflang")}
        assert alternates["ka"] == absolute(f"{ka.url}?topic=diaspora&year=2020")
        assert alternates["en"] == absolute(f"{en.url}?topic=diaspora&year=2020")

    def test_a_topic_the_other_language_lacks_is_dropped(self, client):
        en, ka = news_index("en"), news_index("ka")
        only_english = Topic.objects.create(name="Only here", slug="only-here", locale=en.locale)
        add_articles(en, 1, only_english)
        html = client.get(f"{en.url}?topic=only-here&year=2020").content.decode()
        assert f'href="{ka.url}?year=2020" hreflang="ka"' in html


class TestIcons:
    def test_favicon_ico_answers_at_the_root(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/x-icon"
        assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_web_app_manifest_in_each_language(self, client, code):
        html = client.get(f"/{code}/").content.decode()
        tags = Head(html)
        rels = {link["rel"]: link for link in tags.links if link.get("rel") != "alternate"}
        assert rels["icon"]["href"].endswith(".svg") or rels["icon"]["type"]
        icon_types = {link.get("type") for link in tags.links if link.get("rel") == "icon"}
        assert icon_types == {"image/svg+xml", "image/png"}
        assert "apple-touch-icon" in rels
        response = client.get(rels["manifest"]["href"])
        assert response["Content-Type"] == "application/manifest+json"
        manifest = json.loads(response.content)
        with translation.override(code):
            assert manifest["short_name"] == translation.gettext("IOM Georgia")
        assert manifest["lang"] == code and manifest["start_url"] == f"/{code}/"
        assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
        if code == "ka":
            assert re.search("[\u10d0-\u10ff]", manifest["name"])
