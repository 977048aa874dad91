"""What every public page tells search engines and social networks, built in Python.

`page_metadata(page, request, context)` returns one `Metadata`: the <title>, meta description,
canonical URL, robots directive, Open Graph and Twitter card values and the JSON-LD graph
(schema.org). Pages say what is theirs through `SeoMixin`'s hooks (their description source,
their picture, their Open Graph type, their own structured data, the variant a listing's
filters make); this module assembles the rest, so templates only print values.

Wagtail gives `seo_title` and `search_description` fields and nothing else here (no
canonical, Open Graph or structured data); wagtail-metadata and wagtail-seo would add a
settings model and their own templates for what is a few dozen lines.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _

from security.images import public_image

from . import lookups, renditions

DESCRIPTION_LENGTH = 160
# The picture shared when a page has none of its own (drawn for this site, 1200x630).
DEFAULT_IMAGE = "img/share-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
LOGO = "icons/icon-512.png"
LOGO_SIZE = (512, 512)
OG_TYPES = ("website", "article")

# json.dumps output goes inside <script>: these characters could close it or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_name():
    return _("IOM Georgia")


def default_description():
    return _(
        "The International Organization for Migration (IOM) in Georgia: its work, its news "
        "and how to take part."
    )


def cut_at_word(text, limit=DESCRIPTION_LENGTH):
    """`text` on one line, at most `limit` characters, cut after a whole word with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


@dataclass
class SharedImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class Metadata:
    title: str  # the page's own title, without the site name
    append_site_name: bool
    description: str
    canonical: str
    robots: str = ""
    og_type: str = "website"
    image: SharedImage | None = None
    published_time: str = ""
    modified_time: str = ""
    section: str = ""
    structured_data: list = field(default_factory=list)
    # The visible breadcrumbs: (title, URL) of the page's ancestors from the home page down.
    breadcrumbs: list = field(default_factory=list)

    @property
    def full_title(self):
        return f"{self.title} | {site_name()}" if self.append_site_name else self.title

    @property
    def json_ld(self):
        """The structured data as one JSON-LD document, safe inside <script>."""
        if not self.structured_data:
            return ""
        document = {"@context": "https://schema.org", "@graph": self.structured_data}
        return json.dumps(document, ensure_ascii=False).translate(SCRIPT_ESCAPES)


@dataclass
class ListingVariant:
    """What a listing's query string (filters, page number) changes in its metadata."""

    title: str = ""
    canonical_query: str = ""
    noindex: bool = False


class SeoMixin:
    """Hooks a page model overrides to describe itself; `page_metadata` does the rest."""

    def seo_description_text(self):
        return self.search_description or getattr(self, "intro", "") or ""

    def seo_image(self):
        """(image, alternative text) to share, or None for the site's default picture."""
        return None

    def seo_og_type(self):
        return "website"

    def seo_article_facts(self):
        """(published ISO time, modified ISO time, section) for og:type article."""
        return ("", "", "")

    def seo_listing_variant(self, context):
        return ListingVariant()

    def seo_structured_data(self, request, metadata):
        """schema.org items of the page's own (a NewsArticle, say); breadcrumbs come anyway."""
        return []


def absolute(request, url):
    return request.build_absolute_uri(url)


def shared_image(page, request):
    found = page.seo_image() if hasattr(page, "seo_image") else None
    if found and public_image(found[0]) is not None:  # never a restricted collection's image
        image, alt = found
        rendition = image.get_rendition(renditions.FEATURED)
        return SharedImage(
            absolute(request, rendition.url), rendition.width, rendition.height, alt or ""
        )
    return default_image(request)


def default_image(request):
    width, height = DEFAULT_IMAGE_SIZE
    return SharedImage(absolute(request, static(DEFAULT_IMAGE)), width, height, site_name())


def organization(request, home_url):
    width, height = LOGO_SIZE
    return {
        "@type": "Organization",
        "@id": home_url + "#organization",
        "name": site_name(),
        "url": home_url,
        "logo": {
            "@type": "ImageObject",
            "url": absolute(request, static(LOGO)),
            "width": width,
            "height": height,
        },
    }


def website(request, home_url, language):
    search = absolute(request, f"/{language}/search/")
    return {
        "@type": "WebSite",
        "@id": home_url + "#website",
        "name": site_name(),
        "url": home_url,
        "inLanguage": language,
        "publisher": {"@id": home_url + "#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": search + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_trail(page, request):
    """(title, URL) from the language's home page down to this page, the page included."""
    trail = [*lookups.ancestors(page), page]  # read once per request, with the menu
    return [(crumb.title, crumb.get_url(request)) for crumb in trail]


def breadcrumb_list(trail, request):
    """schema.org BreadcrumbList of a trail (pages below the home page only)."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": title,
                "item": absolute(request, url),
            }
            for position, (title, url) in enumerate(trail, start=1)
        ],
    }


def page_metadata(page, request, context=None):
    """Everything the <head> says about a Wagtail page."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    url = page.get_url(request) or "/"
    variant = page.seo_listing_variant(context or {})
    title = variant.title or page.seo_title or page.title
    is_home = page.depth <= 2
    metadata = Metadata(
        title=title,
        # The home page's title is the site name already ("IOM Georgia | IOM Georgia").
        append_site_name=not is_home and title != site_name(),
        description=cut_at_word(page.seo_description_text()) or default_description(),
        canonical=absolute(request, url + variant.canonical_query),
        robots="noindex, follow" if variant.noindex else "",
        og_type=page.seo_og_type(),
        image=shared_image(page, request),
    )
    metadata.published_time, metadata.modified_time, metadata.section = page.seo_article_facts()
    home_url = absolute(request, f"/{language}/")
    if is_home:
        metadata.structured_data = [
            organization(request, home_url),
            website(request, home_url, language),
        ]
    else:
        trail = breadcrumb_trail(page, request)
        metadata.breadcrumbs = trail[:-1]
        metadata.structured_data = [
            *page.seo_structured_data(request, metadata),
            breadcrumb_list(trail, request),
        ]
    return metadata


def view_metadata(request, title="", *, noindex=False):
    """The <head> of a view that is not a page (search, errors). Such a view is `noindex`, and
    gets no canonical: a 404 would otherwise echo whatever path was asked for."""
    return Metadata(
        title=title or site_name(),
        append_site_name=True,  # such views give their own title in the template's block
        description=default_description(),
        canonical=absolute(request, request.path) if request is not None and not noindex else "",
        robots="noindex, follow" if noindex else "",
        image=default_image(request) if request is not None else None,
    )


def publisher(request):
    """The publisher of an article, as Google's article rich result wants it."""
    width, height = LOGO_SIZE
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": absolute(request, f"/{language}/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(request, static(LOGO)),
            "width": width,
            "height": height,
        },
    }
