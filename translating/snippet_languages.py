"""Snippets by language.

- A translatable snippet's listing opens filtered to the user's working language (English for
  editors, Georgian for translators). Wagtail's listing has a locale filter but opens on every
  language at once, Georgian footer first; the filter stays one click away (its own
  "Locale" choice), and `?locale=` (empty) still lists both.
- An English editor who opens a Georgian snippet goes to its English source, whose status panel
  shows the Georgian version's state: wagtail-localize's translation editor would offer them
  "Publish in ქართული", which is a translator's (reviewed) step.
"""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from .roles import EDITORS, SOURCE_LANGUAGE, TARGET_LANGUAGE, TRANSLATORS


def _group_names(user):
    return set(user.groups.values_list("name", flat=True))


def working_language(user):
    """Georgian for translators, English for everyone else."""
    names = _group_names(user)
    if not user.is_superuser and TRANSLATORS in names and EDITORS not in names:
        return TARGET_LANGUAGE
    return SOURCE_LANGUAGE


def is_english_editor(user):
    names = _group_names(user)
    return not user.is_superuser and EDITORS in names and TRANSLATORS not in names


def _index_in_working_language(model):
    index_view = model.snippet_viewset.index_view

    def view(request, *args, **kwargs):
        if "locale" not in request.GET:
            query = QueryDict(mutable=True)
            query.update(request.GET)
            query["locale"] = working_language(request.user)
            return redirect(f"{request.path}?{query.urlencode()}")
        return index_view(request, *args, **kwargs)

    return view


@hooks.register("register_admin_urls")
def register_snippet_listings():
    # Ahead of Wagtail's own snippet URLs (this app's hooks are registered first).
    return [
        path(
            f"snippets/{model._meta.app_label}/{model._meta.model_name}/",
            _index_in_working_language(model),
            name=f"translating_snippets_{model._meta.app_label}_{model._meta.model_name}",
        )
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin)
    ]


@hooks.register("before_edit_snippet")
def send_english_editors_to_the_source(request, instance):
    if not (
        isinstance(instance, TranslatableMixin)
        and instance.locale.language_code != SOURCE_LANGUAGE
        and is_english_editor(request.user)
    ):
        return None
    source = instance.get_translations().filter(locale__language_code=SOURCE_LANGUAGE).first()
    messages.info(
        request,
        _("%(name)s is translated and published by translators; here is its English version.")
        % {"name": instance},
    )
    viewset = instance.snippet_viewset
    if source is None:
        return redirect(viewset.get_url_name("list"))
    return redirect(viewset.get_url_name("edit"), source.pk)
