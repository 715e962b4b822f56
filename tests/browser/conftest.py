"""Fixtures for the browser checks: the built site, served on 127.0.0.1, and Debian's Chromium to read it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from localsite import CHROMIUM, CHROMIUM_ARGS, DESKTOP, ROOT, serve


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site: $SITE_DIR when set (`make test` has just built it), else a fresh `make build`."""
    if os.environ.get("SITE_DIR"):
        site = ROOT / os.environ["SITE_DIR"]
        assert (site / "index.html").is_file(), f"SITE_DIR={site} holds no built site: run `make build`"
        return site
    subprocess.run(["make", "--no-print-directory", "build"], cwd=ROOT, check=True)
    return ROOT / "site"


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The site's address on 127.0.0.1, e.g. http://127.0.0.1:41234 (no trailing slash)."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def desktop_page(browser: Browser) -> Iterator[Page]:
    """A fresh tab at laptop size."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()
