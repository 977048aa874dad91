"""The smaller things of a translator's, an editor's and a moderator's day: demo accounts
with names in the Georgian admin, where Translate lands, the pre-selected target language,
the slug drafted from the title, e-mail in development and production, the review list's
link to the English source (tests/test_translation_dashboard.py covers that one)."""

import runpy
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from home.models import MissionPage
from translating.roles import EDITORS

from .factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_have_names_and_the_translator_works_in_georgian(client):
    with override_settings(DEMO_ACCOUNTS_ENABLED=True):
        call_command("create_demo_accounts", stdout=StringIO())
    User = get_user_model()
    languages = {}
    for username in ("admin", "editor", "translator", "moderator"):
        user = User.objects.get(username=username)
        assert user.first_name and user.last_name, username
        languages[username] = UserProfile.get_for_user(user).preferred_language
    assert languages["translator"] == languages["moderator"] == "ka"
    assert languages["editor"] == "en"

    # Saving the account settings works for them now ("This field is required" before).
    translator = User.objects.get(username="translator")
    client.force_login(translator)
    page = client.get(reverse("wagtailadmin_account"))
    assert page.status_code == 200 and 'lang="ka"' in page.content.decode()
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    form = next(f for f in soup.find_all("form") if f.find(attrs={"name": "name_email-first_name"}))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", field.get_text())
    data["locale-preferred_language"] = "ka"
    saved = client.post(reverse("wagtailadmin_account"), data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert UserProfile.get_for_user(translator).preferred_language == "ka"


def test_existing_demo_accounts_get_names_without_new_passwords():
    User = get_user_model()
    user = User.objects.create_user("translator", "translator@example.org", "kept")
    out = StringIO()
    with override_settings(DEMO_ACCOUNTS_ENABLED=True):
        call_command("create_demo_accounts", stdout=out)
    user.refresh_from_db()
    assert user.first_name and user.check_password("kept")
    assert "username: translator" not in out.getvalue()


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("workday-editor", "e@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def new_english_page(en_home, en_locale):
    return en_home.add_child(
        instance=MissionPage(title="Brand new", slug="brand-new", intro="Words.", locale=en_locale)
    )


def test_translate_form_preselects_the_only_target_language(client, editor, new_english_page):
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[new_english_page.pk])
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    boxes = soup.select("input[name=locales]")
    assert len(boxes) == 1 and boxes[0].has_attr("checked")


def test_snippet_translate_form_preselects_the_only_target_language(client, editor, en_locale):
    topic = TopicFactory(name="Return migration", slug="return-migration", locale=en_locale)
    client.force_login(editor)
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["newsroom", "topic", topic.pk]
    )
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    boxes = soup.select("input[name=locales]")
    assert len(boxes) == 1 and boxes[0].has_attr("checked")


def test_after_translate_an_editor_lands_on_a_page_they_may_see(
    client, editor, new_english_page, ka_locale
):
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[new_english_page.pk])
    response = client.post(url, {"locales": [ka_locale.pk]}, follow=True)
    assert response.status_code == 200
    final_url = response.redirect_chain[-1][0]
    assert final_url == reverse("wagtailadmin_explore", args=[new_english_page.get_parent().pk])
    messages = [str(message) for message in response.context["messages"]]
    assert not [message for message in messages if "permission" in message]
    assert new_english_page.get_translation_or_none(ka_locale) is not None


def test_after_translate_a_superuser_still_opens_the_georgian_editor(
    client, new_english_page, ka_locale
):
    admin = get_user_model().objects.create_superuser("workday-admin", "a@example.org", "x")
    client.force_login(admin)
    url = reverse("wagtail_localize:submit_page_translation", args=[new_english_page.pk])
    response = client.post(url, {"locales": [ka_locale.pk]})
    georgian = new_english_page.get_translation(ka_locale)
    assert response.url == reverse("wagtailadmin_pages:edit", args=[georgian.pk])


def test_development_prints_email_and_production_reads_smtp_from_the_environment(monkeypatch):
    dev = runpy.run_module("config.settings.dev")
    assert dev["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.org")
    monkeypatch.setenv("EMAIL_PORT", "2525")
    monkeypatch.setenv("EMAIL_HOST_USER", "cms")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "secret")
    monkeypatch.setenv("EMAIL_USE_TLS", "false")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "cms@example.org")
    production = runpy.run_module("config.settings.production")
    assert production["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (production["EMAIL_HOST"], production["EMAIL_PORT"]) == ("smtp.example.org", 2525)
    assert (production["EMAIL_HOST_USER"], production["EMAIL_HOST_PASSWORD"]) == ("cms", "secret")
    assert production["EMAIL_USE_TLS"] is False
    assert production["DEFAULT_FROM_EMAIL"] == production["SERVER_EMAIL"] == "cms@example.org"
