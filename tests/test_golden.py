"""The generated Markdown for the project's seeds, compared with the reviewed copy in tests/golden/.

After an intended change to the output, run `make golden` and review the diff like code.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from archive.load import load_archive
from archive.render import render_site
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    archive = load_archive(ROOT / "seeds")
    assert [str(problem) for problem in archive.problems] == []
    return render_site(archive.articles, archive.vocabulary)


def _golden_files() -> dict[str, str]:
    return {
        path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8") for path in sorted(GOLDEN.rglob("*.md"))
    }


def test_the_same_pages_exist(pages: dict[str, str]) -> None:
    """No page appears or disappears without the golden copy changing with it."""
    assert sorted(pages) == sorted(_golden_files())


@pytest.mark.parametrize("path", sorted(_golden_files()))
def test_page_matches_golden(pages: dict[str, str], path: str) -> None:
    """Each page is byte-for-byte the reviewed one; the failure shows the diff."""
    expected = (GOLDEN / path).read_text(encoding="utf-8")
    actual = pages.get(path, "")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{path}", "built"))
    assert actual == expected, f"run `make golden` if this change is intended:\n{diff}"


@pytest.mark.parametrize("path", sorted(_golden_files()))
def test_front_matter_reads_back(path: str) -> None:
    """MkDocs drops front matter it cannot parse; ours must parse and carry the fields pages rely on."""
    text = (GOLDEN / path).read_text(encoding="utf-8")
    _, header, _ = text.split("---\n", 2)
    meta = yaml.safe_load(header)
    assert isinstance(meta["title"], str) and meta["title"]
    if not path.endswith(("index.en.md", "index.zh.md")):
        assert {
            "date",
            "date_precision",
            "tags",
            "source",
            "original_language",
            "translation",
            "slug",
            "summary",
        } <= set(meta)


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    """Determinism: building twice from the same input gives identical files."""
    first = render_site(*_articles_and_vocabulary())
    second = render_site(*_articles_and_vocabulary())
    assert first == second


def _articles_and_vocabulary():
    archive = load_archive(ROOT / "seeds")
    return archive.articles, archive.vocabulary
