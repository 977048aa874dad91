"""Find a page by its public path, in any language (Wagtail #6679 ignores the prefix)."""

import re
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Site

from serving.specific import as_specific, with_specific

from .errors import BadParameter

# A public path: slashes and slug characters only (Unicode letters allowed: a slug may be
# Georgian). Anything else cannot be a page's path and is a malformed parameter.
PATH_PATTERN = re.compile(r"^(?:/[-\w]+)*/?$")
MAX_PATH_LENGTH = 2048


def parse_html_path(raw):
    """(language code, [slug, ...]) for a raw or percent-encoded path; 400 when malformed."""
    path = raw
    if "%" in path:
        path = unquote(path, errors="strict") if _decodes(path) else "\ufffd"
    if not path or len(path) > MAX_PATH_LENGTH or not PATH_PATTERN.match(path):
        raise BadParameter(
            "html_path",
            _("html_path must be a page's path, such as /ka/siakhleebi/."),
        )
    components = [component for component in path.split("/") if component]
    languages = {code for code, _name in settings.LANGUAGES}
    if components and components[0] in languages:
        return components[0], components[1:]
    # No language prefix: the default language, as the public site redirects there.
    return settings.LANGUAGE_CODE, components


def _decodes(path):
    try:
        unquote(path, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def find_page_by_html_path(request, raw, queryset):
    """The live page of `queryset` at `raw` in its locale's tree, as its own type, or Http404.

    Wagtail's `route()` walks the path from the locale's root page, two queries a level; a
    page's path is its root's `url_path` (from Wagtail's cached site root paths, one per
    language) followed by its slugs, so one query on Wagtail's `url_path` finds it. A
    sub-path that a page serves itself (a routable page's) is not a page: 404.
    """
    language_code, components = parse_html_path(raw)
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    roots = [
        root.root_path
        for root in Site.get_site_root_paths()
        if root.site_id == site.pk and root.language_code == language_code
    ]
    if not roots:
        raise Http404
    url_path = roots[0] + "".join(f"{component}/" for component in components)
    page = with_specific(queryset.filter(url_path=url_path)).first()
    if page is None:
        raise Http404
    return as_specific(page)
