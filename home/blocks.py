"""StreamField blocks shared by mission pages, the home page and news articles.

Every block declares its icon, template and an admin preview (as `wagtail/bakerydemo` does).
What a template needs to decide lives in a `StructValue` subclass, not in the template.
Text a translator must see is a CharBlock, TextBlock or RichTextBlock; everything else (pages,
images, URLs, numbers) uses a block type that wagtail-localize keeps out of the segments.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale

from headless.dates import date_display
from headless.representations import (
    NULLABLE_PAGE_LINK,
    clean_rich_text,
    image_representation,
    image_schema,
    page_representation,
)

from . import renditions

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Our Work", "level": "h2"}
        description = _("A section heading")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>IOM has had a presence in Georgia since 1993, promoting humane and orderly "
            "migration for the benefit of all.</p>"
        )
        description = _("Rich text: paragraphs, lists and links")

    def get_api_representation(self, value, context=None):
        # The same clean HTML whether the text came from the admin or the demo loader.
        return clean_rich_text(super().get_api_representation(value, context))

    def get_api_schema(self):
        return {"type": "string", "contentMediaType": "text/html"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), help_text=_("Who said it"))
    role = blocks.CharBlock(
        required=False, label=_("Role"), help_text=_("Their position or organisation")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "The pandemic keeps pushing us to rethink the way we operate.",
            "attribution": "Sanja Celebic-Lukovac",
            "role": "IOM Chief of Mission in Georgia",
        }
        description = _("A quotation with the speaker's name and role")


class CaptionedImageValue(blocks.StructValue):
    def rendition(self):
        image = self.get("image")
        return image.get_rendition(renditions.IN_BODY) if image else None


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), help_text=_("Describe the picture for screen readers")
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        value_class = CaptionedImageValue
        description = _("A picture with its alternative text and an optional caption")

    def get_api_representation(self, value, context=None):
        # Headless API: the picture itself (id, title, alt, size, rendition URLs), not an id.
        data = image_representation(
            value.get("image"), value.get("alt_text"), renditions.API_SIZES, context
        )
        data["caption"] = value.get("caption") or ""
        return data

    def get_api_schema(self):
        return image_schema(renditions.API_SIZES)


class VideoBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed_block.html"
        description = _("A video or other media by URL")


class FactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), help_text=_("For example 175"))
    label = blocks.CharBlock(label=_("Label"), help_text=_("For example member states"))

    class Meta:
        icon = "order"
        label = _("Fact")


class FactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    facts = blocks.ListBlock(FactBlock(), min_num=1, label=_("Facts"))

    class Meta:
        icon = "list-ul"
        label = _("Key facts")
        template = "blocks/facts_block.html"
        preview_value = {
            "heading": "IOM in numbers",
            "facts": [
                {"figure": "175", "label": "member states"},
                {"figure": "100+", "label": "countries"},
                {"figure": "1993", "label": "in Georgia since"},
            ],
        }
        description = _("A row of figures with labels")


def localized_page(page):
    """The page in the active language when it has a live translation, else the page itself."""
    if page is None:
        return None
    page = page.specific
    translated = page.get_translation_or_none(Locale.get_active())
    return translated.specific if translated and translated.live else page


class LinkCardValue(blocks.StructValue):
    def target(self):
        return localized_page(self.get("page"))

    def title(self):
        return self.get("heading") or self.target().title

    def url(self):
        return self.target().url


class LinkCardBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    heading = blocks.CharBlock(
        required=False, label=_("Title"), help_text=_("Leave blank to use the page's title")
    )
    text = blocks.TextBlock(required=False, label=_("Text"))

    class Meta:
        icon = "link"
        label = _("Link card")
        value_class = LinkCardValue

    def get_api_representation(self, value, context=None):
        # Headless API: the target page in the active language, with its URL.
        page = page_representation(localized_page(value.get("page")))
        return {
            "page": page,
            "title": value.get("heading") or (page["title"] if page else ""),
            "text": value.get("text") or "",
        }

    def get_api_schema(self):
        return {
            "type": "object",
            "properties": {
                "page": NULLABLE_PAGE_LINK,
                "title": {"type": "string"},
                "text": {"type": "string"},
            },
            "required": ["page", "title", "text"],
            "additionalProperties": False,
        }


class LinkCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    cards = blocks.ListBlock(LinkCardBlock(), min_num=1, label=_("Cards"))

    class Meta:
        icon = "table"
        label = _("Link cards")
        template = "blocks/link_cards_block.html"
        description = _("Cards that lead to other pages")


class CallToActionValue(blocks.StructValue):
    def href(self):
        page = localized_page(self.get("page"))
        return page.url if page else self.get("url")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(label=_("Button label"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(
        required=False, label=_("External link"), help_text=_("Used when no page is chosen")
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        value_class = CallToActionValue
        preview_value = {
            "title": "Take action",
            "text": "Support migrants and communities across Georgia.",
            "button_label": "Find out how",
            "url": "https://www.iom.int/",
        }
        description = _("A highlighted invitation with a button")

    def get_api_representation(self, value, context=None):
        # Headless API: the chosen page in the active language, and the link to follow.
        page = page_representation(localized_page(value.get("page")))
        return {
            "title": value.get("title") or "",
            "text": value.get("text") or "",
            "button_label": value.get("button_label") or "",
            "page": page,
            "url": page["html_url"] if page else (value.get("url") or ""),
        }

    def get_api_schema(self):
        properties = {
            "title": {"type": "string"},
            "text": {"type": "string"},
            "button_label": {"type": "string"},
            "page": NULLABLE_PAGE_LINK,
            "url": {"type": "string"},
        }
        return {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give a link."))}
            )
        return value


class MissionStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    facts = FactsBlock()
    link_cards = LinkCardsBlock()
    call_to_action = CallToActionBlock()
    embed = VideoBlock()


class LatestNewsValue(blocks.StructValue):
    def articles(self):
        # Looked up by name: newsroom depends on home, not the other way round.
        articles = apps.get_model("newsroom", "NewsArticlePage").objects
        return articles.latest_for_locale(Locale.get_active())[: self["count"]]


class LatestNewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    count = blocks.IntegerBlock(min_value=1, max_value=12, default=3, label=_("How many"))

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "blocks/latest_news_block.html"
        value_class = LatestNewsValue
        description = _("The newest articles of the page's language, drawn live")

    def get_api_representation(self, value, context=None):
        # Headless API: the articles themselves, in the active (the page's) language.
        articles = []
        for article in value.articles():
            entry = page_representation(article)
            entry["date"] = article.date.isoformat()
            entry["date_display"] = date_display(article.date, article.locale.language_code)
            articles.append(entry)
        return {
            "heading": value.get("heading") or "",
            "count": value.get("count"),
            "articles": articles,
        }

    def get_api_schema(self):
        article = {
            "title": "LatestNewsArticle",
            "allOf": [
                {"$ref": "#/components/schemas/PageLink"},
                {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "date_display": {"type": "string"},
                    },
                    "required": ["date", "date_display"],
                },
            ],
        }
        return {
            "type": "object",
            "properties": {
                "heading": {"type": "string"},
                "count": {"type": ["integer", "null"]},
                "articles": {"type": "array", "items": article},
            },
            "required": ["heading", "count", "articles"],
            "additionalProperties": False,
        }


class HomeStreamBlock(blocks.StreamBlock):
    featured_pages = LinkCardsBlock(label=_("Featured pages"))
    latest_news = LatestNewsBlock()
    facts = FactsBlock()
    call_to_action = CallToActionBlock()
    paragraph = ParagraphBlock()
