"""After a save in the page editor: warn about embeds whose provider cannot be reached.

Wagtail has no warning level for blocks (only errors, which would block the save), so a draft
that keeps such an embed (see `home.blocks.VideoBlock`) is saved and the editor is told, by
block position and URL, what readers will see instead and what publishing will need."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.embeds.blocks import EmbedValue
from wagtail.fields import StreamField


def unreachable_embeds(page):
    """(field label, block position from 1, URL) of each embed that cannot be fetched."""
    found = []
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for position, child in enumerate(getattr(page, field.name) or [], start=1):
            value = child.value
            if isinstance(value, EmbedValue) and value.url and not value.html:
                found.append((field.verbose_name, position, value.url))
    return found


def warn_about_unreachable_embeds(request, page):
    for field_label, position, url in unreachable_embeds(page.specific):
        messages.warning(
            request,
            _(
                "%(field)s, block %(position)s (embed): no embed can be fetched for %(url)s. "
                "The draft is saved; readers would see a plain link, and publishing needs a "
                "working address."
            )
            % {"field": field_label, "position": position, "url": url},
        )
