"""End to end: build the Markdown, then the MkDocs site, and read the HTML a reader would get."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from archive.listings import LISTING_PAGE_SIZE
from localsite import build_env, copy_project, run_build

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


def read_file(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


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
    for sitemap in ("sitemap.xml", "zh/sitemap.xml"):
        text = (site / sitemap).read_text(encoding="utf-8")
        assert f'<xhtml:link rel="alternate" hreflang="zh-Hans" href="{zh_url}"/>' in text, sitemap
        assert f'<xhtml:link rel="alternate" hreflang="en" href="{en_url}"/>' in text, sitemap


def test_traditional_original_switches_to_the_article_not_a_404(site: Path) -> None:
    """The Traditional page exists in Chinese only; its English link leads to the English article."""
    page = read(site, "zh/articles/qingdao-delegation-xue-qingguo-tokyo-hant")
    assert f'<a href="{SITE}articles/qingdao-delegation-xue-qingguo-tokyo/" hreflang="en"' in page
    assert '<html lang="zh-Hant"' in page


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic archive one article longer than a listing's page, built as `make build` does: the home page
    has a second page."""
    from bench import make_archive  # imports Playwright: only for the tests that need this site

    project = copy_project(tmp_path_factory.mktemp("paged"), with_seeds=False)
    make_archive(project / "seeds", LISTING_PAGE_SIZE + 1)
    return run_build(project)


def tab_title(site: Path, path: str) -> str:
    return re.search(r"<title>(.*?)</title>", read(site, path))[1]


def test_browser_tabs_name_the_site_once_and_every_other_page_before_it(site: Path, paged_site: Path) -> None:
    """A tab, a bookmark or a search engine's result shows the home page as the archive's name, not twice over."""
    assert tab_title(site, "") == "China–Japan–Korea Exchange Archive"
    assert tab_title(site, "zh") == "中日韩经贸交流档案"
    assert tab_title(paged_site, "page/2") == "China–Japan–Korea Exchange Archive · Page 2 of 2"
    assert tab_title(paged_site, "zh/page/2") == "中日韩经贸交流档案 · 第 2 页，共 2 页"
    assert tab_title(site, "tags") == "Tags - China–Japan–Korea Exchange Archive"
    assert tab_title(site, "zh/tags") == "标签 - 中日韩经贸交流档案"
    article = tab_title(site, "articles/licheng-gangnam-sister-city-ties")
    assert article.endswith("Renewing Sister City Ties - China–Japan–Korea Exchange Archive")


def footer(site: Path, path: str) -> str:
    """The page footer's credit line, as text."""
    credit = re.search(r'<div class="md-copyright">(.*?)</div>\s*</div>', read(site, path), re.S)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", credit).split())


def test_footer_is_in_the_pages_language(site: Path) -> None:
    """Material's "Made with" line was English on Chinese pages; each page now credits it in its language."""
    assert footer(site, "") == footer(site, "articles/licheng-gangnam-sister-city-ties")
    assert footer(site, "") == "Made with Material for MkDocs"
    assert footer(site, "zh") == footer(site, "zh/tags/jinan") == "使用 Material for MkDocs 制作"


def test_chinese_pages_declare_simplified_chinese(site: Path) -> None:
    """Browsers pick Chinese glyphs from lang: every Chinese page says zh-Hans."""
    for path in (
        "zh",
        "zh/articles/licheng-gangnam-sister-city-ties",
        "zh/tags/jinan",
    ):
        assert '<html lang="zh-Hans"' in read(site, path), path


def test_sitemap_dates_come_from_articles_not_the_build(site: Path) -> None:
    """lastmod is the article's date; pages without one carry none, so two builds give the same sitemap."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("sitemap.xml", "zh/sitemap.xml"):
        dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / path).read_text(encoding="utf-8")))
        assert dates and date.today().isoformat() not in dates, f"{path} carries the build date"
    assert f"<loc>{SITE}articles/licheng-gangnam-sister-city-ties/</loc>\n    <lastmod>2025-04-18</lastmod>" in sitemap
    undated = f"<loc>{SITE}articles/licheng-wen-haisheng-jinan-delegation-korea-japan/</loc>\n    <xhtml:link"
    assert undated in sitemap
    assert f"<loc>{SITE}zh/articles/qingdao-delegation-xue-qingguo-tokyo-hant/</loc>" in read_file(
        site, "zh/sitemap.xml"
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


def search_document(site: Path, slug: str) -> str:
    """What the search indexes of one article (build/search/ of the built project)."""
    return (site.parent / "build" / "search" / "articles" / f"{slug}.html").read_text(encoding="utf-8")


def test_search_indexes_each_article_once_with_both_languages(site: Path) -> None:
    """One search document per article, at the English page's address, holding both languages; no page of the
    site itself is indexed (they would repeat the text)."""
    articles = sorted(
        p.parent.name for p in (site / "articles").glob("*/index.html") if not p.parent.name.endswith("-hant")
    )
    documents = site.parent / "build" / "search" / "articles"
    assert sorted(p.name for p in documents.iterdir()) == [f"{slug}.html" for slug in articles]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert [language["page_count"] for language in entry["languages"].values()] == [len(articles)]
    assert not [page for page in site.rglob("index.html") if "data-pagefind" in page.read_text(encoding="utf-8")]
    document = search_document(site, "licheng-gangnam-sister-city-ties")
    assert "Wen Haisheng" in document and "副区长文海生随济南市访问团" in document and "Gangnam District" in document
    assert '<h1 data-pagefind-meta="title">Licheng District, Jinan and Gangnam District, Seoul' in document
    assert '<span data-pagefind-meta="title_zh">济南市历城区与首尔市江南区' in document


def test_search_filters_name_country_city_year_and_original_language(site: Path) -> None:
    """Each search document gives the search its filters, in both languages' words."""
    filters = re.findall(
        r'<span data-pagefind-filter="([^"]+)">([^<]+)</span>',
        search_document(site, "qingdao-delegation-xue-qingguo-tokyo"),
    )
    assert ("Original language · 原文语言", "Chinese · 中文") in filters
    assert ("Country · 国家", "Japan · 日本") in filters
    assert ("City · 城市", "Qingdao · 青岛") in filters
    assert ("City · 城市", "Tokyo · 东京") in filters
    assert not [value for name, value in filters if name == "Year · 年份"], "this article's year is unknown"
    gangnam = re.findall(
        r'<span data-pagefind-filter="([^"]+)">([^<]+)</span>',
        search_document(site, "licheng-gangnam-sister-city-ties"),
    )
    assert ("Year · 年份", "2025") in gangnam
    assert {value for name, value in gangnam if name.startswith("Original")} == {"English · 英文", "Chinese · 中文"}


def test_both_languages_built_at_once_match_one_mkdocs_build(site: Path, tmp_path: Path) -> None:
    """make build's two processes give the pages one plain `mkdocs build` gives, byte for byte.

    Not compared: pagefind/, whose filter index Pagefind writes in a different order on every run (upstream
    Pagefind/pagefind#638); the search itself is tested in the browser (tests/browser/test_search.py).
    """
    project = site.parent
    single = tmp_path / "single"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(single)]
    subprocess.run(command, cwd=project, env=build_env(), check=True, capture_output=True)

    def files(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.relative_to(root).parts[0] != "pagefind"
        }

    parallel, sequential = files(site), files(single)
    assert sorted(parallel) == sorted(sequential)
    assert [path for path in parallel if parallel[path] != sequential[path]] == []


def test_our_scripts_reach_the_reader_without_their_comment_lines(site: Path) -> None:
    """docs/assets/*.js as served: every line of code, in order, and no line that is only a comment (search.js
    comes with every page; the browser tests run these served copies)."""
    sources = sorted((site.parent / "docs" / "assets").glob("*.js"))
    assert [source.name for source in sources] == ["search-engine.js", "search.js"]
    for source in sources:
        lines = source.read_text(encoding="utf-8").splitlines()
        code = [line for line in lines if not line.lstrip().startswith("//")]
        assert len(code) < len(lines)
        assert read_file(site, f"assets/{source.name}").splitlines() == code


def test_names_are_indexed_as_the_search_box_cuts_them(site: Path) -> None:
    """Vocabulary names (not topics) that the index cuts go to the browser for cutting queries, and into each article
    cut alike: every piece of each of its names (a Han character, or a run like SK), once. Names the index holds as
    one word (济南, 青岛, 首尔) are kept whole in queries and listed whole in the articles that have them."""
    names = json.loads(read_file(site, "search-names.json"))
    assert {"文海生", "SK海力士", "歷城區", "江南区企划经济局"} <= set(names)
    assert not {"济南", "青岛", "首尔"} & set(names)
    assert "成果转化" not in names  # a topic: an ordinary word, cut alike by the indexer and the browser
    assert names == sorted(names, key=lambda name: (-len(name), name))  # longest first, as search.js replaces
    [indexed] = re.findall(
        r'<p data-pagefind-weight="0.5">([^<]*)</p>', search_document(site, "licheng-gangnam-sister-city-ties")
    )
    pieces = indexed.split(" ")
    assert {"文", "海", "生", "江", "南", "区", "歷", "城", "區"} <= set(pieces)
    assert {"济南", "首尔"} <= set(pieces)
    assert not {"文海生", "江南区"} & set(pieces)
    assert len(pieces) == len(set(pieces))
    assert "海" not in re.findall(
        r'<p data-pagefind-weight="0.5">([^<]*)</p>', search_document(site, "dialogue-with-shandong-japan-seminar")
    )[0].split(" ")  # no name of that article has it
