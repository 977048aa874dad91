"""Georgian page slugs that survive wagtail-localize (DESIGN.md pitfall 3).

What wagtail-localize lacks, and this adds:
- It runs a translated slug through Django's ASCII `slugify`, which deletes Georgian letters:
  a translator who types "ვინ ვართ ჩვენ" gets an empty slug and an error. Here every slug
  translation is made a slug in the style `settings.GEORGIAN_SLUGS` names, as it is saved
  (editor, PO upload, machine draft or the demo loader alike), so the translator sees the
  slug the page will have: "vin-vart-chven" by Georgia's national romanization (the default),
  or "ვინ-ვართ-ჩვენ" with GEORGIAN_SLUGS=unicode.
- It leaves the slug segment for the translator to fill by hand. Here the slug is drafted from
  the title's translation as soon as that is saved, unless the slug has one already.
- With Unicode slugs, its `slugify` would still strip the letters when the page is saved:
  `install()` lets it keep them, as Wagtail's own slug field does (WAGTAIL_ALLOW_UNICODE_SLUGS).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.text import slugify
from wagtail.models import Page
from wagtail_localize import models as localize_models
from wagtail_localize.models import StringSegment, StringTranslation, TranslationContext
from wagtail_localize.strings import StringValue

from .georgian import georgian_slug, unicode_slugs


def install():
    def slugify_keeping_georgian(value):
        return slugify(value, allow_unicode=unicode_slugs())

    localize_models.slugify = slugify_keeping_georgian


def is_page_context(context, path):
    return (
        context is not None
        and context.path == path
        and context.object.content_type_id == ContentType.objects.get_for_model(Page).pk
    )


@receiver(pre_save, sender=StringTranslation)
def make_slug_translations_slugs(sender, instance, raw=False, **kwargs):
    if raw or not is_page_context(instance.context, "slug"):
        return
    slug = georgian_slug(StringValue(instance.data).render_text())
    if slug:  # Nothing sluggable (only punctuation): left for Wagtail to refuse.
        instance.data = slug


@receiver(post_save, sender=StringTranslation)
def draft_slug_from_title(sender, instance, created, raw=False, **kwargs):
    if raw or instance.has_error or not is_page_context(instance.context, "title"):
        return  # a draft still to check (changed.py) is no title to draft a slug from
    slug_context = TranslationContext.objects.filter(
        object_id=instance.context.object_id, path="slug"
    ).first()
    if slug_context is None:
        return
    slug_segment = (
        StringSegment.objects.filter(context=slug_context)
        .select_related("string")
        .order_by("pk")
        .last()
    )
    if slug_segment is None:
        return
    StringTranslation.objects.get_or_create(
        translation_of=slug_segment.string,
        locale_id=instance.locale_id,
        context=slug_context,
        defaults={
            "data": instance.data,  # made a slug by make_slug_translations_slugs
            "translation_type": instance.translation_type,
            "tool_name": instance.tool_name,
            "last_translated_by": instance.last_translated_by,
        },
    )


def slug_waiting_for_title(translation):
    """The id of `translation`'s title segment when its slug segment has no translation yet
    (so saving the title will draft one), else None."""
    segments = {
        segment.context.path: segment
        for segment in translation.source.stringsegment_set.filter(
            context__path__in=["title", "slug"]
        ).select_related("context")
    }
    title, slug = segments.get("title"), segments.get("slug")
    if title is None or slug is None:
        return None
    if StringTranslation.objects.filter(
        translation_of_id=slug.string_id,
        context_id=slug.context_id,
        locale_id=translation.target_locale_id,
    ).exists():
        return None
    return title.pk
