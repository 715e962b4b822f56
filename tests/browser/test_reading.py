"""Reading an article in both languages: the box above the text shows the other language beside each paragraph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from localsite import PHONE

ARTICLE = "/articles/licheng-gangnam-sister-city-ties/"  # a Chinese original with the editors' English translation


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def first_pair(page: Page) -> tuple[dict, dict]:
    """Where the first paragraph and its other-language counterpart are on the screen."""
    pair = page.locator(".article-text .pair").first
    return pair.locator("p").first.bounding_box(), pair.locator(".other-language").bounding_box()


@pytest.mark.parametrize(
    ("path", "other", "label"),
    [(ARTICLE, "zh-Hans", "Show the Chinese text alongside"), ("/zh" + ARTICLE, "en", "显示英文对照")],
)
def test_other_language_appears_beside_each_paragraph_on_a_laptop(
    desktop_page: Page, base_url: str, path: str, other: str, label: str
) -> None:
    """Hidden at first; one click on the box's label shows the other language in a second column."""
    desktop_page.goto(base_url + path)
    others = desktop_page.locator(f'.article-text .other-language[lang="{other}"]')
    assert others.count() > 3
    expect(others.first).to_be_hidden()
    desktop_page.get_by_text(label, exact=True).click()
    expect(others.first).to_be_visible()
    mine, theirs = first_pair(desktop_page)
    assert theirs["x"] > mine["x"] + mine["width"] / 2 and abs(theirs["y"] - mine["y"]) < 30, (mine, theirs)


def test_other_language_follows_each_paragraph_on_a_phone(phone_page: Page, base_url: str) -> None:
    """On a phone the counterpart comes under its paragraph, not in a squeezed column."""
    phone_page.goto(base_url + "/zh" + ARTICLE)
    phone_page.get_by_text("显示英文对照", exact=True).tap()
    mine, theirs = first_pair(phone_page)
    assert theirs["y"] >= mine["y"] + mine["height"] - 1 and theirs["width"] > PHONE["width"] * 0.7, (mine, theirs)
