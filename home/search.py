"""/en/search/ and /ka/search/: Wagtail search over the live, public pages of one language.

The query is cut to MAX_QUERY_LENGTH characters and MAX_QUERY_TERMS words before it reaches
the search backend, so a 10,000-character query costs no more than a short one.
"""

import functools
import re

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from serving.per_request import public
from serving.specific import joinable_models

from .lookups import SHELL_FIELDS, active_language

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 10
RESULTS_PER_PAGE = 10
# Pages ranked per search (20 pages of results), found among the newest NEWEST_MATCHES index
# entries that match (of both languages, live or not): a common word among 10,000 articles
# costs no more than these.
MAX_RANKED = 200
NEWEST_MATCHES = 5 * MAX_RANKED
# PostgreSQL: index entries walked newest first before the GIN indexes are asked (see
# RankedSearch._postgresql_statement).
RECENT_ENTRIES = NEWEST_MATCHES
# Rank of a PostgreSQL match, the title counting twice.
RANK = "ts_rank(ranked.title, query.query) * 2 + ts_rank(ranked.body, query.query)"
WORD = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as searched, and whether it was cut: words of letters and digits only
    (quotes, brackets and stars are search-engine syntax on SQLite's FTS5), each once (all
    words must match, so a repeat adds nothing but cost), at most MAX_QUERY_TERMS of them."""
    text = raw[:MAX_QUERY_LENGTH]
    words = WORD.findall(text)
    # The two characters either side of the cut are both letters or digits.
    cut_inside_a_word = WORD.fullmatch(raw[MAX_QUERY_LENGTH - 1 : MAX_QUERY_LENGTH + 1])
    if cut_inside_a_word and len(words) > 1:
        words.pop()  # a fragment ("მი" of "მიგრაცია") would match nothing, or the wrong thing
    first_of_each = {}
    for word in words:
        first_of_each.setdefault(word.casefold(), word)
    unique = list(first_of_each.values())
    truncated = len(raw) > MAX_QUERY_LENGTH or len(unique) > MAX_QUERY_TERMS
    return " ".join(unique[:MAX_QUERY_TERMS]), truncated


GEORGIAN_WORD = re.compile(r"^[\u10d0-\u10ff]+$")
# Case endings and postpositions of Georgian nouns. Wagtail's database backend has no Georgian
# stemmer (neither SQLite's FTS5 nor PostgreSQL's "simple" configuration), so a Georgian word
# is searched in its likely forms: every root left after taking off one of these endings,
# followed by each of them ("მიგრაცია" also finds "მიგრაციის", "მიგრაციას", "მიგრაციით").
GEORGIAN_ENDINGS = [
    "ი", "ს", "ის", "ით", "ად", "ში", "ზე", "თან", "ისთვის", "ისა", "ა", "ას", "აში", "აზე",
    "ასთან", "ამ", "მა", "ები", "ების", "ებს", "ებით", "ებში", "ებზე", "ებთან", "ებისთვის",
    "ებმა", "ო",
]  # fmt: skip
MIN_ROOT = 3
EXPANDED_WORDS = 3


def georgian_forms(word):
    """The word and its likely inflected forms, for a word in Georgian letters."""
    if not GEORGIAN_WORD.match(word) or len(word) <= MIN_ROOT:
        return [word]
    roots = {word}
    roots.update(
        word[: -len(ending)]
        for ending in GEORGIAN_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ROOT
    )
    forms = {root + ending for root in roots for ending in ["", *GEORGIAN_ENDINGS]}
    return sorted(forms, key=lambda form: (form != word, form))


def search_terms(query):
    """[[forms of word 1], [forms of word 2], ...]: every word must match, in any of its forms;
    the first Georgian words are expanded into their likely case forms."""
    return [
        georgian_forms(word) if position < EXPANDED_WORDS else [word]
        for position, word in enumerate(query.split())
    ]


# Wagtail's database search index: one row per indexed object, with SQLite's FTS5 table
# (created by the search app's migration, named after it) beside it.
ENTRIES = IndexEntry._meta.db_table
FTS = f"{ENTRIES}_fts"


class RankedSearch:
    """The live, public pages of one language that match every word, best first: at most
    MAX_RANKED, found among the NEWEST_MATCHES most recently indexed matches.

    Wagtail's database backend ranks each match in a correlated subquery (SQLite: FTS5's
    bm25 once per matching row, 165 s for a common word among 10,000 articles) and, on
    PostgreSQL, matches `title || body`, which no index serves (DESIGN.md pitfall 16). This
    reads the same index tables itself, bounded whatever the word, in one statement: the
    newest matching entries (SQLite: FTS5 `MATCH` in rowid order; PostgreSQL: `@@` on the
    GIN-indexed `title` and `body` vectors), each then checked against the language's live,
    public pages by primary key, the first MAX_RANKED + 1 of those with their rank (SQLite:
    `bm25()`; PostgreSQL: `ts_rank`), sorted here. Ranking and checking every match of a
    common word grows with the site (bm25 alone: 6 ms over 10,000 matches, however few are
    shown). A Paginator slices it; the pages themselves come in one more query. `capped`
    tells whether matches may have been left out.
    """

    def __init__(self, query, language):
        self.terms = search_terms(query)
        self.language = language
        self._ranked = None

    def _page_filter(self):
        """SQL true when the index entry `entry` is a live, public page of the language:
        one primary-key lookup per entry (an `IN (...)` list would read every page of the
        language first)."""
        pages = public(Page.objects.live().filter(locale__language_code=self.language))
        entry_page = RawSQL("CAST(entry.object_id AS integer)", ())
        sql, params = pages.filter(pk=entry_page).order_by().values("pk").query.sql_with_params()
        return f"EXISTS ({sql})", list(params)

    def _statement(self):
        """(SQL, params): rows (page id, index entry id, rank: higher is better, newest
        matches) of the first MAX_RANKED + 1 pages (one more tells whether any were left
        out) among the NEWEST_MATCHES newest matching entries, newest first."""
        content_types = [ContentType.objects.get_for_model(model).pk for model in get_page_models()]
        types = ", ".join(["%s"] * len(content_types))
        pages_sql, pages_params = self._page_filter()
        if connection.vendor == "postgresql":
            return self._postgresql_statement(types, content_types, pages_sql, pages_params)
        # SQLite FTS5. Words are letters and digits only (clean_query), quoted all the same.
        # bm25 is lower for a better match; columns: autocomplete, body, title.
        match = " AND ".join(
            "(" + " OR ".join(f'"{form}"' for form in forms) + ")" for forms in self.terms
        )
        # bm25() can only be called where the MATCH is, and SQLite works out a row's columns
        # only for the rows it returns: ranking the NEWEST_MATCHES newest matches in the CTE
        # cost 2 ms for a common word. The CTE keeps their ids only; the outer query matches
        # again below the oldest of them (FTS5 takes the rowid range) and ranks only the
        # MAX_RANKED + 1 it returns. The same rows as ranking all in the CTE.
        newest = (
            f"SELECT e.id FROM {FTS} JOIN {ENTRIES} AS e ON e.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s AND e.content_type_id IN ({types}) "
            f"ORDER BY {FTS}.rowid DESC LIMIT %s"
        )
        sql = (
            f"WITH newest AS MATERIALIZED ({newest}) "
            f"SELECT entry.object_id, entry.id, -bm25({FTS}, 0, 1, 2), "
            "(SELECT COUNT(*) FROM newest) "
            f"FROM {FTS} JOIN {ENTRIES} AS entry ON entry.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s AND {FTS}.rowid >= (SELECT MIN(id) FROM newest) "
            f"AND entry.content_type_id IN ({types}) AND {pages_sql} "
            f"ORDER BY {FTS}.rowid DESC LIMIT %s"
        )
        return sql, [
            match, *content_types, NEWEST_MATCHES,
            match, *content_types, *pages_params, MAX_RANKED + 1,
        ]  # fmt: skip

    def _postgresql_statement(self, types, content_types, pages_sql, pages_params):
        """The statement on PostgreSQL. Its GIN indexes hand over every match, unordered: for
        a common word all 10,000, each read from the table and sorted to keep the newest. So
        the newest RECENT_ENTRIES index entries are walked first, newest first, each tested
        against the query and the language's pages, and the walk stops at the first
        MAX_RANKED + 1 pages (for a common word, a few hundred entries). Only when it finds
        fewer are the GIN indexes asked, for the NEWEST_MATCHES newest matches older than the
        walk (behind a one-time filter: not run otherwise), each then checked the same way.
        There the query is a row of its own (not written into each condition), so that the
        planner reads the GIN indexes however common the words; in the walk it is a scalar
        subquery, worked out once and tested row by row."""
        tsquery, query_params = self._tsquery()
        wanted = MAX_RANKED + 1
        in_types = f"e.content_type_id IN ({types})"
        sql = (
            f"WITH query AS MATERIALIZED (SELECT {tsquery} AS query), "
            # A LIMIT in a subquery is read in its order: the walk above it asks for entries
            # only until it has enough pages.
            "recent AS MATERIALIZED (SELECT entry.id, entry.object_id FROM ("
            f"SELECT e.id, e.object_id, e.title, e.body FROM {ENTRIES} AS e WHERE {in_types} "
            "ORDER BY e.id DESC LIMIT %s) AS entry "
            "WHERE (entry.title @@ (SELECT query FROM query) "
            f"OR entry.body @@ (SELECT query FROM query)) AND {pages_sql} "
            "ORDER BY entry.id DESC LIMIT %s), "
            # The oldest entry walked; none when the walk read them all.
            f"walked AS MATERIALIZED (SELECT e.id FROM {ENTRIES} AS e WHERE {in_types} "
            "ORDER BY e.id DESC OFFSET %s LIMIT 1), "
            f"older AS MATERIALIZED (SELECT e.id, e.object_id FROM {ENTRIES} AS e, query "
            f"WHERE (e.title @@ query.query OR e.body @@ query.query) AND {in_types} "
            "AND (SELECT COUNT(*) FROM recent) < %s AND EXISTS (SELECT FROM walked) "
            "AND e.id < (SELECT id FROM walked) ORDER BY e.id DESC LIMIT %s), "
            "candidate AS (SELECT id, object_id FROM recent UNION ALL ("
            f"SELECT entry.id, entry.object_id FROM older AS entry WHERE {pages_sql} "
            "ORDER BY entry.id DESC LIMIT %s)) "
            f"SELECT candidate.object_id, candidate.id, {RANK}, (SELECT COUNT(*) FROM older) "
            "FROM (SELECT id, object_id FROM candidate ORDER BY id DESC LIMIT %s) AS candidate "
            f"JOIN {ENTRIES} AS ranked ON ranked.id = candidate.id, query"
        )
        return sql, [
            *query_params, *content_types, RECENT_ENTRIES, *pages_params, wanted,
            *content_types, RECENT_ENTRIES - 1,
            *content_types, wanted, NEWEST_MATCHES,
            *pages_params, wanted,
            wanted,
        ]  # fmt: skip

    def _tsquery(self):
        config = get_search_backend().config
        match = " & ".join(
            "(" + " | ".join(forms) + ")" if len(forms) > 1 else forms[0] for forms in self.terms
        )
        if config:
            return "to_tsquery(%s::regconfig, %s)", [config, match]
        return "to_tsquery(%s)", [match]

    def _ranking(self):
        """([page ids, best first], pages found up to MAX_RANKED + 1, newest matches)."""
        if self._ranked is None:
            sql, params = self._statement()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            newest = rows[0][3] if rows else 0
            found = sorted(rows[:MAX_RANKED], key=lambda row: (-row[2], -row[1]))
            self._ranked = ([int(row[0]) for row in found], len(rows), newest)
        return self._ranked

    def count(self):
        """The pages listed: every match, or the MAX_RANKED newest."""
        return len(self._ranking()[0])

    @property
    def capped(self):
        """Whether more pages may match than are listed: more than MAX_RANKED were found, or
        older matches than the NEWEST_MATCHES were not looked at."""
        _ids, pages, newest = self._ranking()
        return pages > MAX_RANKED or newest >= NEWEST_MATCHES

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        """Pages `window.start` to `window.stop` of the ranking (what Paginator asks for), as
        `result_rows`."""
        ids = self._ranking()[0][window]
        found = {page.pk: page for page in result_rows(Page.objects.filter(pk__in=ids))}
        return [found[pk] for pk in ids if pk in found]


# What a result shows (search/search.html): the page's title, its URL, and its search
# description, else its model's `summary`, else its `intro`. Django's cost of a query grows
# with each selected column, and the pages as their own types (every page model's table
# joined, with their pictures) are about a hundred.
RESULT_FIELDS = (*SHELL_FIELDS, "search_description")
SNIPPET_FIELDS = ("summary", "intro")


@functools.cache
def snippet_annotations():
    """{name: the `name` column of whichever page model's row the page has} for each of
    SNIPPET_FIELDS that some page model (joined by `serving.specific`) has."""
    annotations = {}
    for name in SNIPPET_FIELDS:
        columns = [
            F(f"{model._meta.model_name}__{name}")
            for model in joinable_models()
            if name in {field.name for field in model._meta.concrete_fields}
        ]
        if columns:
            annotations[name] = Coalesce(*columns) if len(columns) > 1 else columns[0]
    return annotations


def result_rows(pages):
    """The pages (a queryset of `Page`) with RESULT_FIELDS and their snippet fields; a page
    of a model that cannot be joined (a subclass of another page model) as its own type."""
    joinable = set(joinable_models())
    rows = pages.select_related("locale").only(*RESULT_FIELDS).annotate(**snippet_annotations())
    return [page if page.specific_class in joinable else page.specific for page in rows.order_by()]


def search_pages(query, language):
    return RankedSearch(query, language)


def search(request):
    query, truncated = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        paginator = Paginator(search_pages(query, active_language()), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "truncated": truncated, "results": results},
    )
