"""Item 3 of the editor's day: the userbar (and with it the content checker and metrics) is on
every page for editors, never in a reader's HTML, and the checker has this site's rules."""

import json
import re

import pytest
from wagtail.models import Page

from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage
from translating.roles import EDITORS

from .editing import make_user

pytestmark = pytest.mark.django_db


def one_page_of_each_type():
    return [
        model.objects.live().filter(locale__language_code=code).first()
        for model in (HomePage, MissionPage, NewsIndexPage, NewsArticlePage)
        for code in ("en", "ka")
    ]


def axe_configuration(html):
    """The checker's configuration, as the userbar hands it to axe-core."""
    match = re.search(r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no content checker configuration in the userbar"
    return json.loads(match.group(1))


def test_readers_get_no_userbar(client):
    for page in one_page_of_each_type():
        html = client.get(page.url).content.decode()
        assert "<main" in html
        assert "wagtail-userbar" not in html, page.url


def test_editors_get_the_userbar_with_the_checker_on_every_page(client):
    client.force_login(make_user("checks-editor", EDITORS))
    for page in one_page_of_each_type():
        html = client.get(page.url).content.decode()
        assert "<wagtail-userbar" in html, page.url
        config = axe_configuration(html)
        run_only = config["options"]["runOnly"]
        # Wagtail's rules and the site's own.
        for rule in ("heading-order", "alt-text-quality", "image-alt", "html-lang-valid"):
            assert rule in run_only
        # In the editor's own admin language (the page's, when none is set).
        assert config["messages"]["image-alt"]["error_name"] in (
            "Image without alternative text",
            "სურათი ალტერნატიული ტექსტის გარეშე",
        )


def test_the_preview_panel_runs_the_site_checker(client, en_home):
    from django.urls import reverse

    client.force_login(make_user("checks-admin", superuser=True))
    page = MissionPage.objects.filter(locale=en_home.locale).first()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(url).content.decode()
    assert "html-lang-valid" in html
    assert Page.objects.filter(pk=page.pk).exists()
