"""Listings split into pages, so that no page grows with the archive (issue 5): home, year and tag pages."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from archive.head import url_path
from archive.listings import LISTING_PAGE_SIZE
from archive.load import load_archive
from archive.site import render_site
from bench import make_archive

COUNT = 2 * LISTING_PAGE_SIZE + 7  # three pages: full, full, seven


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    seeds = Path(tmp_path_factory.mktemp("archive")) / "seeds"
    make_archive(seeds, COUNT)
    archive = load_archive(seeds)
    assert archive.errors == []
    return render_site(archive.articles, archive.vocabulary)


def entries(page: str) -> list[str]:
    """The article slugs a listing page shows, in order."""
    return re.findall(r'<h2><a href="[^"]*articles/([^/"]+)/">', page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_lists_every_article_once_across_its_pages(pages: dict[str, str], lang: str) -> None:
    paths = [f"index.{lang}.md", f"page/2.{lang}.md", f"page/3.{lang}.md"]
    assert f"page/4.{lang}.md" not in pages
    shown = [entries(pages[path]) for path in paths]
    assert [len(slugs) for slugs in shown] == [LISTING_PAGE_SIZE, LISTING_PAGE_SIZE, COUNT - 2 * LISTING_PAGE_SIZE]
    everything = [slug for slugs in shown for slug in slugs]
    assert len(set(everything)) == COUNT


def test_pages_link_newer_and_older(pages: dict[str, str]) -> None:
    first, middle, last = (pages[path] for path in ("index.en.md", "page/2.en.md", "page/3.en.md"))
    assert "[Older →](page/2/)" in first and "Newer" not in first
    assert "[← Newer](../../)" in middle and "[Older →](../3/)" in middle
    assert "Page 3 of 3" in last and "Older" not in last


def test_no_tag_page_lists_more_than_a_page_of_articles(pages: dict[str, str]) -> None:
    tag_pages = [page for path, page in pages.items() if path.startswith("tags/") and "/index." not in path]
    assert tag_pages and max(len(entries(page)) for page in tag_pages) == LISTING_PAGE_SIZE


@pytest.mark.parametrize(("lang", "sitemap"), [("en", "sitemap.xml"), ("zh", "sitemap.zh.xml")])
def test_sitemap_names_every_page_of_its_language_once(pages: dict[str, str], lang: str, sitemap: str) -> None:
    """The sitemap is written from the pages' addresses known before rendering: exactly the pages rendered,
    every page of every listing included."""
    prefix = "http://127.0.0.1:8000/" + ("" if lang == "en" else "zh/")
    listed = re.findall(r"<url><loc>([^<]+)</loc>", pages[sitemap])
    rendered = [prefix + url_path(path) for path in pages if path.endswith(f".{lang}.md")]
    assert sorted(listed) == sorted(rendered) and len(set(listed)) == len(listed)
    assert prefix + "tags/japan/2/" in listed


def test_tag_pages_show_each_entry_without_its_tags(pages: dict[str, str]) -> None:
    """On the Jinan page every entry would show Jinan: tag pages give each article's title, date, source and
    summary, and the home and year pages its tags as well."""
    tag_pages = [page for path, page in pages.items() if path.startswith("tags/") and "/index." not in path]
    assert tag_pages and not any('class="entry-tags"' in page for page in tag_pages)
    for page in tag_pages:
        shown = re.findall(r'<h2><a href="[^"]+">[^<]+</a></h2>\n<p class="entry-meta">[^<]+</p>\n<p>[^<]+</p>', page)
        assert len(shown) == len(entries(page)) > 0
    for path in ("index.en.md", "index.zh.md", "archive/2020.en.md", "archive/2020.zh.md"):
        assert pages[path].count('class="entry-tags"') == len(entries(pages[path])) > 0


def summaries(pages: dict[str, str], lang: str) -> dict[str, tuple[str, str]]:
    """Each article's (facts line, summary) on the home pages of one language, by slug."""
    home = "".join(pages[path] for path in (f"index.{lang}.md", f"page/2.{lang}.md", f"page/3.{lang}.md"))
    entry = r'<h2><a href="[^"]*articles/([^/"]+)/">[^<]*</a></h2>\n<p class="entry-meta">([^<]*)</p>\n<p>([^<]*)</p>'
    return {slug: (facts, html.unescape(text)) for slug, facts, text in re.findall(entry, home)}


def test_an_untranslated_article_is_summed_up_as_on_its_own_languages_page(pages: dict[str, str]) -> None:
    """A Chinese-only article's summary on an English page is the one the Chinese page shows (its first sentence,
    at most 90 characters), and an English-only article's on a Chinese page the English one (at most 200)."""
    english, chinese = summaries(pages, "en"), summaries(pages, "zh")
    assert len(english) == len(chinese) == COUNT
    shown_in_chinese = [slug for slug, (facts, _) in english.items() if "shown in Chinese" in facts]
    shown_in_english = [slug for slug, (facts, _) in chinese.items() if "显示英文原文" in facts]
    assert shown_in_chinese and shown_in_english
    assert all(english[slug][1] == chinese[slug][1] for slug in shown_in_chinese + shown_in_english)
    assert max(len(english[slug][1]) for slug in shown_in_chinese) <= 90
    assert 90 < max(len(chinese[slug][1]) for slug in shown_in_english) <= 200
