"""The public site: every page renders in both languages, with the right language marks."""

from html.parser import HTMLParser

import pytest
from django.utils.html import escape
from wagtail.models import Page

from home.models import MissionPage
from home.renditions import role_specs
from newsroom.models import NewsArticlePage

from .factories import MissionPageFactory, publish_georgian_translation

pytestmark = pytest.mark.django_db

GCM_SLUG = "un-engages-georgian-civil-society-on-global-compact-for-migration"
DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"
GEORGIAN_MONTHS = [
    "იანვ",
    "თებერვ",
    "მარტ",
    "აპრილ",
    "მაის",
    "ივნის",
    "ივლის",
    "აგვისტ",
    "სექტემბ",
    "ოქტომბ",
    "ნოემბ",
    "დეკემბ",
]


class Tags(HTMLParser):
    """Collects every start tag as (tag, {attribute: value}) and the text of <time> elements."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.times = []
        self._in_time = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "time":
            self._in_time = True
            self.times.append([dict(attrs).get("datetime"), ""])

    def handle_endtag(self, tag):
        if tag == "time":
            self._in_time = False

    def handle_data(self, data):
        if self._in_time:
            self.times[-1][1] += data

    @classmethod
    def parse(cls, html):
        parser = cls()
        parser.feed(html)
        return parser

    @classmethod
    def of(cls, html):
        return cls.parse(html).tags


def render(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def live_pages():
    return Page.objects.live().filter(depth__gt=1).specific().order_by("path")


@pytest.fixture
def article(en_locale, ka_locale):
    def get(language, slug):
        english = NewsArticlePage.objects.get(locale=en_locale, slug=slug)
        return english if language == "en" else english.get_translation(ka_locale).specific

    return get


def test_every_live_page_renders_with_its_title(client, en_locale, ka_locale):
    pages = list(live_pages())
    assert len(pages) == 24
    for page in pages:
        html = render(client, page.url)
        assert escape(page.title) in html, f"{page.url} does not show {page.title!r}"


@pytest.mark.parametrize("language", ["en", "ka"])
def test_html_lang_matches_the_page_language(client, language):
    pages = [page for page in live_pages() if page.locale.language_code == language]
    assert pages
    for page in pages:
        (html_tag,) = [attrs for tag, attrs in Tags.of(render(client, page.url)) if tag == "html"]
        assert html_tag.get("lang") == language, page.url


@pytest.mark.parametrize(
    ("accept", "target"),
    [("ka", "/ka/"), ("ka-GE,ka;q=0.9", "/ka/"), ("en", "/en/"), ("en-GB,en;q=0.8", "/en/")],
)
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code in (301, 302)
    assert response["Location"] == target


@pytest.mark.parametrize("language", ["en", "ka"])
def test_article_shows_quotes_and_press_contact(client, article, language):
    page = article(language, DIASPORA_SLUG)
    html = render(client, page.url)
    quotes = [block.value for block in page.body if block.block_type == "quote"]
    (contact,) = [block.value for block in page.body if block.block_type == "contact"]
    assert quotes
    for quote in quotes:
        assert escape(quote["attribution"]) in html
    assert escape(contact["name"]) in html
    assert "jlowry@iom.int" in html


@pytest.mark.parametrize("language", ["en", "ka"])
def test_mission_hero_image_is_described_in_the_pages_language(client, ka_locale, language):
    page = MissionPage.objects.get(locale__language_code="en", slug="who-we-are")
    if language == "ka":
        page = page.get_translation(ka_locale).specific
    assert page.hero_image and page.hero_image_alt
    tags = Tags.of(render(client, page.url))
    (hero,) = [
        attrs for tag, attrs in tags if tag == "img" and "hero-image" in attrs.get("class", "")
    ]
    assert hero["alt"] == page.hero_image_alt
    # Responsive: the smallest rendition is the src, every width is in the srcset, and the
    # banner (the first picture on screen) is not lazy.
    renditions = page.hero_image.get_renditions(*role_specs("hero"))
    webp = [r for spec, r in renditions.items() if "webp" in spec]
    assert hero["src"] == webp[0].url
    assert hero["srcset"] == ", ".join(f"{r.url} {r.width}w" for r in webp)
    assert hero["sizes"] and hero.get("fetchpriority") == "high" and "loading" not in hero


@pytest.mark.parametrize("language", ["en", "ka"])
def test_mission_page_lists_its_live_sub_pages_in_its_language(client, ka_locale, language):
    section = MissionPage.objects.get(locale__language_code="en", slug="who-we-are")
    if language == "ka":
        section = section.get_translation(ka_locale).specific
    draft = MissionPageFactory(
        parent=section, title="Unpublished sub-page", locale=section.locale, live=False
    )
    children = list(section.get_children().live())
    assert len(children) == 2  # "About" and "IOM Global"

    html = render(client, section.url)
    # The body links to both sub-pages too: look only inside the section list.
    section_list = html[html.index('<nav class="subpages"') :]
    section_list = section_list[: section_list.index("</nav>")]
    links = [attrs["href"] for tag, attrs in Tags.of(section_list) if tag == "a"]
    for child in children:
        assert child.url in links
        assert child.url.startswith(f"/{language}/")
    assert draft.url not in links


def displayed_dates(client, page):
    """{datetime attribute: text} of the page's <time> elements."""
    return dict(Tags.parse(render(client, page.url)).times)


def test_georgian_article_date_has_a_georgian_month(client, article):
    english, georgian = article("en", GCM_SLUG), article("ka", GCM_SLUG)
    assert georgian.date.isoformat() == "2021-03-16"

    shown = displayed_dates(client, georgian).get("2021-03-16")
    assert shown is not None, 'no <time datetime="2021-03-16"> on the Georgian article'
    assert "16" in shown and "მარტ" in shown, shown
    assert "2021" in shown, shown

    # ...and the English page shows the English month name.
    shown = displayed_dates(client, english).get("2021-03-16")
    assert shown is not None
    assert "March" in shown, shown
    assert not any(month in shown for month in GEORGIAN_MONTHS), shown


@pytest.mark.parametrize(("language", "other"), [("en", "ka"), ("ka", "en")])
def test_language_switcher_links_to_the_same_article(client, article, language, other):
    page, translation = article(language, DIASPORA_SLUG), article(other, DIASPORA_SLUG)
    tags = Tags.of(render(client, page.url))
    links = [attrs for tag, attrs in tags if tag == "a" and attrs.get("hreflang") == other]
    assert translation.url in [link.get("href") for link in links], links


@pytest.mark.parametrize("language", ["en", "ka"])
def test_hreflang_alternates_name_both_languages(client, article, language):
    page = article(language, GCM_SLUG)
    tags = Tags.of(render(client, page.url))
    alternates = {
        attrs["hreflang"]: attrs["href"]
        for tag, attrs in tags
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs
    }
    assert alternates.get("en", "").endswith(article("en", GCM_SLUG).url)
    assert alternates.get("ka", "").endswith(article("ka", GCM_SLUG).url)


@pytest.mark.parametrize("url", ["/en/no-such-page/", "/ka/no-such-page/"])
def test_unknown_pages_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_new_translated_page_renders_in_both_languages(client, en_home, ka_locale):
    english = MissionPageFactory(parent=en_home, title="Migration Health", slug="migration-health")
    georgian = publish_georgian_translation(english, ka_locale, title="მიგრაცია და ჯანმრთელობა")
    assert georgian.url == "/ka/migration-health/"
    assert [list(found) for found in Page.find_problems()] == [[]] * 5

    html = render(client, georgian.url)
    assert escape(georgian.title) in html
    english_links = [
        attrs.get("href")
        for tag, attrs in Tags.of(render(client, english.url))
        if tag == "a" and attrs.get("hreflang") == "ka"
    ]
    assert georgian.url in english_links
