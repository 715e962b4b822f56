"""One Atom feed per language, newest first, made with feedgen; deterministic for the same input."""

from __future__ import annotations

from datetime import UTC, datetime

from . import rules
from .head import page_url
from .model import Article, PageLang
from .render import article_path, page_title, sort_newest_first, summary

FEED_SIZE = 50
FEED_SUBTITLE = {
    "en": "News on economic and trade exchanges between Chinese cities and Japan and South Korea.",
    "zh": "中国城市与日本、韩国经贸交流新闻。",
}


def _timestamp(iso: str) -> datetime:
    """A date as precise as known, at midnight UTC (Atom needs a full timestamp; nothing finer is claimed)."""
    parts = [int(part) for part in iso.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=UTC)


def render_feed(articles: list[Article], lang: PageLang, site_url: str) -> str:
    """The newest dated articles; an article without a known date has no honest place in a feed."""
    # Imported here: feedgen brings lxml and dateutil (20 ms), which only the process rendering the feeds needs.
    from feedgen.feed import FeedGenerator

    dated = [article for article in sort_newest_first(articles) if article.date.iso][:FEED_SIZE]
    home = page_url(site_url, f"index.{lang}.md", lang)
    feed = FeedGenerator()
    feed.id(home)
    feed.title(rules.SITE_NAME[lang])
    feed.subtitle(FEED_SUBTITLE[lang])
    feed.language(rules.HTML_LANG[lang])
    feed.link(href=home, rel="alternate")
    feed.link(href=home + "feed.xml", rel="self")
    feed.generator("exchange-archive")
    feed.updated(_timestamp(dated[0].date.iso) if dated else datetime(1970, 1, 1, tzinfo=UTC))
    for article in reversed(dated):  # feedgen prepends each entry
        url = page_url(site_url, article_path(article, lang), lang)
        entry = feed.add_entry()
        entry.id(url)
        entry.title(page_title(article, lang))
        entry.link(href=url)
        entry.summary(summary(article, lang))
        entry.updated(_timestamp(article.date.iso))
        entry.published(_timestamp(article.date.iso))
    return feed.atom_str(pretty=True).decode("utf-8")
