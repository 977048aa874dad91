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
    return loaded_revision(html), html


def loaded_revision(html):
    fields = {}
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        match = re.search(rf'name="{name}" value="([^"]*)"', html)
        if match:
            fields[name] = match.group(1)
    assert fields.get("loaded_revision_id"), "Wagtail's edit form names the loaded revision"
    return fields


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


@pytest.mark.parametrize("action", ["action-save", "action-publish"])
def test_a_save_from_an_out_of_date_form_is_refused_naming_who_and_when(page, action):
    alice, alice_client = editor("Alice")
    bob, bob_client = editor("Bob")
    alice_form, _html = open_form(alice_client, page)
    bob_form, _html = open_form(bob_client, page)
    first = save(alice_client, page, alice_form, "Alice's title")
    assert first.status_code == 302
    assert latest(page).user == alice
    revisions = page.revisions.count()
    second = save(bob_client, page, bob_form, "Bob's title", action=action)
    assert page.revisions.count() == revisions, "Bob's save buried nothing"
    assert latest(page).as_object().title == "Alice's title"
    assert MissionPage.objects.get(pk=page.pk).title == "Shared page", "nothing published"
    # Bob gets his own form back, with what he typed, and the refusal naming Alice.
    assert second.status_code == 200
    html = second.content.decode()
    assert re.search(r'name="title"[^>]*value="Bob&#x27;s title"', html), "Bob's title kept"
    assert "Changed intro" in html, "Bob's intro kept"
    text = " ".join(str(message) for message in get_messages(second.wsgi_request))
    assert "Alice" in text and "newer version" in text and "still in the form" in text
    # The form he got back is based on Alice's version: saving it again is his informed
    # choice, and Alice's version stays in the history.
    assert loaded_revision(html)["loaded_revision_id"] == str(latest(page).pk)
    again = save(bob_client, page, loaded_revision(html), "Bob's title")
    assert again.status_code == 302
    assert latest(page).as_object().title == "Bob's title"
    assert page.revisions.filter(user=alice).exists()


def test_a_save_from_an_up_to_date_form_goes_through(page):
    _alice, alice_client = editor("Alice")
    form, _html = open_form(alice_client, page)
    assert save(alice_client, page, form, "First").status_code == 302
    form, _html = open_form(alice_client, page)
    assert save(alice_client, page, form, "Second").status_code == 302
    assert latest(page).as_object().title == "Second"


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
