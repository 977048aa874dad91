"""Blocks that only news articles use. Shared blocks come from `home.blocks`."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from headless.representations import DOCUMENT_SCHEMA, document_representation
from home import block_previews, phones
from home.blocks import (
    CaptionedImageBlock,
    HeadingBlock,
    ParagraphBlock,
    QuoteBlock,
    VideoBlock,
)

# A RegexBlock, not a CharBlock: wagtail-localize makes every CharBlock a translation segment,
# and a phone number is the same in every language (DESIGN.md pitfall 7).
PHONE_PATTERN = r"^\+?[0-9][0-9 ()\-]{5,24}$"


class ContactValue(blocks.StructValue):
    def phone_display(self):
        return phones.display(self.get("phone"))

    def phone_href(self):
        return phones.href(self.get("phone"))


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"))
    office = blocks.CharBlock(required=False, label=_("Office"))
    phone = blocks.RegexBlock(
        regex=PHONE_PATTERN,
        required=False,
        label=_("Phone"),
        error_messages={"invalid": _("Enter a phone number, such as +995 32 225 22 16.")},
    )
    email = blocks.EmailBlock(required=False, label=_("Email"))

    class Meta:
        icon = "user"
        label = _("Press contact")
        template = "blocks/contact_block.html"
        value_class = ContactValue
        preview_value = {
            "name": "Joe Lowry",
            "office": "IOM Regional Office, Vienna",
            "phone": "+43 660 3776404",
            "email": "press@example.org",
        }
        description = _("Who journalists should contact")


class DocumentLinkValue(blocks.StructValue):
    def label(self):
        document = self.get("document")
        return self.get("title") or (document.title if document else "")

    def file_type(self):
        """The file type to show after the link, e.g. "PDF"; empty when the link text
        already names it (a title such as "Annual report (PDF)"), so it shows once."""
        document = self.get("document")
        kind = (document.file_extension if document else "").upper()
        return "" if not kind or f"({kind})" in self.label().upper() else kind


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, label=_("Link text"), help_text=_("Leave blank to use the document's title")
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document link")
        template = "blocks/document_link_block.html"
        value_class = DocumentLinkValue
        preview_value = staticmethod(block_previews.document_value)  # not bound to Meta
        description = _("A link to download a document")

    def get_api_representation(self, value, context=None):
        # Headless API: the document's download URL, not its id.
        return document_representation(value.get("document"), value.get("title"), context)

    def get_api_schema(self):
        return DOCUMENT_SCHEMA


class ArticleStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = VideoBlock()
    contact = ContactBlock()
    document = DocumentLinkBlock()
