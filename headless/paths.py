"""Find a page by its public path, in any language (Wagtail #6679 ignores the prefix)."""

import re
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

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
    """The live page at `raw` in its locale's tree, or Http404."""
    language_code, components = parse_html_path(raw)
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise Http404
    root = site.root_page.get_translation_or_none(locale)
    if root is None or not root.live:
        raise Http404
    page, _args, _kwargs = root.specific.route(request, components)
    if page is None or not queryset.filter(pk=page.pk).exists():
        raise Http404
    return page
