"""Debian's Chromium, driven by Playwright, for the screenshots command and browser tests.

No browser is downloaded (`playwright install` cannot reach its CDN here): Playwright launches
the system Chromium from `apt-get install chromium`.
"""

CHROMIUM = "/usr/bin/chromium"

# Headless in a container, as root and without network: no sandbox, no GPU, nothing that
# phones home at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright, executable_path=CHROMIUM):
    return playwright.chromium.launch(executable_path=executable_path, args=CHROMIUM_ARGS)
