"""Keep Georgian translations in step with their English sources.

wagtail-localize updates a translation source only when someone clicks "Sync translated
pages" (and then offers to publish the translations at once). What it lacks, and what this
module adds, is the automatic part: when an English page is published (or an English
snippet saved) and it has a Georgian translation, its `TranslationSource` is refreshed with
`update_from_db()`. wagtail-localize then keeps every `StringTranslation` whose English
string and place did not change; a new string shows as untranslated in the translation
editor, and a changed one starts from its old translation, marked for checking (changed.py).

A Georgian snippet whose strings are all translated gets the English synchronised fields at
once (`reapply_complete_snippet_translations`).

The live Georgian page is deliberately not touched: no `save_target()` (DESIGN.md pitfall 2:
even `publish=False` overwrites the live page with fallback English). The reviewed Georgian
text stays live until a translator submits the updated translation and a moderator approves
it (see `views.submit_for_review`).
"""

import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import post_save
from django.dispatch import receiver
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    TranslationSource,
)

from . import changed
from .roles import assign_trees

# The depth of a language's home page: right under the tree's root (depth 1).
LOCALE_ROOT_DEPTH = 2

# Fields of a page that change on every save or publish without any change of content.
VOLATILE_FIELDS = {
    "pk",
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "go_live_at",
    "expire_at",
    "expired",
    "content_type",
}


def _content(json_text):
    data = json.loads(json_text)
    return {key: value for key, value in data.items() if key not in VOLATILE_FIELDS}


def sync_source(instance):
    """Refresh the translation source of `instance` if it is the source of an enabled
    translation and its content changed. Returns the source when it was refreshed."""
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None or not source.translations.filter(enabled=True).exists():
        return None
    current = source.get_source_instance()
    if hasattr(current, "to_json"):
        current_json = current.to_json()
    else:
        current_json = json.dumps(get_serializable_data_for_fields(current), cls=DjangoJSONEncoder)
    if _content(current_json) == _content(source.content_json):
        return None
    before = changed.snapshot(source)
    source.update_from_db()
    changed.offer_previous_translations(source, before)
    return source


@receiver(page_published)
def sync_translations_on_publish(sender, instance, **kwargs):
    sync_source(instance)


@receiver(post_save)
def sync_translations_on_snippet_save(sender, instance, created, raw=False, **kwargs):
    if raw or created or isinstance(instance, Page) or not isinstance(instance, TranslatableMixin):
        return
    if sender in get_snippet_models():
        source = sync_source(instance)
        if source is not None:
            reapply_complete_snippet_translations(source)


def reapply_complete_snippet_translations(source):
    """Carry an English snippet's synchronised fields (the footer's phone, email and links, a
    topic's slug) to its Georgian version when no Georgian text is missing.

    wagtail-localize copies synchronised fields only when a translation is saved again, and a
    snippet has no review step to wait for: a new phone number would otherwise stay old in the
    Georgian footer until a translator happened to re-save it. `save_target` is safe exactly
    when every string is translated (no English fallback, pitfall 2), and keeps a translator's
    overrides. A translation with untranslated strings waits for its translator, as a page does.
    """
    for translation in source.translations.filter(enabled=True):
        total, done = translation.get_progress()
        if done < total:
            continue
        try:
            translation.save_target()
        except (MissingTranslationError, MissingRelatedObjectError):
            continue  # A related object is not translated yet; the status report shows it.


@receiver(post_save)
def assign_roles_to_new_home(sender, instance, created, raw=False, **kwargs):
    """A language's home page (a page right under the tree's root) appears after the
    migrations (demo load, or an editor's click): give the groups their tree and put the
    Georgian tree under review. Any page type may be a home page, so no sender is named."""
    if created and not raw and isinstance(instance, Page) and instance.depth == LOCALE_ROOT_DEPTH:
        assign_trees(apps)
