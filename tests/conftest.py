"""Shared fixtures: a scratch archive with a small vocabulary, and the build run on it; search bundles made from the
same search documents by one Pagefind run, by several runs merged, and in shards."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from archive.load import Archive, load_archive
from archive.site import render_search_documents
from mkdocs_hooks import build_module
from searchindex import write_bundle

ROOT = Path(__file__).resolve().parents[1]

SMALL_VOCABULARY = """\
- id: japan
  kind: country
  en: Japan
  zh: 日本
- id: jinan
  kind: city
  en: Jinan
  zh: 济南
  aliases:
    zh-Hans: [济南市]
    zh-Hant: [濟南]
- id: delegation-visit
  kind: event
  en: Delegation visit
  zh: 代表团访问
  aliases:
    en: [delegation]
    zh-Hans: [代表团, 访问团]
- id: wuxi-daily
  kind: media
  en: Wuxi Daily
  zh: 无锡日报
"""


class Scratch:
    """A throwaway archive: write seeds and companions into seeds/, then run the build's loader."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.seeds = root / "seeds"
        self.seeds.mkdir()
        self.write("tags.yml", SMALL_VOCABULARY)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.seeds / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def load(self) -> Archive:
        return load_archive(self.seeds)

    def problems(self) -> list[str]:
        """Every problem as the build prints it: 'seeds/x.txt:3: message'."""
        return [str(problem) for problem in self.load().problems]


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path)


@pytest.fixture
def real_seeds(tmp_path: Path) -> Path:
    """A copy of the project's seeds/, for tests that change a file without touching the real one."""
    target = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", target)
    return target


@pytest.fixture(scope="session")
def build() -> ModuleType:
    """scripts/build.py as a module (loaded as the MkDocs hooks load it), so its main() runs in-process."""
    return build_module()


def run(build: ModuleType, scratch: Scratch, *options: str) -> int:
    """The build on a scratch archive, writing its docs/ beside its seeds/."""
    return build.main(["--seeds", str(scratch.seeds), "--docs", str(scratch.root / "docs"), *options])


def snapshot(docs: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under docs/ with its inode, modification time and content."""
    return {
        path.relative_to(docs).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }


# The search corpus: the seeds' search documents, a synthetic archive's, and these pages. They have accented forms of
# words (Pagefind lists them as a word's variants; on the first page showing them, a form in the text comes before
# one only in a meta field, whatever their order: fiancê before fiancé), a meta field and a filter no other page has
# (so runs number meta fields differently), and a word no other page has (zanzibarite).
SYNTHETIC_ARTICLES = 150
EXTRA_DOCUMENTS = {
    "articles/a-accents/index.html": ("café fiancé", "", "The cafê sells resume paper to the fiancê."),
    "articles/m-accents/index.html": (
        "Notes",
        '<span data-pagefind-meta="alpha">Ångström</span><span data-pagefind-filter="Notes · 注释">b</span>',
        "café cafè Zürich zurich naïve résumé angstrom",
    ),
    "articles/z-accents/index.html": (
        "Résumé",
        '<span data-pagefind-filter="Country · 国家">Japan · 日本</span>',
        "cafe cafè resumé zanzibarite delegation",
    ),
}
MERGED_RUN_SIZE = 40  # documents per run of the merged bundle: four runs
RESPLIT_RUN_SIZE = 11  # and split another way: fifteen runs
SHARD_SIZE = 60  # documents per shard of the sharded bundle: three shards, each merged from two runs of MERGED_RUN_SIZE


def write_search_corpus(documents: Path, seeds: Path) -> Path:
    """The search documents of the seeds, of a synthetic archive and EXTRA_DOCUMENTS, written under `documents`."""
    from bench import make_archive  # imports Playwright: only for the tests that need these bundles

    make_archive(seeds, SYNTHETIC_ARTICLES)
    written = {}
    for archive in (load_archive(ROOT / "seeds"), load_archive(seeds)):
        whole = build_module().names_indexed_whole(archive.vocabulary)
        written.update(render_search_documents(archive.articles, archive.vocabulary, whole))
    for path, (title, extra, text) in EXTRA_DOCUMENTS.items():
        written[path] = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>'
            f'<h1 data-pagefind-meta="title">{title}</h1><div data-pagefind-body><p>{text}</p></div>{extra}</body></html>'
        )
    for path, text in written.items():
        (documents / path).parent.mkdir(parents=True, exist_ok=True)
        (documents / path).write_text(text, encoding="utf-8")
    return documents


def device_cores(count: int) -> str:
    """A script to run before a page's own that makes the page's device report `count` processor cores
    (navigator.hardwareConcurrency, by which the search engine chooses how many workers to start)."""
    return f"Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', {{ get: () => {count} }});"


@dataclass(frozen=True)
class SearchBundles:
    """One corpus of search documents indexed by one Pagefind run, in runs merged (split two ways), and in
    shards."""

    documents: Path
    single: Path
    merged: Path
    resplit: Path
    sharded: Path
    said: dict[str, str]  # what write_bundle said of each


@pytest.fixture(scope="session")
def search_bundles(tmp_path_factory: pytest.TempPathFactory) -> SearchBundles:
    root = tmp_path_factory.mktemp("search")
    documents = write_search_corpus(root / "documents", root / "seeds")
    bundles = {
        "single": (10**6, 10**6),
        "merged": (MERGED_RUN_SIZE, 10**6),
        "resplit": (RESPLIT_RUN_SIZE, 10**6),
        "sharded": (MERGED_RUN_SIZE, SHARD_SIZE),
    }
    said = {name: write_bundle(documents, root / name / "pagefind", *sizes) for name, sizes in bundles.items()}
    return SearchBundles(documents, *(root / name / "pagefind" for name in bundles), said)
