"""Redirects that never reveal an unpublished or private page (DESIGN.md pitfall 12).

Wagtail creates a redirect from the old path whenever a page's slug changes, drafts included,
and both its RedirectMiddleware and `/api/v3/redirects/` (anonymous) follow or list every
redirect: the new slug of a Georgian translation in progress, of a page in moderation or of a
password-protected page leaked through them. Wagtail has no notion of a "public" redirect, so
this adds one: a redirect to a page counts only while that page is live and has no view
restriction on it or an ancestor. Others answer 404 and are left out of the v3 endpoints.
Redirects to a plain link (set by hand in the admin) are unaffected.
"""

import importlib
from urllib.parse import urlparse

from django import http
from django.db import models
from django.db.models import Q
from wagtail.contrib.redirects import middleware as wagtail_middleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction


def private_page_filter(prefix=""):
    """A Q matching pages (through `prefix`) that are not live or lie under a restriction."""
    private = Q(**{f"{prefix}live": False})
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        private |= Q(**{f"{prefix}path__startswith": path})
    return private


def public_redirects(queryset=None):
    """Redirects to a live, public page, or to a link."""
    queryset = Redirect.objects.all() if queryset is None else queryset
    return queryset.exclude(Q(redirect_page__isnull=False) & private_page_filter("redirect_page__"))


def is_public(redirect):
    if redirect is None or redirect.redirect_page_id is None:
        return redirect is not None
    return Page.objects.filter(pk=redirect.redirect_page_id).exclude(private_page_filter()).exists()


def get_public_redirect(request, encoded_path):
    """Wagtail's `get_redirect`, or None when the redirect leads to a page readers may not see."""
    redirect = wagtail_middleware.get_redirect(request, encoded_path)
    return redirect if is_public(redirect) else None


class PublicRedirectMiddleware(wagtail_middleware.RedirectMiddleware):
    """Wagtail's RedirectMiddleware (same lookups, same order), following only redirects
    to live, public pages and to links."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_public_redirect(request, path)
        if redirect is None:
            path_without_query = urlparse(path).path
            if path_without_query == path:
                return response
            redirect = get_public_redirect(request, path_without_query)
        link = redirect.link if redirect is not None else None
        if link is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(link)
        return http.HttpResponseRedirect(link)


class PublicRedirectManager(models.Manager):
    def get_queryset(self):
        return public_redirects(super().get_queryset())


class PublicRedirects:
    """Stands in for the Redirect model inside Wagtail's v3 redirects router, whose list,
    find and detail views read `Redirect.objects` / `get_object_or_404(Redirect, ...)` and
    `get_redirect` from their module: there they see public redirects only."""

    _meta = Redirect._meta
    DoesNotExist = Redirect.DoesNotExist
    objects = _default_manager = PublicRedirectManager()
    objects.model = Redirect


def install():
    # The module, not the Router object its package exports under the same name.
    module = importlib.import_module("wagtail.contrib.redirects.api.v3.router")
    module.Redirect = PublicRedirects
    module.get_redirect = get_public_redirect
