"""Item 2 of the editor's day (admin side): a schedule whose time has passed without taking
effect says so in the page editor and the explorer; `publish_scheduled` then makes it happen."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from home.models import MissionPage

from .editing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("schedule-admin", superuser=True))
    return client


def schedule_new_page(parent, minutes):
    page = MissionPage(title="Scheduled page", slug="scheduled-page", intro="Soon.")
    parent.add_child(instance=page)
    page.unpublish()
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=minutes)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def pass_the_time(page, minutes):
    """As if the clock went on: the schedule's time moves into the past."""
    when = timezone.now() - datetime.timedelta(minutes=minutes)
    for revision in page.revisions.filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at = when
        revision.content["go_live_at"] = when.isoformat()
        revision.save()
    MissionPage.objects.filter(pk=page.pk).update(go_live_at=when)
    page.refresh_from_db()


def test_an_overdue_go_live_says_so_and_publish_scheduled_fixes_it(admin_client, en_home):
    page = schedule_new_page(en_home, 2)
    assert not page.live and page.status_string == "scheduled"
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    explore_url = reverse("wagtailadmin_explore", args=[en_home.pk])
    # Before its time: nothing to say.
    assert "has not been published" not in admin_client.get(edit_url).content.decode()
    assert "Go-live time passed" not in admin_client.get(explore_url).content.decode()

    pass_the_time(page, 8)
    html = admin_client.get(edit_url).content.decode()
    assert "was scheduled to go live at" in html and "has not been published" in html
    assert "Go-live time passed" in admin_client.get(explore_url).content.decode()

    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.live
    assert "has not been published" not in admin_client.get(edit_url).content.decode()
    assert "Go-live time passed" not in admin_client.get(explore_url).content.decode()


def test_an_overdue_expiry_says_so(admin_client, en_home):
    page = MissionPage.objects.filter(locale=en_home.locale).live().first()
    MissionPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "was scheduled to expire at" in html
