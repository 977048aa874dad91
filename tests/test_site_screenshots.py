"""The `screenshots` command: home and an article, both languages, phone and desktop."""

import os
import struct
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from home.chromium import CHROMIUM

pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's /usr/bin/chromium"),
]


def png_width(path):
    with open(path, "rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", header[16:20])[0]


def test_screenshots(live_url):
    """Saved into ./screenshots/ (git-ignored), where reviewers open them after `make test`."""
    folder = Path(settings.BASE_DIR) / "screenshots"
    for old in folder.glob("*.png"):
        old.unlink()
    out = StringIO()
    call_command("screenshots", output=str(folder), base_url=live_url, stdout=out)
    files = sorted(path.name for path in folder.iterdir())
    assert files == sorted(
        f"{code}-{page}-{size}.png"
        for code in ("en", "ka")
        for page in ("home", "article")
        for size in ("phone-390", "desktop-1280")
    )
    for name in files:
        assert png_width(folder / name) == (390 if "phone" in name else 1280), name
    assert len(out.getvalue().splitlines()) == 8
