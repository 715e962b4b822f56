"""Assemble an article from its layers: what the seed says, then the editors' metadata and translations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest
from typing import Any

from . import clean, rules
from .model import Article, Block, EventDate, Outlet, PageLang, Problem, PubDate, Source, Text
from .parse import ParsedSeed, Piece, is_before, resolve_event_year, valid_date
from .read import TranslationFile, Yaml, check_keys
from .tags import Vocabulary

_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


@dataclass(frozen=True)
class Inputs:
    """One article's input files, already read: the parsed seed, its metadata and its translations."""

    stem: str
    seed: ParsedSeed
    meta: Yaml | None
    meta_rel: str
    translations: dict[PageLang, TranslationFile]
    seed_hash: str = ""  # source_hash of the seed as it is now


def assemble(inputs: Inputs, vocabulary: Vocabulary) -> tuple[Article | None, list[Problem]]:
    """Layer metadata over the seed; return the article and every problem found on the way."""
    seed, meta = inputs.seed, _meta_data(inputs)
    problems = list(seed.problems)
    if "date" not in meta:
        problems += seed.date_problems
    if inputs.meta is not None:
        problems += check_keys(inputs.meta, rules.META_KEYS, inputs.meta_rel, "metadata")
        problems += check_meta_shapes(inputs)
    if not seed.pieces:
        return None, problems
    originals = {piece.lang for piece in seed.pieces}  # the body's languages; a headline alone is not a version
    blocks, block_problems = _blocks(inputs, originals)
    problems += block_problems
    titles, subtitles = _titles(inputs, meta, originals)
    date_value, date_problems = _publication_date(inputs, meta)
    problems += date_problems
    source, source_problems = _source(inputs, meta, vocabulary)
    problems += source_problems
    tags, tag_problems = _tags(inputs, meta, vocabulary, blocks, titles)
    problems += tag_problems
    slug, slug_problems = _slug(inputs, meta, titles)
    problems += slug_problems
    status, status_problems = _status(inputs, originals)
    problems += status_problems
    events, event_problems = _events(inputs, meta, date_value)
    problems += event_problems
    article = Article(
        stem=inputs.stem,
        seed=seed.rel,
        slug=slug,
        title=titles,
        subtitle=subtitles,
        date=date_value,
        events=events,
        source=source,
        languages=seed.languages,
        status=status,  # type: ignore[arg-type]
        blocks=blocks,
        tags=tags,
        hant_title=_hant_title(seed),
        translator={lang: _header(inputs, lang, "translator") for lang in rules.PAGE_LANGUAGES},
        notes={lang: (meta.get("notes") or {}).get(lang) for lang in rules.PAGE_LANGUAGES},
    )
    return article, problems


def _status(inputs: Inputs, originals: set[str]) -> tuple[dict[PageLang, str], list[Problem]]:
    """Each language: the original, a translation, a stale translation (the original changed since), or missing."""
    status: dict[PageLang, str] = {}
    problems = []
    for lang in rules.PAGE_LANGUAGES:
        translation = inputs.translations.get(lang)
        if lang in originals:
            status[lang] = "original"
        elif translation is None:
            status[lang] = "missing"
        else:
            recorded = _header(inputs, lang, "source_hash")
            line = translation.header.lines.get(("source_hash",), 1)
            well_formed = isinstance(translation.header.data, dict) and translation.blocks
            if recorded is None:
                if well_formed:  # a broken header or body is reported already
                    message = f"translation should record the original it translates, add 'source_hash: {inputs.seed_hash}' to its header"
                    problems.append(Problem(translation.rel, 1, message, warning=True))
            elif not rules.SOURCE_HASH.match(recorded):
                problems.append(
                    Problem(translation.rel, line, f"source_hash must be 'sha256:' and 16 hex digits, got {recorded!r}")
                )
            elif recorded != inputs.seed_hash:
                message = f"translation is stale: {inputs.seed.rel} changed since it was translated (now {inputs.seed_hash}, translated {recorded})"
                problems.append(Problem(translation.rel, line, message, warning=True))
            status[lang] = "stale" if recorded and recorded != inputs.seed_hash else "translation"
    return status, problems


def _meta_data(inputs: Inputs) -> dict[str, Any]:
    """The metadata values of the right shape; check_meta_shapes reports the others."""
    data = inputs.meta.data if inputs.meta is not None else None
    if not isinstance(data, dict):
        return {}
    return {
        key: value
        for key, value in data.items()
        if key in rules.META_SHAPES and _shape_ok(value, rules.META_SHAPES[key])
    }


def _shape_ok(value: Any, shape: str) -> bool:
    if shape == "text":
        return isinstance(value, str | int) and not isinstance(value, bool)
    if shape == "year":
        return isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999
    if shape in ("source", "tag_edits"):
        return isinstance(value, dict)
    return (
        isinstance(value, dict) and set(value) <= {"en", "zh"} and all(isinstance(text, str) for text in value.values())
    )


def _leaves(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every scalar in nested metadata with the key path that leads to it."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def check_meta_shapes(inputs: Inputs) -> Iterator[Problem]:
    """Every metadata value of the wrong shape, at its line: never a crash, never a value silently lost."""
    data = inputs.meta.data if inputs.meta is not None else None
    if not isinstance(data, dict):
        return
    for key, shape in rules.META_SHAPES.items():
        if key in data and not _shape_ok(data[key], shape):
            message = f"{key} must be {rules.META_SHAPE_NAMES[shape]}, got {data[key]!r}"
            yield Problem(inputs.meta_rel, _meta_line(inputs, key), message)
    for path, value in _leaves(data, ()):
        if isinstance(value, str) and rules.PLACEHOLDER.match(value):
            name = ".".join(str(part) for part in path)
            yield Problem(
                inputs.meta_rel,
                _meta_line(inputs, *path),
                f"{name} must be replaced or deleted, it is still the placeholder {value!r}",
            )
    source = data.get("source")
    for field_name in ("publisher", "credited", "url"):
        if isinstance(source, dict) and field_name in source and not isinstance(source[field_name], str):
            message = f"source {field_name} must be {rules.META_SHAPE_NAMES['text']}, got {source[field_name]!r}"
            yield Problem(inputs.meta_rel, _meta_line(inputs, "source", field_name), message)


def _meta_line(inputs: Inputs, *path: Any) -> int:
    return inputs.meta.lines.get(path, 1) if inputs.meta is not None else 1


def _header(inputs: Inputs, lang: str, key: str) -> str | None:
    translation = inputs.translations.get(lang)  # type: ignore[call-overload]
    if translation is None or not isinstance(translation.header.data, dict):
        return None
    value = translation.header.data.get(key)
    return str(value).strip() if value is not None else None


def _blocks(inputs: Inputs, originals: set[str]) -> tuple[tuple[Block, ...], list[Problem]]:
    """Pair the two languages block by block: from a bilingual seed, or from the seed and its translation."""
    seed = inputs.seed
    by_lang = {lang: [piece for piece in seed.pieces if piece.lang == lang] for lang in rules.PAGE_LANGUAGES}
    problems: list[Problem] = []
    if len(originals) == 2:
        en, zh = by_lang["en"], by_lang["zh"]
        if len(en) != len(zh):
            problems.append(
                Problem(
                    seed.rel,
                    max(piece.line for piece in en + zh),
                    f"bilingual seed must pair every English paragraph with a Chinese one, {len(en)} English and {len(zh)} Chinese",
                )
            )
        pairs = zip_longest(en, zh)
        return tuple(_block(first or second, first, second) for first, second in pairs), problems
    (original_lang,) = originals
    other = rules.OTHER_LANGUAGE[original_lang]
    pieces = by_lang[original_lang]
    translation = inputs.translations.get(other)  # type: ignore[call-overload]
    if translation is None:
        return tuple(
            _block(piece, piece if original_lang == "en" else None, piece if original_lang == "zh" else None)
            for piece in pieces
        ), problems
    # A translated block takes the kind (paragraph, caption) of the original block it stands beside.
    kinds = [piece.kind for piece in pieces]
    translated = [
        Piece(kinds[min(index, len(kinds) - 1)], other, _clean_as(other, line.text), line.number)
        for index, line in enumerate(translation.blocks)
    ]
    if len(translation.blocks) != len(pieces):
        last = translation.blocks[-1].number if translation.blocks else 1
        problems.append(
            Problem(
                translation.rel,
                last,
                f"translation should have one paragraph per original paragraph ({len(pieces)} in {seed.rel}), got {len(translation.blocks)}",
                warning=True,
            )
        )
    blocks = []
    for original, version in zip_longest(pieces, translated):
        en, zh = (original, version) if original_lang == "en" else (version, original)
        blocks.append(_block(original or version, en, zh))
    return tuple(blocks), problems


def _clean_as(lang: str, text: str) -> str:
    return clean.clean_chinese(text) if lang == "zh" else clean.clean_english(text)


def _block(shape: Piece, en: Piece | None, zh: Piece | None) -> Block:
    return Block(
        kind=shape.kind,  # type: ignore[arg-type]
        en=en.text if en else None,
        zh=zh.text if zh else None,
        line=shape.line,
        hant=zh.hant if zh else None,
        url=shape.url,
    )


def _titles(
    inputs: Inputs, meta: dict[str, Any], originals: set[str]
) -> tuple[dict[PageLang, Text | None], dict[PageLang, Text | None]]:
    """Title and subtitle per language: the source's, else a translation's, else the editors'."""
    source_has_title = bool(inputs.seed.headings)
    titles: dict[PageLang, Text | None] = {}
    subtitles: dict[PageLang, Text | None] = {}
    editor_titles = meta.get("title") if isinstance(meta.get("title"), dict) else {}
    for lang in rules.PAGE_LANGUAGES:
        headings = inputs.seed.headings.get(lang, [])
        title = Text(headings[0].text, "source") if headings else None
        subtitle = Text(headings[1].text, "source") if len(headings) > 1 else None
        if title is None and (translated := _header(inputs, lang, "title")):
            title = Text(_clean_as(lang, translated), "translation")
        if subtitle is None and (translated := _header(inputs, lang, "subtitle")):
            subtitle = Text(_clean_as(lang, translated), "translation")
        if isinstance(editor_titles.get(lang), str) and editor_titles[lang].strip():
            # A title in the metadata translates the source's title, or, where the source has none, is the editors' own.
            origin = "translation" if source_has_title and title is None else "editor"
            title = Text(_clean_as(lang, editor_titles[lang]), origin)
        titles[lang], subtitles[lang] = title, subtitle
    return titles, subtitles


def _hant_title(seed: ParsedSeed) -> str | None:
    headings = seed.headings.get("zh", [])
    return headings[0].hant if headings else None


def _publication_date(inputs: Inputs, meta: dict[str, Any]) -> tuple[PubDate, list[Problem]]:
    """The editors' date wins over the seed's; a seed without one has an unknown date."""
    note = meta.get("date_note")
    if "date" in meta:
        value = str(meta["date"]).strip()
        line = _meta_line(inputs, "date")
        match = rules.EDITOR_DATE.match(value)
        if not match:
            return PubDate(), [
                Problem(inputs.meta_rel, line, f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
            ]
        year, month, day = (int(part) if part else None for part in match.groups())
        if year < 1 or (month is not None and not valid_date(year, month, 1 if day is None else day)):
            return PubDate(), [Problem(inputs.meta_rel, line, f"date must be a real calendar date, {value!r}")]
        precision = "day" if day is not None else "month" if month is not None else "year"
        return PubDate(value, precision, "editor", note), []  # type: ignore[arg-type]
    if inputs.seed.published:
        return PubDate(inputs.seed.published.iso, "day", "source", note), []
    return PubDate(note=note), []


def _events(inputs: Inputs, meta: dict[str, Any], published: PubDate) -> tuple[tuple[EventDate, ...], list[Problem]]:
    """Give year-less event dates the editors' event year, or the publication year when the date fits in it. A
    year that makes a date impossible (2月29日 in 2023) is not given: the date stays without one, and an editors'
    year that does so is an error."""
    events, problems = [], []
    editor_year = meta.get("event_year")
    for event in inputs.seed.events:
        resolved = None
        if event.year_origin is None and isinstance(editor_year, int):
            resolved = resolve_event_year(event, editor_year, "editor")
            if resolved is None:
                problems.append(
                    Problem(
                        inputs.meta_rel,
                        _meta_line(inputs, "event_year"),
                        f"event_year must make the text's dates real, {editor_year} makes {event.stated!r} impossible",
                    )
                )
        elif event.year_origin is None and published.precision == "day" and published.origin == "source":
            pub = date.fromisoformat(published.iso)  # type: ignore[arg-type]
            if is_before(event, pub):
                resolved = resolve_event_year(event, pub.year, "source")
        events.append(resolved or event)
    return tuple(events), problems


def _outlet(name: str | None, vocabulary: Vocabulary) -> Outlet | None:
    if not name:
        return None
    tag = vocabulary.find(name)
    return Outlet(tag.en, tag.zh, tag.id) if tag else Outlet(name, name)


def _source(inputs: Inputs, meta: dict[str, Any], vocabulary: Vocabulary) -> tuple[Source, list[Problem]]:
    """Publisher, credited source, author and URL; fields from the metadata are marked editor-supplied."""
    seed, problems = inputs.seed, []
    publisher = _outlet(seed.publisher, vocabulary)
    credited_name = seed.credited.get("en") or seed.credited.get("zh")
    credited = _outlet(credited_name, vocabulary)
    for name in (seed.publisher, *seed.credited.values()):
        if name and vocabulary.find(name) is None:
            problems.append(
                Problem(
                    seed.rel,
                    seed.outlet_lines.get(name, 1),
                    f"source outlet should be in {vocabulary.rel} (kind media) so both languages name it, got {name!r}",
                    warning=True,
                )
            )
    url, supplied = None, []
    given = meta.get("source") if isinstance(meta.get("source"), dict) else {}
    if inputs.meta is not None and "source" in meta:
        problems += check_keys(
            Yaml(given, {k[1:]: v for k, v in inputs.meta.lines.items() if k[:1] == ("source",)}),
            rules.META_SOURCE_KEYS,
            inputs.meta_rel,
            "source",
        )
    for field_name in ("publisher", "credited"):
        if isinstance(given.get(field_name), str):
            tag_id = given[field_name]
            if tag_id not in vocabulary:
                problems.append(
                    Problem(
                        inputs.meta_rel,
                        _meta_line(inputs, "source", field_name),
                        f"source {field_name} must be a tag id from {vocabulary.rel}, got {tag_id!r}",
                    )
                )
                continue
            tag = vocabulary[tag_id]
            outlet = Outlet(tag.en, tag.zh, tag.id)
            publisher, credited = (outlet, credited) if field_name == "publisher" else (publisher, outlet)
            supplied.append(field_name)
    if isinstance(given.get("url"), str):
        if _URL.match(given["url"]):
            url = given["url"]
            supplied.append("url")
        else:
            problems.append(
                Problem(
                    inputs.meta_rel,
                    _meta_line(inputs, "source", "url"),
                    f"source url must be an http(s) address, got {given['url']!r}",
                )
            )
    return Source(publisher, credited, url, seed.author, tuple(supplied)), problems


def _tags(
    inputs: Inputs, meta: dict[str, Any], vocabulary: Vocabulary, blocks: tuple[Block, ...], titles: dict
) -> tuple[tuple[str, ...], list[Problem]]:
    """Tags found in both language versions, plus the editors' additions, minus their removals."""
    en_text = "\n".join(filter(None, [*(b.en for b in blocks), titles["en"] and titles["en"].value]))
    zh_text = "\n".join(filter(None, [*(b.zh for b in blocks), titles["zh"] and titles["zh"].value]))
    hant_text = "\n".join(filter(None, (b.hant for b in blocks)))
    found = (
        vocabulary.match(en_text, "en") | vocabulary.match(zh_text, "zh-Hans") | vocabulary.match(hant_text, "zh-Hant")
    )
    problems: list[Problem] = []
    edits = meta.get("tags") or {}  # its shape is checked by check_meta_shapes
    for action in ("add", "remove"):
        ids = edits.get(action) or []
        for index, tag_id in enumerate(ids if isinstance(ids, list) else [ids]):
            if not isinstance(tag_id, str) or tag_id not in vocabulary:
                path = ("tags", action, index) if isinstance(ids, list) else ("tags", action)
                line = _meta_line(inputs, *path)
                problems.append(
                    Problem(inputs.meta_rel, line, f"tag must be an id from {vocabulary.rel}, got {tag_id!r}")
                )
            elif action == "add":
                found.add(tag_id)
            else:
                found.discard(tag_id)
    return _sorted(found, vocabulary), problems


def _sorted(ids: set[str], vocabulary: Vocabulary) -> tuple[str, ...]:
    return tuple(sorted(ids, key=vocabulary.sort_key))


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, at most rules.SLUG_MAX_WORDS of them."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[: rules.SLUG_MAX_WORDS])


def _slug(inputs: Inputs, meta: dict[str, Any], titles: dict[PageLang, Text | None]) -> tuple[str, list[Problem]]:
    """The editors' slug, else one made from the English title, else the seed's file name."""
    if "slug" in meta:
        slug = str(meta["slug"])
        if rules.PLACEHOLDER.match(slug):
            return inputs.stem, []  # reported once, as a placeholder, by check_meta_shapes
        if not rules.SLUG.match(slug):
            return inputs.stem, [
                Problem(
                    inputs.meta_rel,
                    _meta_line(inputs, "slug"),
                    f"slug must be lowercase ASCII words joined by hyphens, got {slug!r}",
                )
            ]
        return slug, []
    english = titles["en"]
    return (slugify(english.value) if english else "") or inputs.stem.replace("_", "-").lower(), []


def slug_location(inputs: Inputs) -> tuple[str, int]:
    """Where an article's slug comes from: the metadata's slug line, else the seed's English title line."""
    if inputs.meta is not None and ("slug",) in inputs.meta.lines:
        return inputs.meta_rel, inputs.meta.lines[("slug",)]
    headings = inputs.seed.headings.get("en")
    return inputs.seed.rel, headings[0].line if headings else 1


def check_unique_slugs(articles: list[Article], locations: dict[str, tuple[str, int]]) -> Iterator[Problem]:
    """Two articles must never share a page address; the later one is reported where its slug comes from."""
    seen: dict[str, Article] = {}
    for article in articles:
        if article.slug in seen:
            rel, line = locations[article.stem]
            yield Problem(rel, line, f"slug must be unique, {article.slug!r} is also used by {seen[article.slug].seed}")
        else:
            seen[article.slug] = article
