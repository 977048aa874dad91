from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from security.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: the database, then the media. "
        "Refuses a database that is not empty unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that is not empty"
        )

    def handle(self, *args, **options):
        try:
            manifest = restore(
                options["file"], connection=connections[options["database"]], force=options["force"]
            )
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(f"Restored {options['file']} (made {manifest['created']}).")
