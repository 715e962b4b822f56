"""Put the whole site together: every generated page and feed, by its path under docs/, rendered one at a time."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from html import escape as html_escape
from itertools import zip_longest

from . import rules
from .feeds import render_feed
from .head import page_url
from .listings import (
    Entries,
    Where,
    by_tag,
    by_year,
    home_paths,
    latest_date,
    render_home,
    render_tag,
    render_tag_index,
    render_year,
    tag_paths,
    year_paths,
)
from .model import Article, PageLang
from .parallel import even_runs, fork_map
from .render import (
    RELATED_LIMIT,
    article_path,
    render_article,
    render_search_document,
    search_names_of,
    sort_newest_first,
    vocabulary_chinese_names,
)
from .tags import Vocabulary

# A tag on more than this many articles (or this share of them) says too little to relate two articles.
RELATED_COMMON = (20, 0.25)


def related_articles(articles: list[Article], workers: int = 1) -> dict[str, list[Article]]:
    """For each article, those sharing the most specific tags (rarer tags weigh more), best first.

    Scores add up log(N/df) over shared tags, skipping tags too common to say anything (see
    RELATED_COMMON). Candidates are visited rarest tag first, and the search stops once the tags left
    could not lift an unseen article into the top RELATED_LIMIT: with a few hundred tags shared by a
    quarter of the archive, scoring every pair grew with N² (15 s at 5,000 articles). The articles are
    shared out among `workers` processes.
    """
    frequency = Counter(tag for article in articles for tag in article.tags)
    total = len(articles)
    common = max(RELATED_COMMON[0], RELATED_COMMON[1] * total)
    weight = {tag: math.log((1 + total) / count) for tag, count in frequency.items() if count <= common}
    bits = {tag: 1 << position for position, tag in enumerate(weight)}
    masks = [sum(bits[tag] for tag in article.tags if tag in weight) for article in articles]
    members: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        for tag in article.tags:
            if tag in weight:
                members.setdefault(tag, []).append(index)
    by_slug = sorted(range(total), key=lambda index: articles[index].slug)
    best = partial(_related_best, articles=articles, weight=weight, bits=bits, masks=masks, members=members)
    ranked = fork_map(partial(best, by_slug=by_slug, rank=_positions(by_slug)), range(total), workers)
    return {article.slug: [articles[other] for other in ranked[index]] for index, article in enumerate(articles)}


def _related_best(
    index: int,
    articles: list[Article],
    weight: dict[str, float],
    bits: dict[str, int],
    masks: list[int],
    members: dict[str, list[int]],
    by_slug: list[int],
    rank: list[int],
) -> list[int]:
    """The indices of the RELATED_LIMIT articles scoring highest with articles[index], ties by slug."""
    article = articles[index]
    mine = [(bits[tag], weight[tag]) for tag in article.tags if tag in weight]
    rarest_first = sorted((tag for tag in article.tags if tag in weight), key=lambda tag: -weight[tag])
    # left[k]: the most an article first met at the k-th rarest tag can score (it shares only tags from there on).
    left = [0.0] * (len(rarest_first) + 1)
    for k in range(len(rarest_first) - 1, -1, -1):
        left[k] = left[k + 1] + weight[rarest_first[k]]
    sums: dict[int, float] = {}  # shared-tag mask → score, summed in the article's tag order as always
    seen, others, scores = {index}, [], []
    top: list[float] = []  # the RELATED_LIMIT best scores so far, best first
    for k, tag in enumerate(rarest_first):
        # The margin keeps float rounding from ever cutting a tie.
        if len(top) == RELATED_LIMIT and left[k] * (1 + 1e-9) < top[-1]:
            break
        fresh = [other for other in members[tag] if other not in seen]
        seen.update(fresh)
        for other in fresh:
            shared = masks[index] & masks[other]
            score = sums.get(shared)
            if score is None:
                score = sums[shared] = sum(w for bit, w in mine if shared & bit)
            scores.append(score)
        others += fresh
        top = sorted(top + scores[len(scores) - len(fresh) :], reverse=True)[:RELATED_LIMIT]
    if not top:
        return []
    # Few score above the last of the top; many may tie with it, and the first slugs among those win.
    above = sorted((-score, rank[other], other) for other, score in zip(others, scores, strict=True) if score > top[-1])
    ties = sorted(rank[other] for other, score in zip(others, scores, strict=True) if score == top[-1])
    return [other for *_, other in above] + [by_slug[position] for position in ties[: RELATED_LIMIT - len(above)]]


def _positions(order: list[int]) -> list[int]:
    """Where each index stands in `order` (its inverse permutation)."""
    positions = [0] * len(order)
    for position, index in enumerate(order):
        positions[index] = position
    return positions


@dataclass(frozen=True)
class Part:
    """Pages rendered together (an article in one language, a listing's pages, a feed): their paths under docs/,
    known before rendering, their date for the sitemap, and how to render them."""

    paths: tuple[str, ...]
    lastmod: str | None
    render: Callable[[], dict[str, str | bytes]]  # path → text (or UTF-8: the listings), for exactly `paths`


def plan_site(
    articles: list[Article], vocabulary: Vocabulary, site_url: str = "http://127.0.0.1:8000/", workers: int = 1
) -> dict[str, list[list[Part]]]:
    """Every generated page of each page language, not yet rendered, in groups that are each rendered in one
    process: the listings (which share their entries), then the articles in `workers` groups (related articles
    found on `workers` processes)."""
    related = related_articles(articles, workers)
    # Every listing shows its articles newest first: sorted once here, not once per listing.
    newest_first = sort_newest_first(articles)
    lists = {"years": by_year(newest_first), "tags": by_tag(newest_first)}
    # Each list's latest date once, not once per language or per page of it (a tag on a quarter of 5,000 articles
    # has 13 pages).
    latest = {kind: {key: latest_date(listed) for key, listed in by_key.items()} for kind, by_key in lists.items()}
    plan = {}
    for lang in rules.PAGE_LANGUAGES:
        pages = _article_parts(articles, lang, vocabulary, related, site_url)
        groups = [pages[start:stop] for start, stop in even_runs(len(pages), workers)]
        plan[lang] = [_listing_parts(newest_first, lists, latest, lang, vocabulary, site_url), *groups]
    return plan


def _listing_parts(
    newest_first: list[Article],
    lists: dict[str, dict[str, list[Article]]],
    latest: dict[str, dict[str, str | None]],
    lang: PageLang,
    vocabulary: Vocabulary,
    site_url: str,
) -> list[Part]:
    """The home page, the year and tag listings (all given newest first, with their `latest` dates), the feed and
    the tag index of one language."""
    entries = Entries(vocabulary)
    newest = latest_date(newest_first)
    tag_index, feed = f"tags/index.{lang}.md", f"feed.{lang}.xml"
    where = Where(site_url, page_url(site_url, tag_index, lang))
    counts = Counter({tag: len(listed) for tag, listed in lists["tags"].items()})
    parts = [
        Part(
            tuple(home_paths(len(newest_first), lang)),
            newest,
            partial(render_home, newest_first, lang, entries, rules.SITE_NAME[lang], site_url),
        ),
        Part((feed,), None, partial(_one, feed, render_feed, newest_first, lang, site_url)),
        Part((tag_index,), newest, partial(_one, tag_index, render_tag_index, counts, lang, vocabulary, where)),
    ]
    for year, listed in lists["years"].items():
        page = partial(render_year, listed, year, lang, entries, site_url)
        parts.append(Part(tuple(year_paths(year, len(listed), lang)), latest["years"][year], page))
    for tag, listed in lists["tags"].items():
        page = partial(render_tag, tag, listed, lang, entries, site_url)
        parts.append(Part(tuple(tag_paths(tag, len(listed), lang)), latest["tags"][tag], page))
    return parts


def _article_parts(
    articles: list[Article], lang: PageLang, vocabulary: Vocabulary, related: dict[str, list[Article]], site_url: str
) -> list[Part]:
    """Each article's page in one language, then (in Chinese) the Traditional originals."""
    parts = []
    for article in articles:
        path = article_path(article, lang)
        page = partial(render_article, article, lang, vocabulary, related=related[article.slug], site_url=site_url)
        parts.append(Part((path,), article.date.iso, partial(_one, path, page)))
    for article in articles:
        if article.is_traditional and lang == "zh":
            path = article_path(article, "zh", hant=True)
            page = partial(render_article, article, "zh", vocabulary, hant=True, site_url=site_url)
            parts.append(Part((path,), article.date.iso, partial(_one, path, page)))
    return parts


def _one(path: str, render: Callable[..., str], *args: object) -> dict[str, str | bytes]:
    """A page rendered alone, under its path."""
    return {path: render(*args)}


def site_shares(
    articles: list[Article],
    vocabulary: Vocabulary,
    site_url: str = "http://127.0.0.1:8000/",
    workers: int = 1,
    whole: frozenset[str] = frozenset(),
) -> list[Callable[[], Iterator[tuple[str, str | bytes]]]]:
    """Every generated file in shares, each rendering its pages one at a time (what write.write_site writes, the
    shares dealt to the cores as they come free): nothing needs the whole site in memory. The shares are
    plan_site's groups, both languages' listings first, then their articles, so that one core does not end
    long after the other. `whole`: the names the search index holds as one word (build.names_indexed_whole; with
    none, every name is cut)."""
    plan = plan_site(articles, vocabulary, site_url, workers)
    lastmods = {
        lang: {path: part.lastmod for group in groups for part in group for path in part.paths if path.endswith(".md")}
        for lang, groups in plan.items()
    }

    def pages(group: list[Part]) -> Iterator[tuple[str, str | bytes]]:
        for part in group:
            yield from part.render().items()

    def sitemaps() -> Iterator[tuple[str, str]]:
        for lang in rules.PAGE_LANGUAGES:
            # The English one is docs/sitemap.xml, not sitemap.en.xml: under the theme's own file name it replaces
            # that file (theme templates are off, see the hooks) instead of being written over by it.
            yield "sitemap.xml" if lang == "en" else f"sitemap.{lang}.xml", render_sitemap(lang, lastmods, site_url)
        yield "search-names.json", render_search_names(vocabulary, whole)

    # The listings of each language, then each group of articles (a language may have a group fewer).
    groups = [group for same_place in zip_longest(*plan.values()) for group in same_place if group is not None]
    return [*(partial(pages, group) for group in groups), sitemaps]


def render_site(
    articles: list[Article],
    vocabulary: Vocabulary,
    site_url: str = "http://127.0.0.1:8000/",
    whole: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Every generated file, keyed by its path under docs/, all in memory (the build streams site_shares)."""
    shares = site_shares(articles, vocabulary, site_url, whole=whole)
    pages = (page for share in shares for page in share())
    return dict(sorted((path, text.decode("utf-8") if isinstance(text, bytes) else text) for path, text in pages))


def escape(text: str) -> str:
    """&, < and > as XML entities (xml.sax.saxutils.escape, without importing urllib.request and ssl with it)."""
    return html_escape(text, quote=False)


def render_sitemap(lang: str, lastmods: dict[str, dict[str, str | None]], site_url: str) -> str:
    """One language's sitemap (/sitemap.xml, /zh/sitemap.xml): dates from the articles, never the build's, and
    each page's other-language version as an hreflang alternate (kept out of <head>: see head.py)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path, lastmod in sorted(lastmods[lang].items()):
        lines.append(f"  <url><loc>{escape(page_url(site_url, path, lang))}</loc>")
        if lastmod:
            lines.append(f"    <lastmod>{escape(lastmod)}</lastmod>")
        stem = path[: -len(f".{lang}.md")]
        versions = [code for code in rules.PAGE_LANGUAGES if f"{stem}.{code}.md" in lastmods[code]]
        if len(versions) > 1:
            for code in versions:
                url = escape(page_url(site_url, f"{stem}.{code}.md", code))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{rules.HTML_LANG[code]}" href="{url}"/>')
        lines.append("  </url>")
    return "\n".join([*lines, "</urlset>"]) + "\n"


def render_search_names(vocabulary: Vocabulary, whole: frozenset[str] = frozenset()) -> str:
    """The vocabulary's Chinese names that assets/search.js cuts in a reader's query, longest first: every name but
    those the index holds as one word (`whole`), which a query keeps whole."""
    names = vocabulary_chinese_names(vocabulary) - whole
    return json.dumps(sorted(names, key=lambda name: (-len(name), name)), ensure_ascii=False, indent=0) + "\n"


def render_search_documents(
    articles: list[Article], vocabulary: Vocabulary, whole: frozenset[str] = frozenset()
) -> dict[str, str]:
    """What the search indexes, one small HTML document per article: articles/<slug>.html, which Pagefind gives the
    address /articles/<slug>.html and assets/search.js turns into the article page's, /articles/<slug>/ (a file
    named after the page, not a folder each: creating files and folders is most of a build's system time here)."""
    names_of = search_names_of(vocabulary)
    return {
        f"articles/{article.slug}.html": render_search_document(article, vocabulary, whole, names_of)
        for article in articles
    }
