"""Exchange Georgian translations with outside tools as PO files, in bulk.

wagtail-localize's translation editor already downloads and uploads one PO file per
translation (`Translation.export_po` / `import_po`). What it lacks is the folder-wide
exchange: export every unfinished or out-of-date Georgian translation at once, and import a
folder back all-or-nothing. `import_po` itself skips a file for another translation without
a word and turns unknown strings into warnings; here every file is checked first, and any
problem stops the whole import before anything is written.
"""

import uuid
from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
)

from translating import status
from translating.roles import TARGET_LANGUAGE

TRANSLATION_ID = "X-WagtailLocalize-TranslationID"
OBJECT_HEADER = "X-Translating-Object"


def object_label(translation):
    source = translation.source
    return f"{source.specific_content_type.app_label}.{source.specific_content_type.model}"


def file_name(translation, instance):
    return f"{object_label(translation)}-{instance.pk}.{translation.target_locale.language_code}.po"


def object_header(translation, instance):
    return f"{object_label(translation)}:{instance.pk}"


class Command(BaseCommand):
    help = (
        "export DIR: write a PO file for every Georgian translation that is in progress or out "
        "of date. import DIR: check every PO file in DIR, then import them all in one "
        "transaction, or none if any file is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("folder")
        parser.add_argument(
            "--all", action="store_true", help="export: every Georgian translation."
        )

    def handle(self, *args, action, folder, all=False, **options):
        folder = Path(folder)
        if action == "export":
            self.export(folder, everything=all)
        else:
            self.import_folder(folder)

    # Export ------------------------------------------------------------------------------

    def export(self, folder, everything=False):
        folder.mkdir(parents=True, exist_ok=True)
        wanted = {status.IN_PROGRESS, status.OUT_OF_DATE}
        written = 0
        for row in status.report():
            if row.translation is None or (not everything and row.state not in wanted):
                continue
            po = row.translation.export_po()
            po.metadata["Language"] = row.translation.target_locale.language_code
            po.metadata[OBJECT_HEADER] = object_header(row.translation, row.instance)
            path = folder / file_name(row.translation, row.instance)
            po.save(str(path))
            written += 1
            self.stdout.write(
                f"{path.name}: {row.instance} ({row.translated} of {row.total} segments)"
            )
        self.stdout.write(f"Exported {written} PO files to {folder}.")

    # Import ------------------------------------------------------------------------------

    def import_folder(self, folder):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        paths = sorted(folder.glob("*.po"))
        if not paths:
            raise CommandError(f"There are no .po files in {folder}.")
        checked, errors = [], []
        for path in paths:
            try:
                checked.append((path, *self.check_file(path)))
            except CommandError as error:
                errors.append(f"{path.name}: {error}")
        if errors:
            raise CommandError("Nothing was imported; fix these files first:\n" + "\n".join(errors))
        total_changed = 0
        with transaction.atomic():
            for path, translation, po in checked:
                before = self.snapshot(translation)
                translation.import_po(po, translation_type="manual", tool_name="PO file")
                changed = self.changes(before, self.snapshot(translation))
                total_changed += len(changed)
                self.stdout.write(f"{path.name}: {len(changed)} strings changed")
                for msgctxt, old, new in changed:
                    self.stdout.write(f"    {msgctxt}: {old!r} -> {new!r}")
        self.stdout.write(f"Imported {len(checked)} files, {total_changed} strings changed.")

    def check_file(self, path):
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"not a valid PO file ({error})") from error
        translation_id = po.metadata.get(TRANSLATION_ID)
        if not translation_id:
            raise CommandError(f"no {TRANSLATION_ID} header; export it with this command")
        try:
            translation_uuid = uuid.UUID(translation_id)
        except ValueError as error:
            raise CommandError(f"{TRANSLATION_ID} {translation_id!r} is not an id") from error
        translation = Translation.objects.filter(uuid=translation_uuid).first()
        if translation is None:
            raise CommandError(f"no translation has the id {translation_id}")
        target = Locale.objects.get(language_code=TARGET_LANGUAGE)
        language = po.metadata.get("Language")
        wrong_language = language and language != target.language_code
        if translation.target_locale_id != target.pk or wrong_language:
            raise CommandError(
                f"this file is for language {language or translation.target_locale.language_code}"
                f", not {TARGET_LANGUAGE}"
            )
        instance = translation.source.get_source_instance()
        expected = object_header(translation, instance)
        declared = po.metadata.get(OBJECT_HEADER)
        if declared and declared != expected:
            raise CommandError(
                f"the file says it is for {declared}, but its translation is for {expected}"
            )
        contexts = set(
            TranslationContext.objects.filter(object_id=translation.source.object_id).values_list(
                "path", flat=True
            )
        )
        segments = set(
            StringSegment.objects.filter(source=translation.source).values_list(
                "context__path", "string__data"
            )
        )
        for entry in po:
            if entry.obsolete:
                continue
            if entry.msgctxt not in contexts or (entry.msgctxt, entry.msgid) not in segments:
                raise CommandError(
                    f"line {entry.linenum}: {entry.msgctxt!r} / {entry.msgid[:60]!r} is not "
                    f"a string of {instance}"
                )
        return translation, po

    @staticmethod
    def snapshot(translation):
        return {
            (st.context.path, st.translation_of_id): st.data
            for st in StringTranslation.objects.filter(
                context__object_id=translation.source.object_id, locale=translation.target_locale
            ).select_related("context")
        }

    @staticmethod
    def changes(before, after):
        return [
            (key[0], before.get(key), data)
            for key, data in sorted(after.items(), key=lambda item: item[0][0])
            if before.get(key) != data
        ]
