"""Session-wide fixtures: the demo site is loaded once, outside any transaction.

`load_demo_content` publishes the Georgian pages through wagtail-localize's
`Translation.save_target(publish=True)`, which defers the publish to
`transaction.on_commit` (DESIGN.md pitfall 1). Run inside a test's transaction, those hooks
would never fire (or fire against stale rows), so the command runs once, in autocommit mode,
right after the test database is created. Each test then runs in its own transaction on top
of that data and is rolled back as usual. Tests must not use `transactional_db`: it would
flush the demo content for every test that comes after it.
"""

import os
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
from serving.specific import KNOWN_TYPES


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
def no_remembered_page_types():
    """Start every test without the page types an earlier test's requests remembered
    (`serving.specific.KNOWN_TYPES`): a test's rollback frees its ids on SQLite, and a page
    of another type made with the same id later would cost the fallback's query, one more
    than a query budget counts."""
    KNOWN_TYPES.clear()


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
def keep_test_connection(db):
    """Keep the test's database connection open across requests served outside the test client.

    At the start and end of every request Django runs `close_old_connections`, which closes a
    connection that is inside a transaction. On PostgreSQL that is the test's own transaction,
    so a request served by a live server thread or straight through the WSGI application would
    close it under the test. Django's test client detaches the handler the same way.
    """
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def live_url(keep_test_connection):
    """A live server on this test's own database connection, and so inside its transaction.

    Not pytest-django's `live_server`: that one brings `transactional_db`, which flushes the
    demo content. Django's LiveServerTestCase shares a connection with its server only for
    in-memory SQLite. To share it on PostgreSQL too, the server still reads requests in
    threads (a browser opens idle sockets that a one-at-a-time server would wait on) but
    runs the application for one request at a time, since two queries at once on one
    connection fail, and leaves the connection open after each request.
    """
    import threading

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connections
    from django.test.testcases import LiveServerThread

    class SharedConnectionServer(ThreadedWSGIServer):
        def _close_connections(self):
            pass  # the test's connection: the test goes on using it

    class SharedConnectionServerThread(LiveServerThread):
        server_class = SharedConnectionServer

    one_at_a_time = threading.Lock()

    def serve_one_at_a_time(application):
        static_and_media = StaticFilesHandler(application)

        def serve(environ, start_response):
            with one_at_a_time:
                return static_and_media(environ, start_response)

        return serve

    connection = connections["default"]  # the wrapper itself, not the thread-local proxy
    assert connection.in_atomic_block
    connection.inc_thread_sharing()
    # LiveServerThread also serves MEDIA_URL from MEDIA_ROOT, so renditions answer over HTTP.
    thread = SharedConnectionServerThread(
        "127.0.0.1", serve_one_at_a_time, connections_override={"default": connection}
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
        connection.dec_thread_sharing()
    # Still inside the test's transaction: everything the browser made is rolled back.
    assert connection.in_atomic_block


@pytest.fixture
def browser(db):
    """Debian's Chromium, with this test's ORM calls kept on the test's own connection.

    Playwright's sync API runs an event loop in this thread, and from then on Django's
    `connections` (kept per context, not per thread) would hand the test a new connection in
    autocommit mode: its writes would outlive the test, and its reads would not see the live
    server's uncommitted rows. So the test's connection, the one the live server shares, is
    put back once Chromium has started.
    """
    sync_api = pytest.importorskip("playwright.sync_api")
    from django.db import connections

    from home.chromium import launch

    connection = connections["default"]
    # The ORM calls a test makes between page loads are ordinary synchronous calls, but
    # Django refuses them while an event loop runs in the thread.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = launch(playwright)
            connections["default"] = connection
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
