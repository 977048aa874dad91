"""The scheduler process: Wagtail's `publish_scheduled` every minute, until stopped.

Wagtail publishes a page whose go-live time has passed, and takes down one whose expiry has
passed, only when `manage.py publish_scheduled` runs; it leaves running it to cron. This is the
small worker `make serve` and `make run` start next to the web server, so nobody writes a cron
entry. Each pass also purges the caches (serving/purge.py listens to the publish signals).
SIGTERM or SIGINT ends it after the current pass.
"""

import logging
import signal
import threading
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from serving.responsecache import response_cache, retry_pending_purge

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish and unpublish scheduled pages and snippets every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between passes")
        parser.add_argument("--once", action="store_true", help="run one pass and stop")

    def handle(self, *args, interval, once, **options):
        if once:
            self.run_pass()
            return
        stop = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        self.stdout.write(f"Scheduler: publish_scheduled every {interval:g}s.")
        self.stdout.flush()  # shown at once, also when stdout is a pipe (make serve's log)
        try:
            while not stop.is_set():
                self.run_pass()
                # A connection the database dropped while idle is replaced at the next pass.
                close_old_connections()
                stop.wait(interval)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Scheduler stopped.")
        self.stdout.flush()

    def run_pass(self):
        """One pass; a failure (the database restarting) is logged and the next pass retries."""
        try:
            call_command("publish_scheduled", stdout=StringIO())
            # A purge this process could not deliver (Redis down) is delivered now.
            retry_pending_purge(response_cache())
        except Exception:
            logger.exception("publish_scheduled failed; retrying at the next pass")
