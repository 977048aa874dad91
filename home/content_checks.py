"""The content checker (Wagtail's accessibility checker and content metrics) set up for this
site. It runs from the userbar, on the live page and in the editor's preview panel.

Wagtail's own rules stay (heading order, empty headings and links, alt text that looks like
a file name, ...). Added here, from axe-core's built-in checks, so no JavaScript of our own:
- an image in the article or mission body, or a featured image, must have alternative text:
  Wagtail's rules accept `alt=""` (decorative), but a picture placed in the text is content;
- a missing `alt` attribute on any image;
- `lang` values must be valid (`ka` on Georgian pages, and any `lang` inside the text).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

# The pictures an editor places in the text (site/templates/blocks/image_block.html, the
# article's featured image); hero images may be decorative and are left out.
CONTENT_IMAGES = "figure.image-block img, img.featured-image"


class SiteContentCheckerItem(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "content-image-alt",
        "image-alt",
        "html-has-lang",
        "html-lang-valid",
        "valid-lang",
    ]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": "content-image-alt",
            "impact": "serious",
            "selector": CONTENT_IMAGES,
            "tags": ["wcag2a", "wcag111"],
            # axe-core's own checks: a non-empty alt, or a label by ARIA.
            "any": ["non-empty-alt", "aria-label", "aria-labelledby"],
            "enabled": True,
        },
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "content-image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _(
                "Describe the picture in the image's description or the block's alternative text"
            ),
        },
        "image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _(
                "Describe the picture in the image's description or the block's alternative text"
            ),
        },
        "html-has-lang": {
            "error_name": _("The page does not say its language"),
            "help_text": _("Screen readers need it to pronounce Georgian and English correctly"),
        },
        "html-lang-valid": {
            "error_name": _("The page's language code is not valid"),
            "help_text": _("Use ka for Georgian and en for English"),
        },
        "valid-lang": {
            "error_name": _("A language code in the text is not valid"),
            "help_text": _("Use ka for Georgian and en for English"),
        },
    }


def use_site_content_checker(request, items, page):
    """`construct_wagtail_userbar` hook: Wagtail's checker item, with this site's rules."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentCheckerItem):
            items[index] = SiteContentCheckerItem(in_editor=getattr(item, "in_editor", False))
