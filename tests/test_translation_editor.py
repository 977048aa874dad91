"""The translation editor's footer: submitting for review is the primary action, Delete is
never offered, "Stop synced translation" is neither offered to nor allowed for translators
(translating/editor.py)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import Translation

from newsroom.models import NewsArticlePage, Topic
from translating.roles import MODERATORS, TRANSLATORS

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def ka_article(en_locale, ka_locale):
    en = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    return en.get_translation(ka_locale)


def footer_of(html):
    soup = BeautifulSoup(html, "html.parser")
    footer = soup.select_one("footer.translating-editor-footer")
    assert footer is not None
    group = footer.select_one(".w-dropdown-button")
    primary = group.find(["a", "button"], recursive=False)
    secondary = [
        element.get_text(" ", strip=True)
        for element in group.select(".w-dropdown__content a, .w-dropdown__content button")
    ]
    props = json.loads(soup.select_one(".js-translation-editor")["data-props"])
    return primary, secondary, props, soup


def test_translator_gets_submit_for_review_first_and_no_delete_or_stop(client, ka_article):
    client.force_login(make_user("footer-translator", TRANSLATORS))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[ka_article.pk]))
    assert response.status_code == 200
    primary, secondary, props, soup = footer_of(response.content.decode())
    assert primary.get_text(strip=True) == "Submit translation for review"
    assert primary["href"].startswith("/admin/translation-review/")
    labels = " ".join([primary.get_text(), *secondary])
    assert "Delete" not in labels and "Stop synced translation" not in labels
    assert not any(label.startswith("Publish") for label in secondary)
    assert "Preview" in secondary
    # wagtail-localize's own footer, hidden, holds no Delete either.
    assert props["perms"]["canDelete"] is False
    assert props["links"]["convertToAliasUrl"] is None


def test_moderator_may_also_publish_and_stop_but_never_delete_here(client, ka_article):
    client.force_login(make_user("footer-moderator", MODERATORS))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[ka_article.pk]))
    primary, secondary, props, soup = footer_of(response.content.decode())
    assert primary.get_text(strip=True) == "Submit translation for review"
    assert [label for label in secondary if label.startswith("Publish in")]
    assert "Stop synced translation" in secondary
    assert "Delete" not in " ".join(secondary)
    # The secondary POST actions submit their own forms, with the CSRF token.
    stop = next(b for b in soup.select("footer button") if "Stop synced" in b.get_text())
    form = soup.find("form", id=stop["form"])
    assert form["method"] == "post" and "/disable/" in form["action"]
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_translator_may_not_stop_a_synced_translation(client, ka_article):
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    client.force_login(make_user("stop-translator", TRANSLATORS))
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    refused = client.post(url, {"next": "/admin/pages/"}, follow=True)
    # Wagtail's admin turns PermissionDenied into a redirect home with a message.
    assert refused.redirect_chain[-1][0] == "/admin/"
    assert "permission" in str(list(refused.context["messages"])[0])
    translation.refresh_from_db()
    assert translation.enabled
    client.force_login(make_user("stop-moderator", MODERATORS))
    assert client.post(url, {"next": "/admin/"}).status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled


def test_snippet_editor_publishes_first_without_delete_or_stop(client, ka_locale):
    topic = Topic.objects.filter(locale=ka_locale).first()
    client.force_login(make_user("snippet-translator", TRANSLATORS))
    url = reverse(Topic.snippet_viewset.get_url_name("edit"), args=[topic.pk])
    response = client.get(url)
    assert response.status_code == 200
    primary, secondary, props, soup = footer_of(response.content.decode())
    assert primary.get_text(strip=True).startswith("Publish in")
    assert (
        soup.find("form", id=primary["form"]).find("input", attrs={"name": "action"})["value"]
        == "publish"
    )
    assert "Delete" not in " ".join(secondary)
    assert "Stop synced translation" not in " ".join(secondary)
