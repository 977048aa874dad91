from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from security.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database (SQLite online backup or pg_dump) and the uploaded media into one "
        "archive (.tar.gz). Keep it off this machine: see README 'Security'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. backup-2026-11-25.tar.gz")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            manifest = backup(options["file"], connection=connections[options["database"]])
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(f"Wrote {options['file']} ({manifest['vendor']}, {manifest['created']}).")
