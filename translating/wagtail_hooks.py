from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import TranslatableMixin

from . import dashboard, editor_status, schedule_status, snippet_languages, submission, views  # noqa: F401
from .roles import TARGET_LANGUAGE, is_translator_only


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("translation-status/", views.translation_status, name="translating_status"),
        path(
            "translation-review/<int:translation_id>/",
            views.submit_for_review,
            name="translating_submit_for_review",
        ),
        path(
            "translation-review/<int:translation_id>/side-by-side/",
            views.side_by_side,
            name="translating_side_by_side",
        ),
        # Ahead of wagtail-localize's own URLs (this app's hooks run first): see the views
        # and translating/submission.py.
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            views.refuse_alias,
            name="translating_refuse_alias",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            views.stop_translation,
            name="translating_stop_translation",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            submission.SubmitPageTranslationView.as_view(),
            name="translating_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            submission.SubmitSnippetTranslationView.as_view(),
            name="translating_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            submission.UpdateTranslationsView.as_view(),
            name="translating_update_translations",
        ),
    ]


class StatusMenuItem(MenuItem):
    def is_shown(self, request):
        return views.user_can_see_status(request.user)


@hooks.register("register_reports_menu_item")
def register_status_menu_item():
    return StatusMenuItem(
        _("Translation status"),
        reverse("translating_status"),
        icon_name="wagtail-localize-language",
        order=900,
    )


def review_button(page, user, view_name=None, next_url=None):
    url = views.submit_for_review_url(page, user)
    if url:
        yield ListingButton(
            _("Submit translation for review"), url, priority=61, icon_name="resubmit"
        )


hooks.register("register_page_header_buttons", review_button)
hooks.register("register_page_listing_more_buttons", review_button)


def _check_snippet_locale(request, instance):
    """Wagtail's snippet permissions are per model, not per language. Translators need
    "change" on snippets to translate them, but only the Georgian ones."""
    if (
        isinstance(instance, TranslatableMixin)
        and is_translator_only(request.user)
        and instance.locale.language_code != TARGET_LANGUAGE
    ):
        raise PermissionDenied


@hooks.register("before_edit_snippet")
def before_edit_snippet(request, instance):
    _check_snippet_locale(request, instance)
    if isinstance(instance, TranslatableMixin):
        return views.refuse_incomplete_publish(request, instance)
    return None


@hooks.register("before_delete_snippet")
def before_delete_snippet(request, instances):
    for instance in instances:
        _check_snippet_locale(request, instance)


@hooks.register("before_create_snippet")
def before_create_snippet(request, model):
    # A new snippet is made in the locale of ?locale= (English when it is missing).
    if issubclass(model, TranslatableMixin) and is_translator_only(request.user):
        if request.GET.get("locale") != TARGET_LANGUAGE:
            raise PermissionDenied


# Before wagtail-localize's own before_edit_page and before_edit_snippet hooks (this app's
# hooks are registered first), which would publish the translation.
hooks.register("before_edit_page", views.refuse_incomplete_publish)


@hooks.register("insert_global_admin_css")
def georgian_case_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("translating/css/georgian-case.css")
    )


@hooks.register("construct_homepage_panels")
def add_translation_panels(request, panels):
    panels.extend(dashboard.panels_for(request.user))
