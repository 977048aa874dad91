"""Purge that is never wrong: any change a reader could see empties every cache in front.

Wagtail's `frontend_cache` purges only the published or unpublished page's own URLs, and only
from a front cache (Varnish, a CDN); Django has no purge at all. A change shows on many more
URLs than its own: the main menu and footer are on every page, the home page and the news
index list articles, articles list related ones, an English page carries hreflang links and a
language switcher to its Georgian translation, and feeds, the sitemap and the API show it too.
So, after the transaction that made the change commits, `purge_everything()`:
1. starts a new generation of the response cache (serving/responsecache.py): one write to
   the cache every app server shares, so the next anonymous request anywhere renders anew;
2. asks Wagtail's `frontend_cache` backends (WAGTAILFRONTENDCACHE, from the environment) to
   purge the site: `<root>/*` (a wildcard CloudFront understands, and which the shipped
   `deploy/varnish.vcl` turns into a ban of the whole cache) plus the changed pages' own
   URLs in both languages, the home pages, feeds, sitemap and robots.txt, for caches that
   purge one URL at a time.

Events: a page published, unpublished (also by the scheduler), moved, deleted, its slug
changed, a live page copied; a snippet (footer, topic) saved or deleted, in any language; an
image or document saved or deleted; a page or collection privacy rule, site or locale
changed. Draft saves and renditions do not purge.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)
from wagtail.snippets.models import get_snippet_models

from . import responsecache

logger = logging.getLogger(__name__)

# Saves that only fill in a file's metadata while a page renders: nothing a reader sees.
METADATA_ONLY_FIELDS = {"file_hash", "file_size", "width", "height"}
SITE_WIDE_PATHS = ("/*", "/sitemap.xml", "/robots.txt")
PER_LANGUAGE_PATHS = ("/", "/feeds/news/")


def purge_everything(pages=()):
    """Make every cache show the current state. Safe to call outside a request."""
    if not responsecache.new_generation():
        logger.warning("Could not reach the response cache to purge it; will retry.")
        responsecache.note_failed_purge()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_front_caches(pages)


def purge_front_caches(pages=()):
    batch = PurgeBatch()
    for site in Site.objects.all():
        root = site.root_url
        batch.add_urls(root + path for path in SITE_WIDE_PATHS)
        # Wagtail's batch adds each URL in every language of WAGTAILFRONTENDCACHE_LANGUAGES.
        batch.add_urls(f"{root}/{settings.LANGUAGE_CODE}{path}" for path in PER_LANGUAGE_PATHS)
    for page in pages:
        batch.add_page(page)
    batch.purge()


class PendingPurge:
    """The purge waiting for the current transaction to commit, with the pages it names."""

    def __init__(self, pages):
        self.pages = list(pages)
        self.done = False

    def __call__(self):
        self.done = True
        purge_everything(self.pages)


def purge_after_commit(pages=()):
    """Purge once the current transaction commits (at once outside a transaction).

    Before the commit, a request on another connection would still read the old rows and
    store them under the new generation. Several events in one transaction purge once: the
    callback already waiting in Django's on-commit list takes the new pages (a rollback drops
    it from that list with everything else).
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        purge_everything(pages)
        return
    active = set(connection.savepoint_ids)
    for savepoints, callback, _robust in connection.run_on_commit:
        # Only a callback that no rollback can drop without dropping this event too.
        if isinstance(callback, PendingPurge) and not callback.done and savepoints <= active:
            callback.pages.extend(pages)
            return
    transaction.on_commit(PendingPurge(pages), robust=True)


def pages_of(instance):
    return [instance] if isinstance(instance, Page) and instance.pk else []


def page_event(sender, instance, **kwargs):
    purge_after_commit(pages_of(instance))


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_after_commit()


def page_copied_live(sender, instance, created, **kwargs):
    if created and isinstance(instance, Page) and instance.live:
        purge_after_commit()


def watched_models():
    """Models whose saves and deletes a reader sees, besides pages. Read at event time: the
    snippet registry is complete only once every app is ready."""
    return {
        *get_snippet_models(),
        get_image_model(),
        get_document_model(),
        PageViewRestriction,
        CollectionViewRestriction,
        Site,
        Locale,
    }


def model_saved(sender, instance, update_fields=None, **kwargs):
    if sender not in watched_models():
        return
    if update_fields and set(update_fields) <= METADATA_ONLY_FIELDS:
        return
    purge_after_commit()


def model_deleted(sender, instance, **kwargs):
    if sender in watched_models():
        purge_after_commit()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(page_event, dispatch_uid=f"serving.purge.{signal!r}")
    # Snippets with drafts (DraftStateMixin) publish through the generic signals.
    published.connect(page_event, dispatch_uid="serving.purge.published")
    unpublished.connect(page_event, dispatch_uid="serving.purge.unpublished")
    post_delete.connect(page_deleted, dispatch_uid="serving.purge.page_deleted")
    post_save.connect(page_copied_live, dispatch_uid="serving.purge.page_copied_live")
    post_save.connect(model_saved, dispatch_uid="serving.purge.model_saved")
    post_delete.connect(model_deleted, dispatch_uid="serving.purge.model_deleted")
