"""No broken links: LinkChecker follows every link of the locally served site, anchors included."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

# Where the crawl starts: every page is reachable from the home pages, except the 404 page.
START_PAGES = ["/", "/zh/", "/404.html"]
CONFIG = Path(__file__).with_name("linkcheckerrc")  # fast requests to our own server; broken #anchors are errors
# LinkChecker run as root (as in CI) switches to user nobody, who may not be allowed to read the checkout: stay.
LINKCHECKER = [
    sys.executable,
    "-c",
    "import sys; from linkcheck.command import linkchecker as cli; cli.drop_privileges = lambda: None; "
    "sys.exit(cli.linkchecker())",
]


def crawl(base_url: str) -> list[dict[str, str]]:
    """Every link LinkChecker met from START_PAGES, as its CSV rows (url, parentname, result, valid, ...)."""
    run = subprocess.run(
        [*LINKCHECKER, "--config", str(CONFIG), "--no-status", "--verbose", "--output", "csv"]
        + [base_url + page for page in START_PAGES],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode in (0, 1), f"LinkChecker failed to run:\n{run.stderr}"
    return list(csv.DictReader((line for line in run.stdout.splitlines() if not line.startswith("#")), delimiter=";"))


def broken_links(rows: list[dict[str, str]]) -> list[str]:
    """Each broken link or #anchor as 'url (on parent): result'."""
    broken = [row for row in rows if row["valid"] == "False" or "Anchor" in row["warningstring"]]
    return sorted({f"{row['url']} (on {row['parentname']}): {row['result']} {row['warningstring']}" for row in broken})


def test_no_broken_internal_links(base_url: str) -> None:
    """Every link a reader can follow inside the site leads to a page, and every #anchor to a place on it."""
    rows = crawl(base_url)
    assert len(rows) > len(START_PAGES), "LinkChecker found no links"
    broken = broken_links(rows)
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)
