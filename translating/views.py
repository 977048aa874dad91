from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

from . import status
from .roles import SOURCE_LANGUAGE, TARGET_LANGUAGE, is_translator_only

STATUS_PERMISSION = "wagtail_localize.submit_translation"


def user_can_see_status(user):
    return user.is_active and (user.is_superuser or user.has_perm(STATUS_PERMISSION))


def translation_status(request):
    """Every English page and snippet with its Georgian state, filterable by state and by
    section of the English tree."""
    if not user_can_see_status(request.user):
        raise PermissionDenied
    state = request.GET.get("state") or None
    if state not in status.STATES:
        state = None
    sections = Page.objects.filter(
        locale=Locale.objects.get(language_code=SOURCE_LANGUAGE), depth__gt=1
    ).order_by("path")
    section = sections.filter(pk=request.GET.get("section") or None).first()
    all_rows = status.report(section=section)
    counts = status.counts(all_rows)
    rows = [row for row in all_rows if state is None or row.state == state]
    return TemplateResponse(
        request,
        "translating/status.html",
        {
            "rows": rows,
            "state_choices": [
                (value, label, counts[value]) for value, label in status.STATES.items()
            ],
            "state": state,
            "sections": sections,
            "section": section,
        },
    )


def translation_of(instance):
    """The enabled wagtail-localize translation whose target is `instance`, or None."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()


def submit_for_review_url(page, user):
    """Where `user` submits the Georgian `page` for review, or None when that does not apply
    (not a Georgian page under review workflow, no enabled translation, no right to edit)."""
    if page.locale.language_code != TARGET_LANGUAGE or page.get_workflow() is None:
        return None
    translation = translation_of(page)
    if translation is None or not page.permissions_for_user(user).can_edit():
        return None
    return reverse("translating_submit_for_review", args=[translation.pk])


def submit_for_review(request, translation_id):
    """Send a translated page to the Georgian review workflow.

    wagtail-localize's translation editor can only publish, which a translator may not do;
    it has no "submit for moderation". This view adds it: it saves the translation as a new
    draft revision (strings not yet translated fall back to English, DESIGN.md pitfall 2;
    the live page is not touched) and starts the page's Wagtail workflow on that revision.
    When the Moderators approve, Wagtail publishes it.
    """
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise PermissionDenied
    page = page.specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    workflow = page.get_workflow()
    edit_url = redirect("wagtailadmin_pages:edit", page.pk)
    if request.method != "POST":
        total, translated = translation.get_progress()
        return TemplateResponse(
            request,
            "translating/submit_for_review.html",
            {
                "page": page,
                "translation": translation,
                "workflow": workflow,
                "missing": total - translated,
                "untranslated_related": untranslated_related_objects(translation),
                "machine": status.machine_drafts(translation),
            },
        )
    if workflow is None:
        messages.error(request, _("This page has no review workflow."))
        return edit_url
    if gap := untranslated_gap(translation):
        messages.error(request, gap)
        return edit_url
    if page.workflow_in_progress:
        messages.warning(request, _("This page is already in review."))
        return edit_url
    try:
        stage_draft(translation, request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The translation could not be saved: %(error)s")
            % {"error": "; ".join(error.messages)},
        )
        return edit_url
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        # A moderator asked for changes: the same workflow goes on with the new draft.
        state.resume(request.user)
    else:
        workflow.start(page, request.user)
    messages.success(request, _("'%(title)s' has been submitted for review.") % {"title": page})
    return edit_url


def untranslated_related_objects(translation):
    """The objects `translation`'s source points to (an article's topics) that have no
    finished Georgian version: a Georgian page would show them in English."""
    missing = []
    for segment in translation.source.relatedobjectsegment_set.select_related("object"):
        related = Translation.objects.filter(
            source__object=segment.object, target_locale=translation.target_locale, enabled=True
        ).first()
        if related is None:
            done = segment.object.get_instance_or_none(translation.target_locale) is not None
        else:
            total, translated = related.get_progress()
            done = translated == total
        if not done:
            missing.append(segment.get_source_instance())
    return missing


def untranslated_gap(translation):
    """Why `translation` may not reach readers yet (strings or related objects without
    Georgian), or None when it is complete."""
    total, translated = translation.get_progress()
    if translated < total:
        return ngettext(
            "%(missing)d of %(total)d strings is not translated yet: Georgian readers would get "
            "English there. Translate it first.",
            "%(missing)d of %(total)d strings are not translated yet: Georgian readers would get "
            "English there. Translate them first.",
            total - translated,
        ) % {"missing": total - translated, "total": total}
    if untranslated := untranslated_related_objects(translation):
        return _(
            "Translate these first; Georgian readers would see them in English: %(names)s."
        ) % {"names": ", ".join(f"“{instance}”" for instance in untranslated)}
    return None


def refuse_incomplete_publish(request, instance):
    """wagtail-localize's editor publishes (for a snippet: saves) a translation with English
    standing in for every string not yet translated, and only warns afterwards. Publishing an
    incomplete translation of a page (a moderator) or a snippet (a translator) is refused here
    instead, as a translator's submission for review is."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_of(instance)
    gap = translation and untranslated_gap(translation)
    if not gap:
        return None
    messages.error(request, gap)
    return redirect(request.get_full_path())


def stage_draft(translation, user=None):
    """Save the current translation as a draft revision of the Georgian page without
    changing the live page. Only complete translations get here (`submit_for_review`);
    `fallback` only covers a segment wagtail-localize reports in error."""
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    return draft.save_revision(user=user)


def refuse_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", refused.

    It turns a translated page into an alias of its source: the English text goes live at the
    Georgian address at once, past the review workflow, and the translation is deleted. That
    breaks the rule that /ka/ never shows English dressed as Georgian, so nobody may do it
    here; the translation editor no longer offers it (translating/templatetags).
    """
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    messages.error(
        request,
        _(
            "A Georgian page cannot become an alias of its English source: readers would get "
            "English text at a Georgian address. Translate it instead."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def stop_translation(request, translation_id):
    """wagtail-localize's "Stop synced translation", refused to translators.

    Stopping detaches the Georgian page from its English source for good: later English
    changes no longer reach the translator, and the page drops out of the translation status.
    That is the site's decision (editors, moderators), not a translator's; wagtail-localize
    lets anyone who may edit the page do it. The editor no longer offers it to translators
    (translating/editor.py).
    """
    if is_translator_only(request.user):
        raise PermissionDenied
    return edit_translation.stop_translation(request, translation_id)


def side_by_side(request, translation_id):
    """The English strings of a translation beside their Georgian, in page order: what a
    moderator reviews (the dashboard's "Waiting for review" links here). wagtail-localize
    shows a translation only in its editor, one field at a time."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    target = translation.get_target_instance()
    if not isinstance(target, Page) or not target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    source = translation.source.get_source_instance()
    task_state = target.current_workflow_task_state
    actions = []
    if task_state is not None:
        for name, label, with_comment in task_state.task.specific.get_actions(target, request.user):
            url = reverse(
                "wagtailadmin_pages:workflow_action", args=[target.pk, name, task_state.pk]
            )
            actions.append({"name": name, "label": label, "with_comment": with_comment, "url": url})
    return TemplateResponse(
        request,
        "translating/side_by_side.html",
        {
            "translation": translation,
            "page": target.specific,
            "source": source,
            "rows": status.side_by_side_rows(translation),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[target.pk]),
            "task_state": task_state,
            "actions": actions,
            "preview_url": task_state
            and reverse(
                "wagtailadmin_pages:workflow_preview", args=[target.pk, task_state.task_id]
            ),
        },
    )
