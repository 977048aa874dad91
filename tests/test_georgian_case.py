"""Georgian is never capitalised: no Mtavruli letter (U+1C90-U+1CBF) on any admin screen a
translator or a moderator opens with the Georgian admin, nor on the Georgian site
(translating/mtavruli.py, DESIGN.md pitfall 11)."""

import re
import sys

import pytest
from django.template import Context, Template, defaultfilters
from django.urls import reverse
from django.utils import text, translation
from django.utils.translation import gettext_lazy
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from tests.factories import georgian_admin_user
from translating import mtavruli
from translating.roles import EDITORS, MODERATORS, TRANSLATORS

MTAVRULI = re.compile("[\u1c90-\u1cbf]")

pytestmark = pytest.mark.django_db


def test_capfirst_leaves_georgian_and_capitalises_the_rest():
    assert text.capfirst("ადგილი") == "ადგილი"
    assert text.capfirst("place") == "Place"
    assert text.capfirst("éclair") == "Éclair"
    assert text.capfirst("") == ""
    assert text.capfirst(None) is None
    assert text.capfirst(12) == "12"


def test_capfirst_of_a_lazy_string_stays_lazy_and_georgian():
    label = text.capfirst(gettext_lazy("Translation status"))
    with translation.override("ka"):
        assert not MTAVRULI.search(str(label))
        assert str(label) == str(gettext_lazy("Translation status"))
    with translation.override("en"):
        assert str(label) == "Translation status"


def test_capfirst_template_filter_leaves_georgian():
    template = Template("{{ ka|capfirst }} {{ en|capfirst }}")
    assert template.render(Context({"ka": "ადგილი", "en": "place"})) == "ადგილი Place"


def test_adapter_still_covers_django_and_wagtail():
    """Fails when Django or Wagtail change under the adapter: Django's own capfirst stopped
    making Mtavruli (the adapter can go), or some module still holds Django's function."""
    assert MTAVRULI.match(mtavruli.DJANGO_CAPFIRST("ადგილი")), "Django fixed capfirst?"
    assert MTAVRULI.match(mtavruli.DJANGO_CAPFIRST_FILTER("ადგილი")), "Django fixed |capfirst?"
    assert text.capfirst is mtavruli.capfirst
    assert mtavruli.modules_holding(mtavruli.DJANGO_CAPFIRST) == []
    assert mtavruli.modules_holding(mtavruli.DJANGO_CAPFIRST_FILTER) == []
    assert defaultfilters.register.filters["capfirst"] is mtavruli.capfirst_filter
    # The modules that render labels, headings and the translation editor use ours.
    for name in (
        "django.db.models.fields",
        "django.forms.models",
        "django.contrib.admin.helpers",
        "wagtail.admin.panels.field_panel",
        "wagtail.admin.ui.tables",
        "wagtail.admin.views.generic.models",
        "wagtail_localize.views.edit_translation",
    ):
        __import__(name)
        assert sys.modules[name].capfirst in (mtavruli.capfirst, mtavruli.capfirst_filter), name


def admin_screens(ka_locale):
    """The admin screens a translator or a moderator works in: dashboard, explorer, the
    editor of a Georgian page of every type (wagtail-localize's translation editor), a new
    page of every type, reports, snippets, images, documents and the account settings."""
    ka_pages = Page.objects.filter(locale=ka_locale, depth__gt=1).order_by("path")
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_pages:search") + "?q=IOM",
        reverse("translating_status"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_workflows:index"),
    ]
    one_page_per_type = {page.content_type_id: page for page in reversed(ka_pages)}
    for page in one_page_per_type.values():
        urls.append(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    home = ka_pages.first()
    urls.append(reverse("wagtailadmin_explore", args=[home.pk]))
    urls.append(reverse("wagtailadmin_pages:history", args=[home.pk]))
    for page_type in home.specific.allowed_subpage_models():
        meta = page_type._meta
        urls.append(
            reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, home.pk])
        )
    urls.append(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))
    for model in get_snippet_models():
        urls.append(reverse(model.snippet_viewset.get_url_name("list")))
    return urls


def find_mtavruli(html):
    return sorted({match.group() for match in MTAVRULI.finditer(html)})


@pytest.mark.parametrize("group_name", [TRANSLATORS, MODERATORS])
def test_no_mtavruli_on_any_admin_screen_in_georgian(client, group_name, ka_locale):
    user = georgian_admin_user(f"case-{group_name.lower()}", group_name)
    client.force_login(user)
    opened = 0
    found = {}
    for url in admin_screens(ka_locale):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ka")
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue  # a screen this role may not open
        opened += 1
        html = response.content.decode()
        assert 'lang="ka"' in html, url
        if letters := find_mtavruli(html):
            found[url] = letters
    assert found == {}
    assert opened > 12


def test_no_mtavruli_on_the_login_screen_or_the_georgian_site(client, ka_home):
    urls = [reverse("wagtailadmin_login")]
    urls += [page.url for page in ka_home.get_descendants(inclusive=True).live()]
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ka")
        assert response.status_code == 200, url
        assert find_mtavruli(response.content.decode()) == [], url


def test_without_the_adapter_the_georgian_editor_would_show_mtavruli(
    client, ka_locale, monkeypatch
):
    """The walk above can fail: with Django's capfirst back, Georgian labels (the editor's
    field names, the status report's headings) start with Mtavruli."""
    for name in mtavruli.modules_holding(mtavruli.capfirst):
        monkeypatch.setattr(sys.modules[name], "capfirst", mtavruli.DJANGO_CAPFIRST)
    monkeypatch.setitem(
        defaultfilters.register.filters, "capfirst", mtavruli.DJANGO_CAPFIRST_FILTER
    )
    user = georgian_admin_user("case-unpatched", TRANSLATORS)
    client.force_login(user)
    page = Page.objects.filter(locale=ka_locale, depth=3).order_by("path").first()
    found = []
    for url in (
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[page.get_parent().pk]),
    ):
        found += find_mtavruli(client.get(url).content.decode())
    assert found


def test_no_mtavruli_in_the_english_page_editor_for_an_editor_in_georgian(client, en_locale):
    """An editor who chose ქართული edits English pages: the editor's panels, built when the
    models are imported (an InlinePanel's heading), are Georgian too, never capitalised."""
    client.force_login(georgian_admin_user("case-editor", EDITORS))
    en_pages = Page.objects.filter(locale=en_locale, depth__gt=1).order_by("path")
    one_page_per_type = {page.content_type_id: page for page in reversed(en_pages)}
    found = {}
    for page in one_page_per_type.values():
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ka")
        assert response.status_code == 200, url
        if letters := find_mtavruli(response.content.decode()):
            found[url] = letters
    assert found == {}
    assert len(one_page_per_type) >= 3
