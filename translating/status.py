"""The Georgian state of every English page and snippet.

wagtail-localize knows each translation's progress (`Translation.get_progress()`), but has no
overview of the whole site and no notion of "out of date"; this module adds both, from data
wagtail-localize keeps anyway: `TranslationSource.last_updated_at` (moved by the sync on
publish, see signals.py) against the time the Georgian version was last published.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringTranslation, TranslationLog, TranslationSource
from wagtail_localize.strings import StringValue

from .roles import SOURCE_LANGUAGE, TARGET_LANGUAGE

NOT_TRANSLATED = "not_translated"
IN_PROGRESS = "in_progress"
UP_TO_DATE = "up_to_date"
OUT_OF_DATE = "out_of_date"

STATES = {
    NOT_TRANSLATED: _("Not translated"),
    IN_PROGRESS: _("In progress"),
    UP_TO_DATE: _("Up to date"),
    OUT_OF_DATE: _("Out of date"),
}


@dataclass
class Status:
    instance: object
    state: str
    translation: object = None
    total: int = 0
    translated: int = 0
    since: datetime | None = None
    machine: int = 0  # machine-drafted strings no person has edited yet

    @property
    def is_page(self):
        return isinstance(self.instance, Page)

    @property
    def label(self):
        return STATES[self.state]

    @property
    def kind(self):
        return self.instance._meta.verbose_name


def _published_at(translation, target):
    """When the Georgian version was last published, or None if it never was."""
    if isinstance(target, Page) or isinstance(target, DraftStateMixin):
        return target.last_published_at if target.live else None
    log = (
        TranslationLog.objects.filter(source=translation.source, locale=translation.target_locale)
        .order_by("-created_at")
        .first()
    )
    return log.created_at if log else None


def machine_drafts(translation):
    """How many of `translation`'s strings are machine drafts no person has edited yet."""
    source = translation.source
    return StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        context__object_id=source.object_id,
        translation_of_id__in=source.stringsegment_set.values("string_id"),
    ).count()


def status_of(instance, target_locale):
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    translation = (
        source.translations.filter(target_locale=target_locale, enabled=True).first()
        if source
        else None
    )
    if translation is None:
        return Status(instance, NOT_TRANSLATED)
    total, translated = translation.get_progress()
    status = Status(instance, IN_PROGRESS, translation, total, translated)
    status.machine = machine_drafts(translation)
    target = instance.get_translation_or_none(target_locale)
    if target is None:
        return status
    if isinstance(target, Page):
        target = target.specific
    published_at = _published_at(translation, target)
    if published_at is None:
        return status
    if source.last_updated_at > published_at:
        status.state = OUT_OF_DATE
        status.since = source.last_updated_at
    elif translated >= total:
        status.state = UP_TO_DATE
    return status


def english_objects(section=None):
    """English pages (of `section` and below, if given) in tree order, then English
    snippets (only when no section is asked for: snippets belong to no section)."""
    source_locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    pages = Page.objects.filter(locale=source_locale, depth__gt=1)
    if section is not None:
        pages = pages.descendant_of(section, inclusive=True)
    yield from pages.order_by("path").specific()
    if section is None:
        for model in get_snippet_models():
            if issubclass(model, TranslatableMixin):
                yield from model.objects.filter(locale=source_locale).order_by("pk")


def report(state=None, section=None):
    target_locale = Locale.objects.get(language_code=TARGET_LANGUAGE)
    rows = [status_of(instance, target_locale) for instance in english_objects(section)]
    if state:
        rows = [row for row in rows if row.state == state]
    return rows


def counts(rows):
    totals = dict.fromkeys(STATES, 0)
    for row in rows:
        totals[row.state] += 1
    return totals


@dataclass
class SideBySideRow:
    field: str
    english: str
    georgian: str | None  # None: not translated yet
    note: str = ""  # e.g. "English changed: check." (changed.py)


def _field_label(model, path):
    name = path.split(".")[0]
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # an inline's path: shown as it is
        return name


def side_by_side_rows(translation):
    """Every string of `translation`'s source in page order, with its Georgian."""
    source = translation.source
    model = source.specific_content_type.model_class()
    segments = source.stringsegment_set.select_related("string", "context").order_by("order")
    found = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=source.object_id,
        )
    }
    rows = []
    for segment in segments:
        item = found.get((segment.string_id, segment.context_id))
        georgian = None if item is None else StringValue(item.data).render_text()
        note = item.field_error if item is not None and item.has_error else ""
        rows.append(
            SideBySideRow(
                field=_field_label(model, segment.context.path),
                english=StringValue(segment.string.data).render_text(),
                georgian=georgian,
                note=note,
            )
        )
    return rows


def english_changed_since(page):
    """When the English source of the live Georgian `page` changed after the page was last
    published, or None. One query: cheap enough for a listing row."""
    if page.locale.language_code != TARGET_LANGUAGE or not page.live or not page.last_published_at:
        return None
    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key, locale__language_code=SOURCE_LANGUAGE
        )
        .only("last_updated_at")
        .first()
    )
    if source is None or source.last_updated_at <= page.last_published_at:
        return None
    return source.last_updated_at
