"""No silent lost update in the page editor.

Wagtail 8 compares the revision an editor loaded (`loaded_revision_id`,
`loaded_revision_created_at`, `overwrite_revision_id` in the edit form) with the page's
latest revision, but refuses only autosave requests when they differ: a plain Save or
Publish from an out-of-date form went through, burying the other person's revision in the
history. This refuses those too, naming who saved the newer revision and when, and sends the
editor back to the page as it now is. Its editing-session notices ("X is also editing",
"X saved a new version") and page locks stay as Wagtail has them, both on.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name


def is_out_of_date(request, latest):
    """Wagtail's own test (wagtail/admin/views/pages/edit.py, `is_out_of_date`)."""
    if latest is None:
        return False
    latest_id = str(latest.pk)
    if overwrite_id := request.POST.get("overwrite_revision_id"):
        return overwrite_id != latest_id
    if loaded_id := request.POST.get("loaded_revision_id"):
        if loaded_id != latest_id:
            return True
        return request.POST.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
    return False


def refuse_stale_save(request, page):
    """`before_edit_page` hook: a Save or Publish from a form opened before someone else saved
    the page is refused, with their name and the time."""
    if request.method != "POST" or request.headers.get("Accept") == "application/json":
        return None  # autosave: Wagtail refuses it itself
    latest = page.get_latest_revision()
    if not is_out_of_date(request, latest) or latest.user_id == request.user.pk:
        return None
    who = get_user_display_name(latest.user) if latest.user else _("someone")
    when = formats.date_format(timezone.localtime(latest.created_at), "DATETIME_FORMAT")
    messages.error(
        request,
        _(
            "Not saved: %(who)s saved a newer version of this page at %(when)s, after you "
            "opened it. Your changes would have buried theirs. Here is the page as it is now: "
            "make your changes again."
        )
        % {"who": who, "when": when},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
