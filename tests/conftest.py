"""Session-wide fixtures: the demo site is loaded once, outside any transaction.

`load_demo_content` publishes the Georgian pages through wagtail-localize's
`Translation.save_target(publish=True)`, which defers the publish to
`transaction.on_commit` (DESIGN.md pitfall 1). Run inside a test's transaction, those hooks
would never fire (or fire against stale rows), so the command runs once, in autocommit mode,
right after the test database is created. Each test then runs in its own transaction on top
of that data and is rolled back as usual. Tests must not use `transactional_db`: it would
flush the demo content for every test that comes after it.
"""

import shutil
import tempfile
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Uploaded files (the demo pictures, factory images, renditions) go to a throwaway folder.
    media_root = tempfile.mkdtemp(prefix="iom-test-media-")
    media = override_settings(MEDIA_ROOT=media_root)
    media.enable()
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=StringIO())
    yield
    media.disable()
    shutil.rmtree(media_root, ignore_errors=True)


@pytest.fixture(autouse=True)
def default_language():
    """Start every test in the default language.

    LocaleMiddleware activates the request's language in the test's own thread and nothing
    resets it, so after a client GET of a /ka/ page the rest of the process would run in
    Georgian (translated error messages, Locale.get_active() == ka).
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def en_locale(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def ka_locale(db):
    return Locale.objects.get(language_code="ka")


@pytest.fixture
def en_home(en_locale):
    return HomePage.objects.get(locale=en_locale)


@pytest.fixture
def ka_home(ka_locale):
    return HomePage.objects.get(locale=ka_locale)


@pytest.fixture
def live_url(db):
    """A live server on this test's own database connection, and so inside its transaction.

    Not pytest-django's `live_server`: that one brings `transactional_db`, which flushes the
    demo content. Django's LiveServerTestCase shares the connection with its server thread
    the same way, but only for in-memory SQLite; on PostgreSQL the server thread would close
    the shared connection at the end of each request (`close_old_connections` sees a
    connection inside a transaction and closes it), so that handler is detached while the
    server runs, exactly as Django's test client does.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core import signals
    from django.db import close_old_connections, connections
    from django.test.testcases import LiveServerThread

    connection = connections["default"]  # the wrapper itself, not the thread-local proxy
    connection.inc_thread_sharing()
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    # LiveServerThread also serves MEDIA_URL from MEDIA_ROOT, so renditions answer over HTTP.
    thread = LiveServerThread(
        "127.0.0.1", StaticFilesHandler, connections_override={"default": connection}
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        connection.dec_thread_sharing()
