"""Template tags for the site's shell: main menu, language switcher, footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation
from wagtail.models import Page

from home import lookups, seo
from home.models import Footer

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The active language's top-level pages marked "show in menus"; the one the reader is in
    (the current page or an ancestor of it) is marked current."""
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "items": [
            (item, current_path.startswith(item.path)) for item in lookups.menu_pages(current)
        ],
    }


def alternate_query(page, code):
    """The query string a listing keeps in language `code` (its filters), else ""."""
    hook = getattr(page, "alternate_query", None)
    return hook(code) if hook else ""


def switcher_links(page, request=None):
    """One link per language: the page's live translation, or else its nearest ancestor that
    has one (marked as a fallback so the template can say so). wagtail-localize defines no
    reader fallback for untranslated pages; this is ours."""
    active = translation.get_language()
    translations = (
        {other.locale.language_code: other for other in lookups.live_translations(page)}
        if page is not None
        else {}
    )
    links = []
    for code, name in settings.LANGUAGES:
        link = {"code": code, "name": name, "is_current": code == active, "is_fallback": False}
        if page is None:
            # A view that is not a page (search, feeds): the same address in the other
            # language; anything else (a 404) goes to that language's home page.
            match = getattr(request, "resolver_match", None)
            if match is not None and match.url_name != "wagtail_serve":
                link["url"] = translate_url(request.get_full_path(), code)
            else:
                link["url"] = f"/{code}/"
        elif page.locale.language_code == code:
            link["url"] = page.url + alternate_query(page, code)
        else:
            target = translations.get(code)
            query = alternate_query(page, code)
            if target is None:
                query = ""  # the filters belong to the page, not to its fallback ancestor
                link["is_fallback"] = True
                ancestor_keys = Page.objects.ancestor_of(page).values("translation_key")
                target = (
                    Page.objects.live()
                    .filter(
                        locale__language_code=code,
                        translation_key__in=ancestor_keys,
                        depth__gt=1,
                    )
                    .select_related("locale")
                    .order_by("-depth")
                    .first()
                )
            link["url"] = target.url + query if target else f"/{code}/"
        links.append(link)
    return links


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"links": switcher_links(context.get("page"), context.get("request"))}


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """The live translations of the current page, for <link rel="alternate" hreflang>."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None:
        return []
    pages = [page, *lookups.live_translations(page)]
    urls = [(p.locale.language_code, p.get_url(request)) for p in pages]
    links = [
        (code, request.build_absolute_uri(url + alternate_query(page, code)))
        for code, url in urls
        if url is not None
    ]
    # x-default: the source-language (English) version, for readers of any other language.
    default = [url for code, url in links if code == settings.LANGUAGE_CODE]
    if len(links) > 1 and default:
        links.append(("x-default", default[0]))
    return links


OG_LOCALES = {"en": "en_US", "ka": "ka_GE"}


@register.simple_tag(takes_context=True)
def og_locales(context):
    """Open Graph locales: the page's own (`og:locale`) and its live translations'
    (`og:locale:alternate`), e.g. ("ka_GE", ["en_US"])."""
    page = context.get("page")
    current = translation.get_language()
    if page is not None and getattr(page, "locale_id", None):
        codes = [other.locale.language_code for other in lookups.live_translations(page)]
        alternates = [OG_LOCALES.get(code, code) for code in codes]
    else:
        alternates = [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES]
    own = OG_LOCALES.get(current, current)
    return {"locale": own, "alternates": [code for code in alternates if code != own]}


@register.inclusion_tag("includes/footer.html")
def site_footer():
    return {"footer": Footer.for_active_language(), "year": timezone.localdate().year}


@register.simple_tag(takes_context=True)
def page_metadata(context):
    """The <head>'s metadata (home/seo.py): a page's own, or a plain view's (search, 404)."""
    page, request = context.get("page"), context.get("request")
    if page is not None and request is not None and isinstance(page, seo.SeoMixin):
        return seo.page_metadata(page, request, context)
    return seo.view_metadata(request, context.get("view_title", ""), noindex=True)


@register.simple_tag
def responsive_picture(page, first_on_screen=False):
    """A listing card's picture; the first card on screen loads at once."""
    return page.card_picture(first_on_screen=bool(first_on_screen))
