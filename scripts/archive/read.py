"""Read the editors' input files into lines and plain data, reporting every problem with its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import rules
from .model import Line, Problem

BOM = "\ufeff"
# Unicode spaces that sources paste around text (NBSP, ideographic space, zero-width marks).
_EDGE_SPACE = " \t\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"


@dataclass(frozen=True)
class Decoded:
    """A text file's lines, or the problems that kept it from being read."""

    lines: tuple[Line, ...]
    problems: tuple[Problem, ...]


def read_text(path: Path, rel: str, kind: str = "seed") -> Decoded:
    """Read a UTF-8 file (BOM and CRLF accepted) into its non-blank stripped lines (see decode)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Decoded((), (unreadable(rel, kind, error),))
    return decode(data, rel, kind)


def unreadable(rel: str, kind: str, error: OSError) -> Problem:
    """The problem of a file that cannot be opened: a folder named *.txt, a link to nothing, a name mistyped."""
    return Problem(rel, 1, f"{kind} must be a file you can read, {error.strerror.lower()}")


def decode(data: bytes, rel: str, kind: str = "seed", piped: bool = False) -> Decoded:
    """UTF-8 text (BOM and CRLF accepted) as its non-blank stripped lines, or the problems that keep it from being
    read; `piped`: the bytes came through standard input (named `rel`), so a command that fixes them converts them
    on their way in."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Decoded((), (_not_utf8(data, error, rel, kind, piped),))
    text = text.removeprefix(BOM)
    lines = tuple(
        Line(number, stripped)
        for number, raw in enumerate(text.splitlines(), start=1)
        if (stripped := raw.strip(_EDGE_SPACE))
    )
    if not lines:
        what = "file is empty" if not data else "file has only white space"
        return Decoded((), (Problem(rel, 1, f"{kind} must contain text, {what}"),))
    if rules.OTHER_SCRIPT.search(text) and (problem := _other_language(text, lines, rel, kind)):
        return Decoded((), (problem,))
    return Decoded(lines, ())


# Letters of the page languages.
_PAGE_LETTERS = re.compile(rf"{rules.HAN.pattern}+|[A-Za-z]+")


def _other_language(text: str, lines: tuple[Line, ...], rel: str, kind: str) -> Problem | None:
    """A problem when the file is written in a language of rules.OTHER_SCRIPTS, at its first line in it."""
    found = {language: sum(map(len, script.findall(text))) for language, script in rules.OTHER_SCRIPTS.items()}
    letters = sum(found.values()) + sum(map(len, _PAGE_LETTERS.findall(text)))
    language = max(found, key=found.__getitem__)
    if found[language] < rules.OTHER_SCRIPT_SHARE * letters:
        return None
    script = rules.OTHER_SCRIPTS[language]
    line = next(line for line in lines if script.search(line.text))
    shown = line.text if len(line.text) <= 40 else line.text[:40] + "…"
    return Problem(rel, line.number, f"{kind} must be in English or Chinese, got {language}: {shown!r}")


def _not_utf8(data: bytes, error: UnicodeDecodeError, rel: str, kind: str, piped: bool) -> Problem:
    """Name the encoding the bytes are most likely in and the command that converts them."""
    line = data.count(b"\n", 0, error.start) + 1
    bad = data[error.start : error.start + 2].hex(" ")
    encoding = guess_legacy_encoding(data)
    if encoding and piped:
        hint = (
            f"it looks like {rules.LEGACY_ENCODINGS[encoding]}; pipe it through 'iconv -f {encoding.upper()} -t UTF-8'"
        )
    elif encoding:
        hint = (
            f"it looks like {rules.LEGACY_ENCODINGS[encoding]}; convert it with "
            f"'iconv -f {encoding.upper()} -t UTF-8 {rel} > {rel}.utf8 && mv {rel}.utf8 {rel}'"
        )
    else:
        hint = "save it as UTF-8 in your editor"
    return Problem(rel, line, f"{kind} must be UTF-8, bytes {bad}: {hint}")


def guess_legacy_encoding(data: bytes) -> str | None:
    """Return 'big5' or 'gb18030' for Chinese bytes in that encoding, or None if neither decodes them."""
    # Common Big5 characters often have a second byte below 0x7F; GB 2312 (inside GBK) never does.
    pairs = low_trail = 0
    index = 0
    while index < len(data) - 1:
        if data[index] >= 0x81:
            pairs += 1
            low_trail += 0x40 <= data[index + 1] <= 0x7E
            index += 2
        else:
            index += 1
    order = ("big5", "gb18030") if pairs and low_trail / pairs > 0.1 else ("gb18030", "big5")
    for encoding in order:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """A safe loader that leaves dates as strings, so '2024-02-30' is ours to report, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Yaml:
    """Plain data from a YAML file, with the line of every mapping key (path tuple → line)."""

    data: Any
    lines: dict[tuple[Any, ...], int]


def read_yaml(
    path: Path, rel: str, text: str | None = None, what: str = "metadata"
) -> tuple[Yaml | None, list[Problem]]:
    """Parse YAML safely, keeping the line of each key so later checks can point at it."""
    if text is None:
        try:
            text = path.read_bytes().decode("utf-8").removeprefix(BOM)
        except UnicodeDecodeError as error:
            return None, [Problem(rel, 1, f"metadata must be UTF-8, byte at offset {error.start}")]
        except OSError as error:
            return None, [unreadable(rel, what, error)]
    try:
        loader = _Loader(text)
        try:  # one parse: the node tree gives line numbers, and the data is built from the same tree
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        lines_of_text = text.splitlines()
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        if not (0 < line <= len(lines_of_text) and lines_of_text[line - 1].strip()):
            context = getattr(error, "context_mark", None)  # e.g. where an unclosed [ began
            line = context.line + 1 if context else min(line, len(lines_of_text)) or 1
        reason = getattr(error, "problem", None) or str(error)
        source = lines_of_text[line - 1].strip() if 0 < line <= len(lines_of_text) else ""
        message = f"{what} must be valid YAML, {reason}: {source!r} (put a value containing ': ' or ' #' in quotes)"
        return None, [Problem(rel, line, message)]
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return Yaml(data, lines), []


def _record_lines(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _record_lines(value, (*path, key.value), lines)
            lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines)


@dataclass(frozen=True)
class TranslationFile:
    """An editors' translation: a small YAML header, then one block per non-blank line."""

    rel: str
    header: Yaml
    blocks: tuple[Line, ...]


def read_translation(path: Path, rel: str) -> tuple[TranslationFile | None, list[Problem]]:
    """Split a translation file into its '---' header and its body lines."""
    decoded = read_text(path, rel, "translation")
    if decoded.problems:
        return None, list(decoded.problems)
    raw = path.read_bytes().decode("utf-8").removeprefix(BOM).splitlines()
    if not raw or raw[0].strip() != "---":
        return None, [Problem(rel, 1, "translation must start with a '---' header, first line is not '---'")]
    if "---" not in (line.strip() for line in raw[1:]):
        return None, [Problem(rel, 1, "translation must start with a '---' header, no closing '---' line")]
    end = next(index for index, line in enumerate(raw[1:], start=1) if line.strip() == "---")
    # A leading newline keeps the header's YAML line numbers equal to the file's.
    header, problems = read_yaml(path, rel, "\n" + "\n".join(raw[1:end]), "translation header")
    if header is None:
        return None, problems
    if header.data is None:
        header = Yaml({}, {})
    problems = list(check_keys(header, rules.TRANSLATION_KEYS, rel, "translation header"))
    body = tuple(line for line in decoded.lines if line.number > end + 1)
    if not body:
        problems.append(Problem(rel, end + 1, "translation must have at least one paragraph, body is empty"))
    return TranslationFile(rel, header, body), problems


def check_keys(doc: Yaml, allowed: frozenset[str], rel: str, what: str) -> Iterator[Problem]:
    if not isinstance(doc.data, dict):
        yield Problem(rel, 1, f"{what} must be a mapping of keys to values, got {type(doc.data).__name__}")
        return
    for key in doc.data:
        if key not in allowed:
            yield Problem(
                rel, doc.lines.get((key,), 1), f"{what} key must be one of {', '.join(sorted(allowed))}, got {key!r}"
            )
