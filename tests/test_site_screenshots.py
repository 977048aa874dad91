"""The `screenshots` command: home and an article, both languages, phone and desktop."""

import os
import struct
from io import StringIO

import pytest
from django.core.management import call_command

from tests.test_site_browser import CHROMIUM

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


def test_screenshots(live_url, tmp_path):  # noqa: F811
    out = StringIO()
    call_command("screenshots", output=str(tmp_path), base_url=live_url, stdout=out)
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == sorted(
        f"{code}-{page}-{size}.png"
        for code in ("en", "ka")
        for page in ("home", "article")
        for size in ("phone-390", "desktop-1280")
    )
    for name in files:
        assert png_width(tmp_path / name) == (390 if "phone" in name else 1280), name
    assert len(out.getvalue().splitlines()) == 8
