"""Every interface string marked for translation has Georgian, and the compiled catalogue
matches its source."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ka" / "LC_MESSAGES" / "django.po"


def untranslated(po):
    return [
        entry.msgid
        for entry in po
        if "fuzzy" in entry.flags
        or not (all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr)
    ]


def test_the_catalogue_is_complete_with_no_fuzzy_entries():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 100
    assert untranslated(po) == []
    assert not po.metadata_is_fuzzy


SOURCE_DIRS = ["config", "site", "home", "newsroom", "headless", "translating", "security"]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_marked_string_in_the_code_has_georgian(tmp_path, monkeypatch):
    # makemessages over a copy of the code and the catalogue (it writes into any locale/
    # folder it walks past): a string marked in a template or in Python but missing from
    # django.po shows up in the copy untranslated.
    for name in SOURCE_DIRS:
        shutil.copytree(Path(settings.BASE_DIR) / name, tmp_path / name)
    copy = tmp_path / "locale" / "ka" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, copy)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["ka"], no_obsolete=True, verbosity=0)
    regenerated = polib.pofile(str(copy))
    assert untranslated(regenerated) == []
    assert {e.msgid for e in regenerated} == {e.msgid for e in polib.pofile(str(CATALOGUE))}


def test_the_compiled_catalogue_matches_the_source():
    source = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE)) if not e.msgid_plural}
    compiled = {
        e.msgid: e.msgstr
        for e in polib.mofile(str(CATALOGUE.with_suffix(".mo")))
        if e.msgid and not e.msgid_plural
    }
    assert compiled == source


def test_django_serves_the_georgian_strings():
    with translation.override("ka"):
        assert translation.gettext("Skip to content") == "გადასვლა შიგთავსზე"
        assert translation.gettext("Latest news") != "Latest news"
