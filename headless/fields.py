"""API fields for page attributes that Wagtail's serializers get wrong for a translated page."""

from wagtail.images.api.fields import ImageRenditionField

from security.images import public_image


class TranslatedAltRenditionField(ImageRenditionField):
    """Wagtail's rendition field, with the alternative text the page gives its image.

    Wagtail's own field takes `alt` from the image's `default_alt_text`, which is one text for
    every language: the Georgian article would describe its picture in English. An image is
    shared by both languages (synchronised), so its description lives on the page, where
    wagtail-localize translates it. `source="*"` hands the field the page, not the image.
    """

    def __init__(self, filter_spec, *, image_field, alt_field, **kwargs):
        self.image_field = image_field
        self.alt_field = alt_field
        super().__init__(filter_spec, source="*", **kwargs)

    def to_representation(self, page):
        image = public_image(getattr(page, self.image_field))
        if image is None:
            return None
        representation = super().to_representation(image)
        # The page's text, else the image's own description, as in the page's HTML.
        representation["alt"] = getattr(page, self.alt_field) or image.description or ""
        return representation
