"""The bilingual tag vocabulary: load and check seeds/tags.yml, and find its tags in article text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import rules
from .model import Problem
from .patterns import trie_pattern
from .read import read_yaml

# Where each kind stands in rules.TAG_KINDS, which orders an article's tags.
_KIND_ORDER = {kind: position for position, kind in enumerate(rules.TAG_KINDS)}


@dataclass(frozen=True)
class Tag:
    """A canonical tag: stable id, kind, a label per page language and the names it goes by."""

    id: str
    kind: str
    en: str
    zh: str
    aliases: dict[str, tuple[str, ...]]
    parent: str | None = None
    line: int = 0

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def names(self, script: str) -> tuple[str, ...]:
        """Every surface form of the tag in one script ('en', 'zh-Hans' or 'zh-Hant')."""
        label = {"en": (self.en,), "zh-Hans": (self.zh,)}.get(script, ())
        return (*label, *self.aliases.get(script, ()))


@dataclass(frozen=True)
class Vocabulary:
    """All tags by id, in file order, with one matcher per script."""

    tags: dict[str, Tag]
    rel: str

    def __contains__(self, tag_id: object) -> bool:
        return tag_id in self.tags

    def __getitem__(self, tag_id: str) -> Tag:
        return self.tags[tag_id]

    def sort_key(self, tag_id: str) -> tuple[int, str]:
        """Order tags by kind (as rules.TAG_KINDS lists them), then by English label."""
        return self._sort_keys[tag_id]

    @cached_property
    def _sort_keys(self) -> dict[str, tuple[int, str]]:
        return {tag.id: (_KIND_ORDER[tag.kind], tag.en.casefold()) for tag in self.tags.values()}

    def find(self, name: str) -> Tag | None:
        """The tag whose label or alias is exactly this name, in any script."""
        return self._by_name.get(name.casefold())

    @cached_property
    def _by_name(self) -> dict[str, Tag]:
        names: dict[str, Tag] = {}
        for tag in self.tags.values():
            for script in rules.TAG_ALIAS_LANGUAGES:
                for name in tag.names(script):
                    names.setdefault(name.casefold(), tag)
        return names

    @cached_property
    def _matchers(self) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
        """One pattern per script matching the longest name first, so '首尔市江南区' wins over '首尔'."""
        matchers = {}
        for script in rules.TAG_ALIAS_LANGUAGES:
            owner = {
                name: tag.id
                for tag in self.tags.values()
                if tag.kind not in rules.TAG_KINDS_NOT_MATCHED
                for name in tag.names(script)
            }
            alternation = trie_pattern(owner) or r"(?!)"
            # English names match as whole words; Chinese has no spaces, so names match anywhere.
            pattern = rf"(?<![A-Za-z0-9])(?:{alternation})(?![A-Za-z0-9])" if script == "en" else alternation
            matchers[script] = (re.compile(pattern), owner)
        return matchers

    def match(self, text: str, script: str) -> set[str]:
        """Ids of the tags whose names occur in the text (non-overlapping, longest first)."""
        pattern, owner = self._matchers[script]
        return {owner[found] for found in pattern.findall(text)}


def load_vocabulary(path: Path, rel: str) -> tuple[Vocabulary, list[Problem]]:
    """Read the vocabulary and report every malformed or conflicting entry."""
    if not path.is_file():
        return Vocabulary({}, rel), [Problem(rel, 1, f"vocabulary must exist, no file at {rel!r}")]
    doc, problems = read_yaml(path, rel, what="vocabulary")
    if doc is None:
        return Vocabulary({}, rel), problems
    if not isinstance(doc.data, list):
        return Vocabulary({}, rel), [Problem(rel, 1, "vocabulary must be a list of tags, got a mapping or scalar")]
    tags: dict[str, Tag] = {}
    for index, entry in enumerate(doc.data):
        line = doc.lines.get((index,), 1)
        entry_problems = list(_check_entry(entry, index, doc.lines, rel))
        problems.extend(entry_problems)
        if entry_problems:
            continue
        if entry["id"] in tags:
            problems.append(
                Problem(rel, line, f"tag id must be unique, {entry['id']!r} is also on line {tags[entry['id']].line}")
            )
            continue
        aliases = {script: tuple(names) for script, names in (entry.get("aliases") or {}).items()}
        tags[entry["id"]] = Tag(
            entry["id"], entry["kind"], entry["en"], entry["zh"], aliases, entry.get("parent"), line
        )
    vocabulary = Vocabulary(tags, rel)
    problems.extend(_check_references(vocabulary))
    return vocabulary, problems


def _check_entry(entry: object, index: int, lines: dict, rel: str) -> Iterator[Problem]:
    line = lines.get((index,), 1)
    if not isinstance(entry, dict):
        yield Problem(rel, line, f"tag must be a mapping with id, kind, en and zh, got {entry!r}")
        return
    for key in entry:
        if key not in rules.TAG_KEYS:
            yield Problem(
                rel,
                lines.get((index, key), line),
                f"tag key must be one of {', '.join(sorted(rules.TAG_KEYS))}, got {key!r}",
            )
    for key in ("id", "kind", "en", "zh"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            yield Problem(rel, line, f"tag must have a non-empty {key!r}, got {entry.get(key)!r}")
    if isinstance(entry.get("id"), str) and not rules.TAG_ID.match(entry["id"]):
        yield Problem(
            rel,
            lines.get((index, "id"), line),
            f"tag id must be lowercase ASCII words joined by hyphens, got {entry['id']!r}",
        )
    if isinstance(entry.get("kind"), str) and entry["kind"] not in rules.TAG_KINDS:
        yield Problem(
            rel,
            lines.get((index, "kind"), line),
            f"tag kind must be one of {', '.join(rules.TAG_KINDS)}, got {entry['kind']!r}",
        )
    aliases = entry.get("aliases") or {}
    if not isinstance(aliases, dict):
        yield Problem(
            rel,
            lines.get((index, "aliases"), line),
            f"tag aliases must map en, zh-Hans, zh-Hant to lists, got {aliases!r}",
        )
        return
    for script, names in aliases.items():
        where = lines.get((index, "aliases", script), line)
        if script not in rules.TAG_ALIAS_LANGUAGES:
            yield Problem(rel, where, f"alias language must be one of en, zh-Hans, zh-Hant, got {script!r}")
        elif not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
            yield Problem(rel, where, f"aliases must be a list of non-empty names, got {names!r}")


def _check_references(vocabulary: Vocabulary) -> Iterator[Problem]:
    """Parents must exist, and no name may belong to two tags (a match would be ambiguous)."""
    owners: dict[tuple[str, str], str] = {}
    for tag in vocabulary.tags.values():
        if tag.parent and tag.parent not in vocabulary:
            yield Problem(vocabulary.rel, tag.line, f"tag parent must be a tag id, got {tag.parent!r}")
        for script in sorted(rules.TAG_ALIAS_LANGUAGES):
            for name in tag.names(script):
                other = owners.setdefault((script, name), tag.id)
                if other != tag.id:
                    yield Problem(
                        vocabulary.rel,
                        tag.line,
                        f"tag name must belong to one tag, {name!r} is also a name of {other!r}",
                    )
