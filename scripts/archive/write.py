"""Write generated pages under docs/: whole or not at all, and not at all when nothing changed."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

# The folders under docs/ the build owns outright: it may replace them, and nothing else.
GENERATED_DIRS = ("articles", "bilingual", "tags", "archive", "page")
# Single generated files at the top of docs/ (the home pages must live there).
GENERATED_FILES = (
    "index.en.md",
    "index.zh.md",
    "feed.en.xml",
    "feed.zh.xml",
    "sitemap.xml",
    "sitemap.zh.xml",
    "search-names.json",
)
STAGING = ".generated-staging"


@dataclass(frozen=True)
class WriteReport:
    """How many pages the build wrote and removed (both 0 when the output was already current)."""

    written: int
    removed: int


def read_generated(docs: Path) -> dict[str, bytes]:
    """The generated files now on disk, by path relative to docs/."""
    files: dict[str, bytes] = {name: (docs / name).read_bytes() for name in GENERATED_FILES if (docs / name).is_file()}
    for folder in GENERATED_DIRS:
        root = docs / folder
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    files[path.relative_to(docs).as_posix()] = path.read_bytes()
    return files


def write_pages(docs: Path, pages: dict[str, str]) -> WriteReport:
    """Make the generated folders hold exactly `pages`: staged in full, then swapped in folder by folder."""
    wanted = {path: text.encode("utf-8") for path, text in pages.items()}
    outside = sorted(
        path for path in wanted if path.split("/", 1)[0] not in GENERATED_DIRS and path not in GENERATED_FILES
    )
    if outside:
        raise ValueError(f"page outside the generated folders {GENERATED_DIRS}: {outside[0]}")
    current = read_generated(docs)
    if current == wanted:
        return WriteReport(0, 0)
    staging = docs / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    for path, data in wanted.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for folder in GENERATED_DIRS:
        (staging / folder).mkdir(parents=True, exist_ok=True)
        old = docs / f".{folder}.old"
        shutil.rmtree(old, ignore_errors=True)
        if (docs / folder).exists():
            (docs / folder).rename(old)
        (staging / folder).rename(docs / folder)
        shutil.rmtree(old, ignore_errors=True)
    for name in GENERATED_FILES:
        if (staging / name).exists():
            (staging / name).replace(docs / name)  # atomic on one file system
        else:
            (docs / name).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    changed = sum(current.get(path) != data for path, data in wanted.items())
    return WriteReport(changed, len(set(current) - set(wanted)))
