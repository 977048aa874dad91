"""Preview values for the blocks that point at media or pages (the block chooser's previews).

A preview needs a real image, document or page. The demo content has them; on a site without
them, a sample image and document are created once, by title, the first time a preview asks
(so the block chooser never shows a broken preview)."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from .demo.images import create_image

SAMPLE_IMAGE_TITLE = "Sample image for block previews"
SAMPLE_DOCUMENT_TITLE = "Sample document for block previews"
SAMPLE_VIDEO_URL = "https://www.youtube.com/watch?v=5c2GrGMKtkE"

# A one-page PDF that says "Sample document": small enough to keep in the code.
SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 20 40 Td (Sample document) Tj ET\n"
    b"endstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def preview_image():
    images = get_image_model().objects
    image = images.exclude(title=SAMPLE_IMAGE_TITLE).order_by("pk").first()
    if image is None:
        image = images.filter(title=SAMPLE_IMAGE_TITLE).first()
    if image is None:
        # The demo's own picture generator: no file needs to ship with the code.
        image = create_image(SAMPLE_IMAGE_TITLE, 7, "Abstract pattern of blue circles")
    return image


def preview_document():
    documents = get_document_model().objects
    document = documents.order_by("pk").first()
    if document is None:
        document = documents.model(title=SAMPLE_DOCUMENT_TITLE)
        document.file.save("sample-document.pdf", ContentFile(SAMPLE_PDF), save=False)
        document.save()
    return document


def preview_page():
    """A live page of the active language to point cards and buttons at, or None."""
    pages = Page.objects.live().filter(depth__gt=2)
    return (
        pages.filter(locale=Locale.get_active()).order_by("path").first()
        or pages.order_by("path").first()
    )


def image_value():
    return {"image": preview_image(), "alt_text": "", "caption": "Participants of a workshop"}


def document_value():
    return {"document": preview_document(), "title": "Annual report"}


def link_cards_value():
    page = preview_page()
    cards = [{"page": page, "heading": "", "text": "What we do in Georgia."}] if page else []
    return {"heading": "Read more", "cards": cards}
