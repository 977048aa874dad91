"""One-archive backups of the database and the uploaded media (README "Security").

`manage.py dumpdata` fails on a Wagtail page tree (DESIGN.md pitfall 14), so the database is
copied with its own tools: SQLite's online backup API (a consistent copy of a live
database) or PostgreSQL's `pg_dump` / `pg_restore`. The archive is a gzipped tar:
`manifest.json`, `database.sqlite3` or `database.pgdump`, and `media/` (MEDIA_ROOT).
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT = 1


class BackupError(Exception):
    pass


def _pg_environment(config):
    env = {**os.environ, "PGPASSWORD": str(config.get("PASSWORD") or "")}
    return env


def _pg_arguments(config):
    arguments = []
    if config.get("HOST"):
        arguments += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", str(config["USER"])]
    return arguments + ["--dbname", str(config["NAME"])]


def _run(command, config):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed; it comes with PostgreSQL's client.")
    result = subprocess.run(
        command, env=_pg_environment(config), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(connection, folder):
    """The database behind `connection` into `folder`; returns the file name."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
        return "database.sqlite3"
    if connection.vendor == "postgresql":
        config = connection.settings_dict
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(folder / "database.pgdump")]
            + _pg_arguments(config),
            config,
        )
        return "database.pgdump"
    raise BackupError(f"No backup for the {connection.vendor} database.")


def backup(path, connection=None, media_root=None):
    """Write the archive at `path`; returns its manifest. `connection`: a Django database
    connection, the default one unless given."""
    connection = connection or connections["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": dump_database(connection, folder),
            "vendor": connection.vendor,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest))
        with tarfile.open(path, "w:gz") as archive:
            archive.add(folder / "manifest.json", arcname="manifest.json")
            archive.add(folder / manifest["database"], arcname=manifest["database"])
            if media_root.is_dir():
                archive.add(media_root, arcname="media")
    return manifest


def database_is_empty(connection):
    """True when nobody has written anything yet: no account, no revision."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in ("auth_user", "wagtailcore_revision"):
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
    return True


def restore_database(connection, folder, manifest):
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The archive holds a {manifest['vendor']} database; this site uses "
            f"{connection.vendor}."
        )
    source_file = folder / manifest["database"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(source_file)
        with source:
            source.backup(connection.connection)
        source.close()
        return
    config = connection.settings_dict
    connection.close()
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        + _pg_arguments(config)
        + [str(source_file)],
        config,
    )


def restore(path, connection=None, media_root=None, force=False):
    """Put the archive at `path` back: the database, then the media files."""
    connection = connection or connections["default"]
    if not force and not database_is_empty(connection):
        raise BackupError("The database is not empty; restore with --force to replace it.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        folder = Path(work)
        archive.extractall(folder, filter="data")
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
        except (OSError, ValueError) as e:
            raise BackupError("This is not a backup archive of this site.") from e
        if manifest.get("format") != FORMAT:
            raise BackupError("This backup archive has an unknown format.")
        restore_database(connection, folder, manifest)
        if (folder / "media").is_dir():
            shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
    return manifest
