#!/usr/bin/env python3
"""Save full-page PNGs of the site's pages at phone and laptop size, for a person to look at (not a test)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from playwright.sync_api import sync_playwright  # noqa: E402

from localsite import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PAGES, PHONE, serve, slug_of  # noqa: E402

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def save_screenshots(site: Path, pages: list[str], out: Path) -> list[Path]:
    """Serve site, photograph each page at each viewport into out/<page>.<viewport>.png; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, is_mobile=name == "phone", has_touch=name == "phone")
            page = context.new_page()
            for path in pages:
                response = page.goto(base_url + path, wait_until="networkidle")
                if response is None or response.status != 200:
                    print(f"{path}: HTTP {response.status if response else '?'}, photographed anyway", file=sys.stderr)
                page.evaluate("document.fonts.ready")  # CJK text in its real font, not a fallback
                target = out / f"{slug_of(path)}.{name}.png"
                page.screenshot(path=target, full_page=True)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", nargs="*", default=PAGES, help="page paths (default: the pages the checks visit)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site to serve (default: site/)")
    parser.add_argument(
        "--out", type=Path, default=Path("/tmp/shots"), help="folder for the PNGs (default: /tmp/shots)"
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} holds no built site: run `make build` first")
    saved = save_screenshots(args.site, args.pages, args.out)
    print(f"{len(saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
