"""A warning on each embed block whose provider cannot be reached, in the page editor.

Wagtail has no warning level for blocks, only errors, and an error blocks the save. A draft
that keeps such an embed (see `home.blocks.VideoBlock`) is saved; `EmbedWarningsPanel`, the
body's panel, then lists a warning for each such block (what readers will see instead and
what publishing will need), tagged with the block's id, and home/static/home/
embed_warnings.js puts each one inside its block once Wagtail's StreamField has drawn the
blocks in the browser (without JavaScript the warnings stay listed under the body).

The check runs each time the editor opens: a fetched embed is cached by Wagtail (one query),
an unreachable one is asked again, as the public page and the preview do."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel
from wagtail.embeds.blocks import EmbedValue


def unreachable_embeds(stream):
    """The top-level blocks of a StreamField value that are embeds with no embed."""
    return [
        child
        for child in stream or []
        if isinstance(child.value, EmbedValue) and child.value.url and not child.value.html
    ]


def warning_for(url):
    return _(
        "No embed can be fetched for %(url)s. The draft is saved; readers would see a plain "
        "link, and publishing needs a working address."
    ) % {"url": url}


class EmbedWarningsPanel(FieldPanel):
    """Wagtail's FieldPanel for a StreamField, with a warning for each embed block whose
    provider cannot be reached."""

    class BoundPanel(FieldPanel.BoundPanel):
        def render_html(self, parent_context=None):
            html = super().render_html(parent_context)
            blocks = unreachable_embeds(getattr(self.instance, self.field_name, None))
            if not blocks:
                return html
            warnings = [(child.id, warning_for(child.value.url)) for child in blocks]
            return html + render_to_string(
                "home/panels/embed_warnings.html", {"warnings": warnings}
            )
