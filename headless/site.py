"""The site around the pages, for an app: navigation, site settings, declared collections.

Wagtail's APIs serve pages one by one; an app that draws a menu would need one request per
level, and the site's name and languages are nowhere. These give a language's whole menu
tree, the site's names and languages, and each declared collection (footer, topics) in
one request each, anonymously. Used by the v2 views (headless/site_views.py) and the v3
router (headless/v3.py) alike.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from pydantic import BaseModel
from wagtail.models import Locale, Site

from .errors import BadParameter
from .representations import page_representation


class MenuItem(BaseModel):
    """A page of the menu, with its own menu pages under it."""

    id: int
    title: str
    html_url: str | None
    html_path: str | None
    children: list["MenuItem"]


class Navigation(BaseModel):
    """A language's menu tree: the home page's live, public pages marked "show in menus",
    and theirs, all the way down."""

    locale: str
    home: MenuItem | None
    items: list[MenuItem]


class Language(BaseModel):
    code: str
    name: str
    site_name: str
    home_path: str | None


class SiteSettings(BaseModel):
    """The site's name in the asked language, its languages and its default language."""

    site_name: str
    default_language: str
    languages: list[Language]


def locale_parameter(request):
    """The Locale of `?locale=` (default: the default language); 400 when unknown, or when
    the query has any other parameter (a misspelt one would otherwise go unnoticed)."""
    unknown = sorted(set(request.GET) - {"locale"})
    if unknown:
        raise BadParameter(
            unknown[0], _("Unknown query parameter: %(name)s.") % {"name": unknown[0]}
        )
    code = request.GET.get("locale", settings.LANGUAGE_CODE)
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None or code not in dict(settings.LANGUAGES):
        raise BadParameter("locale", _("Unknown locale: %(locale)s.") % {"locale": code})
    return locale


def home_for(request, locale):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    home = site.root_page.get_translation_or_none(locale)
    return home if home is not None and home.live else None


def _item(page, children):
    link = page_representation(page)
    return {
        "id": link["id"],
        "title": link["title"],
        "html_url": link["html_url"],
        "html_path": link["html_path"],
        "children": children,
    }


def navigation(request, locale):
    home = home_for(request, locale)
    if home is None:
        return {"locale": locale.language_code, "home": None, "items": []}
    pages = list(
        home.get_descendants().live().public().in_menu().select_related("locale").order_by("path")
    )
    children = {}  # parent path -> [item]
    included = {home.path}
    for page in pages:
        parent_path = page.path[: -page.steplen]
        if parent_path not in included:
            continue  # under a page that is not in the menu
        included.add(page.path)
        children.setdefault(parent_path, []).append(page)

    def build(page):
        return _item(page, [build(child) for child in children.get(page.path, [])])

    return {
        "locale": locale.language_code,
        "home": _item(home, []),
        "items": [build(page) for page in children.get(home.path, [])],
    }


def site_settings(request, locale):
    languages = []
    for code, name in settings.LANGUAGES:
        page_locale = Locale.objects.filter(language_code=code).first()
        home = home_for(request, page_locale) if page_locale else None
        with translation.override(code):
            site_name = str(settings.WAGTAIL_SITE_NAME)  # lazy: translated here
        languages.append(
            {
                "code": code,
                "name": name,
                "site_name": site_name,
                "home_path": home.url if home else None,
            }
        )
    names = {language["code"]: language["site_name"] for language in languages}
    return {
        "site_name": names.get(locale.language_code, str(settings.WAGTAIL_SITE_NAME)),
        "default_language": settings.LANGUAGE_CODE,
        "languages": languages,
    }
