#!/usr/bin/env python3
"""List every article's languages and translation state; with --stamp, record that a translation is current."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from archive import rules  # noqa: E402
from archive.load import COMPANION_NAME, Archive, load_archive, source_hash  # noqa: E402
from archive.read import BOM, read_text  # noqa: E402

_HEADER_HASH = re.compile(r"^source_hash:.*$", re.MULTILINE)


def status_table(archive: Archive) -> list[str]:
    """One line per article: slug, original language(s), and the state of the English and Chinese pages."""
    rows = [("article", "original", "en", "zh")]
    for article in sorted(archive.articles, key=lambda a: a.stem):
        rows.append(
            (
                f"{article.stem} ({article.slug})",
                "+".join(article.languages),
                article.status["en"],
                article.status["zh"],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def stamp(translation: Path) -> str:
    """Write the seed's current source_hash into a translation's header: the editor vouches it matches. The file
    keeps its BOM and line ends, as the build accepts either."""
    match = COMPANION_NAME.match(translation.name)
    if match is None or match["lang"] not in rules.PAGE_LANGUAGES:
        raise SystemExit(
            f"{translation}:1: stamp needs a translation, <seed>.en.txt or <seed>.zh.txt, got {translation.name!r}"
        )
    if not translation.is_file():
        raise SystemExit(f"{translation}:1: translation must exist, no such file")
    seed = translation.with_name(f"{match['stem']}.txt")
    if not seed.is_file():
        raise SystemExit(f"{translation}:1: translation must sit beside its seed, {seed.name} does not exist")
    original = read_text(seed, str(seed))
    problems = [*original.problems, *read_text(translation, str(translation), "translation").problems]
    if problems:
        raise SystemExit("\n".join(str(problem) for problem in problems))
    value = source_hash(original.lines)
    raw = translation.read_bytes().decode("utf-8")
    bom, crlf = raw.startswith(BOM), "\r\n" in raw
    text = raw.removeprefix(BOM).replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise SystemExit(f"{translation}:1: translation must start with a '---' header, first line is not '---'")
    if _HEADER_HASH.search(text.split("\n---\n", 1)[0]):
        text = _HEADER_HASH.sub(f"source_hash: {value}", text, count=1)
    else:
        text = f"---\nsource_hash: {value}\n" + text.removeprefix("---\n")
    text = (BOM if bom else "") + (text.replace("\n", "\r\n") if crlf else text)
    writing = translation.with_name(f".{translation.name}.new")  # whole or not at all; the build skips dot files
    writing.write_bytes(text.encode("utf-8"))
    writing.replace(translation)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of seeds (default: seeds/)")
    parser.add_argument(
        "--stamp", type=Path, metavar="TRANSLATION", help="mark this translation as matching its seed now"
    )
    args = parser.parse_args(argv)
    if args.stamp:
        print(f"{args.stamp}: source_hash {stamp(args.stamp)}")
        return 0
    archive = load_archive(args.seeds)
    print("\n".join(status_table(archive)))
    if archive.errors:  # a seed that cannot be read is no article: say so, or it would be missing from the list
        print("\n".join(str(problem) for problem in archive.errors), file=sys.stderr)
        print(f"{len(archive.errors)} error(s): a seed with an error may be missing above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
