"""Sitemap, robots.txt and the language signals in every page's head."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.timezone import localtime
from wagtail.models import Locale, Page, PageViewRestriction

from home.models import MissionPage
from home.sitemaps import url_element
from newsroom.models import NewsArticlePage

from .factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def sitemap_sections(client):
    """The section URLs (relative) that the sitemap index at /sitemap.xml lists."""
    index = xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [
        loc.text.removeprefix("http://testserver") for loc in index.findall("sm:sitemap/sm:loc", NS)
    ]


def sitemap_urls(client):
    """Every <url> of every section: {location: element}."""
    return {
        url.find("sm:loc", NS).text: url
        for section in sitemap_sections(client)
        for url in xml(client, section).findall("sm:url", NS)
    }


def sitemap(client):
    return {
        location: {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        for location, url in sitemap_urls(client).items()
    }


def absolute(page):
    return f"http://testserver{page.url}"


def who_we_are(code):
    english = MissionPage.objects.get(locale__language_code="en", slug="who-we-are")
    return english.get_translation(Locale.objects.get(language_code=code))


class TestSitemap:
    def test_lists_every_live_page_of_both_locales(self, client):
        urls = sitemap(client)
        expected = Page.objects.live().public().filter(depth__gt=1)
        assert set(urls) == {absolute(page) for page in expected}
        assert any(url.startswith("http://testserver/ka/") for url in urls)
        assert any(url.startswith("http://testserver/en/") for url in urls)

    def test_alternates_are_reciprocal_with_x_default(self, client):
        urls = sitemap(client)
        en, ka = absolute(who_we_are("en")), absolute(who_we_are("ka"))
        assert urls[en] == {"en": en, "ka": ka, "x-default": en}
        assert urls[ka] == urls[en]

    def test_drafts_private_and_unpublished_translations_are_left_out(self, client):
        ka_page = who_we_are("ka")
        ka_page.unpublish()
        private = MissionPage.objects.get(locale__language_code="en", slug="take-action")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        draft = NewsArticlePage.objects.filter(locale__language_code="en").first()
        draft.unpublish()
        urls = sitemap(client)
        assert absolute(ka_page) not in urls
        assert absolute(private) not in urls
        assert absolute(draft) not in urls
        # The English page no longer names its unpublished Georgian translation.
        assert urls[absolute(who_we_are("en"))] == {}

    def test_the_index_splits_the_sitemap_into_sections(self, client, monkeypatch):
        from home import sitemaps

        assert sitemap_sections(client) == ["/sitemap-1.xml"]
        monkeypatch.setattr(sitemaps, "SECTION_SIZE", 5)
        listed = list(sitemaps.listed_pages().values_list("pk", flat=True))
        # Section n holds the pages with ids ((n - 1) * 5, n * 5]; the index names each
        # range that holds a listed page, and no other.
        expected = sorted({(pk - 1) // 5 + 1 for pk in listed})
        sections = sitemap_sections(client)
        assert sections == [f"/sitemap-{n}.xml" for n in expected] and len(sections) > 1
        assert all(0 < len(xml(client, s).findall("sm:url", NS)) <= 5 for s in sections)
        assert len(sitemap_urls(client)) == len(listed)  # no page twice, none missing
        assert client.get(f"/sitemap-{expected[-1] + 1}.xml").status_code == 404
        assert client.get("/sitemap-0.xml").status_code == 404

    def test_a_range_without_a_listed_page_is_left_out(self, client, monkeypatch):
        from home import sitemaps

        monkeypatch.setattr(sitemaps, "SECTION_SIZE", 2)
        listed = sorted(sitemaps.listed_pages().values_list("pk", flat=True))
        # Empty the section of the third listed page: unpublish it and its range's others.
        section = (listed[2] - 1) // 2 + 1
        for page in Page.objects.filter(pk__range=sitemaps.section_ids(section), live=True):
            page.specific.unpublish()
        sections = sitemap_sections(client)
        left = {(pk - 1) // 2 + 1 for pk in sitemaps.listed_pages().values_list("pk", flat=True)}
        assert sections == [f"/sitemap-{n}.xml" for n in sorted(left)]
        assert f"/sitemap-{section}.xml" not in sections
        assert client.get(f"/sitemap-{section}.xml").status_code == 404
        assert f"/sitemap-{section + 1}.xml" in sections or section + 1 > max(
            (pk - 1) // 2 + 1 for pk in listed
        )

    def test_a_page_stays_in_its_section_when_pages_are_added(self, client, monkeypatch):
        from home import sitemaps

        monkeypatch.setattr(sitemaps, "SECTION_SIZE", 5)
        before = {s: xml(client, s) for s in sitemap_sections(client)}
        news = NewsArticlePage.objects.filter(locale__language_code="en").first().get_parent()
        added = NewsArticlePageFactory(parent=news, locale=news.locale, title="Added")
        joined = f"/sitemap-{(added.pk - 1) // 5 + 1}.xml"
        after = sitemap_sections(client)
        assert absolute(added) in {
            url.find("sm:loc", NS).text for url in xml(client, joined).findall("sm:url", NS)
        }
        # Only the section the new page's id falls in changed: no page moved to another file.
        for section, urlset in before.items():
            assert section in after
            if section != joined:
                assert ET.tostring(xml(client, section)) == ET.tostring(urlset), section

    def test_lastmod_is_the_last_publication_or_an_unedited_articles_own_date(self, client):
        urls = sitemap_urls(client)

        def lastmod(page):
            return urls[absolute(page)].find("sm:lastmod", NS).text

        article = NewsArticlePage.objects.filter(locale__language_code="ka").first()
        # Published once (the demo load): the article's own date, not the moment it was loaded.
        assert lastmod(article) == article.date.isoformat()
        mission = who_we_are("en")
        assert lastmod(mission) == localtime(mission.last_published_at).isoformat()
        # Edited and published again: that publication is its last modification.
        article.save_revision().publish()
        article.refresh_from_db()
        assert article.last_published_at != article.first_published_at
        assert sitemap_urls(client)[absolute(article)].find("sm:lastmod", NS).text == (
            localtime(article.last_published_at).isoformat()
        )

    def test_robots_txt_points_to_the_sitemap(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
        assert "Disallow: /admin/" in response.content.decode()


def head_links(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def og(html, prop):
    return re.findall(rf'<meta property="{prop}" content="([^"]*)">', html)


class TestLanguageSignals:
    @pytest.mark.parametrize(
        "code,og_locale,other", [("en", "en_US", "ka_GE"), ("ka", "ka_GE", "en_US")]
    )
    def test_hreflang_reciprocal_and_og_locale(self, client, code, og_locale, other):
        en, ka = who_we_are("en"), who_we_are("ka")
        html = client.get(who_we_are(code).url).content.decode()
        assert f'<html lang="{code}"' in html
        assert head_links(html) == {
            "en": absolute(en),
            "ka": absolute(ka),
            "x-default": absolute(en),
        }
        assert og(html, "og:locale") == [og_locale]
        assert og(html, "og:locale:alternate") == [other]

    def test_untranslated_page_has_no_alternates(self, client):
        who_we_are("ka").unpublish()
        html = client.get(who_we_are("en").url).content.decode()
        assert head_links(html) == {"en": absolute(who_we_are("en"))}
        assert og(html, "og:locale:alternate") == []

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_every_public_page_has_the_right_lang(self, client, code):
        locale = Locale.objects.get(language_code=code)
        for page in Page.objects.live().public().filter(locale=locale, depth__gt=1):
            html = client.get(page.url).content.decode()
            assert f'<html lang="{code}"' in html, page.url
            assert og(html, "og:locale") == [{"en": "en_US", "ka": "ka_GE"}[code]]


class TestErrorPages:
    def test_georgian_404(self, client):
        response = client.get("/ka/nonexistent/")
        html = response.content.decode()
        assert response.status_code == 404
        assert '<html lang="ka"' in html
        with translation.override("ka"):
            assert translation.gettext("Page not found") in html
            assert translation.gettext("Page not found") != "Page not found"
        assert 'class="site-header"' in html and 'href="/ka/"' in html

    def test_english_404(self, client):
        response = client.get("/en/nonexistent/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
        assert '<html lang="en"' in response.content.decode()

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_500_in_the_readers_language(self, rf, code):
        from django.views.defaults import server_error

        with translation.override(code):
            response = server_error(rf.get(f"/{code}/"))
            expected = translation.gettext("Something went wrong")
        html = response.content.decode()
        assert response.status_code == 500
        assert f'<html lang="{code}"' in html
        assert expected in html
        assert "/static/css/site.css" in html


# How the section template wrote each <url> until url_element() took over (7 December).
URL_TEMPLATE = (
    "{% for entry in entries %}  <url>\n"
    "    <loc>{{ entry.location }}</loc>{% if entry.lastmod %}\n"
    '    <lastmod>{{ entry.lastmod|date:"c" }}</lastmod>{% endif %}'
    "{% for alternate in entry.alternates %}\n"
    '    <xhtml:link rel="alternate" hreflang="{{ alternate.lang }}" '
    'href="{{ alternate.url }}"/>{% endfor %}\n'
    "  </url>\n{% endfor %}"
)


def test_url_elements_are_the_bytes_the_template_wrote():
    """`url_element()` escapes like the template's autoescaping and writes the date as its
    `date:"c"` filter did: in the site's time zone, a date without a time."""
    published = datetime.datetime(2021, 3, 16, 22, 30, 5, 120, tzinfo=datetime.UTC)
    entries = [
        {"location": "https://example.org/en/a&b/", "lastmod": published, "alternates": []},
        {"location": "https://example.org/ka/x/", "lastmod": datetime.date(2020, 1, 2),
         "alternates": [{"lang": "en", "url": "https://example.org/en/\"q\"/"},
                        {"lang": "x-default", "url": "https://example.org/en/<q>/"}]},
        {"location": "https://example.org/", "lastmod": None, "alternates": []},
    ]  # fmt: skip
    expected = Template(URL_TEMPLATE).render(Context({"entries": entries}))
    written = "".join(url_element(**entry) for entry in entries)
    assert written == expected
    assert "2021-03-17T02:30:05.000120+04:00" in written  # Tbilisi time
