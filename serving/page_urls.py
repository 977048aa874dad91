"""Pages' URLs from their `url_path`, as Wagtail gives them, for many pages at once.

Wagtail's `Page.get_url_parts()` works out, for each page, which site root it is under,
reverses its serve URL in the root's language, and `get_url()` then decides between a
relative and an absolute URL: about a tenth of a millisecond a page, and it needs a `Page`
instance. A sitemap section (2,000 pages) or an API listing's language versions (three per
item) would spend most of their time there. `PageURLs` takes the same steps once per site
root (Wagtail's `Site.get_site_root_paths()`, in its order, and the i18n prefix from
`reverse()`), then appends each page's path below its root, quoted as `reverse()` quotes
it. Wagtail has no bulk form of this.
"""

import functools
import re
from urllib.parse import quote

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.module_loading import import_string
from wagtail.coreutils import WAGTAIL_APPEND_SLASH, get_supported_content_language_variant
from wagtail.models import Site


@functools.cache
def serve_path():
    """What Wagtail's serve view (and so reverse()) accepts below a site root. Read on first
    use: `wagtail.urls` imports Wagtail's views, which need the app registry ready, and this
    module is imported while models load (the API's fields)."""
    return re.compile(import_string("wagtail.urls.serve_pattern"))


class PageURLs:
    """URLs of pages given by `url_path`, for `request` (as `get_url(request)` and
    `get_full_url(request)` give them) or for no request (as `page.url` and `page.full_url`).
    The active language counts as it does for Wagtail: use one instance within one active
    language."""

    def __init__(self, request=None):
        self.roots = Site.get_site_root_paths()  # kept for the request (serving/per_request.py)
        self.current_site = Site.find_for_request(request)  # None without a request
        self.single_site = len({root.site_id for root in self.roots}) == 1
        self.prefixes = {}

    def root_for(self, url_path):
        """Wagtail's choice of site root for a page (`Page.get_url_parts`)."""
        possible = [root for root in self.roots if url_path.startswith(root.root_path)]
        if not possible:
            return None
        # (With one site, as here, there is nothing to choose between: a sitemap section
        # asks this for thousands of pages.)
        if self.single_site or not self.current_site:
            return possible[0]
        if len({root.site_id for root in possible}) > 1:
            for root in possible:
                if root.site_id == self.current_site.pk:
                    return root
        return possible[0]

    def prefix(self, root):
        """The root page's own path (e.g. "/en/") as `get_url_parts` reverses it, None when
        not routable."""
        if root not in self.prefixes:
            # As get_url_parts: the active language when it is a variant of the root's.
            language = root.language_code
            try:
                if get_supported_content_language_variant(translation.get_language()) == language:
                    language = translation.get_language()
            except LookupError:
                pass
            try:
                with translation.override(language):
                    self.prefixes[root] = reverse("wagtail_serve", args=("",))
            except NoReverseMatch:
                self.prefixes[root] = None
        return self.prefixes[root]

    def parts(self, url_path):
        """(the page's site root, its path on that site), or None where Wagtail gives no URL
        (outside every site, or a path its serve view would not match)."""
        root = self.root_for(url_path)
        prefix = root and self.prefix(root)
        if not prefix:
            return None
        below = url_path[len(root.root_path) :]
        if not serve_path().match(below):
            return None
        # reverse() quotes its result keeping these characters (django.urls.resolvers).
        path = prefix + quote(below, safe=RFC3986_SUBDELIMS + "/~:@")
        if not WAGTAIL_APPEND_SLASH and path != "/":
            path = path.rstrip("/")
        return root, path

    def url(self, url_path):
        """`get_url(request)`: relative on the request's site (or when there is one site),
        absolute on another; None when the page has no URL."""
        parts = self.parts(url_path)
        if parts is None:
            return None
        root, path = parts
        here = (self.current_site and root.site_id == self.current_site.pk) or self.single_site
        return path if here else root.root_url + path

    def full_url(self, url_path):
        """`get_full_url(request)`: the site's root URL and the path; None without a URL."""
        parts = self.parts(url_path)
        return parts and parts[0].root_url + parts[1]
