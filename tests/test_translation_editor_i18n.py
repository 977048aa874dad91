"""The adapters that put into Georgian what Wagtail and wagtail-localize write without
gettext (translating/login.py, comment_dates.py, chooser_labels.py and the translation
editor's heading): each works, and each test fails when the library changes under it."""

import datetime
import inspect
import json
from pathlib import Path

import pytest
import wagtail_localize
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from translating import chooser_labels, comment_dates, editor

pytestmark = pytest.mark.django_db

BUNDLE = Path(wagtail_localize.__file__).parent / "static/wagtail_localize/js/wagtail-localize.js"


def test_login_form_labels_the_password_in_georgian(client):
    with translation.override("ka"):
        page = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="ka")
    html = page.content.decode()
    assert "პაროლი" in html and ">Password" not in html


def test_content_languages_are_named_in_the_admins_language(en_locale):
    with translation.override("ka"):
        assert str(Locale.objects.get(language_code="en").get_display_name()) == "ინგლისური"
    with translation.override("en"):
        assert str(en_locale.get_display_name()) == "English"


def test_the_notes_date_names_the_month_in_georgian(ka_locale):
    note = StringTranslation.objects.filter(locale=ka_locale).first()
    note.updated_at = timezone.make_aware(datetime.datetime(2026, 11, 25, 12))
    note.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
    note.tool_name = ""
    with translation.override("ka"):
        assert note.get_comment() == "ნათარგმნია ხელით, 25 ნოემბერი, 2026"
    with translation.override("en"):
        assert note.get_comment() == "Translated manually on 25 November 2026"


def test_wagtail_localize_still_writes_the_date_with_strftime():
    """When this fails, wagtail-localize formats the date itself: drop comment_dates.py."""
    assert StringTranslation.get_comment is comment_dates.get_comment
    original = inspect.getsource(comment_dates.WAGTAIL_LOCALIZE_GET_COMMENT)
    assert "strftime(DATE_FORMAT)" in original


def test_the_editors_heading_in_georgian():
    props = json.dumps(
        {"sourceLocale": {"displayName": "ინგლისური"}, "locale": {"displayName": "ქართული"}}
    )
    with translation.override("ka"):
        english, georgian = editor.heading(props)
    assert english == "ინგლისური to ქართული translation"
    assert georgian == "თარგმანი: ინგლისური → ქართული"
    with translation.override("en"):
        english, same = editor.heading(props)
    assert same == english  # the English admin keeps wagtail-localize's own heading


def test_wagtail_localize_still_writes_its_heading_without_gettext():
    """When this fails, the heading changed in wagtail-localize's bundle: check
    static/translating/js/editor-heading.js and editor.HEADING_TEMPLATE."""
    template = editor.HEADING_TEMPLATE.format(
        source="${r.sourceLocale.displayName}", target="${r.locale.displayName}"
    )
    assert f"`{template}`" in BUNDLE.read_text()


def test_chooser_labels_follow_the_admins_language():
    with translation.override("ka"):
        assert str(ChooserViewSet.search_tab_label) == "ძიება"
    with translation.override("en"):
        assert str(ChooserViewSet.search_tab_label) == "Search"


def test_wagtail_still_translates_chooser_labels_at_import():
    """When this fails, Wagtail made its chooser labels lazy: drop chooser_labels.py."""
    source = inspect.getsource(inspect.getmodule(ChooserViewSet))
    assert "from django.utils.translation import gettext as _" in source
    assert set(chooser_labels.LABELS) <= set(vars(ChooserViewSet))
