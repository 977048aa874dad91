"""Images in a restricted collection stay out of public pages and the API.

Wagtail restricts collections for documents only: its v2 and v3 image listings leave out
restricted collections, but a page whose body, hero or featured image was chosen from one
would still render it and give its rendition URLs. `public_image` is what the page models,
blocks and API fields ask before they show an image. (The files themselves are not
protected: see README "Security".)
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Collection, CollectionViewRestriction

from serving.per_request import forget, per_request

CACHE_KEY = "security:restricted-collection-ids"


@per_request
def restricted_collection_ids():
    """Ids of every collection under a view restriction (password, login or groups).

    Kept in Django's cache across requests and, within one, per request: a page asks for each
    image it shows, and each ask would be a cache round trip (or two queries, cache cold)."""
    ids = cache.get(CACHE_KEY)
    if ids is None:
        roots = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        ids = set()
        if roots:
            under = Q()
            for path in roots:
                under |= Q(path__startswith=path)
            ids = set(Collection.objects.filter(under).values_list("id", flat=True))
        cache.set(CACHE_KEY, ids, None)
    return ids


def public_image(image):
    """The image, or None when it lies in a restricted collection."""
    if image is None or image.collection_id in restricted_collection_ids():
        return None
    return image


def forget_restricted_collections(**kwargs):
    forget()
    cache.delete(CACHE_KEY)
    # Again after the commit, so a request that read the old rows meanwhile is not kept.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def install():
    for model in (CollectionViewRestriction, Collection):
        post_save.connect(forget_restricted_collections, sender=model)
        post_delete.connect(forget_restricted_collections, sender=model)
