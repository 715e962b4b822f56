#!/usr/bin/env python3
"""Add an article: save the source text as a new seed and write a metadata stub for the editor to finish.

Reads the text from a file or standard input, exactly as the source published it.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from archive.assemble import Inputs, assemble, slugify  # noqa: E402
from archive.load import SEED_NAME, VOCABULARY  # noqa: E402
from archive.parse import ParsedSeed, Piece, parse_seed  # noqa: E402
from archive.read import decode, unreadable  # noqa: E402
from archive.rules import OTHER_LANGUAGE, PAGE_LANGUAGE_NAMES  # noqa: E402
from archive.tags import Vocabulary, load_vocabulary  # noqa: E402

LANGUAGE_NAMES = {"en": "English", "zh-Hans": "Chinese (Simplified)", "zh-Hant": "Chinese (Traditional)"}


def seed_name(seeds: Path, data: bytes) -> str:
    """NNN_<16 hex of the text's SHA-256>: numbered in order of arrival, named by content."""
    numbers = [
        int(m["stem"].split("_")[0])
        for p in seeds.iterdir()
        if (m := SEED_NAME.match(p.name)) and m["stem"].split("_")[0].isdigit()
    ]
    return f"{max(numbers, default=-1) + 1:03d}_{hashlib.sha256(data).hexdigest()[:16]}"


def render_stub(stem: str, seed: ParsedSeed, vocabulary: Vocabulary) -> str:
    """The metadata stub: what the build read, as comments; what only an editor knows, as placeholders."""
    languages = seed.languages
    lines = [
        f"# Editors' metadata for {stem}.txt, written by `make new`.",
        "# Comments say what the build read from the source. Replace every <editor: …> value or delete its",
        "# line: the build refuses to publish a placeholder. Never add what the source does not say.",
        "",
        f"# Original language(s): {', '.join(LANGUAGE_NAMES[code] for code in languages)}.",
    ]
    if len(languages) == 1:
        other = OTHER_LANGUAGE["en" if languages[0] == "en" else "zh"]
        name = PAGE_LANGUAGE_NAMES["en"][other]
        lines.append(
            f"# Add the {name} translation as {stem}.{other}.txt (see CONTRIBUTING.md); until then the {name} page shows the original."
        )
    english_title = seed.headings["en"][0].text if "en" in seed.headings else ""
    slug = slugify(english_title)  # "" when the title has no ASCII letter or digit
    lines += ["", "# The page address; keep it stable once published."]
    lines.append(f"slug: {slug}" if slug else 'slug: "<editor: lowercase-ascii-words-joined-by-hyphens>"')
    lines += ["", *_title_lines(seed.headings)]
    if seed.published:
        lines += ["", f"# Publication date read from the source: {seed.published.iso} (line {seed.published.line})."]
    else:
        lines += [
            "",
            *(f"# Line {problem.line} of the source: {problem.message}." for problem in seed.date_problems),
            "# The source gives no publication date the build can read. Set one only if you know it, and say how:",
            "# date: YYYY-MM-DD",
            "# date_note: …",
        ]
    if seed.events:
        lines += ["", f"# Event dates read from the text: {'; '.join(event.stated for event in seed.events)}."]
    yearless = [event.stated for event in seed.events if event.start.startswith("--")]
    if yearless and not seed.published:
        lines += [f"# Without a year: {'; '.join(yearless)}. If you know the year:", "# event_year: YYYY"]
    lines += ["", *_source_lines(seed, vocabulary)]
    article, _ = assemble(Inputs(stem, seed, None, "", {}), vocabulary)  # the build's own tagging
    found = sorted(article.tags) if article else []
    lines += [
        "",
        f"# Tags found in the text: {', '.join(found) or 'none'}. Add or remove tag ids from {VOCABULARY}:",
        "tags:",
        "  add: []",
        "  remove: []",
    ]
    if seed.left_out:
        lines += [
            "",
            "# Lines of the source the page leaves out, as the web page's own or read above. None should be the",
            "# article's text: if one is, ask a developer to change the rule.",
        ]
        lines += [
            f"#   line {line.number}: {_shortened(line.text)}"
            for line in sorted(seed.left_out, key=lambda line: line.number)
        ]
    return "\n".join(lines) + "\n"


def _shortened(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title_lines(seed_headings: dict[str, list[Piece]]) -> list[str]:
    """The title (and subtitle) read from the source, as comments; placeholders for what it lacks."""
    headings = {lang: pieces[0].text for lang, pieces in seed_headings.items()}
    if not headings:
        return [
            "# The source gives no title: write one in each language, from the text's own words.",
            "title:",
            '  en: "<editor: English title>"',
            '  zh: "<editor: Chinese title>"',
        ]
    missing = "zh" if "zh" not in headings else "en" if "en" not in headings else None
    lines = [f'# The source\'s title ({lang}): "{text}"' for lang, text in headings.items()]
    lines += [f'# Its subtitle ({lang}): "{pieces[1].text}"' for lang, pieces in seed_headings.items() if pieces[1:]]
    if missing:
        name = PAGE_LANGUAGE_NAMES["en"][missing]
        lines += [
            f"# Its {name} translation, unless the translation file gives it:",
            "title:",
            f'  {missing}: "<editor: {name} title>"',
        ]
    return lines


def _source_lines(seed: ParsedSeed, vocabulary: Vocabulary) -> list[str]:
    lines = []
    for role, name in (("publisher", seed.publisher), *(("credited", n) for n in seed.credited.values())):
        if name:
            tag = vocabulary.find(name)
            known = f"tag {tag.id}" if tag else f"not in seeds/{VOCABULARY} yet; add it, as kind media or organisation"
            lines.append(f"# Source read from the text: {role} {name!r} ({known}).")
    if not lines:
        lines.append("# The text names no source. If you know it, give its tag id (kind media):")
    if seed.author:
        lines.insert(0, f"# Author read from the text: {seed.author!r}.")
    lines += ["# source:", "#   url: https://…   # only an address you have opened and checked"]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, help="the source text (default: standard input)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of seeds (default: seeds/)")
    args = parser.parse_args(argv)
    if args.file is None and sys.stdin.isatty():
        print("Paste the source text exactly as published, then press Ctrl-D on a line of its own.", file=sys.stderr)
    if not args.seeds.is_dir():
        print(f"{args.seeds}: seeds folder must exist, no such folder", file=sys.stderr)
        return 1
    try:
        data = args.file.read_bytes() if args.file else sys.stdin.buffer.read()
    except OSError as error:  # make new FILE=… with a typo, or a folder
        print(unreadable(str(args.file), "source", error), file=sys.stderr)
        return 1
    for existing in args.seeds.glob("*.txt"):
        if SEED_NAME.match(existing.name) and existing.read_bytes() == data:
            print(f"{existing}: this text is already in the archive", file=sys.stderr)
            return 1
    # Checked before anything is written to seeds/.
    decoded = decode(data, str(args.file or "standard input"), "source", piped=args.file is None)
    if decoded.problems:
        print("\n".join(str(problem) for problem in decoded.problems), file=sys.stderr)
        return 1
    stem = seed_name(args.seeds, data)
    seed_path, meta_path = args.seeds / f"{stem}.txt", args.seeds / f"{stem}.yml"
    seed_path.write_bytes(data)  # byte for byte: the raw seed is the record of what the source said
    vocabulary, _ = load_vocabulary(args.seeds / VOCABULARY, VOCABULARY)
    seed = parse_seed(seed_path.name, decoded.lines)
    meta_path.write_text(render_stub(stem, seed, vocabulary), encoding="utf-8")
    print(f"wrote {seed_path} and {meta_path}; finish the metadata, then run `make check` and `make serve`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
