"""Render the pages that list articles: home, years and tags."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import attrgetter

from . import rules
from .head import href, listing_head, page_url, up_to_root
from .model import Article, PageLang
from .render import (
    escape,
    escape_html,
    format_date,
    front_matter,
    outlet_name,
    page_title,
    summary,
)
from .tags import Vocabulary


@dataclass(frozen=True)
class Where:
    """Where a page will be published: the site's address and the page's own."""

    site_url: str
    url: str


# Listing-page wording, per page language.
LISTING_STRINGS: dict[str, dict[str, str]] = {
    "home_intro": {
        "en": "News about economic and trade exchanges between Chinese cities and Japan and South Korea: delegation visits, sister-city ties and investment seminars. Every article in English and Chinese.",
        "zh": "中国城市与日本、韩国经贸交流新闻：代表团出访、友好城市往来、投资推介会。每篇文章均有中英文版本。",
    },
    "by_year": {"en": "By year", "zh": "按年份"},
    "by_tag": {"en": "By tag", "zh": "按标签"},
    "all_tags": {"en": "All tags", "zh": "全部标签"},
    "feed": {"en": "Atom feed", "zh": "Atom 订阅"},
    "undated": {"en": "Date unknown", "zh": "日期不详"},
    "year_title": {"en": "Articles from {year}", "zh": "{year}年文章"},
    "undated_title": {"en": "Articles with an unknown date", "zh": "日期不详的文章"},
    "undated_intro": {
        "en": "The sources of these articles do not give a publication date.",
        "zh": "这些文章的来源未注明发布日期。",
    },
    "tag_intro": {
        "en": "{kind}. {count} article(s) tagged “{label}”.",
        "zh": "{kind}。标签为“{label}”的文章共 {count} 篇。",
    },
    "tags_title": {"en": "Tags", "zh": "标签"},
    "tags_intro": {
        "en": "Every tag used in the archive, by kind, with its number of articles.",
        "zh": "本站使用的全部标签，按类别排列，并注明文章数。",
    },
    "newer": {"en": "← Newer", "zh": "← 较新"},
    "older": {"en": "Older →", "zh": "较早 →"},
    "page_of": {"en": "Page {n} of {total}", "zh": "第 {n} 页，共 {total} 页"},
    "translated_from": {"en": "Translated from {language}", "zh": "译自{language}"},
    "untranslated": {"en": "Not yet translated: shown in {language}", "zh": "尚无译文：显示{language}原文"},
}

# Listings show at most this many tags per article, the most specific kinds first.
LISTING_TAG_KINDS = ("event", "city", "district", "province", "company", "organisation", "topic")
LISTING_TAG_LIMIT = 8
_LISTING_KIND_ORDER = {kind: position for position, kind in enumerate(LISTING_TAG_KINDS)}
# Articles per listing page: keeps home, year and tag pages small however large the archive grows (100 entries
# are about 35 KB compressed), and the number of pages MkDocs renders in check (a broad tag lists thousands).
LISTING_PAGE_SIZE = 100


def tag_link(tag_id: str, prefix: str) -> str:
    return f"{prefix}tags/{tag_id}/"


def listing_tags(article: Article, vocabulary: Vocabulary) -> list[str]:
    """The few tags a listing shows: event types, then places, then companies and topics."""
    tags = vocabulary.tags
    ranked = sorted(
        (tag for tag in article.tags if tags[tag].kind in _LISTING_KIND_ORDER),
        key=lambda tag: (_LISTING_KIND_ORDER[tags[tag].kind], tags[tag].en.casefold()),
    )
    return ranked[:LISTING_TAG_LIMIT]


def _status_note(article: Article, lang: PageLang) -> str | None:
    other: PageLang = article.original_lang
    language = rules.PAGE_LANGUAGE_NAMES[lang][other]
    if article.status[lang] in ("translation", "stale"):
        return LISTING_STRINGS["translated_from"][lang].format(language=language)
    if article.status[lang] == "missing":
        return LISTING_STRINGS["untranslated"][lang].format(language=language)
    return None


class Entries:
    """Each article's listing entry, rendered once per language however many lists show it.

    Entries are kept as UTF-8, and listing pages are put together as bytes: an article is on about as many
    listings as it has tags, and one Chinese summary made a whole English page a string of two bytes a
    character, copied again to encode it (at 5,000 articles, encoding took 0.15 s of the 0.88 s the English
    listings took to render).
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        # (language, prefix, with tags) → slug → entry
        self._cache: dict[tuple[str, str, bool], dict[str, bytes]] = {}

    def blocks(self, articles: list[Article], lang: PageLang, prefix: str, with_tags: bool = True) -> list[bytes]:
        """The articles' entries in UTF-8, each one block, its links starting with `prefix` (the way up to the
        root); each with its tags, or without (see render_entry)."""
        done = self._cache.setdefault((lang, prefix, with_tags), {})
        for article in articles:
            if article.slug not in done:
                done[article.slug] = self._entry(article, lang, prefix, with_tags)
        return [done[article.slug] for article in articles]

    def _entry(self, article: Article, lang: PageLang, prefix: str, with_tags: bool) -> bytes:
        if not prefix:
            return "\n".join(render_entry(article, lang, self.vocabulary, "", with_tags)).encode("utf-8")
        # Exact: every link of an entry starts with the prefix, and escaped text never holds a quote.
        return self.blocks([article], lang, "", with_tags)[0].replace(b'href="', b'href="' + prefix.encode("utf-8"))


def render_entry(
    article: Article, lang: PageLang, vocabulary: Vocabulary, prefix: str, with_tags: bool = True
) -> list[str]:
    """One article in a listing, as HTML lines: linked title, date and source, one-line summary, and (with_tags)
    its most specific tags."""
    facts = [format_date(article.date, lang)]
    outlet = article.source.publisher or article.source.credited
    if outlet:
        facts.append(escape_html(outlet_name(outlet, lang)))
    if note := _status_note(article, lang):
        facts.append(note)
    lines = [
        f'<h2><a href="{prefix}articles/{article.slug}/">{escape_html(page_title(article, lang))}</a></h2>',
        f'<p class="entry-meta">{" · ".join(facts)}</p>',
        f"<p>{escape_html(summary(article, lang))}</p>",
    ]
    if with_tags and (
        tags := " ".join(
            f'<a href="{tag_link(tag, prefix)}">{escape_html(vocabulary[tag].label(lang))}</a>'
            for tag in listing_tags(article, vocabulary)
        )
    ):
        lines.append(f'<p class="entry-tags">{tags}</p>')
    return lines


def page_paths(first: str, later: str, count: int, lang: PageLang) -> list[str]:
    """The files of a listing of `count` articles, LISTING_PAGE_SIZE to a page (an empty one has one page):
    'tags/japan.en.md', then 'tags/japan/2.en.md', …"""
    pages = max(1, -(-count // LISTING_PAGE_SIZE))
    return [f"{first}.{lang}.md", *(f"{later.format(n=number)}.{lang}.md" for number in range(2, pages + 1))]


def home_paths(count: int, lang: PageLang) -> list[str]:
    return page_paths("index", "page/{n}", count, lang)


def year_paths(year: str, count: int, lang: PageLang) -> list[str]:
    return page_paths(f"archive/{year}", f"archive/{year}/{{n}}", count, lang)


def tag_paths(tag_id: str, count: int, lang: PageLang) -> list[str]:
    return page_paths(f"tags/{tag_id}", f"tags/{tag_id}/{{n}}", count, lang)


def _pager(paths: list[str], index: int, lang: PageLang) -> list[str]:
    """'← Newer · Page 2 of 9 · Older →' between the pages of one listing."""
    if len(paths) == 1:
        return []
    s = LISTING_STRINGS
    parts = []
    if index > 0:
        parts.append(f"[{s['newer'][lang]}]({href(paths[index], paths[index - 1])})")
    parts.append(s["page_of"][lang].format(n=index + 1, total=len(paths)))
    if index + 1 < len(paths):
        parts.append(f"[{s['older'][lang]}]({href(paths[index], paths[index + 1])})")
    return [" · ".join(parts), "{: .pager }", ""]


def render_listing(
    paths: list[str],
    title: str,
    intro: list[str],
    articles: list[Article],
    lang: PageLang,
    entries: Entries,
    extra: dict,
    site_url: str,
    with_tags: bool = True,
) -> dict[str, bytes]:
    """A list of articles, given newest first (render.sort_newest_first), LISTING_PAGE_SIZE to a page (`paths`,
    from page_paths), so no page grows without bound; each page in UTF-8, each entry with its tags or without."""
    chunks = [articles[index * LISTING_PAGE_SIZE : (index + 1) * LISTING_PAGE_SIZE] for index in range(len(paths))]
    description = " ".join(line for line in intro if line and not line.startswith(("{", "**"))) or title
    pages = {}
    for index, (path, chunk) in enumerate(zip(paths, chunks, strict=True)):
        heading = (
            title
            if index == 0
            else f"{title} · {LISTING_STRINGS['page_of'][lang].format(n=index + 1, total=len(paths))}"
        )
        head = listing_head(site_url, page_url(site_url, path, lang), heading, description, lang)
        meta = {
            "title": html.escape(heading),
            "hide": ["toc"],
            "head_html": head,
            "lastmod": latest_date(chunk),
            **extra,
        }
        prefix = up_to_root(path)
        top = [
            front_matter(meta),
            f"# {escape(heading)}",
            "",
            *(intro if index == 0 else []),
            *_pager(paths, index, lang),
            # One raw HTML block: Python-Markdown passes it through instead of parsing every entry's links.
            rules.RAW_HTML_MARK + '<div class="entries">',
        ]
        bottom = "\n".join(["</div>", "", *_pager(paths, index, lang)]).rstrip("\n") + "\n"
        entry_blocks = entries.blocks(chunk, lang, prefix, with_tags)
        pages[path] = b"\n".join(["\n".join(top).encode("utf-8"), *entry_blocks, bottom.encode("utf-8")])
    return pages


def year_of(article: Article) -> str:
    return str(article.date.year) if article.date.year else "undated"


_DATE_ISO = attrgetter("date.iso")


def latest_date(articles: list[Article]) -> str | None:
    """The latest date of the articles (the greatest ISO date: a listing's date for the sitemap), if any has one."""
    return max(filter(None, map(_DATE_ISO, articles)), default=None)


def render_home(
    articles: list[Article], lang: PageLang, entries: Entries, site_name: str, site_url: str
) -> dict[str, bytes]:
    """The home page: what the archive is, ways to browse, then every article (given newest first), in pages."""
    years = sorted({year_of(article) for article in articles} - {"undated"}, reverse=True)
    year_links = [f"[{year}](archive/{year}/)" for year in years]
    if any(year_of(article) == "undated" for article in articles):
        year_links.append(f"[{LISTING_STRINGS['undated'][lang]}](archive/undated/)")
    s = LISTING_STRINGS
    intro = [
        s["home_intro"][lang],
        "",
        f"**{s['by_year'][lang]}**{_colon(lang)}{' · '.join(year_links)}  ",
        f"**{s['by_tag'][lang]}**{_colon(lang)}[{s['all_tags'][lang]}](tags/) · [{s['feed'][lang]}](feed.xml)",
        "{: .browse }",
        "",
    ]
    return render_listing(home_paths(len(articles), lang), site_name, intro, articles, lang, entries, {}, site_url)


def _colon(lang: PageLang) -> str:
    return ": " if lang == "en" else "："


def render_year(
    articles: list[Article], year: str, lang: PageLang, entries: Entries, site_url: str
) -> dict[str, bytes]:
    """A year's articles (given newest first), or the undated ones, in pages."""
    s = LISTING_STRINGS
    paths = year_paths(year, len(articles), lang)
    if year == "undated":
        intro = [s["undated_intro"][lang], ""]
        return render_listing(paths, s["undated_title"][lang], intro, articles, lang, entries, {}, site_url)
    title = s["year_title"][lang].format(year=year)
    return render_listing(paths, title, [], articles, lang, entries, {}, site_url)


def render_tag(
    tag_id: str, articles: list[Article], lang: PageLang, entries: Entries, site_url: str
) -> dict[str, bytes]:
    """A tag's articles (given newest first), in pages. Their entries leave out the tags line: on the Jinan page
    every entry would show Jinan, and an article is on as many tag pages as it has tags, so the lines were half the
    bytes of every tag page (170 of 314 MB at 5,000 articles); the article page lists them all."""
    tag = entries.vocabulary[tag_id]
    kind = rules.TAG_KINDS[tag.kind][0 if lang == "en" else 1]
    intro = [
        LISTING_STRINGS["tag_intro"][lang].format(kind=kind, count=len(articles), label=escape(tag.label(lang))),
        "",
    ]
    paths = tag_paths(tag_id, len(articles), lang)
    return render_listing(
        paths, tag.label(lang), intro, articles, lang, entries, {"tag_id": tag_id}, site_url, with_tags=False
    )


def render_tag_index(counts: Counter[str], lang: PageLang, vocabulary: Vocabulary, where: Where) -> str:
    """Every tag in use, grouped for readers, each with its article count."""
    title = LISTING_STRINGS["tags_title"][lang]
    intro = LISTING_STRINGS["tags_intro"][lang]
    head = listing_head(where.site_url, where.url, title, intro, lang)
    lines = [front_matter({"title": title, "head_html": head}), f"# {title}", "", intro, ""]
    for kinds, label in rules.TAG_GROUPS.values():
        ids = sorted(
            (tag for tag in counts if vocabulary[tag].kind in kinds),
            key=lambda tag: vocabulary[tag].label(lang).casefold(),
        )
        if not ids:
            continue
        lines += [f"## {label[lang]}", ""]
        lines += [
            " · ".join(f"[{escape(vocabulary[tag].label(lang))}]({tag}/) ({counts[tag]})" for tag in ids),
            "{: .tag-cloud }",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def by_year(articles: list[Article]) -> dict[str, list[Article]]:
    years: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        years[year_of(article)].append(article)
    return dict(years)


def by_tag(articles: list[Article]) -> dict[str, list[Article]]:
    tags: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for tag in article.tags:
            tags[tag].append(article)
    return dict(tags)
