"""The image renditions the site and the API serve, named once.

The demo loader renders them all when it creates its pictures, so no reader (and no test)
waits for Pillow to encode a WebP on a first request.
"""

HERO = "fill-1600x600|format-webp"
FEATURED = "fill-1200x630|format-webp"
IN_BODY = "width-1200|format-webp"
# The fixed sizes an image block offers in the API: name -> filter spec.
API_SIZES = {
    "thumbnail": "fill-400x300|format-webp",
    "medium": "width-800|format-webp",
    "large": "width-1600|format-webp",
}
ALL = [HERO, FEATURED, IN_BODY, *API_SIZES.values()]
