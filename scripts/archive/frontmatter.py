"""Write front matter as yaml.dump does, byte for byte, without paying PyYAML's representer for every value.

yaml.dump spent a fifth of the build in its Python representer and resolver, walking ~50 values per
page. Most of them are short strings YAML reads back as themselves without quotes, so those lines are
written here; every other entry (quotes, ': ', ' #', line breaks, control characters, lines long enough
for the emitter to fold, such as head_html) is still written by PyYAML, one entry at a time, in the
same place and at the same indentation. tests/test_properties.py checks the output equals yaml.dump's
and that yaml.safe_load and MkDocs read it back as the same data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

# libyaml's emitter when PyYAML has it (same output, many times faster); the pure-Python one otherwise.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
WIDTH = 1000  # the emitter folds a line at a space past this column
SHORT = 80  # strings up to this long are remembered once written (labels, ids, dates)
# Strings made only of characters both emitters write as they are: printable, in the Basic Multilingual
# Plane (libyaml escapes the others), none that YAML counts as a line break (U+0085, U+2028, U+2029), no
# tab, no byte order mark. Such a string is written plain or in single quotes.
_PRINTABLE = re.compile(r"[\x20-\x7e\xa1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
# What keeps a printable string from being plain (the emitters' indicator rules): '---' or '...' first, an
# indicator first, '-', '?' or ':' first and alone or before a space, ': ' or ' #' inside, ':' or a space last.
# (The start as a pattern, the rest as string tests: one pattern with all three had re try it at every character.)
_NOT_PLAIN_START = re.compile(r"---|\.\.\.|[#,\[\]{}&*!|>'\"%@` ]|[-?:](?: |$)")
# A space the emitter may turn into a line break past WIDTH: one alone, neither first nor last.
_BREAKABLE = re.compile(r"(?<=[^ ]) (?=[^ ])")
# Values that hold no list or dict.
_LEAF_TYPES = frozenset({str, int, float, bool, type(None)})
# First character → the patterns that would read a plain string as a bool, number, null, date…
_RESOLVERS = DUMPER.yaml_implicit_resolvers


def dump_front_matter(data: dict[str, Any]) -> str:
    """The YAML yaml.dump(data, allow_unicode=True, sort_keys=True, width=WIDTH) gives, keys sorted."""
    if not data or not all(isinstance(key, str) for key in data) or _shares_containers(data):
        return _dump(data)
    return "".join(_entry(key, data[key], 0) for key in sorted(data))


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=True, width=WIDTH)


def _entry(key: str, value: Any, indent: int) -> str:
    """One 'key: value' of a block mapping at `indent`, with what it holds."""
    pad = " " * indent
    if not _simple_key(key):
        return _fallback(key, value, indent)
    if (scalar := _scalar(value, indent + len(key) + 2, indent + 2)) is not None:
        return f"{pad}{key}: {scalar}\n"
    if isinstance(value, dict) and value and all(isinstance(name, str) for name in value):
        return f"{pad}{key}:\n" + "".join(_entry(name, value[name], indent + 2) for name in sorted(value))
    if isinstance(value, list) and value:
        # Tag labels and ids are most items: straight to the cache of strings.
        items = [
            _text(item, indent + 2, None) if type(item) is str else _scalar(item, indent + 2, None) for item in value
        ]
        if None not in items:  # sequences in a mapping are not indented
            return f"{pad}{key}:\n{pad}- " + f"\n{pad}- ".join(items) + "\n"
    return _fallback(key, value, indent)


@lru_cache(maxsize=1024)  # the same few keys on every page
def _simple_key(key: str) -> bool:
    """True for a key written plain, on its line; a long key is not simple."""
    return len(key) <= 100 and _PRINTABLE.fullmatch(key) is not None and _is_plain(key)


def _scalar(value: Any, column: int, indent: int | None) -> str | None:
    """The value as yaml.dump writes it from `column`, lines folded to `indent`; None when only PyYAML can tell."""
    if isinstance(value, str):
        return _text(value, column, indent)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, dict)) and not value:  # a tuple: isinstance is slower with list | dict
        return "[]" if isinstance(value, list) else "{}"
    return None


def _text(value: str, column: int, indent: int | None) -> str | None:
    """A string as yaml.dump writes it from `column`, or None; short ones remembered."""
    # Tag labels, ids and dates recur on every page; a page's own head_html or summary never comes again, and
    # remembering those held a hundred megabytes per process.
    return _short_text(value, column, indent) if len(value) <= SHORT else _written(value, column, indent)


def _written(value: str, column: int, indent: int | None) -> str | None:
    """A string as yaml.dump writes it from `column`, or None."""
    if _PRINTABLE.fullmatch(value) is None:
        return None
    if _is_plain(value):
        return value if column + len(value) <= WIDTH else None  # a long plain line folds: PyYAML's call
    return _single_quoted(value, column, indent) if indent is not None else None


_short_text = lru_cache(maxsize=1 << 14)(_written)


def _is_plain(text: str) -> bool:
    """True when the emitter writes printable `text` unquoted, because YAML reads it back as this string."""
    return (
        text != ""
        and _NOT_PLAIN_START.match(text) is None
        and ": " not in text
        and " #" not in text
        and text[-1] not in " :"
        and not any(pattern.match(text) for _, pattern in (*_RESOLVERS.get(text[0], ()), *_RESOLVERS.get(None, ())))
    )


def _single_quoted(text: str, column: int, indent: int) -> str:
    """'text' with quotes doubled; the first lone space past column WIDTH of each line becomes a new line."""
    quoted = text.replace("'", "''")
    lines, start, first = [], 0, column + 1  # `first`: the column the line's first character is written at
    while space := _BREAKABLE.search(quoted, max(start, start + WIDTH - first + 1)):
        lines.append(quoted[start : space.start()])
        start, first = space.end(), indent
    lines.append(quoted[start:])
    return "'" + ("\n" + " " * indent).join(lines) + "'"


def _shares_containers(data: dict[str, Any]) -> bool:
    """True when one list or dict appears twice: yaml.dump writes it once, with an anchor."""
    seen: set[int] = {id(data)}
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        if _LEAF_TYPES.issuperset(map(type, children)):  # a list of tag labels, at C speed
            continue
        for child in children:
            if isinstance(child, (list, dict)):
                if id(child) in seen:
                    return True
                seen.add(id(child))
                stack.append(child)
    return False


def _fallback(key: str, value: Any, indent: int) -> str:
    """PyYAML's own text for one entry, nested as deep as it sits so it folds at the same column."""
    depth = indent // 2
    wrapped: Any = {key: value}
    for _ in range(depth):
        wrapped = {"_": wrapped}
    return "".join(_dump(wrapped).splitlines(keepends=True)[depth:])
