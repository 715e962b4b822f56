"""Writing docs/ as an editor sees it: a re-run touches no file, a changed seed rewrites only the pages that show
it, a failure leaves docs/ as it was, and worker processes write what one process writes."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

import archive.site
import archive.write
from archive.load import load_archive
from archive.site import render_search_documents, site_shares
from archive.write import GENERATED_DIRS, STAGING, WriteReport, write_pages, write_site
from conftest import run, snapshot

if TYPE_CHECKING:
    from conftest import Scratch

# Three dated articles sharing tags, so that each is listed on the home page and on tag pages with the others.
SEEDS = {
    "a": ("jinan-visit", "2024-05-02", "Jinan delegation visited Japan. The talks went well.\n"),
    "b": ("japan-visit", "2024-06-01", "A delegation from Japan visited Jinan.\n"),
    "c": ("jinan-talks", "2023-03-01", "济南代表团访问日本。\n"),
}


def write_seeds(scratch: Scratch) -> None:
    for stem, (slug, date, text) in SEEDS.items():
        scratch.write(f"{stem}.txt", text)
        scratch.write(f"{stem}.yml", f"slug: {slug}\ndate: '{date}'\n")


def built(build: ModuleType, scratch: Scratch) -> tuple[Path, dict[str, tuple[int, int, bytes]]]:
    """The three seeds built once: the docs folder and its snapshot."""
    write_seeds(scratch)
    assert run(build, scratch) == 0
    docs = scratch.root / "docs"
    return docs, snapshot(docs)


def changed(before: dict[str, tuple[int, int, bytes]], after: dict[str, tuple[int, int, bytes]]) -> set[str]:
    """Files that are new, or another file than before (another inode or modification time)."""
    return {path for path, (inode, mtime, _) in after.items() if before.get(path, (None, None))[:2] != (inode, mtime)}


def showing(docs: dict[str, tuple[int, int, bytes]], slug: str) -> set[str]:
    """The article's own pages and every listing and feed that links to it (the sitemaps name every page, but
    only with its date)."""
    return {
        path for path, (_, _, data) in docs.items() if f"articles/{slug}/".encode() in data and "sitemap" not in path
    }


def test_rerun_touches_no_file(build: ModuleType, scratch: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    """Building an unchanged archive again reports nothing written and keeps every file's inode and mtime."""
    docs, before = built(build, scratch)
    capsys.readouterr()
    assert run(build, scratch) == 0
    assert capsys.readouterr().err.splitlines() == ["3 articles: 0 page(s) written, 0 removed, 0 warning(s)"]
    assert snapshot(docs) == before
    assert not (docs / STAGING).exists()


def test_changed_seed_rewrites_only_the_pages_that_show_it(
    build: ModuleType, scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new first sentence changes the article's pages and the listings and feeds that quote it; every other file
    keeps its inode and modification time, and the report counts exactly the changed pages."""
    docs, before = built(build, scratch)
    capsys.readouterr()
    scratch.write("a.txt", "Jinan delegation visited Japan again. The talks went well.\n")
    assert run(build, scratch) == 0
    after = snapshot(docs)
    expected = showing(after, "jinan-visit")
    assert {"articles/jinan-visit.en.md", "articles/jinan-visit.zh.md", "index.en.md", "tags/japan.zh.md"} <= expected
    assert changed(before, after) == expected
    assert {path for path in after if after[path][2] != before[path][2]} == expected
    assert set(after) == set(before)
    assert capsys.readouterr().err.splitlines() == [
        f"3 articles: {len(expected)} page(s) written, 0 removed, 0 warning(s)"
    ]


def test_removed_seed_removes_its_pages(
    build: ModuleType, scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages no longer generated are removed and counted; the pages left that did not change keep their inodes."""
    docs, before = built(build, scratch)
    capsys.readouterr()
    for name in ("c.txt", "c.yml"):
        (scratch.seeds / name).unlink()
    assert run(build, scratch) == 0
    after = snapshot(docs)
    gone = set(before) - set(after)
    assert {"articles/jinan-talks.en.md", "articles/jinan-talks.zh.md", "archive/2023.en.md"} <= gone
    rewritten = {path for path in after if after[path][2] != before[path][2]}
    assert changed(before, after) == rewritten
    assert capsys.readouterr().err.splitlines() == [
        f"2 articles: {len(rewritten)} page(s) written, {len(gone)} removed, 0 warning(s)"
    ]


def failing_render(slug: str):
    """render_article that fails on one article's page, as a bug or a full disk would halfway through a build."""
    render = archive.site.render_article

    def render_article(article, *args, **kwargs) -> str:
        if article.slug == slug:
            raise RuntimeError(f"cannot render {slug}")
        return render(article, *args, **kwargs)

    return render_article


@pytest.mark.parametrize("workers", [1, 2])
def test_failed_render_leaves_docs_as_they_were(
    build: ModuleType, scratch: Scratch, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """A page that fails to render after others were staged leaves every file of the last build in place, and no
    staging folder behind."""
    docs, before = built(build, scratch)
    scratch.write("a.txt", "Jinan delegation visited Japan again.\n")
    loaded = load_archive(scratch.seeds)
    monkeypatch.setattr(archive.site, "render_article", failing_render("japan-visit"))
    with pytest.raises(RuntimeError, match="cannot render japan-visit"):
        write_site(docs, site_shares(loaded.articles, loaded.vocabulary), workers=workers)
    assert snapshot(docs) == before
    assert not (docs / STAGING).exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_failed_write_leaves_docs_as_they_were(
    build: ModuleType, scratch: Scratch, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """A disk that fills up halfway through writing leaves docs/ as the last build left it."""
    docs, before = built(build, scratch)
    scratch.write("a.txt", "Jinan delegation visited Japan again.\n")
    loaded = load_archive(scratch.seeds)
    written = archive.write.write_file

    def write_file(path: str, data: bytes) -> None:
        if "index" in path:
            raise OSError(28, "No space left on device")
        written(path, data)

    monkeypatch.setattr(archive.write, "write_file", write_file)
    with pytest.raises(OSError, match="No space left"):
        write_site(docs, site_shares(loaded.articles, loaded.vocabulary), workers=workers)
    assert snapshot(docs) == before
    assert not (docs / STAGING).exists()


def test_workers_write_what_one_process_writes(scratch: Scratch, tmp_path: Path) -> None:
    """The same files, bytes and report whether one process or two write the site, and a re-run by two processes
    touches nothing."""
    write_seeds(scratch)
    loaded = load_archive(scratch.seeds)
    one, two = tmp_path / "one", tmp_path / "two"
    reports = [
        write_site(docs, site_shares(loaded.articles, loaded.vocabulary), workers=workers)
        for docs, workers in ((one, 1), (two, 2))
    ]
    assert reports[0] == reports[1] and reports[0].written == len(snapshot(one))
    assert {path: data for path, (_, _, data) in snapshot(one).items()} == {
        path: data for path, (_, _, data) in snapshot(two).items()
    }
    before = snapshot(two)
    assert write_site(two, site_shares(loaded.articles, loaded.vocabulary), workers=2) == WriteReport(0, 0)
    assert snapshot(two) == before


def test_workers_rewrite_only_the_pages_a_change_shows(scratch: Scratch, tmp_path: Path) -> None:
    """Two processes, each staging and linking pages in a folder of its own, gathered before the swap, leave the
    same docs/ as one process after a seed changed: the pages that show it rewritten, every other page the very
    file it was (same inode and time), nothing staged left behind."""
    write_seeds(scratch)
    loaded = load_archive(scratch.seeds)
    folders = {1: tmp_path / "one", 2: tmp_path / "two"}
    for workers, docs in folders.items():
        write_site(docs, site_shares(loaded.articles, loaded.vocabulary), workers=workers)
    before = {workers: snapshot(docs) for workers, docs in folders.items()}
    scratch.write("a.txt", "Jinan delegation visited Japan again. The talks went well.\n")
    loaded = load_archive(scratch.seeds)
    reports = {
        workers: write_site(docs, site_shares(loaded.articles, loaded.vocabulary), workers=workers)
        for workers, docs in folders.items()
    }
    after = {workers: snapshot(docs) for workers, docs in folders.items()}
    expected = showing(after[2], "jinan-visit")
    assert "articles/jinan-visit.zh.md" in expected and reports[2] == reports[1] == WriteReport(len(expected), 0)
    assert {path: data for path, (_, _, data) in after[2].items()} == {
        path: data for path, (_, _, data) in after[1].items()
    }
    assert changed(before[2], after[2]) == changed(before[1], after[1]) == expected
    assert not (folders[2] / STAGING).exists()


def test_workers_load_what_one_process_loads(scratch: Scratch) -> None:
    """Seeds read by two processes give the same articles and every problem, sorted, as one process."""
    write_seeds(scratch)
    scratch.write("d.txt", "")
    scratch.write("e.yml", "slug: e\n")
    scratch.write("f.txt", "Jinan delegation visited Japan. (Source: Licheng Media Center)\n")
    one, two = load_archive(scratch.seeds, workers=1), load_archive(scratch.seeds, workers=2)
    assert two.articles == one.articles
    assert [str(problem) for problem in two.problems] == [
        "seeds/d.txt:1: seed must contain text, file is empty",
        "seeds/e.yml:1: file must sit beside its seed, e.txt does not exist",
        "seeds/f.txt:1: warning: source outlet should be in seeds/tags.yml (kind media) "
        "so both languages name it, got 'Licheng Media Center'",
    ]
    assert two.problems == one.problems


def test_page_outside_the_generated_folders_is_refused(tmp_path: Path) -> None:
    """The build may only write what it owns: a page elsewhere stops the write before anything is written."""
    with pytest.raises(ValueError) as error:
        write_pages(tmp_path / "docs", {"articles/a.en.md": "A\n", "notes/x.md": "X\n"})
    assert str(error.value) == f"page outside the generated folders {GENERATED_DIRS}: notes/x.md"
    assert not (tmp_path / "docs").exists()


def test_page_rendered_twice_is_refused(tmp_path: Path) -> None:
    """Two shares rendering one path would make the output depend on which finished last: nothing is written."""
    docs = tmp_path / "docs"
    write_pages(docs, {"articles/a.en.md": "A\n"}, ("articles",), ())
    before = snapshot(docs)
    shares = [lambda: [("articles/a.en.md", "A2\n")], lambda: [("articles/a.en.md", "A3\n")]]
    with pytest.raises(ValueError) as error:
        write_site(docs, shares, ("articles",), (), workers=2)
    assert str(error.value) == "page must be rendered once, 'articles/a.en.md' was rendered 2 times"
    assert snapshot(docs) == before


def test_pages_written_by_the_old_call_keep_their_inodes(tmp_path: Path) -> None:
    """write_pages (a whole dict at once) keeps unchanged files too, and counts the changed and removed ones."""
    docs = tmp_path / "docs"
    assert write_pages(docs, {"articles/a.en.md": "A\n", "articles/b.en.md": "B\n"}, ("articles",), ()).written == 2
    inode = os.stat(docs / "articles/a.en.md").st_ino
    report = write_pages(docs, {"articles/a.en.md": "A\n", "articles/c.en.md": "C\n"}, ("articles",), ())
    assert (report.written, report.removed) == (1, 1)
    assert os.stat(docs / "articles/a.en.md").st_ino == inode
    assert sorted(path.name for path in (docs / "articles").iterdir()) == ["a.en.md", "c.en.md"]


def test_search_documents_in_shares_are_those_of_the_whole_archive(build: ModuleType, scratch: Scratch) -> None:
    """The build renders the search documents in one share of the articles per worker: together, the same
    documents as for the whole archive at once."""
    write_seeds(scratch)
    loaded = load_archive(scratch.seeds)
    whole = render_search_documents(loaded.articles, loaded.vocabulary)
    for count in (1, 2, 3):
        shares = build.search_shares(loaded.articles, loaded.vocabulary, count)
        assert len(shares) == count
        assert dict(page for share in shares for page in share()) == whole
