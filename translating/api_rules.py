"""The admin's translation rules, applied to Wagtail 8's v3 write API when it is on.

Wagtail checks page permissions on every v3 write, but it has no rule about languages: a
user who may publish in both trees could make a live alias or copy of an English page under
/ka/ (English text at a Georgian address, past review), move an English page into the
Georgian tree, or publish a Georgian translation with strings still missing, which the
admin refuses (`views.refuse_incomplete_publish`, `views.refuse_alias`). `refusal` says why
a v3 write request breaks one of these rules, or returns None. The rules hold for every
user, administrators included, as in the admin.
"""

import json
import re

from django.utils.translation import gettext as _
from wagtail.models import Page

from .roles import TARGET_LANGUAGE
from .views import translation_of, untranslated_gap

ACTION = re.compile(r"^/api/v3/pages/(?P<page_id>\d+)/(?:actions/(?P<action>[a-z_]+)/)?$")


def _body(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _page(page_id):
    try:
        return Page.objects.select_related("locale").get(pk=int(page_id))
    except (Page.DoesNotExist, ValueError, TypeError, OverflowError):
        return None


def _destination(page, data, required=False):
    destination_id = data.get("destination_id")
    if destination_id is None:
        return None if required else page.get_parent()
    return _page(destination_id)


def _is_georgian(page):
    return page is not None and page.locale.language_code == TARGET_LANGUAGE


def _incomplete(page):
    translation = translation_of(page)
    return translation and untranslated_gap(translation)


def refusal(request):
    match = ACTION.match(request.path_info)
    if match is None:
        return None
    page = _page(match["page_id"])
    if page is None:
        return None  # Wagtail answers 404
    action = match["action"]
    data = _body(request)
    if action == "create_alias":
        if _is_georgian(_destination(page, data)):
            return _(
                "An alias cannot be made in the Georgian tree: readers would get the source "
                "text at a Georgian address, past review. Translate the page instead."
            )
    elif action in ("copy", "move"):
        destination = _destination(page, data, required=action == "move")
        if destination is not None and destination.locale_id != page.locale_id:
            return _(
                "A page cannot be copied or moved into another language's tree: translate "
                "it instead."
            )
    elif action == "copy_for_translation":
        if data.get("alias"):
            return _(
                "A translation cannot be an alias of its source: readers would get the "
                "source text at a Georgian address, past review."
            )
    elif action == "publish" or (
        action is None
        and request.method == "PATCH"
        and (data.get("meta") or {}).get("action") == "publish"
    ):
        if _is_georgian(page) and (gap := _incomplete(page)):
            return gap
    return None
