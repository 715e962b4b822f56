"""Valid HTML: the Nu HTML Checker (the W3C validator's engine) over every page of the built site."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from localsite import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # `make browser-deps` installs it

# Errors that Material's own templates make on every page, as (message, the offending markup), both regular
# expressions. Nothing else is allowed: an error in our content or overrides fails the test.
MATERIAL_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off", which stops Firefox
    # restoring them ticked (an open drawer or search) when a reader comes back to the page.
    (
        r"Attribute “autocomplete” is only allowed when the input type is ",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)"',
    ),
    # partials/toc.html: the table of contents' title is a label for the __toc toggle, an input that only pages
    # whose navigation shows their table of contents have.
    (
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.",
        r'<label class="md-nav__title" for="__toc">',
    ),
]


@pytest.fixture(scope="module")
def errors(site_dir: Path) -> list[dict]:
    """Every error the Nu checker finds in the site's HTML files, in one run of the checker."""
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site_dir)],
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 1), f"the Nu checker failed to run:\n{run.stderr}"
    return [message for message in json.loads(run.stderr)["messages"] if message["type"] != "info"]


def allowed_by(error: dict) -> int | None:
    """The index of the MATERIAL_ERRORS entry that allows error, or None."""
    for index, (message, markup) in enumerate(MATERIAL_ERRORS):
        if re.search(message, error["message"]) and re.search(markup, error.get("extract", "")):
            return index
    return None


def describe(error: dict, site_dir: Path) -> str:
    """An error as `site/path/index.html:12: message: markup`."""
    path = Path(error["url"].removeprefix("file:")).resolve().relative_to(site_dir.resolve().parent)
    extract = " ".join(error.get("extract", "").split())
    return f"{path}:{error.get('lastLine', '?')}: {error['message']}: {extract}"


def test_every_page_is_valid_html(errors: list[dict], site_dir: Path) -> None:
    """No page has an HTML error beyond the few Material's templates make."""
    ours = [describe(error, site_dir) for error in errors if allowed_by(error) is None]
    assert not ours, f"{len(ours)} HTML errors:\n" + "\n".join(ours)


def test_every_allowed_error_still_occurs(errors: list[dict]) -> None:
    """Each allow-list entry still matches an error; once Material or our overrides fix it, remove the entry."""
    used = {allowed_by(error) for error in errors}
    stale = [entry for index, entry in enumerate(MATERIAL_ERRORS) if index not in used]
    assert not stale, f"no longer needed in MATERIAL_ERRORS: {stale}"
