"""End to end: build the Markdown, then the MkDocs site, and read the HTML a reader would get."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from localsite import copy_project, run_build

SITE = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url; the fixture builds without SITE_URL

HOSTILE = """\
Jinan delegation visited Japan <script>alert("seed")</script> and <b>Osaka</b>.
# Not a heading: {{ config.site_name }} {% raw %} | a | b |
1. Not a list item, [not a link](javascript:alert(1)) and *not emphasis*.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project copied with one extra seed full of markup, built exactly as `make build` does."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "seeds" / "999_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (project / "seeds" / "999_hostile.yml").write_text(
        "slug: hostile\ntitle:\n  en: 'Title: <i>with</i> # YAML & HTML'\n", encoding="utf-8"
    )
    return run_build(project)


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_article_has_a_page_in_both_languages(site: Path) -> None:
    """Each article is published at /articles/<slug>/ and /zh/articles/<slug>/."""
    slugs = [
        "licheng-wen-haisheng-jinan-delegation-korea-japan",
        "licheng-gangnam-sister-city-ties",
        "dialogue-with-shandong-japan-seminar",
        "qingdao-delegation-xue-qingguo-tokyo",
        "wuxi-delegation-korea-investment-seminar",
    ]
    for slug in slugs:
        assert "<h1" in read(site, f"articles/{slug}")
        assert "<h1" in read(site, f"zh/articles/{slug}")


def test_seed_markup_is_shown_as_text_never_run(site: Path) -> None:
    """HTML, Markdown and template syntax from a seed reach the reader as the characters they are."""
    page = read(site, "articles/hostile")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;seed&quot;)&lt;/script&gt;" in page.replace(
        '"', "&quot;"
    )
    assert "&lt;b&gt;Osaka&lt;/b&gt;" in page
    assert "# Not a heading: {{ config.site_name }} {% raw %} | a | b |" in page
    assert "1. Not a list item, [not a link](javascript:alert(1)) and *not emphasis*." in page
    assert 'href="javascript' not in page
    assert "<title>Title: &lt;i&gt;with&lt;/i&gt; # YAML &amp; HTML" in page
    assert "<b>Osaka" not in page  # not even inside the meta description


def test_chinese_page_shows_simplified_text_and_links_the_traditional_original(site: Path) -> None:
    """The Traditional source is read in Simplified Chinese, with its original one click away."""
    page = read(site, "zh/articles/qingdao-delegation-xue-qingguo-tokyo")
    assert "为进一步深化青岛企业与日本的经贸往来" in page
    assert "(jìn)" not in page
    assert 'href="../qingdao-delegation-xue-qingguo-tokyo-hant/"' in page
    original = read(site, "zh/articles/qingdao-delegation-xue-qingguo-tokyo-hant")
    assert "為進一步深化青島企業與日本的經貿往來" in original


def test_untranslated_text_says_so_in_the_readers_language(site: Path) -> None:
    """A page without a translation shows the original under a notice, marked with the original's language."""
    page = read(site, "zh/articles/hostile")
    assert "本文尚无中文译文，以下为英文原文。" in page
    assert '<p lang="en">Jinan delegation visited Japan' in page


def test_translation_and_editor_supplied_facts_are_marked(site: Path) -> None:
    """A reader can tell what the source said from what the editors supplied or translated."""
    english = read(site, "articles/wuxi-delegation-korea-investment-seminar")
    assert "English translation by the archive’s editors of the Chinese original." in english.replace(
        "&#39;", "’"
    ).replace("'", "’")
    untitled_source = read(site, "articles/licheng-wen-haisheng-jinan-delegation-korea-japan")
    assert "Title supplied by the archive" in untitled_source
    assert "April 8–15, 2025 (year supplied by the archive" in untitled_source
    assert "Date unknown: the source does not give one" in untitled_source
    unknown_year = read(site, "zh/articles/qingdao-delegation-xue-qingguo-tokyo")
    assert "11月27日至12月1日（原文未注明年份）" in unknown_year


def test_language_switcher_leads_to_the_same_article(site: Path) -> None:
    """From an English article the Chinese link goes to that article in Chinese, and back; hreflang too."""
    english = read(site, "articles/licheng-gangnam-sister-city-ties")
    chinese = read(site, "zh/articles/licheng-gangnam-sister-city-ties")
    zh_url, en_url = (
        f"{SITE}zh/articles/licheng-gangnam-sister-city-ties/",
        f"{SITE}articles/licheng-gangnam-sister-city-ties/",
    )
    assert f'<a href="{zh_url}" hreflang="zh" class="md-select__link">' in english
    assert f'<a href="{en_url}" hreflang="en" class="md-select__link">' in chinese
    # hreflang alternates live in the sitemap: the theme would fetch sitemap.xml beside a <link> in the head
    assert 'hreflang="zh">' not in english
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<xhtml:link rel="alternate" hreflang="zh" href="{zh_url}"/>' in sitemap


def test_traditional_original_switches_to_the_article_not_a_404(site: Path) -> None:
    """The Traditional page exists in Chinese only; its English link leads to the English article."""
    page = read(site, "zh/articles/qingdao-delegation-xue-qingguo-tokyo-hant")
    assert f'<a href="{SITE}articles/qingdao-delegation-xue-qingguo-tokyo/" hreflang="en"' in page
    assert '<html lang="zh-Hant"' in page


def test_chinese_pages_declare_simplified_chinese(site: Path) -> None:
    """Browsers pick Chinese glyphs from lang: every Chinese page says zh-Hans."""
    for path in (
        "zh",
        "zh/articles/licheng-gangnam-sister-city-ties",
        "zh/tags/jinan",
        "zh/bilingual/licheng-gangnam-sister-city-ties",
    ):
        assert '<html lang="zh-Hans"' in read(site, path), path


def test_sitemap_dates_come_from_articles_not_the_build(site: Path) -> None:
    """lastmod is the article's date; pages without one carry none, so two builds give the same sitemap."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (
        f"<loc>{SITE}articles/licheng-gangnam-sister-city-ties/</loc>\n        <lastmod>2025-04-18</lastmod>" in sitemap
    )
    assert (
        f"<loc>{SITE}articles/licheng-wen-haisheng-jinan-delegation-korea-japan/</loc>\n        <changefreq>" in sitemap
    )


def test_feeds_declare_their_language_and_are_linked_from_every_page(site: Path) -> None:
    """One Atom feed per language, linked from the pages in that language."""
    english = (site / "feed.xml").read_text(encoding="utf-8")
    chinese = (site / "zh" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="en"' in english and "Licheng District, Jinan and Gangnam District" in english
    assert 'xml:lang="zh-Hans"' in chinese and "济南市历城区与首尔市江南区" in chinese
    for path, href in (
        ("", "feed.xml"),
        ("articles/licheng-gangnam-sister-city-ties", "../../feed.xml"),
        ("tags/jinan", "../../feed.xml"),
    ):
        assert f'type="application/atom+xml" title="Atom feed (English)" href="{href}"' in read(site, path)
    assert 'title="Atom 订阅（中文）" href="../../feed.xml"' in read(site, "zh/tags/jinan")


def test_article_json_ld_names_the_original_of_a_translation(site: Path) -> None:
    """A translated page's NewsArticle says what it translates and in which language it is."""
    page = read(site, "articles/wuxi-delegation-korea-investment-seminar")
    assert '"inLanguage": "en"' in page
    assert f'"translationOfWork": {{"@id": "{SITE}zh/articles/wuxi-delegation-korea-investment-seminar/"}}' in page
    assert '"datePublished": "2024-04-24"' in page


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    """Readers in mainland China must never wait on a blocked host: every script, style, font and image is ours."""
    loads = re.compile(r'<(?:script|img|iframe|source)[^>]*\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)"[^>]*>')
    offenders = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for match in loads.finditer(html):
            url = match[1] or match[2]
            tag = match[0]
            if match[2] and re.search(r'rel="(?:alternate|canonical)"', tag):
                continue  # a link to our own pages, not a load
            if url.startswith(("http://", "https://", "//")) and not url.startswith(SITE):
                offenders.add((page.relative_to(site).as_posix(), url))
    for sheet in site.rglob("*.css"):
        for url in re.findall(r"url\((['\"]?)(https?:)?//", sheet.read_text(encoding="utf-8")):
            offenders.add((sheet.relative_to(site).as_posix(), "".join(url)))
    assert sorted(offenders) == []
