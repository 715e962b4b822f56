"""The article model: what the archive knows about one article, independent of files and of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PageLang = Literal["en", "zh"]
Origin = Literal["source", "editor", "translation"]
Precision = Literal["day", "month", "year", "unknown"]
# stale: a translation of an earlier version of the original (its source_hash no longer matches).
Status = Literal["original", "translation", "stale", "missing"]
BlockKind = Literal["paragraph", "heading", "caption", "attachment"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at a line of a file (paths relative to the repository root)."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass(frozen=True)
class Line:
    """A non-blank line of an input file, stripped, with its 1-based line number."""

    number: int
    text: str


@dataclass(frozen=True)
class Text:
    """A piece of text in one language and who wrote it: the source, the editors, or a translator."""

    value: str
    origin: Origin


@dataclass(frozen=True)
class PubDate:
    """A publication date as precise as the input allows; `iso` is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""

    iso: str | None = None
    precision: Precision = "unknown"
    origin: Origin | None = None
    note: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.iso[:4]) if self.iso else None


@dataclass(frozen=True)
class EventDate:
    """An event date as the text states it, resolved to ISO where the year is known."""

    stated: str
    start: str | None
    end: str | None
    year_origin: Origin | None  # who supplied the year: the text itself, or the editors; None: unknown


@dataclass(frozen=True)
class Outlet:
    """A news outlet or publisher, named in both languages where the vocabulary knows it."""

    en: str
    zh: str
    tag: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the text comes from: who published this copy, whom it credits, and where to read it."""

    publisher: Outlet | None = None
    credited: Outlet | None = None
    url: str | None = None
    author: str | None = None
    editor_supplied: tuple[str, ...] = ()  # which of the fields above editors supplied


@dataclass(frozen=True)
class Block:
    """One paragraph, caption or attachment, aligned across languages (None: no text in that language)."""

    kind: BlockKind
    en: str | None
    zh: str | None
    line: int
    hant: str | None = None  # the Traditional Chinese original, where the source was Traditional
    url: str | None = None  # attachments only

    def text(self, lang: PageLang) -> str | None:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Article:
    """A parsed, cleaned, tagged article, ready to render in both languages."""

    stem: str
    seed: str  # path of the raw seed, relative to the repository root
    slug: str
    title: dict[PageLang, Text | None]
    subtitle: dict[PageLang, Text | None]
    date: PubDate
    events: tuple[EventDate, ...]
    source: Source
    languages: tuple[str, ...]  # source languages in order of appearance: 'en', 'zh-Hans', 'zh-Hant'
    status: dict[PageLang, Status]
    blocks: tuple[Block, ...]
    tags: tuple[str, ...]
    hant_title: str | None = None
    translator: dict[PageLang, str | None] = field(default_factory=dict)
    notes: dict[PageLang, str | None] = field(default_factory=dict)

    @property
    def original_lang(self) -> PageLang:
        """The page language of the (first) original text."""
        return "en" if self.languages[0] == "en" else "zh"

    @property
    def is_traditional(self) -> bool:
        return "zh-Hant" in self.languages
