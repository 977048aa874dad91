"""What every page's shell (header, menu, breadcrumbs, language links, footer) reads, each in
one query per request (`serving.per_request`), filtered by language code so that no query for
the `Locale` row itself is needed. Wagtail's `Page.get_url` reads `page.locale`, so every
page fetched here comes with its locale.
"""

import copy

from django.db.models import Q
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction

from serving.per_request import (
    locales,
    page_language_code,
    per_request,
    restricted_paths,
)

# Wagtail's tree: the root is at depth 1, each language's home page at depth 2 (HomePage's
# parent_page_types), so a language's top-level sections are its pages at depth 3.
SECTION_DEPTH = 3


def active_language():
    """The active content language's code, as Wagtail's `Locale.get_active()` picks it."""
    return get_supported_content_language_variant(translation.get_language())


def active_locale():
    """Wagtail's `Locale.get_active()`, from the locales read once per request."""
    language = active_language()
    for locale in locales().values():
        if locale.language_code == language:
            return locale
    return Locale.objects.get_for_language(language)  # absent: Wagtail's error


@per_request
def _translations_by_key(language_code):
    return {}  # translation key -> the live page in that locale, or None; filled as asked


@per_request
def _pages_by_id():
    return {}  # page id -> the page (or None where there is none); filled as asked


def pages_by_id(ids):
    """The pages with these ids, in order (None where there is none), each fetched once per
    request: Wagtail's page chooser block fetches its own values with a query per block type
    (`bulk_to_python`), so a body's cards and its button cost a query each; a body reads all
    its chosen ids first (`blocks.chosen_pages`) and every chooser then finds its page here.
    A page chosen twice is a copy, as in Wagtail's `ChooserBlock.bulk_to_python`."""
    known = _pages_by_id()
    missing = {pk for pk in ids if pk is not None and pk not in known}
    if missing:
        known.update(dict.fromkeys(missing))
        known.update(Page.objects.select_related("locale").in_bulk(missing))
    found, seen = [], set()
    for pk in ids:
        page = known.get(pk)
        found.append(copy.copy(page) if page is not None and pk in seen else page)
        seen.add(pk)
    return found


def localize_pages(pages):
    """Each page in the active language where it has a live translation, else the page itself,
    with one query for all of them (and none for those already looked up in this request).
    Languages are compared by code, so no `Locale` row is read for it."""
    language = active_language()
    known = _translations_by_key(language)

    def in_language(page):
        return page is None or page_language_code(page) == language

    missing = {
        page.translation_key
        for page in pages
        if not in_language(page) and page.translation_key not in known
    }
    if missing:
        found = Page.objects.live().filter(
            locale__language_code=language, translation_key__in=missing
        )
        known.update(dict.fromkeys(missing))
        found = found.select_related("locale").defer_streamfields()
        known.update((page.translation_key, page) for page in found)
    return [page if in_language(page) else known[page.translation_key] or page for page in pages]


def ancestor_paths(path):
    steplen = Page.steplen
    return [path[:end] for end in range(steplen, len(path), steplen)]


# What the shell reads of its pages (titles, URLs, language, place in the tree): Django's cost
# of a query grows with each selected column, and a page row has about thirty. A template that
# reads another field gets it with a query per page, which the query budgets would show.
SHELL_FIELDS = (
    "id", "path", "depth", "title", "draft_title", "seo_title", "slug", "url_path", "live",
    "translation_key", "content_type_id", "locale__id", "locale__language_code",
)  # fmt: skip


def by_path(page):
    return page.path


# The shell's few pages are sorted here, not by the database: Django compiles an ORDER BY by
# looking every selected column up (one hash of each expression), which costs more than
# running these queries; a handful of rows sort in microseconds.
@per_request
def _shell_pages(language, path, translation_key=None):
    """The menu, the ancestors of the page at `path` and the page's live translations (by
    `translation_key`): the pages of one page's shell, in one query. Each page's
    `in_main_menu` is told here from the columns fetched (an annotation repeating the menu's
    conditions cost Django more to build than the query took to run)."""
    # The menu's candidates in every language (a few pages at that depth): a condition on the
    # language made SQLite walk the language's every page by the locale index (10,000 with the
    # benchmark corpus), where the tree's depth index finds the few sections.
    menu = Q(depth=SECTION_DEPTH, live=True, show_in_menus=True)
    wanted = menu | Q(path__in=ancestor_paths(path))
    if translation_key is not None:
        wanted |= Q(translation_key=translation_key, live=True)
    pages = list(
        Page.objects.filter(wanted)
        .select_related("locale")
        .only(*SHELL_FIELDS, "show_in_menus")
        .order_by()
    )
    private = restricted_paths()
    for page in pages:
        page.in_main_menu = (
            page.depth == SECTION_DEPTH
            and page.locale.language_code == language
            and page.live
            and page.show_in_menus
            and not page.path.startswith(private)  # PageQuerySet.public(), as private_q()
        )
    return sorted(pages, key=by_path)


def shell_pages(page):
    """`_shell_pages` of a page (or of a view that is none: the menu alone), in the active
    language: every part of the shell asks with the same arguments, so it is one query."""
    if page is None:
        return _shell_pages(active_language(), "")
    return _shell_pages(active_language(), page.path, page.translation_key)


def menu_pages(page=None):
    """The active language's live, public top-level pages marked "show in menus"."""
    return [found for found in shell_pages(page) if found.in_main_menu]


def ancestors(page):
    """The page's ancestors below the tree's root, top down (one query with the menu)."""
    wanted = set(ancestor_paths(page.path))
    return [found for found in shell_pages(page) if found.path in wanted and found.depth > 1]


def by_language_code(page):
    return page.locale.language_code


def live_translations(page):
    """The page's live versions in the other languages (one query with the menu)."""
    key = page.translation_key
    return sorted(
        (
            found
            for found in shell_pages(page)
            if found.translation_key == key and found.live and found.pk != page.pk
        ),
        key=by_language_code,
    )


class FastViewRestrictionsMixin:
    """Pages answer "which view restrictions apply to me" without a query when the site has
    none at all (the usual case); the restricted paths are read once per request and shared
    with every `public()` listing. With any restriction, Wagtail's own check runs."""

    def get_view_restrictions(self):
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
