"""Georgian text helpers Python's and Django's libraries do not have."""

from django.conf import settings
from django.utils.text import slugify

# Georgia's national romanization system (2002), as used on road signs and in passports,
# without the optional apostrophes for ejectives: "ვინ ვართ ჩვენ" -> "vin vart chven".
NATIONAL_ROMANIZATION = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t",
    "ი": "i", "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh",
    "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q",
    "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h",
}  # fmt: skip


def romanize(text):
    """Georgian letters to Latin by the national system; everything else is left as it is."""
    return "".join(NATIONAL_ROMANIZATION.get(char, char) for char in text)


def unicode_slugs():
    """Whether Georgian page slugs keep their letters (settings.GEORGIAN_SLUGS = "unicode")."""
    return settings.GEORGIAN_SLUGS == "unicode"


def georgian_slug(text, max_length=80):
    """A slug for Georgian text in the configured style, cut at a word boundary.

    "latin" (the default): Georgia's national romanization, "ვინ ვართ ჩვენ" -> "vin-vart-chven";
    such a URL survives copy and paste everywhere (e-mail, chat, print) unchanged.
    "unicode": "ვინ-ვართ-ჩვენ", readable in the address bar but percent-encoded in most other
    places (%E1%83%95%E1%83%98...).
    """
    if unicode_slugs():
        slug = slugify(text, allow_unicode=True)
    else:
        slug = slugify(romanize(text))
    if len(slug) <= max_length:
        return slug
    return slug[: max_length + 1].rsplit("-", 1)[0]
