"""The image renditions the site and the API serve, named once.

The demo loader renders them all when it creates its pictures, so no reader (and no test)
waits for Pillow to encode a WebP (or an AVIF) on a first request.
"""

from django.conf import settings
from PIL import features
from wagtail.images.models import Filter, Picture

from security.images import public_image

HERO = "fill-1600x600|format-webp"
# Also the Open Graph / JSON-LD picture: 1200x630 is what Facebook, X and LinkedIn crop to.
FEATURED = "fill-1200x630|format-webp"
# The fixed sizes an image block offers in the API: name -> filter spec.
API_SIZES = {
    "thumbnail": "fill-400x300|format-webp",
    "medium": "width-800|format-webp",
    "large": "width-1600|format-webp",
}

# Responsive pictures on the public site: each role in the widths its slot needs at 1x and 2x;
# the `sizes` attribute tells the browser how wide the slot is, so a phone never downloads the
# 1600-pixel file. WebP for every browser, and AVIF first when SITE_PICTURE_FORMATS asks for it
# and this Pillow can write it (on the demo's drawn pictures AVIF came out larger than WebP and
# took seven times as long to encode, so it is not the default).
FORMATS = tuple(
    fmt
    for fmt in dict.fromkeys([*settings.SITE_PICTURE_FORMATS, "webp"])
    if fmt == "webp" or (fmt == "avif" and features.check("avif"))
)
ROLES = {
    # A card in the grid: a third of 72rem on desktop, half on tablets, full width on phones.
    "card": (
        ("fill-400x210", "fill-800x420"),
        "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)",
    ),
    # An article's picture at the top of its reading column (at most 44rem wide).
    "featured": (
        ("fill-800x420", "fill-1200x630"),
        "(min-width: 48rem) 44rem, calc(100vw - 2rem)",
    ),
    # A mission page's wide banner.
    "hero": (
        ("fill-800x300", "fill-1200x450", "fill-1600x600"),
        "(min-width: 72rem) 70rem, calc(100vw - 2rem)",
    ),
    # A picture inside a page's text.
    "inline": (
        ("width-400", "width-800", "width-1200"),
        "(min-width: 48rem) 44rem, calc(100vw - 2rem)",
    ),
}


def role_specs(role):
    sizes, _slot = ROLES[role]
    return [f"{size}|format-{fmt}" for fmt in FORMATS for size in sizes]


RESPONSIVE = [spec for role in ROLES for spec in role_specs(role)]
ALL = list(dict.fromkeys([HERO, FEATURED, *API_SIZES.values(), *RESPONSIVE]))


def picture(image, role, alt, *, first_on_screen=False, css_class=""):
    """A <picture> of `image` for one of ROLES, with Wagtail's own Picture (sources per format,
    srcset per width). The first picture on screen loads at once with high priority (it is
    usually the largest paint); every other one waits until it is scrolled near."""
    image = public_image(image)  # a restricted collection's image is never shown publicly
    if image is None:
        return ""
    _sizes, slot = ROLES[role]
    # alt=None leaves the attribute out: a content picture nobody described is reported by the
    # content checker (image-alt), where alt="" would wrongly tell readers it is decorative.
    # None (not absent): Wagtail would otherwise fill in the image's title.
    attrs = {"alt": alt, "sizes": slot, "decoding": "async"}
    if css_class:
        attrs["class"] = css_class
    if first_on_screen:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    return Picture(image.get_renditions(*role_specs(role)), attrs)


def prefetch(image, *specs):
    """Look the image's renditions of `specs` up together, as Wagtail looks each up (its
    renditions cache, then one query for the rest), and keep them on the image, where
    Wagtail's `get_rendition()` and `get_renditions()` look first (`prefetched_renditions`):
    a page that shows its picture in two roles (the banner and the Open Graph image, each
    Wagtail's lookup of its own) reads them once. Wagtail takes a prefetch as complete, so a
    spec left out here is looked up (or made) as when it is first asked for."""
    if image is not None:
        found = image.find_existing_renditions(*(Filter(spec) for spec in dict.fromkeys(specs)))
        image.prefetched_renditions = list(found.values())
