"""/en/search/ and /ka/search/: one language's live pages, Georgian forms, long queries."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale, get_page_models

from home import search as search_module
from home.models import MissionPage
from home.search import (
    ENTRIES,
    FTS,
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    clean_query,
    georgian_forms,
    search_pages,
)
from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


def diaspora(code):
    english = NewsArticlePage.objects.get(locale__language_code="en", slug=DIASPORA_SLUG)
    return english.get_translation(Locale.objects.get(language_code=code))


def results(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    assert f'<html lang="{code}"' in response.content.decode()
    return response, [page.specific for page in (response.context["results"] or [])]


class TestSearch:
    def test_english_finds_english_pages_only(self, client):
        _response, pages = results(client, "en", "diaspora")
        assert diaspora("en") in pages
        assert pages and {page.locale.language_code for page in pages} == {"en"}

    def test_georgian_finds_georgian_pages_only(self, client):
        _response, pages = results(client, "ka", "დიასპორის")
        assert diaspora("ka") in pages
        assert {page.locale.language_code for page in pages} == {"ka"}
        # The English search does not list Georgian pages for a Georgian word.
        _response, english = results(client, "en", "დიასპორის")
        assert all(page.locale.language_code == "en" for page in english)

    @pytest.mark.parametrize(
        "form",
        [
            "დიასპორის",  # genitive, as written in the article
            "დიასპორა",  # nominative
            "დიასპორასთან",  # "with the diaspora"
            "დიასპორაზე",  # "about the diaspora", not in the text
            "პანდემიის",  # genitive of "pandemic"; the text has the nominative
        ],
    )
    def test_inflected_georgian_forms(self, client, form):
        _response, pages = results(client, "ka", form)
        assert diaspora("ka") in pages

    def test_unrelated_georgian_word_finds_nothing(self, client):
        _response, pages = results(client, "ka", "ჰიპოპოტამი")
        assert pages == []
        assert "ჰიპოპოტამი" in _response.content.decode()

    def test_drafts_and_private_pages_are_not_found(self, client):
        page = diaspora("ka")
        page.unpublish()
        _response, pages = results(client, "ka", "დიასპორის")
        assert page not in pages
        private = MissionPage.objects.get(locale__language_code="en", slug="who-we-are")
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        _response, pages = results(client, "en", private.title)
        assert private not in pages

    def test_ten_thousand_character_query(self, client):
        response, _pages = results(client, "ka", "მიგრაცია " * 1200)
        assert len(response.context["query"]) <= MAX_QUERY_LENGTH
        assert response.context["truncated"]
        assert 'class="notice"' in response.content.decode()
        response, _pages = results(client, "en", "x" * 10_000)
        assert response.context["truncated"]

    @pytest.mark.parametrize(
        "query", ['"', '"" AND OR ( * ^', "NOT", "-", "*", "a' OR 1=1 --", "\x01", "   "]
    )
    def test_odd_queries_give_a_normal_page(self, client, query):
        results(client, "en", query)

    def test_a_nul_character_is_a_bad_request(self, client):
        # Refused for every page before it reaches the database (security/middleware.py).
        assert client.get("/en/search/", {"q": "\x00\x01"}).status_code == 400

    def test_bad_page_number(self, client):
        response = client.get("/en/search/", {"q": "migration", "page": "zzz"})
        assert response.status_code == 200

    def test_empty_query_shows_the_form(self, client):
        response = client.get("/ka/search/")
        assert response.status_code == 200
        assert 'name="q"' in response.content.decode()
        assert response.context["results"] is None

    def test_header_has_a_search_form_and_the_switcher_keeps_the_query(self, client):
        html = client.get("/ka/search/", {"q": "მიგრაცია"}).content.decode()
        assert 'role="search"' in html and 'action="/ka/search/"' in html
        assert 'href="/en/search/?q=' in html


class TestQueryCleaning:
    def test_truncates_length_and_terms(self):
        query, truncated = clean_query(" ".join(f"w{number}" for number in range(5000)))
        assert truncated and query.split() == [f"w{number}" for number in range(MAX_QUERY_TERMS)]
        query, truncated = clean_query("y" * 10_000)
        assert truncated and query == "y" * MAX_QUERY_LENGTH

    def test_repeated_words_are_searched_once(self):
        assert clean_query("migration Migration governance migration") == (
            "migration governance",
            False,
        )
        assert clean_query("მიგრაცია " * 1200) == ("მიგრაცია", True)

    def test_short_query_untouched(self):
        assert clean_query("  migration   governance ") == ("migration governance", False)

    def test_georgian_forms(self):
        forms = georgian_forms("მიგრაცია")
        assert forms[0] == "მიგრაცია"
        assert {"მიგრაციის", "მიგრაციას", "მიგრაციით", "მიგრაციაში"} <= set(forms)
        assert "მიგრაცია" in georgian_forms("მიგრაციის")
        assert georgian_forms("migration") == ["migration"]
        assert georgian_forms("და") == ["და"]


class TestBoundedRanking:
    """A common word ranks at most MAX_RANKED matches, the newest, and the page says so."""

    def test_more_matches_than_are_ranked(self, client, monkeypatch):
        every = results(client, "en", "migration")[0].context["results"].paginator.count
        assert every > 3
        monkeypatch.setattr("home.search.MAX_RANKED", 2)
        response, pages = results(client, "en", "migration")
        paginator = response.context["results"].paginator
        assert paginator.count == 2 and len(pages) == 2
        assert "More than 2 results for “migration”" in response.content.decode()

    def test_every_match_when_there_are_few(self, client):
        response, pages = results(client, "en", "diaspora")
        assert not response.context["results"].paginator.object_list.capped
        assert "More than" not in response.content.decode()

    def test_georgian_says_so_in_georgian(self, client, monkeypatch):
        monkeypatch.setattr("home.search.MAX_RANKED", 1)
        response, pages = results(client, "ka", "დიასპორის")
        assert len(pages) == 1
        assert "1-ზე მეტი შედეგი" in response.content.decode()


def rank_every_newest_match(search):
    """The ranking as first written (bm25 for each of the NEWEST_MATCHES newest matches,
    then the language's pages among them): the reference `RankedSearch` must equal."""
    match = search._statement()[1][0]
    page_filter, page_params = search._page_filter()
    types = [ContentType.objects.get_for_model(model).pk for model in get_page_models()]
    in_types = ", ".join(["%s"] * len(types))
    reference = (
        f"WITH newest AS MATERIALIZED (SELECT e.id, e.object_id, -bm25({FTS}, 0, 1, 2) AS rank "
        f"FROM {FTS} JOIN {ENTRIES} AS e ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s "
        f"AND e.content_type_id IN ({in_types}) ORDER BY {FTS}.rowid DESC LIMIT %s) "
        "SELECT entry.object_id, entry.id, entry.rank, (SELECT COUNT(*) FROM newest) "
        f"FROM newest AS entry WHERE {page_filter} ORDER BY entry.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            reference,
            [
                match,
                *types,
                search_module.NEWEST_MATCHES,
                *page_params,
                search_module.MAX_RANKED + 1,
            ],
        )
        return cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 statement")
@pytest.mark.parametrize(
    ("code", "query", "max_ranked"),
    [("en", "migration", 200), ("en", "migration", 2), ("ka", "მიგრაცია", 1), ("en", "zzz", 5)],
)
def test_sqlite_ranks_only_the_pages_it_returns(monkeypatch, code, query, max_ranked):
    """bm25() runs in the outer query, on the MAX_RANKED + 1 rows it returns, not in the CTE
    on every one of the NEWEST_MATCHES newest matches; the rows are the same."""
    monkeypatch.setattr("home.search.MAX_RANKED", max_ranked)
    search = search_pages(query, code)
    sql, params = search._statement()
    newest, outer = sql.split(") SELECT ", 1)
    assert "bm25" not in newest and "bm25" in outer
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    assert rows == rank_every_newest_match(search)
    if query == "zzz":
        assert rows == []
    elif max_ranked < 200:  # more matches than are ranked: one more row says so
        assert len(rows) == max_ranked + 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 statement")
@pytest.mark.parametrize(("code", "query"), [("en", "migration"), ("ka", "მიგრაცია")])
def test_sqlite_ranks_only_the_newest_matches(monkeypatch, code, query):
    """Where more entries match than NEWEST_MATCHES, the outer query's second MATCH keeps to
    the CTE's newest ones (its rowid range), as the former statement did."""
    monkeypatch.setattr("home.search.NEWEST_MATCHES", 3)
    search = search_pages(query, code)
    sql, params = search._statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    assert rows == rank_every_newest_match(search)
    assert rows and len(rows) <= 3 and {row[3] for row in rows} == {3}  # 3 newest matched
    assert search.capped
