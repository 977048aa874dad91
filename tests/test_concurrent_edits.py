"""Two people editing one page: nothing is silently buried (README "Security")."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from home.models import MissionPage
from translating.roles import EDITORS

from .factories import MissionPageFactory

pytestmark = pytest.mark.django_db


def editor(name):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x", first_name=name)
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def page(en_home):
    page = MissionPageFactory(parent=en_home, title="Shared page", slug="shared-page")
    page.save_revision()
    return page


def open_form(client, page):
    """GET the edit view; the hidden revision fields the form will send back."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    fields = {}
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        match = re.search(rf'name="{name}" value="([^"]*)"', html)
        if match:
            fields[name] = match.group(1)
    assert fields.get("loaded_revision_id"), "Wagtail's edit form names the loaded revision"
    return fields, html


def save(client, page, loaded, title, action="action-save"):
    data = {
        "title": title,
        "slug": page.slug,
        "intro": "Changed intro",
        "body-count": "0",
        "hero_image_alt": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **loaded,
    }
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def latest(page):
    return MissionPage.objects.get(pk=page.pk).get_latest_revision()


def test_a_save_from_an_out_of_date_form_is_refused_naming_who_and_when(page):
    alice, alice_client = editor("Alice")
    bob, bob_client = editor("Bob")
    alice_form, _html = open_form(alice_client, page)
    bob_form, _html = open_form(bob_client, page)
    first = save(alice_client, page, alice_form, "Alice's title")
    assert first.status_code == 302
    assert latest(page).user == alice
    revisions = page.revisions.count()
    second = save(bob_client, page, bob_form, "Bob's title")
    assert second.status_code == 302
    assert page.revisions.count() == revisions, "Bob's save buried nothing"
    assert latest(page).as_object().title == "Alice's title"
    text = " ".join(str(message) for message in get_messages(second.wsgi_request))
    assert "Alice" in text and "newer version" in text
    # Bob reloads, sees Alice's version, and his save goes through.
    bob_form, html = open_form(bob_client, page)
    assert "Alice&#x27;s title" in html or "Alice's title" in html
    assert save(bob_client, page, bob_form, "Bob's title").status_code == 302
    assert latest(page).as_object().title == "Bob's title"


def test_editing_sessions_tell_each_editor_about_the_other(page):
    _alice, alice_client = editor("Alice")
    _bob, bob_client = editor("Bob")
    _form, alice_html = open_form(alice_client, page)
    _form, bob_html = open_form(bob_client, page)
    ping_url = re.search(r'data-w-session-url-value="([^"]+/ping/[^"]+)"', alice_html)
    if ping_url is None:
        ping_url = re.search(r'"(/admin/editing-sessions/ping/[^"]+)"', alice_html)
    assert ping_url, "the edit view starts an editing session"
    bob_ping = re.search(r'"(/admin/editing-sessions/ping/[^"]+)"', bob_html) or re.search(
        r'data-w-session-url-value="([^"]+/ping/[^"]+)"', bob_html
    )
    bob_client.post(bob_ping.group(1).replace("&amp;", "&"), {"is_editing": "1"})
    response = alice_client.post(ping_url.group(1).replace("&amp;", "&"), {"is_editing": "1"})
    assert response.status_code == 200
    others = response.json()["other_sessions"]
    assert [other["user"] for other in others] == ["Bob"]


def test_a_locked_page_cannot_be_saved_by_another_editor(page):
    alice, alice_client = editor("Alice")
    _bob, bob_client = editor("Bob")
    response = alice_client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.locked and page.locked_by == alice
    bob_form, _html = open_form(bob_client, page)
    revisions = page.revisions.count()
    save(bob_client, page, bob_form, "Bob's title")
    assert page.revisions.count() == revisions
    assert MissionPage.objects.get(pk=page.pk).title == "Shared page"
