"""Item 8 of the editor's day: the smaller things, each tested."""

import sqlite3

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.documents.models import Document

from config.settings import base as base_settings
from home.blocks import CaptionedImageBlock
from newsroom.blocks import DocumentLinkBlock
from newsroom.models import NewsArticlePage

from .editing import demo_image

pytestmark = pytest.mark.django_db


def test_one_alt_text_per_image_use():
    image = demo_image()
    assert image.description
    block = CaptionedImageBlock()
    default = block.to_python({"image": image.pk, "alt_text": "", "caption": ""})
    assert f'alt="{image.description}"' in block.render(default)
    override = block.to_python({"image": image.pk, "alt_text": "Our own words", "caption": ""})
    assert 'alt="Our own words"' in block.render(override)
    # The form says which one is used.
    assert "image's own description" in str(block.child_blocks["alt_text"].field.help_text)
    assert "image's own description" in str(
        NewsArticlePage._meta.get_field("featured_image_alt").help_text
    )


def test_an_article_without_its_own_alt_uses_the_image_description(client, en_locale):
    article = NewsArticlePage.objects.filter(locale=en_locale).live().first()
    NewsArticlePage.objects.filter(pk=article.pk).update(featured_image_alt="")
    article.refresh_from_db()
    assert article.featured_alt() == article.featured_image.description


def make_document(title, name):
    document = Document(title=title)
    document.file.save(name, ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def test_document_links_name_the_file_type_once():
    block = DocumentLinkBlock()
    document = make_document("Annual report (PDF)", "report.pdf")
    html = block.render(block.to_python({"document": document.pk, "title": ""}))
    assert html.count("PDF") == 1
    html = block.render(block.to_python({"document": document.pk, "title": "Read it"}))
    assert 'Read it</a> <span class="document-link__meta">(PDF)</span>' in html


def test_topic_rows_are_labelled_by_their_topic(client):
    from django.urls import reverse

    from newsroom.models import ArticleTopic

    from .editing import make_user

    link = ArticleTopic.objects.select_related("topic", "article").first()
    assert str(link) == link.topic.name
    client.force_login(make_user("topics-admin", superuser=True))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[link.article_id])).content.decode()
    assert f"{link.topic.name}<span data-inline-panel-child-count hidden>" in html


def test_a_replaced_document_keeps_its_old_url(client):
    document = make_document("Report", "first-name.pdf")
    old_url = document.url
    assert client.get(old_url).status_code == 200
    document.file.save("second-name.pdf", ContentFile(b"%PDF-1.4 new"), save=False)
    document.save()
    assert document.url != old_url
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == document.url
    assert client.get(document.url).status_code == 200
    assert client.get("/documents/999999/missing.pdf").status_code == 404


def test_no_external_avatar_service():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL has no such lock")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] >= 5
    # Development and production on SQLite take the write lock up front; the tests do not
    # (config/settings/test.py: SQLite's online backup of the open test transaction).
    assert base_settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    # The same init command on a database file (the test database is in memory).
    database = sqlite3.connect(tmp_path / "db.sqlite3", timeout=options["timeout"])
    database.executescript(options["init_command"])
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    database.close()


@pytest.mark.parametrize("language", ["en", "ka"])
def test_times_in_one_format_per_language(language):
    import datetime

    from django.utils import formats, translation

    moment = datetime.datetime(2021, 3, 16, 13, 57)
    with translation.override(language):
        shown = [
            formats.time_format(moment.time(), "TIME_FORMAT"),
            formats.date_format(moment, "DATETIME_FORMAT"),
            formats.date_format(moment, "SHORT_DATETIME_FORMAT"),
        ]
    for text in shown:
        assert "13:57" in text and "p.m." not in text and "1:57" not in text.replace("13:57", "")
