"""The translation status report (admin view and `translation_status` command)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from home.models import Footer, MissionPage
from newsroom.models import NewsArticlePage, Topic
from translating import status

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


def english_count(en_locale):
    pages = Page.objects.filter(locale=en_locale, depth__gt=1).count()
    return (
        pages
        + Topic.objects.filter(locale=en_locale).count()
        + Footer.objects.filter(locale=en_locale).count()
    )


@pytest.fixture
def untranslated_page(en_home, en_locale):
    who = MissionPage.objects.child_of(en_home).get(slug="who-we-are")
    return who.add_child(
        instance=MissionPage(title="Untranslated page", slug="untranslated", locale=en_locale)
    )


@pytest.fixture
def started_page(en_home, en_locale, ka_locale):
    page = en_home.add_child(
        instance=MissionPage(
            title="Started page", slug="started", intro="Some words.", locale=en_locale
        )
    )
    TranslationCreator(user=None, target_locales=[ka_locale]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key)
    segment = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=ka_locale,
        data="დაწყებული გვერდი",
        translation_type="manual",
    )
    return page


@pytest.fixture
def out_of_date_article(en_locale):
    article = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    article.summary = "A changed lead."
    article.save_revision().publish()
    return article


def rows_by_title(rows):
    return {str(row.instance): row for row in rows}


def test_demo_content_is_all_up_to_date(en_locale):
    rows = status.report()
    assert len(rows) == english_count(en_locale)
    assert {row.state for row in rows} == {status.UP_TO_DATE}
    assert any(not row.is_page for row in rows)  # snippets are reported too


def test_states(untranslated_page, started_page, out_of_date_article):
    rows = rows_by_title(status.report())
    assert rows["Untranslated page"].state == status.NOT_TRANSLATED

    started = rows["Started page"]
    assert started.state == status.IN_PROGRESS
    # Of title, slug and intro: the title, and the slug drafted from it (translating/slugs.py).
    assert (started.translated, started.total) == (2, 3)

    article = rows[out_of_date_article.title]
    assert article.state == status.OUT_OF_DATE
    assert article.since is not None
    assert article.translated == article.total - 1


def test_filters(untranslated_page, started_page, out_of_date_article):
    only_new = status.report(state=status.NOT_TRANSLATED)
    assert [str(row.instance) for row in only_new] == ["Untranslated page"]

    section = MissionPage.objects.get(pk=untranslated_page.get_parent().pk)
    in_section = status.report(section=section)
    titles = {str(row.instance) for row in in_section}
    assert titles >= {"Untranslated page", section.title}
    assert "Started page" not in titles and out_of_date_article.title not in titles
    assert all(row.is_page for row in in_section)


def test_admin_report(client, untranslated_page, started_page, out_of_date_article):
    admin = get_user_model().objects.create_superuser("status-admin", "a@example.org", "x")
    client.force_login(admin)
    url = reverse("translating_status")

    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    for title in ("Untranslated page", "Started page", out_of_date_article.title):
        assert title in content
    assert "2 of 3" in content

    response = client.get(url, {"state": status.OUT_OF_DATE})
    assert [str(row.instance) for row in response.context["rows"]] == [out_of_date_article.title]
    assert 'data-state="out_of_date"' in response.content.decode()
    assert 'data-state="not_translated"' not in response.content.decode()

    section = untranslated_page.get_parent()
    response = client.get(url, {"section": section.pk})
    titles = [str(row.instance) for row in response.context["rows"]]
    assert "Untranslated page" in titles and "Started page" not in titles


def test_admin_report_needs_a_translation_role(client):
    user = get_user_model().objects.create_user("nobody", "n@example.org", "x")
    client.force_login(user)
    assert client.get(reverse("translating_status")).status_code in (302, 403)


def test_command_counts(en_locale, untranslated_page, started_page, out_of_date_article):
    out = StringIO()
    call_command("translation_status", stdout=out)
    lines = dict(line.split(": ") for line in out.getvalue().splitlines())
    assert lines == {
        "not_translated": "1",
        "in_progress": "1",
        "out_of_date": "1",
        "up_to_date": str(english_count(en_locale) - 3),
    }

    out = StringIO()
    call_command("translation_status", "--list", "--state", "in_progress", stdout=out)
    assert "in_progress\tpage\tStarted page (2 of 3 segments)" in out.getvalue()
    assert "Untranslated page" not in out.getvalue()
