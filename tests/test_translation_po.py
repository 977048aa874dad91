"""Bulk PO exchange: `translation_po export DIR` and `translation_po import DIR`."""

from io import StringIO

import polib
import pytest
from django.core.management import CommandError, call_command
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"
GCM_SLUG = "un-engages-georgian-civil-society-on-global-compact-for-migration"
NEW_SUMMARY = "A changed lead for the PO round trip."
GEORGIAN = "შეცვლილი შესავალი PO ფაილისთვის."


@pytest.fixture
def out_of_date_article(en_locale):
    article = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    article.summary = NEW_SUMMARY
    article.save_revision().publish()
    return article


def summary_translation(article, locale):
    source = TranslationSource.objects.get(object_id=article.translation_key, locale=article.locale)
    segment = StringSegment.objects.get(source=source, context__path="summary")
    return StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=locale
    ).first()


def export(folder):
    out = StringIO()
    call_command("translation_po", "export", str(folder), stdout=out)
    return out.getvalue()


def fill_summary(path, text=GEORGIAN):
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == "summary" and not e.obsolete)
    assert entry.msgid == NEW_SUMMARY and entry.msgstr == ""
    entry.msgstr = text
    po.save(str(path))


def test_export_writes_only_unfinished_translations(tmp_path, out_of_date_article):
    output = export(tmp_path)
    files = sorted(p.name for p in tmp_path.glob("*.po"))
    assert files == [f"newsroom.newsarticlepage-{out_of_date_article.pk}.ka.po"]
    assert "Exported 1 PO files" in output
    po = polib.pofile(str(tmp_path / files[0]))
    assert po.metadata["Language"] == "ka"
    assert len([e for e in po if not e.obsolete and not e.msgstr]) == 1


def test_round_trip(tmp_path, out_of_date_article, ka_locale):
    export(tmp_path)
    (path,) = tmp_path.glob("*.po")
    fill_summary(path)
    assert summary_translation(out_of_date_article, ka_locale) is None

    out = StringIO()
    call_command("translation_po", "import", str(tmp_path), stdout=out)

    translation = summary_translation(out_of_date_article, ka_locale)
    assert translation.data == GEORGIAN
    assert translation.translation_type == "manual"
    assert f"{path.name}: 1 strings changed" in out.getvalue()
    assert "Imported 1 files, 1 strings changed." in out.getvalue()

    # Importing the same files again changes nothing.
    out = StringIO()
    call_command("translation_po", "import", str(tmp_path), stdout=out)
    assert "0 strings changed" in out.getvalue()

    # Complete now, but still out of date until the Georgian page is published again.
    export(tmp_path / "again")
    assert len(list((tmp_path / "again").glob("*.po"))) == 1


def test_malformed_file_stops_the_whole_import(tmp_path, out_of_date_article, ka_locale):
    export(tmp_path)
    (path,) = tmp_path.glob("*.po")
    fill_summary(path)
    (tmp_path / "zz-broken.po").write_text('msgid "unterminated\nmsgstr ""\n', encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("translation_po", "import", str(tmp_path), stdout=StringIO())
    assert "zz-broken.po" in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert summary_translation(out_of_date_article, ka_locale) is None


def test_file_for_another_page_is_refused(tmp_path, out_of_date_article, en_locale, ka_locale):
    export(tmp_path)
    (path,) = tmp_path.glob("*.po")
    fill_summary(path)
    # Point the file at the other article's translation: its strings are not that page's.
    other = NewsArticlePage.objects.get(locale=en_locale, slug=GCM_SLUG)
    other_source = TranslationSource.objects.get(object_id=other.translation_key)
    po = polib.pofile(str(path))
    po.metadata["X-WagtailLocalize-TranslationID"] = str(other_source.translations.get().uuid)
    po.save(str(path))

    with pytest.raises(CommandError) as error:
        call_command("translation_po", "import", str(tmp_path), stdout=StringIO())
    assert path.name in str(error.value)
    assert summary_translation(out_of_date_article, ka_locale) is None


def test_file_for_another_language_is_refused(tmp_path, out_of_date_article, ka_locale):
    export(tmp_path)
    (path,) = tmp_path.glob("*.po")
    fill_summary(path)
    po = polib.pofile(str(path))
    po.metadata["Language"] = "de"
    po.save(str(path))

    with pytest.raises(CommandError) as error:
        call_command("translation_po", "import", str(tmp_path), stdout=StringIO())
    assert "language de" in str(error.value)
    assert summary_translation(out_of_date_article, ka_locale) is None


def test_unknown_translation_is_refused(tmp_path, out_of_date_article):
    export(tmp_path)
    (path,) = tmp_path.glob("*.po")
    po = polib.pofile(str(path))
    po.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
    po.save(str(path))
    with pytest.raises(CommandError, match="no translation has the id"):
        call_command("translation_po", "import", str(tmp_path), stdout=StringIO())


def test_file_without_a_translation_id_is_refused(tmp_path, out_of_date_article):
    export(tmp_path)
    (path,) = tmp_path.glob("*.po")
    po = polib.pofile(str(path))
    po.metadata["X-WagtailLocalize-TranslationID"] = "not-an-id"
    po.save(str(path))
    with pytest.raises(CommandError, match="is not an id"):
        call_command("translation_po", "import", str(tmp_path), stdout=StringIO())
