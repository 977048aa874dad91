"""What an editor of one language sees of the other language's version.

- The status side panel (page and snippet editors) lists every other-language version with
  its state (live, draft, in review, out of date) and a link to view it, even for a user who
  may not edit it: Wagtail's panel lists only the translations the user can edit, so an
  English editor read "No other translations" on a page whose Georgian version is live.
  (Template: translating/templates/wagtailadmin/shared/side_panels/includes/status/locale.html.)
- Moving, deleting or unpublishing an English page offers to do the same to its Georgian
  version: the confirmation page names that version and its state, with a checkbox "Also
  ... the Georgian version", ticked. Wagtail's `construct_translated_pages_to_cascade_actions`
  hook makes translations follow, but always: it is called without the request, at dispatch,
  and Wagtail's confirmation forms have no such choice. So the confirmation templates
  (site/templates/wagtailadmin/pages/confirm_{move,delete,unpublish}.html) post to the
  views below: Wagtail's own views, subclassed only to read the checkbox and run with the
  answer in a context variable that the hook reads. A POST straight to Wagtail's URL (no
  choice made) keeps Wagtail's behaviour: the Georgian version follows.
  Wagtail moves the translation with the editor's permissions, which an English editor lacks
  on the Georgian tree; so the Georgian version is moved here first, as part of the
  confirmed move, and the trees keep the same shape.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.move_page import MovePageAction
from wagtail.admin.views.pages.delete import DeleteView
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.pages.unpublish import UnpublishView
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.permissions import get_permission_name

from . import status
from .roles import SOURCE_LANGUAGE

LIVE = _("Live")
LIVE_WITH_DRAFT = _("Live, with unpublished changes")
DRAFT = _("Draft, not live")
IN_REVIEW = _("In review")
OUT_OF_DATE = _("Out of date")
UP_TO_DATE = _("Up to date")
IN_PROGRESS = _("Translation in progress")


@dataclass
class Version:
    locale: object
    instance: object
    state: str
    view_url: str = ""
    edit_url: str = ""


def _page_state(page, source):
    if page.workflow_in_progress:
        return IN_REVIEW
    if source is not None and status.status_of(source, page.locale).state == status.OUT_OF_DATE:
        return OUT_OF_DATE
    if not page.live:
        return DRAFT
    return LIVE_WITH_DRAFT if page.has_unpublished_changes else LIVE


def _snippet_state(snippet, source):
    if source is None:
        return LIVE
    state = status.status_of(source, snippet.locale).state
    return {status.OUT_OF_DATE: OUT_OF_DATE, status.UP_TO_DATE: UP_TO_DATE}.get(state, IN_PROGRESS)


def other_language_versions(instance, user):
    """Every other-language version of a translatable page or snippet, with its state."""
    if not isinstance(instance, TranslatableMixin) or not instance.pk:
        return []
    versions = []
    if isinstance(instance, Page):
        for page in instance.get_translations().select_related("locale").specific():
            source = instance if instance.locale.language_code == SOURCE_LANGUAGE else None
            perms = page.permissions_for_user(user)
            versions.append(
                Version(
                    page.locale,
                    page,
                    _page_state(page, source),
                    view_url=page.url if page.live else "",
                    edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk])
                    if perms.can_edit()
                    else "",
                )
            )
        return versions
    for snippet in instance.get_translations().select_related("locale"):
        source = instance if instance.locale.language_code == SOURCE_LANGUAGE else None
        can_change = user.has_perm(get_permission_name("change", type(snippet)))
        url = reverse(snippet.snippet_viewset.get_url_name("edit"), args=[snippet.pk])
        versions.append(
            Version(
                snippet.locale,
                snippet,
                _snippet_state(snippet, source),
                edit_url=url if can_change else "",
            )
        )
    return versions


# The name of the confirmation forms' checkbox "Also move/delete/unpublish the Georgian version".
ALSO_TRANSLATIONS = "also_translations"

# Whether the other-language versions follow the action being confirmed: set by the views
# below for the length of one request; True (Wagtail's behaviour) everywhere else.
_translations_follow = ContextVar("translations_follow", default=True)


class OfferTranslationsMixin:
    """Runs Wagtail's confirmation view with the editor's answer to "also the Georgian
    version?": the confirmation page (GET) lists the versions that would follow; the
    confirmed POST takes them only when the checkbox is ticked."""

    def dispatch(self, request, *args, **kwargs):
        follow = request.method != "POST" or bool(request.POST.get(ALSO_TRANSLATIONS))
        token = _translations_follow.set(follow)
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            _translations_follow.reset(token)


class MoveWithTranslationsView(OfferTranslationsMixin, MoveConfirmView):
    pass


class DeleteWithTranslationsView(OfferTranslationsMixin, DeleteView):
    pass


class UnpublishWithTranslationsView(OfferTranslationsMixin, UnpublishView):
    pass


@hooks.register("register_admin_urls")
def register_confirmation_urls():
    return [
        path(
            "language-versions/move/<int:page_to_move_id>/<int:destination_id>/",
            MoveWithTranslationsView.as_view(),
            name="editor_status_move",
        ),
        path(
            "language-versions/delete/<int:page_id>/",
            DeleteWithTranslationsView.as_view(),
            name="editor_status_delete",
        ),
        path(
            "language-versions/unpublish/<int:page_id>/",
            UnpublishWithTranslationsView.as_view(),
            name="editor_status_unpublish",
        ),
    ]


@hooks.register("construct_translated_pages_to_cascade_actions")
def cascade_to_translations(pages, action):
    """Wagtail's hook: the Georgian versions follow a move, delete or unpublish of their
    English page (aliases too, as Wagtail's simple_translation does), unless the editor
    declined on the confirmation page."""
    if not _translations_follow.get():
        return {}
    result = {}
    for page in pages:
        if page.locale.language_code != SOURCE_LANGUAGE:
            continue
        translations = Page.objects.translation_of(page, inclusive=False)
        if action == "unpublish":
            translations = translations.filter(alias_of__isnull=True)
        result[page] = translations
    return result


@hooks.register("before_move_page")
def move_georgian_versions_first(request, page_to_move, destination):
    """On the confirmed move (POST), move each other-language version under that language's
    version of the destination, whatever the editor's rights on that tree: keeping the
    trees in one shape is part of the move the editor confirmed."""
    if (
        request.method != "POST"
        or not _translations_follow.get()
        or page_to_move.locale.language_code != SOURCE_LANGUAGE
    ):
        return None
    for translation in Page.objects.translation_of(page_to_move, inclusive=False):
        target = destination.get_translation_or_none(translation.locale)
        if target is not None and translation.get_parent().pk != target.pk:
            MovePageAction(translation, target, pos="last-child", user=request.user).execute(
                skip_permission_checks=True
            )
    return None
