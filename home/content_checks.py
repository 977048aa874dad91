"""The content checker (Wagtail's accessibility checker and content metrics) set up for this
site. It runs from the userbar, on the live page and in the editor's preview panel.

Wagtail's own rules stay (heading order, empty headings and links, alt text that looks like
a file name, ...). Added here, axe-core's own rules, so no JavaScript of our own:
- an image without alternative text (`image-alt`): a body image that neither its block nor
  the image's description describes is rendered without `alt` (site/templates/blocks/
  image_block.html), since `alt=""` would call it decorative;
- `lang` values must be valid (`ka` on Georgian pages, and any `lang` inside the text).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem


class SiteContentCheckerItem(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "html-has-lang",
        "html-lang-valid",
        "valid-lang",
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
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
