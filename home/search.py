"""/en/search/ and /ka/search/: Wagtail search over the live, public pages of one language.

The query is cut to MAX_QUERY_LENGTH characters and MAX_QUERY_TERMS words before it reaches
the search backend, so a 10,000-character query costs no more than a short one.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.template.response import TemplateResponse
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from serving.per_request import public
from serving.specific import as_specific, with_specific

from .lookups import active_language

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 10
RESULTS_PER_PAGE = 10
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
    """The live, public pages of one language that match every word, best first.

    Wagtail's database backend ranks each match in a correlated subquery (SQLite: FTS5's
    bm25 once per matching row, 165 s for a common word among 10,000 articles) and, on
    PostgreSQL, matches `title || body`, which no index serves (DESIGN.md pitfall 16). This
    reads the same index tables in one ranked statement with a limit: SQLite's FTS5 `MATCH`
    ordered by `bm25()`, PostgreSQL's `@@` on the indexed `title` and `body` vectors (their
    GIN indexes) ordered by `ts_rank`. A Paginator can slice it (two queries: the count, then
    one page of ids); the pages themselves come in one more.
    """

    def __init__(self, query, language):
        self.terms = search_terms(query)
        self.language = language
        self._count = None

    def _page_filter(self):
        pages = public(Page.objects.live().filter(locale__language_code=self.language))
        sql, params = pages.order_by().values("pk").query.sql_with_params()
        content_types = [ContentType.objects.get_for_model(model).pk for model in get_page_models()]
        return sql, list(params), content_types

    def _statement(self, select, order_and_limit="", limit_params=()):
        pages_sql, pages_params, content_types = self._page_filter()
        types = ", ".join(["%s"] * len(content_types))
        if connection.vendor == "postgresql":
            config = get_search_backend().config
            match = " & ".join(
                "(" + " | ".join(forms) + ")" if len(forms) > 1 else forms[0]
                for forms in self.terms
            )
            tsquery = "to_tsquery(%s::regconfig, %s)" if config else "to_tsquery(%s)"
            query_params = [config, match] if config else [match]
            sql = (
                f"SELECT {select} FROM {ENTRIES} AS entry, {tsquery} AS query "
                "WHERE (entry.title @@ query OR entry.body @@ query) "
                f"AND entry.content_type_id IN ({types}) "
                f"AND CAST(entry.object_id AS integer) IN ({pages_sql}) {order_and_limit}"
            )
            return sql, [*query_params, *content_types, *pages_params, *limit_params]
        # SQLite FTS5. Words are letters and digits only (clean_query), quoted all the same.
        match = " AND ".join(
            "(" + " OR ".join(f'"{form}"' for form in forms) + ")" for forms in self.terms
        )
        sql = (
            f"SELECT {select} FROM {FTS} JOIN {ENTRIES} AS entry ON entry.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s "
            f"AND entry.content_type_id IN ({types}) "
            f"AND CAST(entry.object_id AS integer) IN ({pages_sql}) {order_and_limit}"
        )
        return sql, [match, *content_types, *pages_params, *limit_params]

    def count(self):
        if self._count is None:
            sql, params = self._statement("COUNT(*)")
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        """Pages `window.start` to `window.stop` of the ranking (what Paginator asks for)."""
        start, stop = window.start or 0, window.stop
        if connection.vendor == "postgresql":
            rank = "ts_rank(entry.title, query) * 2 + ts_rank(entry.body, query)"
            order = f"ORDER BY {rank} DESC, entry.object_id DESC LIMIT %s OFFSET %s"
        else:
            # bm25 is lower for a better match; columns: autocomplete, body, title.
            order = f"ORDER BY bm25({FTS}, 0, 1, 2), entry.id DESC "
            order += "LIMIT %s OFFSET %s"
        sql, params = self._statement("entry.object_id", order, (stop - start, start))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [int(row[0]) for row in cursor.fetchall()]
        found = {
            page.pk: as_specific(page)
            for page in with_specific(Page.objects.filter(pk__in=ids)).defer_streamfields()
        }
        return [found[pk] for pk in ids if pk in found]


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
