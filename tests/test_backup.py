"""`manage.py backup` and `manage.py restore`: a round trip on this test run's database
(SQLite or PostgreSQL), restored into a second database whose name is derived from the
settings (never the test database pytest drops at the end)."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.utils import load_backend
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from security.backup import backup, restore

pytestmark = pytest.mark.django_db

MODELS = [Page, Revision, Translation, StringTranslation]
BASE_DIR = Path(settings.BASE_DIR)


def counts(connection):
    """Rows of each model, read with plain SQL (the restored databases are not registered
    with Django: pytest-django would refuse them)."""
    found = {}
    with connection.cursor() as cursor:
        for model in [*MODELS, get_image_model(), get_document_model()]:
            cursor.execute(f"SELECT COUNT(*) FROM {model._meta.db_table}")
            found[model.__name__] = cursor.fetchone()[0]
    return found


def first_row(connection, model, columns):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {model._meta.db_table} ORDER BY id")
        return cursor.fetchone()


def _pg_admin(config):
    return psycopg.connect(
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def empty_database(name, tmp_path):
    """A connection to a second, empty database derived from the settings: a file in
    tmp_path on SQLite, `<test db>_<name>` on PostgreSQL."""
    default = connections["default"].settings_dict
    config = {**default}
    if connections["default"].vendor == "sqlite":
        config["NAME"] = str(tmp_path / f"{name}.sqlite3")
    else:
        config["NAME"] = f"{default['NAME']}_{name}"
        with _pg_admin(default) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')
    return load_backend(config["ENGINE"]).DatabaseWrapper(config, name)


@pytest.fixture
def restored(tmp_path):
    databases = [empty_database(name, tmp_path) for name in ("restore1", "restore2")]
    yield databases
    for connection in databases:
        connection.close()
        if connection.vendor == "postgresql":
            with _pg_admin(connections["default"].settings_dict) as admin:
                admin.execute(
                    f'DROP DATABASE IF EXISTS "{connection.settings_dict["NAME"]}" WITH (FORCE)'
                )


def database_url(config):
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or ""
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{config['NAME']}"


SERVE = """
import json, sys
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
print(json.dumps({url: client.get(url).status_code for url in sys.argv[1:]}))
"""


def test_backup_and_restore_round_trip(tmp_path, restored, ka_home):
    """This run's database (the demo site) is backed up and restored into a first database;
    a document is added there (committed, unlike anything inside this test's transaction),
    and that database is backed up and restored into a second one, which a fresh process
    then serves."""
    first, second = restored
    call_command("backup", str(tmp_path / "demo.tar.gz"))
    restore(tmp_path / "demo.tar.gz", connection=first, media_root=tmp_path / "media1")
    assert counts(first) == counts(connections["default"])
    (tmp_path / "media1" / "documents").mkdir(parents=True, exist_ok=True)
    (tmp_path / "media1" / "documents" / "annual-report.txt").write_bytes(b"report")
    with first.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {get_document_model()._meta.db_table} "
            "(title, file, created_at, collection_id, file_hash, file_size) "
            "VALUES ('Annual report', 'documents/annual-report.txt', %s, 1, '', 6)",
            [datetime.datetime.now(datetime.UTC)],
        )
    if not first.get_autocommit():
        first.commit()
    backup(tmp_path / "second.tar.gz", connection=first, media_root=tmp_path / "media1")
    media = tmp_path / "media2"
    restore(tmp_path / "second.tar.gz", connection=second, media_root=media)
    before, after = counts(first), counts(second)
    assert after == before and after["Page"] > 20 and after["StringTranslation"] > 100
    assert after["Document"] == 1
    config = second.settings_dict
    image_file = first_row(second, get_image_model(), ["file"])[0]
    document_id = first_row(second, get_document_model(), ["id"])[0]
    rendition_model = get_image_model().renditions.rel.related_model
    rendition = first_row(second, rendition_model, ["file"])

    # A fresh process on the restored database and media answers.
    urls = [
        ka_home.url,
        "/ka/siakhleebi/",
        f"/media/{image_file}",
        f"/documents/{document_id}/annual-report.txt",
    ]
    if rendition is not None:
        urls.append(f"/media/{rendition[0]}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(config),
        "MEDIA_ROOT": str(media),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SERVE, *urls],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(statuses.values()) == {200}, statuses


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
