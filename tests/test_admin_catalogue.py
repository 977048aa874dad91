"""The project's Georgian for Wagtail's and wagtail-localize's admin (locale/wagtail): complete,
faithful to the English placeholders, compiled, and what Django and the admin's JavaScript
catalogues actually serve."""

import importlib.util
import json
import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.timesince import timesince
from wagtail.users.models import UserProfile

HERE = Path(settings.BASE_DIR) / "locale" / "wagtail"
CATALOGUES = {
    domain: HERE / "ka" / "LC_MESSAGES" / f"{domain}.po" for domain in ("django", "djangojs")
}

# The list of source catalogues lives in the update script; the test reads the same list.
_spec = importlib.util.spec_from_file_location("update_catalogues", HERE / "update_catalogues.py")
update_catalogues = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_catalogues)

# printf-style and str.format placeholders, HTML tags with their attributes, entities
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|%%|\{[\w.]*\}|</?[a-zA-Z][^>]*>|&\w+;")
MTAVRULI = re.compile("[\u1c90-\u1cbf]")


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text))


def pairs(entry):
    """(English, Georgian) for each form of an entry."""
    if entry.msgid_plural:
        return [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
    return [(entry.msgid, entry.msgstr)]


def translated(entry):
    return all(georgian for _, georgian in pairs(entry)) and "fuzzy" not in entry.flags


@pytest.fixture(scope="module", params=sorted(CATALOGUES))
def catalogue(request):
    return polib.pofile(str(CATALOGUES[request.param]))


def test_every_translation_keeps_the_placeholders_and_markup_of_its_english(catalogue):
    wrong = [
        (english, georgian)
        for entry in catalogue
        for english, georgian in pairs(entry)
        if georgian and placeholders(english) != placeholders(georgian)
    ]
    assert wrong == []


def test_no_mtavruli_and_no_fuzzy_entries(catalogue):
    assert [e.msgid for e in catalogue if any(MTAVRULI.search(g) for _, g in pairs(e))] == []
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags] == []
    assert not catalogue.metadata_is_fuzzy
    # as in Django's own Georgian catalogues
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_the_compiled_catalogues_match_their_source(catalogue):
    def key(entry):
        return (entry.msgctxt, entry.msgid)

    source = {key(e): [g for _, g in pairs(e)] for e in catalogue if translated(e)}
    compiled = {
        key(e): [g for _, g in pairs(e)]
        for e in polib.mofile(catalogue.fpath[:-3] + ".mo")
        if e.msgid
    }
    assert compiled == source


def test_each_source_catalogue_is_at_least_95_percent_georgian(capsys):
    base = update_catalogues.site_packages()
    figures = []
    for domain, packages in update_catalogues.SOURCES.items():
        ours = {(e.msgctxt or "", e.msgid): e for e in polib.pofile(str(CATALOGUES[domain]))}
        for package in packages:
            english = polib.pofile(
                str(base / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")
            )
            keys = [(e.msgctxt or "", e.msgid) for e in english if e.msgid and not e.obsolete]
            done = sum(1 for k in keys if k in ours and translated(ours[k]))
            figures.append((f"{package} {domain}", done, len(keys)))
    with capsys.disabled():
        print()
        for name, done, total in figures:
            print(f"  {name}: {done}/{total} Georgian ({100 * done / total:.1f}%)")
    assert [name for name, done, total in figures if done < 0.95 * total] == []


@pytest.mark.parametrize(
    "english, georgian",
    [
        ("Save draft", "მონახაზის შენახვა"),
        ("Snippets", "ფრაგმენტები"),
        ("Reports", "ანგარიშები"),
        ("Help", "დახმარება"),
        ("Choose an image", "სურათის არჩევა"),
        ("Submit for moderation", "განსახილველად გაგზავნა"),
        ("Translate", "თარგმნა"),
        ("Translated manually on {date}", "ნათარგმნია ხელით, {date}"),
        ("%(time_period)s ago", "%(time_period)s წინ"),
    ],
)
def test_the_admin_strings_come_out_georgian(english, georgian):
    with translation.override("ka"):
        assert translation.gettext(english) == georgian


def test_plurals_and_django_relative_dates_are_georgian():
    with translation.override("ka"):
        assert (
            translation.ngettext("%(count)s image", "%(count)s images", 3) % {"count": 3}
            == "3 სურათი"
        )
        # "N minutes ago" is Wagtail's "%(time_period)s ago" around Django's own timesince
        now = datetime(2026, 1, 1, 12, 0)
        assert timesince(now - timedelta(minutes=5), now) == "5\xa0წუთი"


def _js_catalogue(client, url_name):
    user = get_user_model().objects.create_superuser("catalogue-ka", "catalogue@example.com", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ka"
    profile.save()
    client.force_login(user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name, english",
    [
        # Wagtail's admin JavaScript (the page editor, the sidebar, comments)
        ("wagtailadmin_javascript_catalog", "Add a comment"),
        # wagtail-localize's React translation editor
        ("wagtail_localize:javascript_catalog", "Download PO file"),
    ],
)
def test_the_admin_javascript_catalogues_serve_the_georgian_from_locale_paths(
    client, url_name, english
):
    georgian = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUES["djangojs"]))}[english]
    body = _js_catalogue(client, url_name)
    # the view writes the catalogue as JSON (non-ASCII escaped)
    assert json.dumps(english) in body
    assert json.dumps(georgian) in body
