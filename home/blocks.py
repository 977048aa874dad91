"""StreamField blocks shared by mission pages, the home page and news articles.

Every block declares its icon, template and an admin preview (as `wagtail/bakerydemo` does).
What a template needs to decide lives in a `StructValue` subclass, not in the template.
Text a translator must see is a CharBlock, TextBlock or RichTextBlock; everything else (pages,
images, URLs, numbers) uses a block type that wagtail-localize keeps out of the segments.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.api.rich_text import APIRichText
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from headless.dates import date_display
from headless.representations import (
    NULLABLE_PAGE_LINK,
    clean_rich_text,
    image_representation,
    image_schema,
    page_representation,
)
from security.images import public_image

from . import block_previews, renditions
from .lookups import active_language, localize_pages, pages_by_id

BODY_HELP = _(
    "The page's content, block by block. Choose + to add a block: the chooser describes and "
    "previews each one. Start sections with a section heading and put sub-headings under it."
)

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
        rich_text_format = (context or {}).get("_wagtail_rich_text_format")
        if rich_text_format is None:
            return clean_rich_text(super().get_api_representation(value, context))
        # Wagtail's v2 views resolve `?rich_text_format=` once for the serializers (their
        # RichTextField does not read it again); its block reads and checks it again for
        # every paragraph of every item.
        return clean_rich_text(APIRichText.serialize(value.source, format=rich_text_format))

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


ALT_TEXT_HELP = _(
    "Leave empty to use the image's own description (given when it was uploaded); fill in "
    "to describe the picture differently on this page"
)


def image_alt(image, alt_text):
    """One alternative text per use of an image: the page's own text when given, else the
    image's description. Not Wagtail's `default_alt_text`, which falls back to the title:
    an uploaded file's title ("IMG_2034") describes nothing, and the content checker should
    flag the picture instead."""
    if alt_text:
        return alt_text
    return (image.description or "") if image else ""


class CaptionedImageValue(blocks.StructValue):
    def alt(self):
        return image_alt(self.get("image"), self.get("alt_text"))

    def picture(self):
        """Responsive, and lazy: a picture in the text is never the first thing on screen."""
        return renditions.picture(self.get("image"), "inline", self.alt() or None)


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False, label=_("Alternative text"), help_text=ALT_TEXT_HELP
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        value_class = CaptionedImageValue
        preview_value = staticmethod(block_previews.image_value)  # not bound to Meta
        description = _("A picture with its alternative text and an optional caption")

    def get_api_representation(self, value, context=None):
        # Headless API: the picture itself (id, title, alt, size, rendition URLs), not an id.
        data = image_representation(
            public_image(value.get("image")), value.alt(), renditions.API_SIZES, context
        )
        data["caption"] = value.get("caption") or ""
        return data

    def get_api_schema(self):
        return image_schema(renditions.API_SIZES)


def unreachable_embed_message(url):
    return gettext(
        "No embed can be fetched for %(url)s: the provider cannot be reached or does not know "
        "this address. Check the address or remove this block before publishing; until then "
        "readers would see a plain link."
    ) % {"url": url}


class VideoBlock(EmbedBlock):
    """An embed that does not block work when its provider cannot be reached.

    Wagtail's EmbedBlock refuses any save when no embed can be fetched. Here a draft save
    and the preview (both Wagtail's deferred validation) keep the URL, the editor is warned
    after saving (home/wagtail_hooks.py), the public page links to the URL instead, and only
    publishing is refused, with the URL in the block's error."""

    def clean(self, value):
        if isinstance(value, EmbedValue) and value.url and not value.html:
            if self.is_deferred_validation:
                return blocks.URLBlock.clean(self, value)
            raise ValidationError(unreachable_embed_message(value.url))
        return super().clean(value)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed_block.html"
        preview_value = block_previews.SAMPLE_VIDEO_URL
        description = _(
            "A video or other media by its address (YouTube, Vimeo, ...); a plain link when "
            "the provider cannot be reached"
        )


class FactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), help_text=_("For example 175"))
    label = blocks.CharBlock(label=_("Label"), help_text=_("For example member states"))

    class Meta:
        icon = "order"
        label = _("Fact")
        description = _("A figure and what it counts")


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


class ChosenPageBlock(blocks.PageChooserBlock):
    """Wagtail's page chooser, whose pages a body fetches together (`lookups.pages_by_id`)."""

    def bulk_to_python(self, values):
        return pages_by_id(values)


def chosen_page_ids(block, raw):
    """The ids chosen by the `ChosenPageBlock`s anywhere in a block's raw (JSON) value."""
    if raw is None:
        return
    if isinstance(block, ChosenPageBlock):
        yield raw
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from chosen_page_ids(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:  # {"type": "item", "value": ..., "id": ...}, or a bare value (old)
            is_wrapped = isinstance(item, dict) and item.get("type") == "item"
            yield from chosen_page_ids(block.child_block, item["value"] if is_wrapped else item)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            if item.get("type") in block.child_blocks:
                yield from chosen_page_ids(block.child_blocks[item["type"]], item.get("value"))


def chosen_pages(stream):
    """The pages chosen anywhere in a StreamField value (cards, buttons), all fetched in one
    query (Wagtail: one per block type), to look up their translations together
    (`localize_pages`) rather than once per block."""
    pages_by_id(list(chosen_page_ids(stream.stream_block, list(stream.raw_data))))
    found = []

    def walk(value):
        if isinstance(value, Page):
            found.append(value)
        elif isinstance(value, blocks.StructValue):
            for child in value.values():
                walk(child)
        elif isinstance(value, (list, blocks.list_block.ListValue)):
            for child in value:
                walk(child)

    for block in stream:
        walk(block.value)
    return found


def localized_page(page):
    """The page in the active language when it has a live translation, else the page itself.
    The chosen page as it is (not `specific`): a card or a button needs its title and URL."""
    return localize_pages([page])[0]


class LinkCardValue(blocks.StructValue):
    def target(self):
        return localized_page(self.get("page"))

    def title(self):
        return self.get("heading") or self.target().title

    def url(self):
        return self.target().url


class LinkCardBlock(blocks.StructBlock):
    page = ChosenPageBlock(label=_("Page"))
    heading = blocks.CharBlock(
        required=False, label=_("Title"), help_text=_("Leave blank to use the page's title")
    )
    text = blocks.TextBlock(required=False, label=_("Text"))

    class Meta:
        icon = "link"
        label = _("Link card")
        value_class = LinkCardValue
        description = _("A page with a title and a short text")

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


class LinkCardsValue(blocks.StructValue):
    def localized_cards(self):
        """The cards, with every card's page looked up in the active language at once."""
        cards = self.get("cards") or []
        localize_pages([card.get("page") for card in cards])
        return cards


class LinkCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    cards = blocks.ListBlock(LinkCardBlock(), min_num=1, label=_("Cards"))

    class Meta:
        icon = "table"
        label = _("Link cards")
        template = "blocks/link_cards_block.html"
        value_class = LinkCardsValue
        preview_value = staticmethod(block_previews.link_cards_value)  # not bound to Meta
        description = _("Cards that lead to other pages")


class CallToActionValue(blocks.StructValue):
    def href(self):
        page = localized_page(self.get("page"))
        return page.url if page else self.get("url")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(label=_("Button label"))
    page = ChosenPageBlock(required=False, label=_("Page"))
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


class ChosenPagesStreamBlock(blocks.StreamBlock):
    """A body whose cards and buttons choose pages: in the API, every chosen page's
    translation is looked up at once before the blocks ask for theirs one by one (as the
    HTML page's `get_context` does)."""

    def get_api_representation(self, value, context=None):
        localize_pages(chosen_pages(value))
        return super().get_api_representation(value, context)


class MissionStreamBlock(ChosenPagesStreamBlock):
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
        return articles.latest_for_language(active_language())[: self["count"]]


class LatestNewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    count = blocks.IntegerBlock(min_value=1, max_value=12, default=3, label=_("How many"))

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "blocks/latest_news_block.html"
        value_class = LatestNewsValue
        preview_value = {"heading": "Latest news", "count": 3}
        description = _("The newest articles of the page's language, drawn live")

    def get_api_representation(self, value, context=None):
        # Headless API: the articles themselves, in the active (the page's) language.
        articles = []
        # No picture here: the renditions the HTML cards prefetch would be a query for nothing.
        for article in value.articles().prefetch_related(None):
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


class HomeStreamBlock(ChosenPagesStreamBlock):
    featured_pages = LinkCardsBlock(
        label=_("Featured pages"), description=_("Cards for the pages the home page features")
    )
    latest_news = LatestNewsBlock()
    facts = FactsBlock()
    call_to_action = CallToActionBlock()
    paragraph = ParagraphBlock()
