"""Screenshots of the home page and a news article in both languages, phone and desktop.

    python manage.py screenshots                  # serves the site itself on a free port
    python manage.py screenshots --base-url http://127.0.0.1:8000   # or uses a running one

Files go to ./screenshots/ (git-ignored): `<lang>-<page>-<width>.png`. Playwright drives
Debian's Chromium (/usr/bin/chromium, or --chromium); no browser is downloaded.
"""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.chromium import CHROMIUM, launch
from home.models import HomePage
from newsroom.models import NewsArticlePage

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def screenshot_paths():
    """(name, path) of the home page and the newest article, for every language."""
    paths = []
    for code, home in HomePage.live_by_language():
        paths.append((f"{code}-home", home.url))
        article = NewsArticlePage.objects.filter(locale=home.locale).for_listing().first()
        if article is not None:
            paths.append((f"{code}-article", article.url))
    return paths


class Command(BaseCommand):
    help = "Save screenshots of the home page and an article, in each language, at 390 and 1280 px."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="screenshots", help="folder for the PNG files")
        parser.add_argument("--base-url", help="a running server; by default one is started")
        parser.add_argument("--chromium", default=CHROMIUM)

    def handle(self, *args, output, base_url, chromium, **options):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise CommandError("Playwright is needed: pip install -e '.[test]'") from error
        if not os.path.exists(chromium):
            raise CommandError(f"No Chromium at {chromium}.")
        paths = screenshot_paths()
        if not paths:
            raise CommandError("No home page: run `manage.py load_demo_content` first.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        server = None
        if not base_url:
            server = self.start_server()
            base_url = f"http://127.0.0.1:{server.port}"
        saved = []
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright, chromium)
                for size, (width, height) in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    tab = context.new_page()
                    for name, path in paths:
                        response = tab.goto(base_url + path, wait_until="networkidle")
                        if response is None or response.status != 200:
                            status = response.status if response else "no response"
                            raise CommandError(f"{path} answered {status}")
                        target = folder / f"{name}-{size}-{width}.png"
                        tab.screenshot(path=str(target), full_page=True)
                        saved.append(target)
                    context.close()
                browser.close()
        finally:
            if server is not None:
                server.terminate()
        for target in saved:
            self.stdout.write(str(target))
        return None

    @staticmethod
    def start_server():
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.test.testcases import LiveServerThread

        thread = LiveServerThread("127.0.0.1", StaticFilesHandler)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise CommandError(f"Could not start a server: {thread.error}")
        return thread
