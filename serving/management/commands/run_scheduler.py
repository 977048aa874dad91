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

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish and unpublish scheduled pages and snippets every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between passes")
        parser.add_argument("--once", action="store_true", help="run one pass and stop")

    def handle(self, *args, interval, once, **options):
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
            self.stdout.write(f"Scheduler: publish_scheduled every {interval:g}s.")
        while not stop.is_set():
            self.run_pass()
            if once:
                break
            stop.wait(interval)
        if not once:
            self.stdout.write("Scheduler stopped.")

    def run_pass(self):
        """One pass; a failure (the database restarting) is logged and the next pass retries."""
        try:
            call_command("publish_scheduled", stdout=StringIO())
        except Exception:
            logger.exception("publish_scheduled failed; retrying at the next pass")
        finally:
            close_old_connections()
