"""Render articles as Markdown pages: PyYAML front matter, then text that can only ever be prose."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from . import clean, rules
from .frontmatter import dump_front_matter
from .head import article_head, href, page_url, up_to_root, url_path
from .model import Article, Block, EventDate, Outlet, PageLang, PubDate
from .tags import Tag, Vocabulary

# What a page says, in each page language. Editors may reword these; {placeholders} are filled in.
STRINGS: dict[str, dict[str, str]] = {
    "published": {"en": "Published", "zh": "发布日期"},
    "source": {"en": "Source", "zh": "来源"},
    "credited": {"en": "credited in the text", "zh": "文中注明来源"},
    "author": {"en": "Author", "zh": "作者"},
    "events": {"en": "Event dates", "zh": "活动日期"},
    "language": {"en": "Original language", "zh": "原文语言"},
    "this_page": {"en": "This page", "zh": "本页"},
    "tags": {"en": "Tags", "zh": "标签"},
    "source_unknown": {"en": "not given in the article", "zh": "原文未注明"},
    "editor_supplied": {"en": "supplied by the archive's editors", "zh": "由本站编辑补充"},
    "date_unknown": {"en": "Date unknown: the source does not give one", "zh": "日期不详：原文未注明"},
    "year_editor": {"en": "year supplied by the archive's editors", "zh": "年份由本站编辑补充"},
    "year_unknown": {"en": "year not stated in the source", "zh": "原文未注明年份"},
    "title_editor": {
        "en": "Title supplied by the archive's editors; the source gives none.",
        "zh": "标题由本站编辑拟定，原文无标题。",
    },
    "title_translation": {"en": "Title translated by the archive's editors.", "zh": "标题由本站编辑翻译。"},
    "untitled": {"en": "Untitled article", "zh": "无标题文章"},
    "original": {"en": "Original text.", "zh": "原文。"},
    "original_bilingual": {
        "en": "Original text: the source published this article in English and Chinese.",
        "zh": "原文：来源以中英双语发布本文。",
    },
    "original_hant": {
        "en": "Original text.",
        "zh": "原文为繁体中文，本页为 OpenCC 转换的简体中文版本。",
    },
    "read_hant": {"en": "Read the original Traditional Chinese text", "zh": "阅读繁体中文原文"},
    "translation": {
        "en": "English translation by {translator} of the Chinese original.",
        "zh": "本页为{translator}据英文原文翻译的中文译文。",
    },
    "missing": {
        "en": "Not yet translated into English: the original Chinese text is shown below.",
        "zh": "本文尚无中文译文，以下为英文原文。",
    },
    "stale": {
        "en": "The original has changed since this translation was written; it may not match the original any more.",
        "zh": "原文在本译文完成后有改动，译文可能与原文不再一致。",
    },
    "translators": {"en": "the archive's editors", "zh": "本站编辑"},
    "attachments": {"en": "Image attachments (links to the distributor's site)", "zh": "图片附件（链接至发布方网站）"},
    "editor_note": {"en": "Editor's note", "zh": "编者按"},
    "bilingual_view": {"en": "Show the Chinese text alongside", "zh": "显示英文对照"},
    "related": {"en": "Related articles", "zh": "相关文章"},
}
RELATED_LIMIT = 5
LANGUAGE_NAMES = {
    "en": {"en": "English", "zh-Hans": "Chinese", "zh-Hant": "Chinese (Traditional)"},
    "zh": {"en": "英文", "zh-Hans": "中文", "zh-Hant": "中文（繁体）"},
}
HANT_SUFFIX = "-hant"  # the Traditional original of an article lives beside it at <slug>-hant
_GROUPS_OF_KIND = {
    kind: [name for name, (kinds, _) in rules.TAG_GROUPS.items() if kind in kinds] for kind in rules.TAG_KINDS
}
_LIST = {"en": ", ", "zh": "、"}
_COLON = {"en": ": ", "zh": "："}
_SEMICOLON = {"en": "; ", "zh": "；"}
_DATES = {"en": "; ", "zh": "、"}  # between dates: English ones hold commas (September 13, 2023; September 12–14, 2023)
_SEP = {"en": " · ", "zh": " · "}

# Python-Markdown's backslash escapes; everything else that could become markup is an HTML entity.
_INLINE_ESCAPE = re.compile(r"([\\`*_\[\]{}#!])")
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")
# Control characters are never text, and Python-Markdown uses \x02 and \x03 as internal placeholders.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What _one_line changes besides the ends: control characters and line breaks (str.splitlines' too).
_NOT_ONE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """The text on one line, without control characters (never text, and Python-Markdown's placeholders)."""
    if _NOT_ONE_LINE.search(text) is None:  # nearly every text: one search instead of a copy per step
        return text.strip()
    return " ".join(_CONTROL.sub("", text).splitlines()).strip()


@lru_cache(maxsize=16384)  # tag labels, outlets and dates recur on every page
def escape(text: str) -> str:
    """Make text render as exactly these characters: no HTML, no emphasis, no list, no template."""
    text = _one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_ESCAPE.sub(r"\\\1", text)
    # Block syntax only counts at the start of a line, and each block is one line.
    if match := _ORDERED_LIST.match(text):
        return f"{match[1]}\\{match[2]}{text[match.end() :]}"
    if text[:1] in ("-", "+"):
        return "\\" + text
    if text[:1] == "=":
        return "&#61;" + text[1:]
    return text


def escape_html(text: str) -> str:
    """Text as HTML character data and attribute values: one line, no control characters, no markup."""
    return html.escape(_one_line(text))


def front_matter(data: dict) -> str:
    """YAML front matter MkDocs reads back exactly: what yaml.dump writes, quoted wherever it quotes."""
    return "---\n" + dump_front_matter(data) + "---\n"


@lru_cache(maxsize=4096)  # a few thousand dates, on every listing and related list that shows them
def format_date(value: PubDate, lang: PageLang) -> str:
    """'April 18, 2025' / '2025年4月18日', as precise as the date is; unknown says so."""
    if value.iso is None:
        return STRINGS["date_unknown"][lang]
    parts = value.iso.split("-")
    fields = {"year": int(parts[0])}
    if len(parts) > 1:
        fields |= {"month": int(parts[1]), "month_name": rules.MONTH_NAMES_EN[int(parts[1]) - 1]}
    if len(parts) > 2:
        fields["day"] = int(parts[2])
    return rules.DATE_FORMATS[(lang, value.precision)].format(**fields)


def _month_day(iso: str, lang: PageLang) -> str:
    month, day = int(iso[-5:-3]), int(iso[-2:])
    return f"{rules.MONTH_NAMES_EN[month - 1]} {day}" if lang == "en" else f"{month}月{day}日"


def format_event(event: EventDate, lang: PageLang) -> str:
    """'April 8–15, 2025', 'November 27 – December 1 (year not stated in the source)'."""
    start, end = event.start, event.end
    year = None if start.startswith("--") else start[:4]
    space = " " if lang == "en" else ""
    if end and year and end[:4] != year:  # across New Year: both dates in full
        span = (
            f"{_full_date(start, lang)} – {_full_date(end, lang)}"
            if lang == "en"
            else f"{_full_date(start, lang)}至{_full_date(end, lang)}"
        )
    else:
        span = _span(start, end, lang)
        if year:
            span = f"{span}, {year}" if lang == "en" else f"{year}年{span}"
    if year is None:
        return span + space + _parenthesised(STRINGS["year_unknown"][lang], lang)
    if event.year_origin == "editor":
        span += space + _parenthesised(STRINGS["year_editor"][lang], lang)
    return span


def _full_date(iso: str, lang: PageLang) -> str:
    return f"{_month_day(iso, lang)}, {iso[:4]}" if lang == "en" else f"{iso[:4]}年{_month_day(iso, lang)}"


def _span(start: str, end: str | None, lang: PageLang) -> str:
    """Month and day of a date or range within one year: 'April 8–15' / '4月8日至15日'."""
    if not end:
        return _month_day(start, lang)
    if end[-5:-3] == start[-5:-3]:
        return (
            f"{_month_day(start, lang)}–{int(end[-2:])}"
            if lang == "en"
            else f"{_month_day(start, lang)}至{int(end[-2:])}日"
        )
    return (
        f"{_month_day(start, lang)} – {_month_day(end, lang)}"
        if lang == "en"
        else f"{_month_day(start, lang)}至{_month_day(end, lang)}"
    )


def page_title(article: Article, lang: PageLang) -> str:
    """The title in this language, else the other language's, else 'Untitled article'."""
    title = article.title[lang] or article.title[rules.OTHER_LANGUAGE[lang]]
    return title.value if title else STRINGS["untitled"][lang]


def summary(article: Article, lang: PageLang) -> str:
    """The first sentence of the first paragraph shown on the page, cut to rules.SUMMARY_MAX_CHARS of the language
    it is written in: an untranslated paragraph is summed up on the other language's page as on its own."""
    paragraphs = [block for block in article.blocks if block.kind == "paragraph"]
    text, written = next((shown for block in paragraphs if (shown := _shown(block, article, lang))[0]), ("", lang))
    if written == "en" or not re.search(r"[。！？]", text):
        sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text, maxsplit=1)[0]
    else:
        sentence = re.split(r"(?<=[。！？])", text, maxsplit=1)[0]
    limit = rules.SUMMARY_MAX_CHARS[written]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _shown(block: Block, article: Article, lang: PageLang) -> tuple[str | None, PageLang]:
    """What a page in `lang` shows for a block, and in which language: its text, or, where untranslated, the
    original's."""
    if text := block.text(lang):
        return text, lang
    return block.text(article.original_lang), article.original_lang


def article_path(article: Article, lang: PageLang, hant: bool = False) -> str:
    """The page's path under docs/ (suffix layout: mkdocs-static-i18n serves zh under /zh/)."""
    return f"articles/{article.slug}{HANT_SUFFIX if hant else ''}.{lang}.md"


def outlet_name(outlet: Outlet, lang: PageLang) -> str:
    return outlet.en if lang == "en" else outlet.zh


def _named(name: str, article: Article, lang: PageLang) -> str:
    """A name as the page shows it: escaped, and marked with its language where it is not the page's (王明 on an
    English page, as the source gives it), so that a screen reader reads it in its own voice."""
    shown = escape(name)
    written = "zh" if clean.is_chinese(name) else "en"
    if written == lang:
        return shown
    code = rules.HTML_LANG["zh-Hant" if article.is_traditional else "zh"] if written == "zh" else rules.HTML_LANG["en"]
    return f'<span lang="{code}">{shown}</span>'


def _source_line(article: Article, lang: PageLang) -> str:
    """'China.org.cn; credited in the text: …', linked when the URL is known, marked where editors supplied it."""
    source, colon, semicolon = article.source, _COLON[lang], _SEMICOLON[lang]
    parts = []
    if source.publisher:
        name = _named(outlet_name(source.publisher, lang), article, lang)
        parts.append(f"[{name}](<{source.url}>)" if source.url else name)
    if source.credited and source.credited != source.publisher:
        credited = f"{STRINGS['credited'][lang]}{colon}{_named(outlet_name(source.credited, lang), article, lang)}"
        parts.append(credited[:1].upper() + credited[1:] if not parts else credited)
    if not parts:
        parts.append(STRINGS["source_unknown"][lang])
    if source.editor_supplied:
        parts.append(
            _parenthesised(f"{STRINGS['editor_supplied'][lang]}{colon}{', '.join(source.editor_supplied)}", lang)
        )
    return semicolon.join(parts)


def _parenthesised(text: str, lang: PageLang) -> str:
    return f"({text})" if lang == "en" else f"（{text}）"


def _date_line(article: Article, lang: PageLang) -> str:
    text = format_date(article.date, lang)
    if article.date.origin == "editor":
        text += (" " if lang == "en" else "") + _parenthesised(STRINGS["editor_supplied"][lang], lang)
    if article.date.note:
        text += f" {escape(article.date.note)}" if lang == "en" else escape(article.date.note)
    return text


def _status_line(article: Article, lang: PageLang) -> str:
    status = article.status[lang]
    if status == "original" and article.is_traditional and lang == "zh":
        link = href(article_path(article, lang), article_path(article, lang, hant=True))
        return f"{STRINGS['original_hant'][lang]}[{STRINGS['read_hant'][lang]}]({link})"
    if status == "original":
        return STRINGS["original_bilingual" if len(article.languages) > 1 else "original"][lang]
    if status in ("translation", "stale"):
        translator = article.translator.get(lang) or STRINGS["translators"][lang]
        if translator.casefold() in {"archive editors", "本站编辑"}:
            translator = STRINGS["translators"][lang]
        line = STRINGS["translation"][lang].format(translator=escape(translator))
        return f"{line} {STRINGS['stale'][lang]}" if status == "stale" else line
    return STRINGS["missing"][lang]


def _meta_list(article: Article, lang: PageLang, vocabulary: Vocabulary) -> list[str]:
    label = {key: STRINGS[key][lang] for key in ("published", "source", "author", "events", "language", "this_page")}
    colon = _COLON[lang]
    items = [
        f"- **{label['published']}**{colon}{_date_line(article, lang)}",
        f"- **{label['source']}**{colon}{_source_line(article, lang)}",
    ]
    if article.source.author:
        known = vocabulary.find(article.source.author)  # a person the vocabulary names in both languages
        author = known.label(lang) if known and known.kind == "person" else article.source.author
        items.append(f"- **{label['author']}**{colon}{_named(author, article, lang)}")
    if article.events:
        items.append(
            f"- **{label['events']}**{colon}{_DATES[lang].join(format_event(event, lang) for event in article.events)}"
        )
    languages = _LIST[lang].join(LANGUAGE_NAMES[lang][code] for code in article.languages)
    items.append(f"- **{label['language']}**{colon}{languages}")
    items.append(f"- **{label['this_page']}**{colon}{_status_line(article, lang)}")
    return items


def _tag_section(article: Article, lang: PageLang, vocabulary: Vocabulary) -> list[str]:
    """The article's tags grouped for readers (places, organisations, people…), each linked to its page.

    Written as HTML, like every long list of links the build makes: Python-Markdown and MkDocs spend far more
    time on a Markdown link than on a raw HTML block.
    """
    if not article.tags:
        return []
    # An article page is never under tags/: a tag page's address from it is the way up to the root, then the
    # tag page's own address, the same from every article page.
    up = up_to_root(article_path(article, lang))
    grouped: dict[str, list[str]] = {name: [] for name in rules.TAG_GROUPS}
    for tag in article.tags:  # one pass over the tags, in their order, into every group of their kind
        for name in _GROUPS_OF_KIND.get(vocabulary.tags[tag].kind, ()):
            grouped[name].append(tag)
    items = []
    for name, ids in grouped.items():
        if ids:
            links = _SEP[lang].join(_tag_link(up, tag, lang, vocabulary.tags[tag].label(lang)) for tag in ids)
            items.append(f"<li><strong>{rules.TAG_GROUPS[name][1][lang]}</strong>{_COLON[lang]}{links}</li>")
    heading = f"## {STRINGS['tags'][lang]}"
    return [heading, "", rules.RAW_HTML_MARK + '<ul class="article-tags">', *items, "</ul>", ""]


@lru_cache(maxsize=1 << 14)  # the same links on thousands of article pages
def _link(url: str, text: str) -> str:
    return f'<a href="{url}">{escape_html(text)}</a>'


@lru_cache(maxsize=1 << 14)
def _tag_link(up: str, tag_id: str, lang: PageLang, label: str) -> str:
    return _link(up + url_path(f"tags/{tag_id}.{lang}.md"), label)


def _related_section(article: Article, related: list[Article], lang: PageLang) -> list[str]:
    if not related:
        return []
    here = article_path(article, lang)
    items = [
        f"<li>{_link(href(here, article_path(other, lang)), page_title(other, lang))} — {format_date(other.date, lang)}</li>"
        for other in related
    ]
    return [f"## {STRINGS['related'][lang]}", "", rules.RAW_HTML_MARK + '<ul class="related">', *items, "</ul>", ""]


def _body(article: Article, lang: PageLang, hant: bool = False) -> list[str]:
    """The article's text as one HTML block; untranslated paragraphs carry the original's lang.

    Where both languages have a paragraph, the other language's follows it, hidden until the reader ticks the
    box above the text (CSS shows them side by side on wide screens): the bilingual view is part of the page.
    """
    other: PageLang = rules.OTHER_LANGUAGE[lang]
    rows = []
    paired = False
    for block in article.blocks:
        if block.kind == "attachment":
            continue
        text = block.hant if hant else block.text(lang)
        element = "h2" if block.kind == "heading" else "p"  # a section's heading, below the title's h1
        attrs = ' class="caption"' if block.kind == "caption" else ""
        counterpart = None if hant or text is None else block.text(other)
        if text is None:
            text = block.text(article.original_lang) or ""
            attrs += f' lang="{rules.HTML_LANG[article.original_lang]}"'
        shown = f"<{element}{attrs}>{escape_html(text)}</{element}>"
        if counterpart:
            hidden = f'<p lang="{rules.HTML_LANG[other]}" class="other-language">'
            shown = f'<div class="pair">{shown}{hidden}{escape_html(counterpart)}</p></div>'
            paired = True
        rows.append(shown)
    if paired:
        toggle = STRINGS["bilingual_view"][lang]
        rows.insert(
            0,
            f'<input type="checkbox" id="both-languages" class="both-languages"><label for="both-languages">{toggle}</label>',
        )
    opening = f'{rules.RAW_HTML_MARK}<div class="article-text">'
    lines = [opening, *rows, "</div>", ""] if rows else []
    attachments = [block for block in article.blocks if block.kind == "attachment"]
    if attachments:
        lines += [f"## {STRINGS['attachments'][lang]}", ""]
        for block in attachments:
            caption = escape(_shown(block, article, lang)[0] or block.url or "")
            lines.append(f"- [{caption}](<{block.url}>)" if block.url else f"- {caption}")
        lines.append("")
    return lines


def render_search_document(
    article: Article,
    vocabulary: Vocabulary,
    whole: frozenset[str] = frozenset(),
    names_of: dict[str, list[str]] | None = None,
) -> str:
    """What the search indexes of an article, as a small HTML document for Pagefind (build/search/, not published).

    Both languages' titles, text and tag labels, so one result per article finds either language; the filters
    (original language, year, country, city); the Chinese title and the original languages for assets/search.js;
    and a names line, weighted low: the pieces of the tags' Chinese names, each
    Han character on its own (rules.SEARCH_NAME_PIECE), which a query cut alike finds whatever the browser's and
    the indexer's dictionaries make of the name, and before them the names the index holds as one word (`whole`,
    build.names_indexed_whole), which a query keeps whole: 济南 then finds the articles tagged 济南, as one word,
    not every article with a word starting 济 and one starting 南. Seed text is escaped like every page's.
    `names_of`: search_names_of(vocabulary), when many documents are rendered with one vocabulary.

    The labels line and the names line each follow a heading with an id: Pagefind gives a result's matches in
    each part as a sub-result with its own excerpt, so assets/search.js shows the text's (a sentence around the
    match), else the labels', never the run of single characters of the names line.
    """
    names = rules.SEARCH_FILTER_NAMES
    originals = list(dict.fromkeys("en" if code == "en" else "zh" for code in article.languages))
    facets = [
        (names["language"], f"{rules.PAGE_LANGUAGE_NAMES['en'][code]} · {rules.PAGE_LANGUAGE_NAMES['zh'][code]}")
        for code in originals
    ]
    if article.date.year:
        facets.append((names["year"], str(article.date.year)))
    for kind in rules.SEARCH_FILTER_KINDS:
        facets += [
            (names[kind], f"{vocabulary[tag].en} · {vocabulary[tag].zh}")
            for tag in article.tags
            if vocabulary[tag].kind == kind
        ]
    texts = [text for block in article.blocks if block.kind != "attachment" for text in (block.en, block.zh) if text]
    labels = [vocabulary[tag].label(lang) for tag in article.tags for lang in rules.PAGE_LANGUAGES]
    # Each piece once: a query's pieces must all be in a document, in any order, so repeats add nothing but index
    # size and Pagefind's memory while indexing (this line, with every name listed, was a third of that memory).
    names_of = names_of or search_names_of(vocabulary)
    tag_names = sorted({name for tag in article.tags for name in names_of[tag]})
    pieces = dict.fromkeys(
        [name for name in tag_names if name in whole] + [piece for name in tag_names for piece in _name_pieces(name)]
    )
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{rules.HTML_LANG[article.original_lang]}"><head><meta charset="utf-8"><title>{escape_html(article.slug)}</title></head><body>',
        f'<h1 data-pagefind-meta="title">{escape_html(page_title(article, "en"))}</h1>',
        f"<div data-pagefind-body><p>{escape_html(page_title(article, 'zh'))}</p>",
        *(f"<p>{escape_html(text)}</p>" for text in texts),
        f'<h2 id="{rules.SEARCH_LABELS_ID}">·</h2>',
        f"<p>{escape_html(' · '.join(labels))}</p>",
        f'<h2 id="{rules.SEARCH_NAMES_ID}">·</h2>',
        f'<p data-pagefind-weight="0.5">{escape_html(" ".join(pieces))}</p></div>',
        *(f'<span data-pagefind-filter="{escape_html(name)}">{escape_html(value)}</span>' for name, value in facets),
        f'<span data-pagefind-meta="title_zh">{escape_html(page_title(article, "zh"))}</span>',
        f'<span data-pagefind-meta="original">{" ".join(originals)}</span>',
        "</body></html>",
    ]
    return "\n".join(lines) + "\n"


def search_names_of(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Each tag's Chinese names (chinese_names) by tag id: found once, not once per article tagged."""
    return {tag_id: chinese_names(tag) for tag_id, tag in vocabulary.tags.items()}


@lru_cache(maxsize=1 << 12)  # the vocabulary's names, on every search document
def _name_pieces(name: str) -> tuple[str, ...]:
    """A name cut as a search document's names line has it: each Han character alone (rules.SEARCH_NAME_PIECE)."""
    return tuple(rules.SEARCH_NAME_PIECE.findall(name))


def vocabulary_chinese_names(vocabulary: Vocabulary) -> set[str]:
    """Every Chinese name of the vocabulary's named things (chinese_names of each tag)."""
    return {name for tag in vocabulary.tags.values() for name in chinese_names(tag)}


def chinese_names(tag: Tag) -> list[str]:
    """Every Chinese name of a named thing (a place, body or person; not a topic), Simplified and Traditional."""
    if tag.kind in rules.SEARCH_UNNAMED_KINDS:
        return []
    names = (*tag.names("zh-Hans"), *tag.names("zh-Hant"))
    return [name for name in names if rules.HAN.search(name)]


def _page_front_matter(article: Article, lang: PageLang, vocabulary: Vocabulary, hant: bool = False) -> dict:
    source = article.source
    title = article.hant_title if hant and article.hant_title else page_title(article, lang)
    text = summary(article, lang)
    # MkDocs and Material print `title` and `description` into HTML unescaped (they hold HTML by convention),
    # so those two are written HTML-escaped; every other field is plain text for our own listings and feeds.
    return {
        "title": html.escape(title),
        "summary": text,
        "description": html.escape(text),
        "slug": article.slug,
        "lang": rules.HTML_LANG["zh-Hant" if hant else lang],
        "date": article.date.iso,
        "date_precision": article.date.precision,
        "date_origin": article.date.origin,
        "title_origin": (article.title[lang].origin if article.title[lang] else None),
        "tags": [vocabulary[tag].label(lang) for tag in article.tags],
        "tag_ids": list(article.tags),
        "source": {
            "publisher": outlet_name(source.publisher, lang) if source.publisher else None,
            "credited": outlet_name(source.credited, lang) if source.credited else None,
            "url": source.url,
            "author": source.author,
            "editor_supplied": list(source.editor_supplied),
        },
        "original_language": list(article.languages),
        "translation": "original" if hant else article.status[lang],
        "seed": article.seed,
    }


def render_article(
    article: Article,
    lang: PageLang,
    vocabulary: Vocabulary,
    hant: bool = False,
    related: list[Article] | None = None,
    site_url: str = "http://127.0.0.1:8000/",
) -> str:
    """One language's page of an article (or, with hant, its Traditional original) as Markdown."""
    meta = _page_front_matter(article, lang, vocabulary, hant)
    meta.update(_head_front_matter(article, lang, vocabulary, hant, site_url, meta))
    heading = article.hant_title if hant and article.hant_title else page_title(article, lang)
    lines = [front_matter(meta), f"# {escape(heading)}", ""]
    title = article.title[lang]
    if title and title.origin == "editor":
        lines += [STRINGS["title_editor"][lang], "{: .title-note }", ""]
    elif title and title.origin == "translation":
        lines += [STRINGS["title_translation"][lang], "{: .title-note }", ""]
    subtitle = article.subtitle[lang] or article.subtitle[rules.OTHER_LANGUAGE[lang]]
    if subtitle:
        lines += [escape(subtitle.value), "{: .subtitle }", ""]
    if not hant:
        lines += [*_meta_list(article, lang, vocabulary), ""]
    if article.notes.get(lang):
        lines += [
            f"**{STRINGS['editor_note'][lang]}**{_COLON[lang]}{escape(article.notes[lang])}",
            "{: .editor-note }",
            "",
        ]
    lines += _body(article, lang, hant)
    if not hant:
        lines += _tag_section(article, lang, vocabulary) + _related_section(article, related or [], lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def _head_front_matter(
    article: Article, lang: PageLang, vocabulary: Vocabulary, hant: bool, site_url: str, meta: dict
) -> dict:
    """The <head> additions, sitemap date and language links for one article page."""
    urls = {code: page_url(site_url, article_path(article, code), code) for code in rules.PAGE_LANGUAGES}
    publisher = article.source.publisher or article.source.credited
    head = article_head(
        article,
        lang,
        site_url,
        urls,
        title=page_title(article, lang),
        description=meta["summary"],
        tag_labels=[vocabulary[tag].label(lang) for tag in article.tags],
        publisher=outlet_name(publisher, lang) if publisher else None,
    )
    extra = {"head_html": head, "lastmod": article.date.iso}
    if hant:  # the Traditional original exists in Chinese only: its language links lead to the article itself
        extra["alternates"] = dict(urls)
    return extra


def sort_newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest first; a partial date sorts as its earliest day; unknown dates last, then by slug."""
    return sorted(articles, key=lambda a: (a.date.iso is None, _negated(a.date.iso or ""), a.slug))


@cache  # a few thousand dates, sorted again for every listing they are in
def _negated(iso: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in iso.split("-")) if iso else ()
