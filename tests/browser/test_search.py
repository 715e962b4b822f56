"""Search as a reader uses it: type into Material's search box on the built site, read the first results."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from localsite import PHONE

# Query -> the articles (by slug) a reader must find among the first results, whichever language's page they land on.
QUERIES = {
    "文海生": ["licheng-wen-haisheng-jinan-delegation-korea-japan", "licheng-gangnam-sister-city-ties"],
    "薛庆国": ["qingdao-delegation-xue-qingguo-tokyo"],
    "江南区": ["licheng-gangnam-sister-city-ties"],
    "京畿道": ["licheng-wen-haisheng-jinan-delegation-korea-japan"],
    "SK海力士": ["wuxi-delegation-korea-investment-seminar"],
    "现代摩比斯": ["wuxi-delegation-korea-investment-seminar"],
    # Words in the middle of a sentence, not names the tags know
    "激光": ["licheng-wen-haisheng-jinan-delegation-korea-japan"],
    "友城": ["licheng-gangnam-sister-city-ties"],
    "Gangnam": ["licheng-gangnam-sister-city-ties"],
    "ORIX": ["qingdao-delegation-xue-qingguo-tokyo"],
    "Hatoyama": ["dialogue-with-shandong-japan-seminar"],
}
# Where a reader starts searching from: the English and the Chinese home page.
HOMES = ["/", "/zh/"]
# On a phone, one query in each language, from the home page in that language.
PHONE_QUERIES = [("/zh/", "江南区"), ("/", "Gangnam")]
TOP = 5
WAIT_MS = 20_000  # for the search index to load and answer, on a slow CI machine

# An article page in either language: /articles/<slug>/ or /zh/articles/<slug>/ (not the -hant original, a tag page
# or the bilingual view).
ARTICLE = re.compile(r"/articles/([^/?#]+)/")


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A fresh tab at phone size, with touch, as on a phone."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def search(page: Page, url: str, query: str, *, phone: bool = False) -> list[tuple[str, str]]:
    """Type query into the search box at url as a reader does; return the (title, address) of each result shown."""
    page.goto(url)
    translations = json.loads(page.locator("#__config").text_content())["translations"]
    ready = translations["search.result.placeholder"]  # shown once the search index has loaded
    if phone:
        page.click('label.md-header__button[for="__search"]')  # the magnifier in the header opens the search
    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta, "the search index never loaded").to_have_text(ready, timeout=WAIT_MS)
    box.fill(query)
    box.press("End")  # a key press makes Material search what an input method typed
    expect(meta, f"no search results shown for {query!r}").not_to_have_text(ready, timeout=WAIT_MS)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => [item.querySelector('h1')?.textContent ?? '', item.querySelector('a').href])",
    )


def article_slugs(results: list[tuple[str, str]]) -> list[str | None]:
    """The article slug each result leads to, None for results that are not an article page."""
    return [match[1] if (match := ARTICLE.search(href)) else None for _, href in results]


def check_found(results: list[tuple[str, str]], expected: list[str], where: str) -> None:
    """Assert every expected article is among the first TOP results, showing what the reader saw otherwise."""
    top = article_slugs(results[:TOP])
    missing = [slug for slug in expected if slug not in top]
    shown = "\n".join(f"  {n}. {title.replace(chr(0x200B), '')}  {href}" for n, (title, href) in enumerate(results, 1))
    assert not missing, f"{where}: {missing} not in the first {TOP} results; the reader saw:\n{shown or '  nothing'}"


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_article_on_desktop(desktop_page: Page, base_url: str, home: str, query: str) -> None:
    """From either home page, a query finds the articles it names among the first results."""
    results = search(desktop_page, base_url + home, query)
    check_found(results, QUERIES[query], f"search for {query!r} from {home}")


@pytest.mark.parametrize(("home", "query"), PHONE_QUERIES)
def test_search_finds_the_article_on_a_phone(phone_page: Page, base_url: str, home: str, query: str) -> None:
    """On a phone, the header's search icon opens a search that finds the same articles."""
    results = search(phone_page, base_url + home, query, phone=True)
    check_found(results, QUERIES[query], f"phone search for {query!r} from {home}")


def test_each_result_says_which_language_it_is_in(desktop_page: Page, base_url: str) -> None:
    """One index holds both languages, so every result carries a visible English or 中文 label."""
    search(desktop_page, base_url + "/", "文海生")
    labels = desktop_page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => [
            item.querySelector('a').href,
            getComputedStyle(item.querySelector('a > .md-search-result__article'), '::after').content,
        ])""",
    )
    assert labels, "no results to label"
    for href, label in labels:
        expected = '"中文"' if "/zh/" in href else '"English"'
        assert label == expected, f"{href} is labelled {label}"
