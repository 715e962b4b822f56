"""The search index in runs: the merged bundle is what one Pagefind run over every document writes; in shards, each
shard is what one run over its documents writes, with every other shard's words listed without pages.

Bundles are read here with a decoder of their own (not scripts/searchindex.py's). Pagefind 1.5.2 writes the filters
in a different order on every run (and so a different .pf_meta); every other file of the merged bundle is the single
run's, byte for byte. What readers see of the two bundles is compared in Chromium (tests/browser/test_search_merge.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cbor2
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mkdocs_hooks
from archive.tags import Vocabulary, load_vocabulary
from conftest import EXTRA_DOCUMENTS, MERGED_RUN_SIZE, ROOT, SHARD_SIZE, SearchBundles
from searchindex import (
    CHUNK_SIZE,
    CHUNK_SIZE_VARIABLE,
    GLOB_LIMIT,
    BundleError,
    encode_chunk,
    merge_bundles,
    page_url,
    run_glob,
    run_pagefind,
    split_runs,
    split_shards,
    walk_documents,
    words_indexed_whole,
    write_bundle,
)


def read_pagefind(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), f"{path} lacks Pagefind's signature"
    return data[len(b"pagefind_dcd") :]


def sha1_name(data: bytes) -> str:
    """Pagefind's file-name hash: SHA-1 hex with each byte's leading zero dropped (b'\\x0a' is 'a')."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def meta_of(bundle: Path) -> list:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return cbor2.loads(read_pagefind(bundle / f"pagefind.{entry['languages']['zh']['hash']}.pf_meta"))


def urls_of(bundle: Path) -> list[str]:
    """The bundle's pages' URLs by page number."""
    return [
        json.loads(read_pagefind(bundle / "fragment" / f"{name}.pf_fragment"))["url"] for name, _ in meta_of(bundle)[1]
    ]


def word_chunks(bundle: Path) -> list[list]:
    return [cbor2.loads(read_pagefind(bundle / "index" / f"{name}.pf_index"))[0] for _, _, name in meta_of(bundle)[2]]


def decode(bundle: Path) -> dict[str, Any]:
    """Everything the bundle says, with pages named by URL and meta fields by name instead of numbers."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    version, pages, chunks, filters, sorts, fields = meta_of(bundle)
    urls = urls_of(bundle)

    def by_url(entries: list) -> dict[str, tuple]:
        found, number = {}, 0
        for difference, locs, meta_locs in entries:
            number += difference
            found[urls[number]] = (locs, [fields[-mark - 1] if mark < 0 else mark for mark in meta_locs])
        return found

    words = {
        word: (by_url(entries), {form: by_url(form_entries) for form, form_entries in variants})
        for chunk in word_chunks(bundle)
        for word, entries, variants in chunk
    }
    filter_pages = {}
    for _, name in filters:
        filter_name, values = cbor2.loads(read_pagefind(bundle / "filter" / f"{name}.pf_filter"))
        filter_pages[filter_name] = {value: sorted(urls[page] for page in numbers) for value, numbers in values}
    return {
        "entry": {**entry, "languages": {lang: {**about, "hash": None} for lang, about in entry["languages"].items()}},
        "version": version,
        "pages": {
            url: (count, read_pagefind(bundle / "fragment" / f"{name}.pf_fragment"))
            for url, (name, count) in zip(urls, pages, strict=True)
        },
        "chunks": [(start, end) for start, end, _ in chunks],
        "words": words,
        "filters": filter_pages,
        "sorts": sorts,
        "fields": fields,
        "assets": {
            path.name: path.read_bytes()
            for path in bundle.iterdir()
            if path.is_file() and ".pf_" not in path.name and path.suffix != ".json"
        },
    }


def variant_order_problems(bundle: Path) -> tuple[list[str], int]:
    """Words whose variants are not in Pagefind's order for this bundle's page numbers (by the first page showing
    each; there, forms in the text, sorted, before forms only in meta fields, sorted), and how many words the
    second rule decides."""
    problems, decided = [], 0
    for chunk in word_chunks(bundle):
        for word, _, variants in chunk:
            keys = [(entries[0][0], 0 if entries[0][1] else 1, form) for form, entries in variants]
            if keys != sorted(keys):
                problems.append(f"{word}: {[form for form, _ in variants]}")
            decided += sorted(keys) != sorted(keys, key=lambda key: (key[0], key[2]))
    return problems, decided


def files_of(bundle: Path, folder: str) -> dict[str, bytes]:
    """The files in one of the bundle's folders, by name, ungzipped (Pagefind's gzip is not Python's)."""
    return {path.name: read_pagefind(path) for path in (bundle / folder).iterdir()}


def test_merged_bundle_has_one_runs_word_index_and_fragments_byte_for_byte(search_bundles: SearchBundles) -> None:
    """Same files under the same names (and, ungzipped, the same bytes): every word at the same places of the same
    pages, numbered alike, cut into the same chunks; every page's fragment."""
    assert "4 Pagefind runs" in search_bundles.said["merged"], search_bundles.said
    for folder in ("index", "fragment"):
        assert files_of(search_bundles.merged, folder) == files_of(search_bundles.single, folder), folder
    single, merged = meta_of(search_bundles.single), meta_of(search_bundles.merged)
    assert (merged[0], merged[1], merged[2], merged[4], merged[5]) == (
        single[0],
        single[1],
        single[2],
        single[4],
        single[5],
    )


def test_merged_bundle_holds_what_one_run_over_every_document_holds(search_bundles: SearchBundles) -> None:
    """Read page by page: the same pages and fragments, words at the same places, variants, chunk ranges, filter
    values and their pages, meta fields, Pagefind's scripts."""
    single, merged = decode(search_bundles.single), decode(search_bundles.merged)
    assert merged.keys() == single.keys()
    for part in single:
        assert merged[part] == single[part], f"the merged bundle's {part} differ from one run's"
    entries = [
        json.loads((bundle / "pagefind-entry.json").read_text())
        for bundle in (search_bundles.single, search_bundles.merged)
    ]
    hashes = [entry["languages"]["zh"]["hash"] for entry in entries]
    assert (search_bundles.merged / "pagefind-entry.json").read_text() == (
        search_bundles.single / "pagefind-entry.json"
    ).read_text().replace(*hashes)


def test_merged_bundle_does_not_depend_on_how_the_documents_were_split(search_bundles: SearchBundles) -> None:
    """Runs of 40 documents and runs of 11 merge into the same bytes."""
    assert "15 Pagefind runs" in search_bundles.said["resplit"], search_bundles.said
    files = {}
    for bundle in (search_bundles.merged, search_bundles.resplit):
        files[bundle] = {
            path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()
        }
    assert files[search_bundles.merged] == files[search_bundles.resplit]


def test_merged_bundle_numbers_pages_as_one_run_does(search_bundles: SearchBundles) -> None:
    """In the order Pagefind walks the folder, not sorted: a score can depend on it (scripts/searchindex.py)."""
    urls = urls_of(search_bundles.merged)
    assert urls == urls_of(search_bundles.single)
    assert len(urls) == len(list(search_bundles.documents.rglob("*.html")))


def numbered_names(bundle: Path) -> tuple[str, list[str], list[str]]:
    """The bundle id shared by its numbered files, and its fragments' and index chunks' names as the .pf_meta lists
    them, each checked to be <language>_<id>_<n> and to be the name of a file."""
    _, pages, chunks, *_ = meta_of(bundle)
    fragments, indexes = [name for name, _ in pages], [name for _, _, name in chunks]
    ident = fragments[0].split("_")[1]
    for kind, names in (("fragment", fragments), ("index", indexes)):
        assert names == [f"zh_{ident}_{n}" for n in range(len(names))], kind
        assert sorted(path.stem for path in (bundle / kind).iterdir()) == sorted(names), kind
    return ident, fragments, indexes


@pytest.mark.parametrize("bundle", ["single", "merged", "sharded"])
def test_fragments_and_index_chunks_are_numbered_and_the_rest_named_by_their_hashes(
    search_bundles: SearchBundles, bundle: str
) -> None:
    """Page n's fragment and chunk n are <language>_<bundle id>_<n> (the .pf_meta a first search loads from every
    shard then compresses to two thirds); filters and the .pf_meta keep Pagefind's names, the hash of their contents.
    Each shard has an id of its own."""
    idents = []
    for shard in shards_of(getattr(search_bundles, bundle)):
        idents.append(numbered_names(shard)[0])
        for path in (shard / "filter").iterdir():
            assert path.stem == "zh_" + sha1_name(read_pagefind(path))[: len(path.stem) - 3], path
        [meta] = shard.glob("*.pf_meta")
        assert meta.name == f"pagefind.zh_{sha1_name(read_pagefind(meta))[:10]}.pf_meta"
    assert len(set(idents)) == len(idents)


def test_a_changed_document_renames_every_numbered_file_and_an_unchanged_build_none(
    search_bundles: SearchBundles, tmp_path: Path
) -> None:
    """A browser that cached a fragment or chunk of the last build (GitHub Pages lets it keep one ten minutes) never
    takes it for one of this build's: one word changed in one document renames every such file; built again from
    the same documents, the bundle has the same names."""
    documents = tmp_path / "documents"
    shutil.copytree(search_bundles.documents, documents)
    for name in ("before", "again"):
        write_bundle(documents, tmp_path / name, MERGED_RUN_SIZE, 10**6)
    changed = documents / next(iter(EXTRA_DOCUMENTS))
    changed.write_text(changed.read_text(encoding="utf-8").replace("paper", "papers"), encoding="utf-8")
    write_bundle(documents, tmp_path / "after", MERGED_RUN_SIZE, 10**6)
    before, again, after = (numbered_names(tmp_path / name) for name in ("before", "again", "after"))
    assert again == before
    assert before[0] != after[0]
    assert not set(before[1] + before[2]) & set(after[1] + after[2])
    assert len(after[1]) == len(before[1])


@pytest.mark.parametrize("bundle", ["single", "merged"])
def test_variants_are_listed_in_pagefinds_order(search_bundles: SearchBundles, bundle: str) -> None:
    """The rule the merge orders a word's accented forms by holds in Pagefind's own bundle, whatever order its
    pages are in, and in the merged one; the corpus has a word where the text-before-meta part decides."""
    problems, decided = variant_order_problems(getattr(search_bundles, bundle))
    assert not problems
    assert decided >= 1


def test_small_chunks_are_cut_where_pagefind_cuts_them(
    search_bundles: SearchBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With index chunks of 50 page entries (many chunks, cut inside Chinese and accented words), the merged
    bundle's chunks start and end where one run's do, holding the same words."""
    monkeypatch.setenv(CHUNK_SIZE_VARIABLE, "50")  # read by Pagefind and by the merge
    documents = copy_documents(search_bundles.documents, tmp_path / "documents", "articles/synthetic-")
    write_bundle(documents, tmp_path / "single", run_size=10**6)
    write_bundle(documents, tmp_path / "merged", run_size=3)
    assert files_of(tmp_path / "merged", "index") == files_of(tmp_path / "single", "index")
    single, merged = decode(tmp_path / "single"), decode(tmp_path / "merged")
    assert len(single["chunks"]) > 100
    for part in single:
        assert merged[part] == single[part], f"the merged bundle's {part} differ from one run's"


def copy_documents(source: Path, target: Path, leave_out: str = "") -> Path:
    """The search documents under `source` but those whose path starts with `leave_out`, copied to `target`."""
    for path in source.rglob("*.html"):
        relative = path.relative_to(source).as_posix()
        if not (leave_out and relative.startswith(leave_out)):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)
    return target


@pytest.mark.parametrize(("count", "size"), [(1, 800), (800, 800), (801, 800), (5000, 800), (158, 11), (3, 1)])
def test_runs_are_consecutive_even_and_at_most_the_run_size(count: int, size: int) -> None:
    paths = [f"articles/a-{n:05d}/index.html" for n in range(count)]
    runs = split_runs(paths, size)
    assert [path for run in runs for path in run] == paths
    assert max(map(len, runs)) <= size
    assert max(map(len, runs)) - min(map(len, runs)) <= 1
    assert len(runs) == -(-count // size)


def shards_of(bundle: Path) -> list[Path]:
    """The bundle's shards: itself, then each folder its shards.json lists."""
    listed = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))
    return [bundle, *(bundle / name for name in listed)]


@pytest.mark.parametrize(("count", "size"), [(1, 1250), (1250, 1250), (1251, 1250), (5000, 1250), (158, 60)])
def test_shards_are_dealt_the_documents_in_turn_and_hold_at_most_the_shard_size(count: int, size: int) -> None:
    paths = [f"articles/a-{n:05d}.html" for n in range(count)]
    shards = split_shards(paths, size)
    assert len(shards) == -(-count // size)
    assert sorted(path for shard in shards for path in shard) == paths
    assert max(map(len, shards)) <= size
    assert max(map(len, shards)) - min(map(len, shards)) <= 1
    for number, shard in enumerate(shards):
        assert shard == paths[number :: len(shards)]  # one city's consecutive slugs are spread over every shard


def test_every_document_is_in_exactly_one_shard(search_bundles: SearchBundles) -> None:
    shards = shards_of(search_bundles.sharded)
    assert "in 3 shards, 6 Pagefind runs" in search_bundles.said["sharded"], search_bundles.said
    assert [path.relative_to(search_bundles.sharded).as_posix() for path in shards[1:]] == ["shard-1", "shard-2"]
    urls = [url for shard in shards for url in urls_of(shard)]
    assert sorted(urls) == sorted(urls_of(search_bundles.single))
    assert all(len(urls_of(shard)) <= SHARD_SIZE for shard in shards)


def test_a_shard_is_one_run_over_its_documents_and_lists_the_other_shards_words_without_pages(
    search_bundles: SearchBundles, tmp_path: Path
) -> None:
    """Each shard holds what one Pagefind run over its documents holds (index chunks a third of the size, as the
    shards are three); the words of the other shards that none of its pages has are listed with no pages, so that
    Pagefind does not leave them out of a query (`delegation zanzibarite` finds one page, not every delegation)."""
    shards = shards_of(search_bundles.sharded)
    every_word = set(decode(search_bundles.single)["words"])
    paths = {page_url(path): path for path in walk_documents(search_bundles.documents)}
    for number, shard in enumerate(shards):
        own = [paths[url] for url in urls_of(shard)]
        run_pagefind(search_bundles.documents, tmp_path / str(number), own, CHUNK_SIZE // len(shards))
        one_run, sharded = decode(tmp_path / str(number)), decode(shard)
        listed = {word: found for word, found in sharded["words"].items() if found != ({}, {})}  # pages or forms
        assert listed == one_run["words"]
        assert set(sharded["words"]) - set(listed) == every_word - set(one_run["words"])
        for part in ("pages", "filters", "fields", "version"):
            assert sharded[part] == one_run[part], f"shard {number}'s {part} differ from one run's"
    assert [bool(decode(shard)["words"]["zanzibarite"][0]) for shard in shards].count(True) == 1


def test_only_the_first_shard_holds_pagefinds_scripts(search_bundles: SearchBundles) -> None:
    first, *others = shards_of(search_bundles.sharded)
    assert (first / "pagefind.js").is_file()
    assert decode(first)["assets"] == decode(search_bundles.single)["assets"]
    for shard in others:
        names = {path.name for path in shard.iterdir()}
        assert names == {"pagefind-entry.json", "index", "filter", "fragment", next(shard.glob("*.pf_meta")).name}


def test_runs_whose_glob_would_be_too_long_for_one_argument_are_smaller() -> None:
    """Two runs of 800 would need globs of 173,000 characters (a single run needs none)."""
    paths = [f"articles/{'long-slug-' * 19}{n:05d}/index.html" for n in range(1600)]
    runs = split_runs(paths, 800)
    assert len(runs) == 4
    assert all(len(run_glob(run)) <= GLOB_LIMIT for run in runs)


def test_a_run_finds_exactly_its_documents_whatever_their_names(tmp_path: Path) -> None:
    """Names with characters that mean something in a glob are matched literally."""
    names = ["a(b)c", "x,y", "{braces}", "star*", "q?", "dollar$", "[set]", "plain"]
    for name in names:
        (tmp_path / "site" / name).mkdir(parents=True)
        (tmp_path / "site" / name / "index.html").write_text(f"<html><body><p>word {name}</p></body></html>")
    chosen = [f"{name}/index.html" for name in names[::2]]
    run_pagefind(tmp_path / "site", tmp_path / "bundle", chosen)
    assert sorted(urls_of(tmp_path / "bundle")) == sorted(f"/{name}/" for name in names[::2])


def test_small_archive_is_indexed_by_one_plain_run(search_bundles: SearchBundles, tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    for path in list(EXTRA_DOCUMENTS)[:2]:
        (documents / path).parent.mkdir(parents=True)
        shutil.copyfile(search_bundles.documents / path, documents / path)
    said = write_bundle(documents, tmp_path / "pagefind", run_size=2)
    assert said.startswith("search index: 2 documents, one Pagefind run (peak ")
    assert json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())["languages"]["zh"]["page_count"] == 2
    assert shards_of(tmp_path / "pagefind") == [tmp_path / "pagefind"]


def test_merged_bundle_replaces_the_old_one_and_leaves_nothing_else(
    search_bundles: SearchBundles, tmp_path: Path
) -> None:
    bundle = tmp_path / "site" / "pagefind"
    shutil.copytree(search_bundles.single, bundle)
    write_bundle(search_bundles.documents, bundle, MERGED_RUN_SIZE)
    assert sorted(path.name for path in bundle.parent.iterdir()) == ["pagefind"]
    assert urls_of(bundle) == urls_of(search_bundles.merged)


def page(words: str, extra: str = "") -> str:
    return f"<html><body><h1 data-pagefind-meta='title'>T</h1><p>{words}</p>{extra}</body></html>"


def write_runs(root: Path, *runs: dict[str, str]) -> list[Path]:
    """One Pagefind run per dict of documents (path -> HTML), all under root/documents; the runs' folders."""
    for run in runs:
        for path, html in run.items():
            (root / "documents" / path).parent.mkdir(parents=True, exist_ok=True)
            (root / "documents" / path).write_text(html, encoding="utf-8")
    folders = [root / f"run-{n}" for n in range(len(runs))]
    for folder, run in zip(folders, runs, strict=True):
        run_pagefind(root / "documents", folder, list(run))
    return folders


def edit_entry(folder: Path, change: dict) -> None:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    (folder / "pagefind-entry.json").write_text(json.dumps({**entry, **change}), encoding="utf-8")


def with_two_languages(folder: Path) -> None:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    edit_entry(folder, {"languages": {**entry["languages"], "en": entry["languages"]["zh"]}})


def unsigned_fragment(folder: Path) -> None:
    [fragment] = (folder / "fragment").iterdir()
    fragment.write_bytes(gzip.compress(b"{}"))


# Each way the merge refuses runs it cannot merge exactly: how the runs are spoilt, and what it says.
REFUSALS = {
    "sorts": (None, "run-1: sorted by 'date'; sort orders cannot be merged"),
    "version": (
        lambda folder: edit_entry(folder, {"version": "1.6.0"}),
        "run-1: Pagefind 1.6.0; the merge knows 1.5.2 only",
    ),
    "languages": (with_two_languages, "run-1: 2 languages; the merge takes one (force_language)"),
    "settings": (
        lambda folder: edit_entry(folder, {"include_characters": ["_"]}),
        "run-1: language or include_characters differ from run-0's",
    ),
    "signature": (unsigned_fragment, "/run-1/fragment/"),
}


@pytest.mark.parametrize("refusal", REFUSALS)
def test_merge_refuses_runs_it_cannot_merge_exactly(tmp_path: Path, refusal: str) -> None:
    spoil, message = REFUSALS[refusal]
    sort = "<span data-pagefind-sort='date'>2020</span>" if refusal == "sorts" else ""
    folders = write_runs(tmp_path, {"a/index.html": page("alpha")}, {"b/index.html": page("beta", sort)})
    if spoil:
        spoil(folders[1])
    with pytest.raises(BundleError) as error:
        merge_bundles(folders, tmp_path / "merged", ["/a/", "/b/"])
    assert message in str(error.value)
    if refusal == "signature":
        assert str(error.value).endswith(".pf_fragment: not a Pagefind file (no pagefind_dcd signature)")


def test_merge_refuses_a_page_indexed_twice(tmp_path: Path) -> None:
    [folder] = write_runs(tmp_path, {"a/index.html": page("alpha"), "b/index.html": page("beta")})
    with pytest.raises(BundleError, match=r"^indexed more than once: /a/, /b/$"):
        merge_bundles([folder, folder], tmp_path / "merged", ["/a/", "/b/"])


def test_merge_refuses_pages_other_than_the_documents(tmp_path: Path) -> None:
    [folder] = write_runs(tmp_path, {"a/index.html": page("alpha"), "b/index.html": page("beta")})
    with pytest.raises(BundleError) as error:
        merge_bundles([folder], tmp_path / "merged", ["/a/", "/c.html"])
    assert str(error.value) == "pages indexed but not listed: ['/b/']; listed but not indexed: ['/c.html']"


def test_a_run_that_leaves_a_document_out_stops_the_index(tmp_path: Path) -> None:
    """A page with no words is left out by Pagefind; one run over every page might keep or leave it out
    differently (data-pagefind-body), so the merge is not attempted; the old bundle stays."""
    documents = {"a/index.html": page("alpha"), "b/index.html": "<html><body></body></html>", "c/index.html": page("c")}
    for path, html in documents.items():
        (tmp_path / "documents" / path).parent.mkdir(parents=True)
        (tmp_path / "documents" / path).write_text(html, encoding="utf-8")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "old").write_text("the last good bundle")
    with pytest.raises(
        BundleError,
        match=r"^Pagefind indexed 1 of the 2 documents b/index.html to c/index.html; a merge needs them all$",
    ):
        write_bundle(tmp_path / "documents", tmp_path / "pagefind", run_size=2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["documents", "pagefind"]
    assert [path.name for path in (tmp_path / "pagefind").iterdir()] == ["old"]


def test_no_documents_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match=f"^no HTML documents to index in {tmp_path}$"):
        write_bundle(tmp_path, tmp_path / "pagefind")


def test_the_hooks_index_in_the_background_and_report_failure(search_bundles: SearchBundles, tmp_path: Path) -> None:
    """What `make build`, `make serve` and `mkdocs build` start: a merged bundle, or an error saying why."""
    mkdocs_hooks.finish_index(mkdocs_hooks.index_search(str(search_bundles.documents), str(tmp_path / "pagefind"), 40))
    assert decode(tmp_path / "pagefind") == decode(search_bundles.merged)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "index.html").write_text("<html><body></body></html>")
    with pytest.raises(SystemExit) as error:
        mkdocs_hooks.finish_index(mkdocs_hooks.index_search(str(tmp_path / "empty"), str(tmp_path / "other")))
    assert str(error.value).startswith(
        "search index failed:\npagefind failed (1):\nError: Pagefind was not able to build an index."
    )


# Integers as index chunks hold them (page differences, places, weight and field marks), with the edges of every
# CBOR width and of the merge's table of small ones.
_integers = st.one_of(
    st.integers(-30, 300),
    st.sampled_from([23, 24, 255, 256, 65535, 65536, -24, -25, -256, -257, -65536, -65537, 2**32 - 1, 2**32, 2**40]),
    st.integers(-(2**63), 2**63 - 1),
)
_pages = st.lists(st.tuples(_integers, st.lists(_integers, max_size=30), st.lists(_integers, max_size=4)).map(list))
_words = st.lists(
    st.tuples(st.text(max_size=12), _pages, st.lists(st.tuples(st.text(max_size=8), _pages).map(list), max_size=2)).map(
        list
    ),
    min_size=1,
    max_size=8,
)


@given(_words)
def test_index_chunks_are_encoded_as_cbor2_encodes_them(words: list) -> None:
    assert encode_chunk(words) == cbor2.dumps([words])


# Names a query keeps whole (build.names_indexed_whole, searchindex.words_indexed_whole)

NAMES_LINE = re.compile(r'<p data-pagefind-weight="0.5">([^<]*)</p>')
FILTER = re.compile(r"<span data-pagefind-filter=[^>]*>[^<]*</span>")


def test_pagefind_keeps_some_names_whole_and_cuts_others_whatever_stands_beside_them() -> None:
    """青岛 is one word to Pagefind, 文海生 is 文|海生; between spaces, the answer for a name is the same alone, in
    another order, or beside other names (so one probe answers for every search document)."""
    names = ["青岛", "首尔", "济南", "文海生", "SK海力士", "江南区企划经济局", "中华人民共和国", "中国"]
    together = words_indexed_whole(names)
    assert {"青岛", "首尔", "济南"} <= together
    assert not {"文海生", "SK海力士"} & together
    assert words_indexed_whole(names[::-1]) == together
    assert all(words_indexed_whole([name]) == ({name} & together) for name in ("青岛", "文海生", "中国"))


def test_a_name_kept_whole_is_a_word_on_every_page_whose_article_it_names(search_bundles: SearchBundles) -> None:
    """Each name a search document lists whole is, in the index, a word of that very page: a query keeping the
    name whole finds every article the name is tagged on (the seeds' and 150 synthetic articles')."""
    words = decode(search_bundles.single)["words"]
    checked = 0
    for document in sorted(search_bundles.documents.rglob("*.html")):
        [line] = NAMES_LINE.findall(document.read_text(encoding="utf-8")) or [""]
        url = page_url(document.relative_to(search_bundles.documents).as_posix())
        for name in (piece for piece in line.split(" ") if len(piece) > 1 and not piece.isascii()):
            assert url in words.get(name.lower(), ({}, {}))[0], f"{url}: {name} is not one word in the index"
            checked += 1
    assert checked > 150


def test_a_city_name_finds_the_articles_that_name_the_city_and_no_others(search_bundles: SearchBundles) -> None:
    """Pagefind answers a one-word query with every page holding a word that starts with it. For a city the index
    holds whole, those are the pages whose search document has the name: every article tagged with the city, and
    the few that name it inside another name (首尔市江南区); none that merely holds a word starting 济 and one
    starting 南, as when the query was cut into characters."""
    found = decode(search_bundles.single)
    documents = {
        page_url(path.relative_to(search_bundles.documents).as_posix()): FILTER.sub("", path.read_text("utf-8"))
        for path in search_bundles.documents.rglob("*.html")
    }
    cities = found["filters"]["City · 城市"]
    for value in ("Jinan · 济南", "Qingdao · 青岛", "Seoul · 首尔"):
        name = value.split(" · ")[1]
        matched = {url for word, (pages, _) in found["words"].items() if word.startswith(name) for url in pages}
        assert set(cities[value]) <= matched, name
        assert sorted(matched) == sorted(url for url, text in documents.items() if name in text), name


def test_pagefind_is_asked_about_names_again_only_when_they_change(tmp_path: Path) -> None:
    """The answer is kept beside the build's output; the same names are not asked again, new ones are, and a
    build that stops on an error leaves no Pagefind running and nothing kept."""
    build = mkdocs_hooks.build_module()
    vocabulary = load_vocabulary(ROOT / "seeds" / "tags.yml", "tags.yml")[0]
    kept = tmp_path / "probed.json"
    first = build.NamesIndexedWhole(vocabulary, kept)
    assert first.asking is not None
    whole = first.whole()
    assert {"济南", "青岛"} <= whole and "文海生" not in whole
    again = build.NamesIndexedWhole(vocabulary, kept)
    assert again.asking is None and again.whole() == whole
    # Kept for another Pagefind: asked again. The version is the installed distribution's.
    assert build.pagefind_version() == version("pagefind")
    saved = json.loads(kept.read_text(encoding="utf-8"))
    kept.write_text(json.dumps({**saved, "asked": ["0.0.1", *saved["asked"][1:]]}), encoding="utf-8")
    other = build.NamesIndexedWhole(vocabulary, kept)
    assert other.asking is not None and other.whole() == whole
    fewer = Vocabulary({tag: vocabulary.tags[tag] for tag in ("jinan", "seoul")}, "tags.yml")
    changed = build.NamesIndexedWhole(fewer, kept)
    assert changed.asking is not None and changed.whole() == {"济南", "首尔"}
    kept.unlink()
    nothing = build.NamesIndexedWhole(Vocabulary({}, "tags.yml"), kept)  # no Chinese name: nothing to ask
    assert nothing.asking is None and nothing.whole() == frozenset()
    stopped = build.NamesIndexedWhole(vocabulary, kept)
    asking = stopped.asking
    stopped.cancel()
    assert asking.process.returncode is not None and not Path(asking.scratch.name).exists()
    assert stopped.asking is None and not kept.exists()
