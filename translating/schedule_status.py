"""A schedule whose time has passed without taking effect says so in the admin.

Wagtail's `publish_scheduled` command makes go-live and expiry dates happen (`make run` and
`make serve` run it every minute). When it does not run, Wagtail still shows the page as
"scheduled" long after its time; here the page editor warns, and the explorer row has a
button that says so, naming the time that passed."""

from django.contrib import messages
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton


def overdue_schedule(page, now=None):
    """("go_live" | "expiry", when) for a schedule that is past due, else None."""
    now = now or timezone.now()
    # A scheduled revision always leaves unpublished changes: the flag spares a query per row.
    if page.has_unpublished_changes:
        revision = page.scheduled_revision
        if revision is not None and revision.approved_go_live_at <= now:
            return "go_live", revision.approved_go_live_at
    if page.live and not page.expired and page.expire_at and page.expire_at <= now:
        return "expiry", page.expire_at
    return None


def describe(kind, when):
    when = formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
    if kind == "go_live":
        return _(
            "This page was scheduled to go live at %(when)s, but has not been published: the "
            "scheduler (manage.py publish_scheduled) has not run since."
        ) % {"when": when}
    return _(
        "This page was scheduled to expire at %(when)s, but is still live: the scheduler "
        "(manage.py publish_scheduled) has not run since."
    ) % {"when": when}


@hooks.register("before_edit_page")
def warn_about_overdue_schedule(request, page):
    if request.method == "GET" and (overdue := overdue_schedule(page)):
        messages.warning(request, describe(*overdue))


@hooks.register("register_page_listing_buttons")
def overdue_schedule_button(page, user, next_url=None):
    if overdue := overdue_schedule(page):
        kind, _when = overdue
        label = _("Go-live time passed") if kind == "go_live" else _("Expiry time passed")
        yield ListingButton(
            label,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            icon_name="warning",
            attrs={"title": describe(*overdue)},
            priority=5,
        )
