"""What goes in a page's <head> beyond the theme's: Open Graph, schema.org JSON-LD, the Atom feed link.

The build prepares it as one HTML string in the front matter (`head_html`), escaped here; the MkDocs hook
only inserts it, so the content logic stays in the build script.
"""

from __future__ import annotations

import html
import json
from functools import cache, lru_cache

from . import rules
from .model import Article, PageLang

OG_LOCALE = {"en": "en_US", "zh": "zh_CN"}
FEED_TITLE = {"en": "Atom feed (English)", "zh": "Atom 订阅（中文）"}


@cache  # asked for the same few thousand pages about a hundred thousand times
def url_path(path: str) -> str:
    """A generated page's address below its language's root: 'tags/jinan.en.md' → 'tags/jinan/', 'index.zh.md' → ''."""
    stem = path.rsplit(".", 2)[0].removesuffix("index").rstrip("/")
    return stem + "/" if stem else ""


@cache
def _folders(path: str) -> tuple[str, ...]:
    """The folders of a generated page's address: 'tags/jinan.en.md' → ('tags', 'jinan')."""
    return tuple(url_path(path).split("/")[:-1])


def href(source: str, target: str) -> str:
    """A relative link between two generated pages of one language, as the reader's browser resolves it.

    The build knows every page's address, so it writes addresses rather than .md paths for MkDocs to
    resolve; linkchecker checks every link of the built site (tests/browser/test_links.py). Both are
    plain '/'-separated site paths, so the shared folders are counted directly: posixpath.relpath
    resolves both against the working directory, a fifth of the build's time.
    """
    base, goal = _folders(source), _folders(target)
    shared = 0
    for mine, theirs in zip(base, goal, strict=False):
        if mine != theirs:
            break
        shared += 1
    down = "/".join(goal[shared:])
    return "../" * (len(base) - shared) + (down + "/" if down else "") or "./"


def up_to_root(path: str) -> str:
    """The way up from a generated page to its language's root, for links that then go down from there:
    'articles/x.en.md' → '../../', 'index.en.md' → ''."""
    return "../" * url_path(path).count("/")


def page_url(site_url: str, path: str, lang: PageLang) -> str:
    """The absolute URL of a generated page from its docs path ('articles/x.en.md' → .../articles/x/)."""
    prefix = "" if lang == "en" else "zh/"
    return site_url.rstrip("/") + "/" + prefix + url_path(path)


@lru_cache(maxsize=4096)  # site names, locales and tag labels recur on every page
def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{html.escape(name)}" content="{html.escape(content)}">'


def _json_ld(data: dict) -> str:
    # json.dumps escapes quotes; '<', '>' and '&' become \\u escapes so no text can close the script element.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def feed_link(site_url: str, url: str, lang: PageLang) -> str:
    """The feed's <link>, relative to the page so it works on any host; the feed sits at the language's root.

    At the root because the theme prefetches sitemap.xml beside every <link rel="alternate">.
    """
    depth = url.removeprefix(page_url(site_url, f"index.{lang}.md", lang)).count("/")
    href = "../" * depth + "feed.xml"
    return f'<link rel="alternate" type="application/atom+xml" title="{html.escape(FEED_TITLE[lang])}" href="{href}">'


def listing_head(site_url: str, url: str, title: str, description: str, lang: PageLang) -> str:
    """Feed link and Open Graph for a page that lists articles."""
    other = rules.OTHER_LANGUAGE[lang]
    tags = [
        feed_link(site_url, url, lang),
        _meta("property", "og:type", "website"),
        _meta("property", "og:title", title),
        _meta("property", "og:description", description),
        _meta("property", "og:url", url),
        _meta("property", "og:site_name", rules.SITE_NAME[lang]),
        _meta("property", "og:locale", OG_LOCALE[lang]),
        _meta("property", "og:locale:alternate", OG_LOCALE[other]),
    ]
    return "".join(tags)


def article_head(
    article: Article,
    lang: PageLang,
    site_url: str,
    urls: dict[PageLang, str],
    title: str,
    description: str,
    tag_labels: list[str],
    publisher: str | None,
) -> str:
    """Feed link, Open Graph article tags and a schema.org NewsArticle for one language's page."""
    other = rules.OTHER_LANGUAGE[lang]
    tags = [
        feed_link(site_url, urls[lang], lang),
        _meta("property", "og:type", "article"),
        _meta("property", "og:title", title),
        _meta("property", "og:description", description),
        _meta("property", "og:url", urls[lang]),
        _meta("property", "og:site_name", rules.SITE_NAME[lang]),
        _meta("property", "og:locale", OG_LOCALE[lang]),
        _meta("property", "og:locale:alternate", OG_LOCALE[other]),
    ]
    if article.date.iso:
        tags.append(_meta("property", "article:published_time", article.date.iso))
    tags += [_meta("property", "article:tag", label) for label in tag_labels]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": urls[lang],
        "url": urls[lang],
        "headline": title,
        "description": description,
        "inLanguage": rules.HTML_LANG[lang],
        "keywords": tag_labels,
        "isPartOf": {"@type": "WebSite", "name": rules.SITE_NAME[lang], "url": site_url},
    }
    if article.date.iso:
        data["datePublished"] = article.date.iso
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
    if article.source.author:
        data["author"] = {"@type": "Person", "name": article.source.author}
    if article.source.url:
        data["sameAs"] = article.source.url
    if article.status[lang] == "translation":
        data["translationOfWork"] = {"@id": urls[article.original_lang]}
        data["translator"] = {"@type": "Organization", "name": rules.SITE_NAME[lang]}
    elif article.status[other] == "translation":
        data["workTranslation"] = {"@id": urls[other]}
    tags.append(_json_ld(data))
    return "".join(tags)
