"""/en/search/ and /ka/search/: Wagtail search over the live, public pages of one language.

The query is cut to MAX_QUERY_LENGTH characters and MAX_QUERY_TERMS words before it reaches
the search backend, so a 10,000-character query costs no more than a short one.
"""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, PlainText

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


def search_query(query):
    """All words must match; each of the first Georgian words may match in any of its forms."""
    terms = []
    for position, word in enumerate(query.split()):
        forms = georgian_forms(word) if position < EXPANDED_WORDS else [word]
        terms.append(Or([PlainText(form) for form in forms]) if len(forms) > 1 else PlainText(word))
    return And(terms) if len(terms) > 1 else terms[0]


def search_pages(query, locale):
    pages = Page.objects.live().public().filter(locale=locale).specific()
    return pages.search(search_query(query))


def search(request):
    query, truncated = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        paginator = Paginator(search_pages(query, Locale.get_active()), RESULTS_PER_PAGE)
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
