"""Put the whole site together: every generated page and feed, keyed by its path under docs/."""

from __future__ import annotations

import math
from collections import Counter
from xml.sax.saxutils import escape

from . import rules
from .feeds import render_feed
from .head import page_url
from .listings import (
    Where,
    by_tag,
    by_year,
    render_bilingual,
    render_home,
    render_tag,
    render_tag_index,
    render_year,
    tag_counts,
)
from .model import Article
from .render import RELATED_LIMIT, SITE_NAME, article_path, render_article
from .tags import Vocabulary


def related_articles(articles: list[Article]) -> dict[str, list[Article]]:
    """For each article, those sharing the most specific tags (rarer tags weigh more), best first."""
    frequency = Counter(tag for article in articles for tag in article.tags)
    total = len(articles)
    related: dict[str, list[Article]] = {}
    for article in articles:
        scored = []
        for other in articles:
            shared = set(article.tags) & set(other.tags)
            if other is article or not shared:
                continue
            score = sum(math.log((1 + total) / frequency[tag]) for tag in shared)
            scored.append((-score, other.slug, other))
        related[article.slug] = [other for _, _, other in sorted(scored)[:RELATED_LIMIT]]
    return related


def render_site(
    articles: list[Article], vocabulary: Vocabulary, site_url: str = "http://127.0.0.1:8000/"
) -> dict[str, str]:
    """Every generated file, keyed by its path under docs/."""
    pages: dict[str, str] = {}
    lastmods: dict[str, str | None] = {}  # Chinese page path → sitemap date, for /zh/sitemap.xml
    related = related_articles(articles)
    years, tagged, counts = by_year(articles), by_tag(articles), tag_counts(articles)

    def newest(listed: list[Article]) -> str | None:
        return max((article.date.iso for article in listed if article.date.iso), default=None)

    for lang in rules.PAGE_LANGUAGES:

        def add(path: str, text: str, lastmod: str | None, lang: str = lang) -> None:
            pages[path] = text
            if lang == "zh" and path.endswith(".md"):
                lastmods[path] = lastmod

        def where(path: str, lang: str = lang) -> Where:
            return Where(site_url, page_url(site_url, path, lang))

        home, tag_index = f"index.{lang}.md", f"tags/index.{lang}.md"
        add(home, render_home(articles, lang, vocabulary, SITE_NAME[lang], where(home)), newest(articles))
        add(f"feed.{lang}.xml", render_feed(articles, lang, site_url), None)
        add(tag_index, render_tag_index(counts, lang, vocabulary, where(tag_index)), newest(articles))
        for year, listed in years.items():
            path = f"archive/{year}.{lang}.md"
            add(path, render_year(listed, year, lang, vocabulary, where(path)), newest(listed))
        for tag, listed in tagged.items():
            path = f"tags/{tag}.{lang}.md"
            add(path, render_tag(tag, listed, lang, vocabulary, where(path)), newest(listed))
        for article in articles:
            text = render_article(article, lang, vocabulary, related=related[article.slug], site_url=site_url)
            add(article_path(article, lang), text, article.date.iso)
            path = f"bilingual/{article.slug}.{lang}.md"
            add(path, render_bilingual(article, lang, where(path)), article.date.iso)
        for article in articles:
            if article.is_traditional and lang == "zh":
                text = render_article(article, "zh", vocabulary, hant=True, site_url=site_url)
                add(article_path(article, "zh", hant=True), text, article.date.iso)
    pages["sitemap.zh.xml"] = render_sitemap({page_url(site_url, path, "zh"): date for path, date in lastmods.items()})
    return dict(sorted(pages.items()))


def render_sitemap(lastmods: dict[str, str | None]) -> str:
    """A sitemap of one language's pages (the theme's language switcher prefetches it), dates from articles."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in sorted(lastmods.items()):
        date = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{date}</url>")
    return "\n".join([*lines, "</urlset>"]) + "\n"


# jieba keeps a user-dictionary word whole when its frequency is high; this beats its general vocabulary.
JIEBA_FREQUENCY = 100000


def render_jieba_dictionary(vocabulary: Vocabulary) -> str:
    """Every Chinese name in the vocabulary, one per line, so search segments names and places whole."""
    names = {
        name
        for tag in vocabulary.tags.values()
        for script in ("zh-Hans", "zh-Hant")
        for name in tag.names(script)
        if " " not in name  # jieba's dictionary format is space separated
    }
    return "".join(f"{name} {JIEBA_FREQUENCY}\n" for name in sorted(names))
