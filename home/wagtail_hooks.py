"""Hooks of the content apps: rich-text page links resolved per language, and the editor's
side of `home` (content checks, embed warnings)."""

from django.db.models import Q
from django.templatetags.static import static
from django.utils.html import escape, format_html
from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from . import content_checks
from .lookups import SHELL_FIELDS, active_language

hooks.register("construct_wagtail_userbar", content_checks.use_site_content_checker)


@hooks.register("insert_editor_js")
def embed_warnings_on_their_blocks():
    """home/embed_warnings.py: each embed warning shown inside its block."""
    return format_html('<script src="{}"></script>', static("home/embed_warnings.js"))


class LocalizedPageLinkHandler(PageLinkHandler):
    """Links to pages inside rich text, resolved to the page in the active language.

    Wagtail's handler makes the linked pages specific (two queries) and then looks up each
    one's translation (`page.localized`: two queries per link). A link needs only a URL, so
    this fetches the linked pages and their live translations in the active language
    together, in one query per rich-text value.
    """

    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        language = active_language()
        linked = [id_ for id_ in ids if id_.isdigit()]
        keys = Page.objects.filter(pk__in=linked).values("translation_key")
        # Only what a link's URL needs (SHELL_FIELDS): Django's cost of a query grows with
        # each selected column. Languages are compared by code, so no `Locale` row is read.
        candidates = (
            Page.objects.filter(
                Q(pk__in=linked)
                | Q(translation_key__in=keys, locale__language_code=language, live=True)
            )
            .select_related("locale")
            .only(*SHELL_FIELDS)
            .order_by()
        )
        by_id, by_key = {}, {}
        for page in candidates:
            by_id[str(page.pk)] = page
            if page.locale.language_code == language and page.live:
                by_key[page.translation_key] = page
        pages = [by_id.get(id_) for id_ in ids]
        return [page and by_key.get(page.translation_key, page) for page in pages]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page.url)}">' if page else "<a>" for page in cls.get_many(attrs_list)
        ]


@hooks.register("register_rich_text_features", order=1)
def register_localized_page_links(features):
    # order=1: after Wagtail's own hook, which registers its PageLinkHandler.
    features.register_link_type(LocalizedPageLinkHandler)
