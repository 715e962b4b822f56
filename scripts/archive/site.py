"""Put the whole site together: every generated page and feed, keyed by its path under docs/."""

from __future__ import annotations

import math
from collections import Counter

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
    related = related_articles(articles)
    years, tagged, counts = by_year(articles), by_tag(articles), tag_counts(articles)
    for lang in rules.PAGE_LANGUAGES:

        def where(path: str, lang: str = lang) -> Where:
            return Where(site_url, page_url(site_url, path, lang))

        home, tag_index = f"index.{lang}.md", f"tags/index.{lang}.md"
        pages[home] = render_home(articles, lang, vocabulary, SITE_NAME[lang], where(home))
        pages[f"feeds/atom.{lang}.xml"] = render_feed(articles, lang, site_url)
        pages[tag_index] = render_tag_index(counts, lang, vocabulary, where(tag_index))
        for year, listed in years.items():
            path = f"archive/{year}.{lang}.md"
            pages[path] = render_year(listed, year, lang, vocabulary, where(path))
        for tag, listed in tagged.items():
            path = f"tags/{tag}.{lang}.md"
            pages[path] = render_tag(tag, listed, lang, vocabulary, where(path))
        for article in articles:
            pages[article_path(article, lang)] = render_article(
                article, lang, vocabulary, related=related[article.slug], site_url=site_url
            )
            path = f"bilingual/{article.slug}.{lang}.md"
            pages[path] = render_bilingual(article, lang, where(path))
    for article in articles:
        if article.is_traditional:
            pages[article_path(article, "zh", hant=True)] = render_article(
                article, "zh", vocabulary, hant=True, site_url=site_url
            )
    return dict(sorted(pages.items()))


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
