"""A page in a real browser: headless Chromium takes a screenshot of an HTML file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def screenshot(page: Path, *, height: int) -> Path:
    """Render ``page`` in headless Chromium, 1200 pixels wide; return the PNG it wrote.

    CI must have Chromium (.ci/run installs it); a developer may not, and then it skips.
    The flags keep Chromium off the network, which this machine's sandbox closes.
    """
    browser = shutil.which("chromium")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must install it (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    shot = page.with_suffix(".png")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={page.parent / 'profile'}",
            f"--screenshot={shot}",
            f"--window-size=1200,{height}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return shot
