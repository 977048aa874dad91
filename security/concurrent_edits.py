"""No silent lost update in the page editor, and no lost typing either.

Wagtail 8 compares the revision an editor loaded (`loaded_revision_id`,
`loaded_revision_created_at`, `overwrite_revision_id` in the edit form) with the page's
latest revision, but refuses only autosave requests when they differ: a plain Save or
Publish from an out-of-date form went through, burying the other person's revision in the
history. This refuses those too, naming who saved the newer revision and when.

The refused editor keeps what they typed: the edit form comes back bound to what they
submitted, through Wagtail's own redisplay of a form that cannot be saved (`form_invalid`,
with the refusal as the form's error), now based on the newer revision. Saving again is a
deliberate choice to replace the other person's version, which stays in the history.
Wagtail's editing-session notices ("X is also editing", "X saved a new version") and page
locks stay as Wagtail has them, both on.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages.edit import EditView


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


class StaleSaveEditView(EditView):
    """Wagtail's page edit view that saves nothing: the submitted form is shown again, as
    Wagtail shows a form with errors, with `refusal` as its error."""

    refusal = ""

    def form_valid(self, form):
        return self.form_invalid(form)

    def form_invalid(self, form):
        form.add_error(None, self.refusal)
        return super().form_invalid(form)


def refuse_stale_save(request, page):
    """`before_edit_page` hook: a Save or Publish from a form opened before someone else saved
    the page is refused, with their name and the time, and the form comes back as sent."""
    if request.method != "POST" or request.headers.get("Accept") == "application/json":
        return None  # autosave: Wagtail refuses it itself
    if getattr(request, "stale_save_refused", False):
        return None  # the redisplay below runs the edit view's hooks again
    latest = page.get_latest_revision()
    if not is_out_of_date(request, latest) or latest.user_id == request.user.pk:
        return None
    who = get_user_display_name(latest.user) if latest.user else _("someone")
    when = formats.date_format(timezone.localtime(latest.created_at), "DATETIME_FORMAT")
    refusal = _(
        "Not saved: %(who)s saved a newer version of this page at %(when)s, after you opened "
        "it. Your changes are still in the form below; compare with their version (History) "
        "and save again to replace it."
    ) % {"who": who, "when": when}
    request.stale_save_refused = True
    view = StaleSaveEditView.as_view(refusal=refusal)
    return view(request, **request.resolver_match.kwargs)
