"""The generated pages and feeds for the project's seeds, compared with the reviewed copy in tests/golden/.

After an intended change to the output, run `make golden` and review the diff like code.
"""

from __future__ import annotations

import difflib

import pytest
from mkdocs.utils.meta import get_data

from archive.load import load_archive
from archive.site import render_search_documents, render_site
from conftest import ROOT
from golden_build import copy_founding_seeds
from mkdocs_hooks import build_module

GOLDEN = ROOT / "tests" / "golden"
SITE_URL = "http://127.0.0.1:8000/"  # what `make golden` builds with (mkdocs.yml's default)


def golden_files() -> dict[str, str]:
    """Every generated page and feed in tests/golden/, and the search documents in tests/golden/search/."""
    return {
        path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(GOLDEN.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def founding(tmp_path_factory: pytest.TempPathFactory):
    """The founding seeds alone: articles editors add later do not change the reference output."""
    return load_archive(copy_founding_seeds(tmp_path_factory.mktemp("golden") / "seeds"))


@pytest.fixture(scope="module")
def pages(founding) -> dict[str, str]:
    archive = founding
    assert [str(problem) for problem in archive.problems] == []
    whole = build_module().names_indexed_whole(archive.vocabulary)  # as scripts/build.py asks Pagefind
    search = render_search_documents(archive.articles, archive.vocabulary, whole)
    return {
        **render_site(archive.articles, archive.vocabulary, SITE_URL, whole),
        **{f"search/{p}": d for p, d in search.items()},
    }


def test_the_same_pages_exist(pages: dict[str, str]) -> None:
    """No page appears or disappears without the golden copy changing with it."""
    assert sorted(pages) == sorted(golden_files())


@pytest.mark.parametrize("path", sorted(golden_files()))
def test_page_matches_golden(pages: dict[str, str], path: str) -> None:
    """Each page is byte-for-byte the reviewed one; the failure shows the diff."""
    expected = (GOLDEN / path).read_text(encoding="utf-8")
    actual = pages.get(path, "")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{path}", "built"))
    assert actual == expected, f"run `make golden` if this change is intended:\n{diff}"


@pytest.mark.parametrize("path", sorted(path for path in golden_files() if path.startswith("articles/")))
def test_front_matter_reads_back(path: str) -> None:
    """MkDocs drops front matter it cannot parse; ours must parse and carry the fields pages rely on."""
    text = (GOLDEN / path).read_text(encoding="utf-8")
    _, meta = get_data(text)  # MkDocs' own reader: it silently drops front matter it cannot parse
    assert isinstance(meta["title"], str) and meta["title"]
    assert {"date", "date_precision", "tags", "source", "original_language", "translation", "slug", "summary"} <= set(
        meta
    )


def test_two_builds_give_the_same_bytes() -> None:
    """Determinism: reading and building twice from the same input gives identical files."""
    first, second = (
        render_site(archive.articles, archive.vocabulary, SITE_URL)
        for archive in (load_archive(ROOT / "seeds"), load_archive(ROOT / "seeds"))
    )
    assert first == second
