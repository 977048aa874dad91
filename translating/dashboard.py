"""The translator's and the moderator's dashboard panels.

Wagtail's dashboard knows pages in a workflow and pages a user edited or locked; it knows
nothing of translations, so a translator whose page was just submitted for translation (or
whose English changed) found it empty. What this adds, from `status.py`'s states:

- "Waiting for translation" (translators): every Georgian page and snippet with work left, as
  not started, N of M strings done, ready to submit, or out of date since a date with the
  number of changed strings, each linking into the translation editor. Pages already in
  review are left out: they wait for the moderator.
- "Waiting for review" (moderators): the Georgian pages waiting for their approval, each with
  its English source one click away and a side-by-side view of the English and the
  Georgian strings (`views.side_by_side`). Wagtail's own "Awaiting your review" panel stays,
  with its approve and request-changes actions.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, TaskState

from . import status
from .roles import MODERATORS, TARGET_LANGUAGE, TRANSLATORS
from .views import translation_of


@dataclass
class WorkItem:
    row: status.Status
    target: object
    edit_url: str

    @property
    def title(self):
        return str(self.target.get_admin_display_title() if self.row.is_page else self.target)

    @property
    def progress(self):
        row = self.row
        if row.state == status.OUT_OF_DATE:
            changed = row.total - row.translated
            return ngettext(
                "English changed on %(date)s: %(count)d string to translate",
                "English changed on %(date)s: %(count)d strings to translate",
                changed,
            ) % {"date": formats.date_format(row.since, "SHORT_DATE_FORMAT"), "count": changed}
        if row.translated == 0:
            return _("Not started: %(total)d strings") % {"total": row.total}
        if row.translated >= row.total:
            return _("All %(total)d strings done: ready to submit for review") % {
                "total": row.total
            }
        return _("%(done)d of %(total)d strings done") % {
            "done": row.translated,
            "total": row.total,
        }


def edit_url_of(target):
    if isinstance(target, Page):
        return reverse("wagtailadmin_pages:edit", args=[target.pk])
    return reverse(target.snippet_viewset.get_url_name("edit"), args=[target.pk])


def can_edit(target, user):
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_edit()
    meta = target._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def waiting_for_translation(user):
    target_locale = Locale.objects.get(language_code=TARGET_LANGUAGE)
    items = []
    for row in status.report():
        if row.state not in (status.IN_PROGRESS, status.OUT_OF_DATE):
            continue
        target = row.instance.get_translation_or_none(target_locale)
        if target is None:
            continue
        if isinstance(target, Page):
            target = target.specific
            if target.workflow_in_progress:
                continue  # waiting for review, not for translation
        if can_edit(target, user):
            items.append(WorkItem(row, target, edit_url_of(target)))
    return items


@dataclass
class ReviewItem:
    page: Page
    source: Page
    task_state: TaskState
    side_by_side_url: str
    preview_url: str

    @property
    def source_url(self):
        """The English page as readers see it (a moderator may not edit English pages)."""
        return self.source.url if self.source.live else None


def waiting_for_review(user):
    items = []
    states = TaskState.objects.reviewable_by(user).select_related("revision").order_by("started_at")
    for state in states:
        page = state.revision.content_object
        if not isinstance(page, Page) or page.locale.language_code != TARGET_LANGUAGE:
            continue
        translation = translation_of(page)
        if translation is None:
            continue
        source = translation.source.get_source_instance()
        items.append(
            ReviewItem(
                page=page.specific,
                source=source,
                task_state=state,
                side_by_side_url=reverse("translating_side_by_side", args=[translation.pk]),
                preview_url=reverse(
                    "wagtailadmin_pages:workflow_preview", args=[page.pk, state.task_id]
                ),
            )
        )
    return items


class DashboardPanel(Component):
    """A panel of items (templates/translating/panels/dashboard_panel.html, which each
    panel's template extends)."""

    panel_id = ""
    heading = ""

    def items(self, user):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["panel_id"] = self.panel_id
        context["heading"] = self.heading
        context["items"] = self.items(parent_context["request"].user)
        return context


class WaitingForTranslationPanel(DashboardPanel):
    name = "waiting_for_translation"
    template_name = "translating/panels/waiting_for_translation.html"
    order = 90  # above Wagtail's own panels: it is the translator's list of work
    panel_id = "waiting-for-translation"
    heading = gettext_lazy("Waiting for translation")

    def items(self, user):
        return waiting_for_translation(user)


class WaitingForReviewPanel(DashboardPanel):
    name = "waiting_for_review"
    template_name = "translating/panels/waiting_for_review.html"
    order = 95
    panel_id = "waiting-for-review"
    heading = gettext_lazy("Waiting for review")

    def items(self, user):
        return waiting_for_review(user)


def in_group(user, name):
    return user.is_superuser or user.groups.filter(name=name).exists()


def panels_for(user):
    panels = []
    if in_group(user, TRANSLATORS):
        panels.append(WaitingForTranslationPanel())
    if in_group(user, MODERATORS):
        panels.append(WaitingForReviewPanel())
    return panels
