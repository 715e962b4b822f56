"""Accessibility: axe-core, the engine behind most accessibility checkers, on each page at phone and laptop size."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from localsite import DESKTOP, PAGES, PHONE

# Violations at these impacts fail the test; "minor" and "moderate" ones are printed but tolerated.
BLOCKING_IMPACTS = {"serious", "critical"}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

AXE = Axe()


def describe(violation: dict) -> str:
    """One violation as a reader of the test log needs it: rule, impact, help link, then each offending element."""
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"]
    for node in violation["nodes"]:
        lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
        lines.extend(f"      - {check['message']}" for check in node["any"] + node["all"] + node["none"])
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations(
    browser: Browser, base_url: str, path: str, viewport: str
) -> None:
    """No serious or critical axe violation on the page as a reader's browser renders it."""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        page = context.new_page()
        response = page.goto(base_url + path)
        assert response is not None and response.status == 200, f"{path} is not in the built site ({response.status})"
        violations = AXE.run(page).response["violations"]
    finally:
        context.close()
    for violation in violations:
        print(describe(violation))
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{path} at {viewport} size:\n" + "\n".join(map(describe, blocking))
