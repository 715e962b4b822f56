#!/usr/bin/env python3
"""The search index: Pagefind on the build's search documents, in runs of bounded size merged into one bundle per shard.

Pagefind keeps every word of every document in memory until it writes its bundle (about 60 MiB plus 0.41 MiB per
search document: 2.2 GiB at 5,000). An archive of more than RUN_SIZE documents is therefore indexed in runs of at
most RUN_SIZE documents each, one run after the other (so the peak is one run's), each run picking its share of the
sorted document paths with --glob; the runs' bundles are then merged here into the bundle that one run over every
document writes. Browsers load it with Pagefind's own JS and WASM, unchanged. An archive of at most RUN_SIZE
documents gets one plain Pagefind run.

Shards: Pagefind's search takes time that grows faster than the pages a query finds (each page found looks
through every place the query's words are on: about 70 ms for a word on 4,400 pages, in Chromium on this machine).
An archive of more than SHARD_SIZE documents is therefore indexed in shards of at most SHARD_SIZE documents, each
its own bundle (in runs merged as below where it has more than RUN_SIZE), which the browser searches side by side,
in web workers, and merges by score as Pagefind's mergeIndex does (assets/search-engine.js): a word on 4,400 of
5,000 pages took 71-76 ms in one bundle, 33-41 ms in four shards of 1,250 merged by Pagefind in one thread. Each
worker's Pagefind opens the first bundle of its share as its own index, and a shard's folder holds only its index
(keep_only_the_index): Pagefind's script and WebAssembly come from the first shard's folder. A shard's index
chunks are smaller in proportion (CHUNK_SIZE divided by the shard count), so that a query, which loads one chunk
from every shard, loads about as many bytes as from one bundle. The scores differ a little from one bundle's (a
word's rarity is counted within its shard); the shards are dealt the documents in turn so that each holds a like
share of every city and subject.

Why a merge can be exact: everything Pagefind writes about a page depends on that page alone (its fragment, its
word count, each word's places in it, its filter values), except what is numbered or counted over all pages, and
that is redone here over the merged pages: page numbers (in the order one run reads the documents: Pagefind walks
the folder depth first, each folder's entries as the file system lists them; a score can depend on it, below), the
order of a word's diacritic variants (the order the pages first show them), meta field numbers (the sorted
names of every page's fields), the word index chunks (Pagefind's own chunking rule over the merged words), the
hashed file names and the page count. The search's own totals (pages, average page length, pages per word) are
computed by the browser from these. Bundles from runs that use sorting (data-pagefind-sort) are refused: their
sort orders cannot be merged without the sort values, which Pagefind does not write.

Page order matters beyond ties: a page holding two accented forms of a query word (résumé and resumé) gets the
diacritic bonus of the form listed first, and forms are listed by the page that first shows them. Numbered in URL
order, such a page scored 30.9 where one run's bundle gave it 25.6; numbered in one run's order, the merged bundle
is that run's (tests/test_searchindex.py, tests/browser/test_search_merge.py).

The bundle (Pagefind 1.5.2, read from the bytes it writes; tests/test_searchindex.py checks the rules below on
the pinned binary). Each *.pf_* file is gzip of b"pagefind_dcd" + CBOR; a hashed name is the language, "_", and
the start of the SHA-1 hex (each byte without its leading zero) of the CBOR or JSON:
- pagefind.<lang>_<10 hex>.pf_meta: [version, pages [[fragment name, word count]] in page order,
  index chunks [[from, to, chunk name]], filters [[filter, file name]], sorts [], meta field names (sorted)];
- index/<lang>_<7 hex>.pf_index: [[[word, pages, variants]]], words sorted; pages [[page number minus the previous
  one's, locs, meta_locs]]; variants [[form, pages]]; locs mark a weight change as -(weight + 1) followed by an
  absolute place, other places are the difference from the previous one; meta_locs mark a field as -(its number
  + 1). A chunk ends once its words' page entries, each counted as len(locs) + len(meta_locs) + 1, reach
  CHUNK_SIZE (variants not counted); `from`/`to` are cut to the shortest prefixes telling neighbours apart;
- filter/<lang>_<7 hex>.pf_filter: [filter, [[value, page numbers]]];
- fragment/<lang>_<7 hex>.pf_fragment: the page's JSON (url, content, word_count, filters, meta, anchors);
- pagefind-entry.json: version, each language's meta name and page_count; the JS, CSS and WASM beside it.
Pagefind's JS loads files by these names and never checks a hash. So once a bundle is complete (one run's or
merged), its fragments and index chunks are renamed by number, for a smaller .pf_meta (number_files).
"""

from __future__ import annotations

import argparse
import functools
import gc
import gzip
import hashlib
import heapq
import html
import itertools
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import cbor2

from archive.write import link_or_copy

ROOT = Path(__file__).resolve().parents[1]  # Pagefind runs here, to read pagefind.yml

RUN_SIZE = 800  # documents per Pagefind run: about 60 + 0.41 × 800 = 390 MiB at most
SHARD_SIZE = 1_250  # documents per shard of the index at most (see the module's docstring)
SHARD_FOLDER = "shard-{}"  # shard n's bundle, in the first shard's folder (n from 1)
SHARDS_FILE = "shards.json"  # in the first shard's folder: the other shards' folders, relative to it
PAGEFIND_FORMAT = "1.5.2"  # the bundle format this merge reproduces; another version must be checked first
SIGNATURE = b"pagefind_dcd"  # after gunzip, before the CBOR or JSON of every *.pf_* file
CHUNK_SIZE = 20_000  # Pagefind's default index chunk size, in page entries...
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"  # ...unless this says otherwise (read by both)
GLOB_LIMIT = 100_000  # characters in one run's --glob; Linux refuses an argument of more than 131,072 bytes
GLOB_SPECIAL = frozenset("?*$:<>()[]{},\\")  # escaped with a backslash in a glob (Pagefind's wax globs)
SHORT_HASH = 7  # hex digits of a chunk, filter or fragment name; the meta's name has 10
BUNDLE_FOLDERS = ("index", "filter", "fragment")  # what the merge writes anew; every other file is copied
# zlib's level 6: the index chunks of 5,000 articles come to 10,505,628 bytes against 10,372,808 at level 8 and
# 10,355,655 at level 9 (about Pagefind's own), 1.3% more (a third of a KiB on a first search's chunk), and they are
# compressed in 1.7 s instead of 4.9 s, on a core MkDocs is waiting for.
GZIP_LEVEL = 6

# Positions in the .pf_meta array
VERSION, PAGES, CHUNKS, FILTERS, SORTS, META_FIELDS = range(6)


class BundleError(Exception):
    """A Pagefind run failed, or its bundle is not one this merge can merge exactly."""


@dataclass(frozen=True)
class Run:
    """One Pagefind run's bundle: its folder, its language and its decoded pagefind.*.pf_meta."""

    folder: Path
    entry: dict
    language: str
    meta: list


@dataclass(frozen=True)
class Page:
    """A page of one run: its URL, its fragment file, the SHA-1 of its fragment and its word count."""

    url: str
    fragment: Path
    full_hash: str
    word_count: int


# Building the index


def write_bundle(documents: Path, bundle: Path, run_size: int = RUN_SIZE, shard_size: int = SHARD_SIZE) -> str:
    """Index every HTML document under `documents` into the Pagefind bundle `bundle`, which is replaced whole once
    the new one is complete; a line saying what was done.

    More than `shard_size` documents are indexed in shards (split_shards): the first is the bundle itself, every
    other one an index of its own in a subfolder, listed in the bundle's SHARDS_FILE, which the browser merges into
    one search (assets/search.js, with Pagefind's mergeIndex)."""
    paths = walk_documents(documents)
    if not paths:
        raise BundleError(f"no HTML documents to index in {documents}")
    shards = split_shards(sorted(paths), shard_size)
    chunk = max(1, chunk_size() // len(shards))  # a query loads a chunk of every shard: about one chunk's bytes in all
    work = bundle.parent / f".{bundle.name}-runs"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    targets = [work / "bundle", *(work / "bundle" / SHARD_FOLDER.format(n) for n in range(1, len(shards)))]
    try:
        started = time.perf_counter()
        indexed = [
            run_shard(documents, work / f"shard-{n}", paths, shard, run_size, chunk) for n, shard in enumerate(shards)
        ]
        runs, peak = sum(len(folders) for folders, _ in indexed), max(peak for _, peak in indexed)
        if runs == 1:  # one shard of one run: Pagefind's own bundle
            [[folder], _] = indexed[0]
            number_files(folder)
            (folder / SHARDS_FILE).write_text("[]\n", encoding="utf-8")
            replace_folder(folder, bundle)
            return f"search index: {len(paths)} documents, one Pagefind run (peak {peak} MiB)"
        # A word no page of a shard holds is listed in it with no pages: Pagefind leaves a query's words that its
        # index does not list out of the query, so without it, a shard would answer "delegation zanzibarite" as
        # "delegation", with pages one index answers without.
        held = [words_of(folders) for folders, _ in indexed] if len(shards) > 1 else [set()]
        every = set().union(*held)
        for target, shard, (folders, _), words in zip(targets, shards, indexed, held, strict=True):
            chosen = set(shard)
            order = [page_url(path) for path in paths if path in chosen]
            merge_bundles(folders, target, order, chunk, sorted(every - words))
            number_files(target)
        for target in targets[1:]:
            keep_only_the_index(target)
        listed = [target.relative_to(targets[0]).as_posix() + "/" for target in targets[1:]]
        (targets[0] / SHARDS_FILE).write_text(json.dumps(listed) + "\n", encoding="utf-8")
        replace_folder(targets[0], bundle)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    merge_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # this process: the merges
    in_shards = f" in {len(shards)} shards" if len(shards) > 1 else ""
    return (
        f"search index: {len(paths)} documents{in_shards}, {runs} Pagefind runs in "
        f"{time.perf_counter() - started:.1f} s (largest peak {peak} MiB), merged (peak {merge_peak} MiB)"
    )


def run_shard(
    documents: Path, work: Path, paths: list[str], shard: list[str], run_size: int, chunk: int
) -> tuple[list[Path], int]:
    """Pagefind over one shard's documents, in runs of at most `run_size`, each writing its bundle in a folder under
    `work`, with index chunks of `chunk` page entries (`paths`: every document); the folders and the largest peak
    memory in MiB."""
    runs = split_runs(shard, run_size)
    folders = [work / f"run-{n:03d}" for n in range(len(runs))]
    peak = 0
    for folder, run in zip(folders, runs, strict=True):
        whole = len(run) == len(paths)
        peak = max(peak, run_pagefind(documents, folder, None if whole else run, chunk))
        if not whole:
            check_every_page_indexed(folder, run)
    return folders, peak


def words_of(folders: list[Path]) -> set[str]:
    """Every word the bundles in `folders` list."""
    return {word for folder in folders for word, _, _ in tagged_words(0, read_run(folder))}


def split_shards(paths: list[str], shard_size: int) -> list[list[str]]:
    """Sorted `paths` dealt out in turn into as few shards of at most `shard_size` as can be. Dealt, not cut into
    consecutive runs: a slug starts with its city, so a run would hold mostly one city's articles, and a word's
    score, which is higher the fewer of its shard's pages hold it, would then depend on the shard a page is in."""
    count = math.ceil(len(paths) / shard_size)
    return [paths[n::count] for n in range(count)]


def keep_only_the_index(shard: Path) -> None:
    """Leave in a shard's folder only what the browser loads from it: Pagefind's scripts come from the first."""
    for path in shard.iterdir():
        if path.is_dir() and path.name not in BUNDLE_FOLDERS:
            shutil.rmtree(path)
        elif path.is_file() and path.name != "pagefind-entry.json" and path.suffix != ".pf_meta":
            path.unlink()


def walk_documents(documents: Path, folder: str = "") -> list[str]:
    """The HTML files Pagefind finds under `documents` by default (**/*.html), as relative paths in the order it
    reads them: depth first, each folder's entries in the order the file system lists them (unsorted, as walkdir)."""
    found = []
    with os.scandir(documents / folder) as entries:
        for entry in entries:
            path = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                found += walk_documents(documents, path)
            elif entry.name.endswith(".html") and entry.is_file():
                found.append(path)
    return found


def page_url(path: str) -> str:
    """The URL Pagefind gives the document at a relative path (without "index.html", as keep_index_url is off)."""
    return "/" + (path.removesuffix("index.html") if path.rpartition("/")[2] == "index.html" else path)


def split_runs(paths: list[str], run_size: int) -> list[list[str]]:
    """`paths` in consecutive runs of at most `run_size` each, as even as can be; several runs each with a glob that
    fits in an argument (one run needs none)."""
    count = math.ceil(len(paths) / run_size)
    while True:
        runs = [paths[len(paths) * n // count : len(paths) * (n + 1) // count] for n in range(count)]
        if count == 1 or all(len(run_glob(run)) <= GLOB_LIMIT for run in runs):
            return runs
        count += 1


def run_glob(paths: list[str]) -> str:
    """A Pagefind --glob matching exactly these relative paths."""
    escaped = ("".join("\\" + c if c in GLOB_SPECIAL else c for c in path) for path in paths)
    return "{" + ",".join(escaped) + "}"


def pagefind_command(documents: Path, output: Path, paths: list[str] | None = None) -> list[str]:
    """Pagefind (settings in pagefind.yml, read from ROOT) on `documents`, or only on `paths` of them."""
    command = [sys.executable, "-m", "pagefind", "--site", str(documents.resolve()), "--output-path", str(output)]
    return [*command, "--glob", run_glob(paths)] if paths is not None else command


def run_pagefind(documents: Path, output: Path, paths: list[str] | None = None, chunk: int | None = None) -> int:
    """Run Pagefind on `documents`, or only on `paths` of them, writing its bundle to `output` (index chunks of
    `chunk` page entries, else chunk_size()'s); its peak memory in MiB."""
    command = pagefind_command(documents, output, paths)
    env = {**os.environ, CHUNK_SIZE_VARIABLE: str(chunk)} if chunk else None
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    said = process.stdout.read().decode("utf-8", "replace")
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)  # wait4, not wait: the run's own peak memory
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BundleError(f"pagefind failed ({process.returncode}):\n{said}")
    return usage.ru_maxrss // 1024


class WholeWords:
    """Which of some texts Pagefind indexes as one word where each stands between spaces, as names do in a search
    document's names line (render.render_search_document), asked in the background: start it, do something else,
    then take the answer with words().

    Pagefind cuts Chinese with a dictionary: 青岛 stays one word, 文海生 becomes 文|海生. Between spaces a text's
    cut depends on that text alone, so one scratch document holding them all answers for every search document.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = sorted(set(texts))
        self.scratch = tempfile.TemporaryDirectory(prefix="pagefind-probe-")
        site, self.bundle = Path(self.scratch.name) / "site", Path(self.scratch.name) / "bundle"
        site.mkdir()
        line = html.escape(" ".join(self.texts), quote=False)
        (site / "index.html").write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>probe</title></head><body>'
            f'<div data-pagefind-body><p data-pagefind-weight="0.5">{line}</p></div></body></html>\n',
            encoding="utf-8",
        )
        command = pagefind_command(site, self.bundle)
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def words(self) -> set[str]:
        """The texts Pagefind indexed as one word each (waits for it)."""
        try:
            said, _ = self.process.communicate()
            if self.process.returncode != 0:
                raise BundleError(f"pagefind failed ({self.process.returncode}):\n{said.decode('utf-8', 'replace')}")
            chunks = (self.bundle / "index").iterdir()
            words = {word[0] for chunk in chunks for word in cbor2.loads(read_file(chunk))[0]}
        finally:
            self.scratch.cleanup()
        return {text for text in self.texts if text.lower() in words}

    def cancel(self) -> None:
        """Stop asking."""
        self.process.kill()
        self.process.communicate()
        self.scratch.cleanup()


def words_indexed_whole(texts: Iterable[str]) -> set[str]:
    """Which of `texts` Pagefind indexes as one word where each stands between spaces (WholeWords)."""
    return WholeWords(texts).words()


def check_every_page_indexed(folder: Path, paths: list[str]) -> None:
    """Refuse a run that left documents out: whether one run over every document would leave the same ones out can
    depend on the others (a page without data-pagefind-body is left out only where some page has one)."""
    languages = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    indexed = sum(language["page_count"] for language in languages.values())
    if indexed != len(paths):
        raise BundleError(
            f"Pagefind indexed {indexed} of the {len(paths)} documents {paths[0]} to {paths[-1]}; a merge needs them all"
        )


def replace_folder(new: Path, target: Path) -> None:
    """Put the folder `new` at `target`, in place of whatever was there."""
    old = target.parent / f".{target.name}-old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


# Merging bundles


def merge_bundles(
    folders: list[Path], output: Path, order: list[str], chunk: int | None = None, absent: Iterable[str] = ()
) -> None:
    """Write to `output` (a new folder) the bundle one Pagefind run over every page of the bundles in `folders`
    writes when it reads the pages in `order` (their URLs), with index chunks of `chunk` page entries (else
    chunk_size()'s); the words `absent` (sorted, none of theirs) are listed too, each with no pages."""
    runs = [read_run(folder) for folder in folders]
    language = check_runs(runs)
    output.mkdir()
    gc.disable()  # millions of short-lived lists and no cycles: the collector's passes were 8% of the merge's time
    try:
        write_merged(runs, output, order, language, chunk or chunk_size(), absent)
    finally:
        gc.enable()


def write_merged(
    runs: list[Run], output: Path, order: list[str], language: str, chunk: int, absent: Iterable[str] = ()
) -> None:
    """The merged bundle's files, in `output`."""
    pages, renumber = merge_pages(runs, order)
    fragment_names = write_fragments(pages, language, output / "fragment")
    fields = sorted({field for run in runs for field in run.meta[META_FIELDS]})
    field_maps = [[fields.index(field) for field in run.meta[META_FIELDS]] for run in runs]
    words = merge_words(runs, renumber, field_maps, absent)
    chunks = write_word_chunks(words, language, output / "index", chunk)
    filters = write_filters(merge_filters(runs, renumber), language, output / "filter")
    meta = [runs[0].meta[VERSION], [[name, page.word_count] for name, page in zip(fragment_names, pages, strict=True)]]
    meta += [chunks, filters, [], fields]
    write_meta_and_entry(runs[0], meta, language, output)
    copy_assets(runs[0].folder, output)


def read_run(folder: Path) -> Run:
    """A run's bundle: its pagefind-entry.json and the .pf_meta of its one language."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    if len(entry["languages"]) != 1:
        raise BundleError(f"{folder.name}: {len(entry['languages'])} languages; the merge takes one (force_language)")
    [(language, about)] = entry["languages"].items()
    meta = cbor2.loads(read_file(folder / f"pagefind.{about['hash']}.pf_meta"))
    return Run(folder, entry, language, meta)


def check_runs(runs: list[Run]) -> str:
    """The runs' one language, once it is certain that this merge reproduces what Pagefind writes for them."""
    first = runs[0]
    for run in runs:
        if run.entry["version"] != PAGEFIND_FORMAT or run.meta[VERSION] != PAGEFIND_FORMAT:
            raise BundleError(
                f"{run.folder.name}: Pagefind {run.entry['version']}; the merge knows {PAGEFIND_FORMAT} only"
            )
        if (run.language, run.entry["include_characters"]) != (first.language, first.entry["include_characters"]):
            raise BundleError(f"{run.folder.name}: language or include_characters differ from {first.folder.name}'s")
        if run.meta[SORTS]:
            raise BundleError(f"{run.folder.name}: sorted by {run.meta[SORTS][0][0]!r}; sort orders cannot be merged")
    return first.language


def merge_pages(runs: list[Run], order: list[str]) -> tuple[list[Page], list[list[int]]]:
    """Every run's pages in `order` (their URLs), and for each run its pages' numbers in that order."""
    found: dict[str, tuple[int, int, Page]] = {}
    twice = []
    for number, run in enumerate(runs):
        for index, (name, word_count) in enumerate(run.meta[PAGES]):
            fragment = run.folder / "fragment" / f"{name}.pf_fragment"
            data = read_file(fragment)
            page = Page(json.loads(data)["url"], fragment, run.language + "_" + pagefind_hash(data), word_count)
            twice += [page.url] if page.url in found else []
            found[page.url] = (number, index, page)
    if twice:
        raise BundleError(f"indexed more than once: {', '.join(sorted(twice)[:5])}")
    if sorted(found) != sorted(order):
        unknown, missing = sorted(set(found) - set(order)), sorted(set(order) - set(found))
        raise BundleError(f"pages indexed but not listed: {unknown[:5]}; listed but not indexed: {missing[:5]}")
    renumber = [[0] * len(run.meta[PAGES]) for run in runs]
    for new, url in enumerate(order):
        number, index, _ = found[url]
        renumber[number][index] = new
    return [found[url][2] for url in order], renumber


def write_fragments(pages: list[Page], language: str, folder: Path) -> list[str]:
    """Each page's fragment file, linked (or copied) under the name Pagefind gives it in this page order; the names."""
    folder.mkdir()
    names: list[str] = []
    taken: set[str] = set()
    for page in pages:
        # A fragment name that is taken grows by one digit (Pagefind's index/mod.rs; chunks and filters grow by two).
        name = page.full_hash[: len(language) + 1 + SHORT_HASH]
        while name in taken:
            name = page.full_hash[: len(name) + 1]
        taken.add(name)
        names.append(name)
        link_or_copy(page.fragment, folder / f"{name}.pf_fragment")  # the run's file itself: runs are deleted
    return names


def merge_filters(runs: list[Run], renumber: list[list[int]]) -> dict[str, dict[str, list[int]]]:
    """Each filter's values and, for each, the numbers of the pages that have it, in order."""
    filters: dict[str, dict[str, list[int]]] = {}
    for number, run in enumerate(runs):
        for _, name in run.meta[FILTERS]:
            filter_name, values = cbor2.loads(read_file(run.folder / "filter" / f"{name}.pf_filter"))
            for value, pages in values:
                filters.setdefault(filter_name, {}).setdefault(value, []).extend(renumber[number][p] for p in pages)
    for values in filters.values():
        for pages in values.values():
            pages.sort()
    return filters


def write_filters(filters: dict[str, dict[str, list[int]]], language: str, folder: Path) -> list[list[str]]:
    """One file per filter, filters and values sorted by name (Pagefind 1.5.2 writes them in hash-map order, a
    different one on each run; the browser sorts them); the .pf_meta's list of filters."""
    folder.mkdir()
    listed: list[list[str]] = []
    taken: set[str] = set()
    for filter_name in sorted(filters):
        values = filters[filter_name]
        data = cbor2.dumps([filter_name, [[value, values[value]] for value in sorted(values)]])
        name = short_name(language, data, taken)
        write_file(folder / f"{name}.pf_filter", data)
        listed.append([filter_name, name])
    return listed


def merge_words(
    runs: list[Run], renumber: list[list[int]], field_maps: list[list[int]], absent: Iterable[str] = ()
) -> Iterator[list]:
    """Every word of the runs in word order, with the pages of every run under it (absolute page numbers, meta
    field numbers of the merged bundle), and the words `absent` (sorted) with none; one index chunk of each run in
    memory at a time."""
    streams = [tagged_words(number, run) for number, run in enumerate(runs)]
    streams.append((word, len(runs), [word, [], []]) for word in absent)
    for word, group in itertools.groupby(heapq.merge(*streams), key=itemgetter(0)):
        pages: list[list] = []
        variants: dict[str, list[list]] = {}
        for _, number, (_, run_pages, run_variants) in group:
            if number == len(runs):
                continue  # an absent word: no pages
            pages += placed(run_pages, renumber[number], field_maps[number])
            for form, form_pages in run_variants:
                variants.setdefault(form, []).extend(placed(form_pages, renumber[number], field_maps[number]))
        pages.sort(key=itemgetter(0))
        for form_pages in variants.values():
            form_pages.sort(key=itemgetter(0))
        yield [
            word,
            pages,
            [[form, variants[form]] for form in sorted(variants, key=lambda f: first_shown(f, variants))],
        ]


def tagged_words(number: int, run: Run) -> Iterator[tuple[str, int, list]]:
    """A run's words in word order as (word, run number, word's data), reading one index chunk at a time."""
    for _, _, name in run.meta[CHUNKS]:
        [words] = cbor2.loads(read_file(run.folder / "index" / f"{name}.pf_index"))
        for word in words:
            yield word[0], number, word


def placed(pages: list[list], renumber: list[int], field_map: list[int]) -> list[list]:
    """A run's page entries for a word, changed in place to the merged bundle's page numbers (absolute, not yet
    differences) and meta field numbers."""
    number = 0
    remap = field_map != list(range(len(field_map)))
    for entry in pages:
        number += entry[0]
        entry[0] = renumber[number]
        if remap:
            entry[2] = [-field_map[-mark - 1] - 1 if mark < 0 else mark for mark in entry[2]]
    return pages


def first_shown(form: str, variants: dict[str, list[list]]) -> tuple[int, int, str]:
    """Where a word's diacritic variant comes in Pagefind's list: by the first page showing it; on one page, those
    in the text (sorted) before those only in meta fields (sorted)."""
    number, locs, _ = variants[form][0]
    return number, 0 if locs else 1, form


def write_word_chunks(words: Iterable[list], language: str, folder: Path, size: int) -> list[list[str]]:
    """The words in index chunks as Pagefind cuts them (a chunk ends once it holds `size` page entries); the
    .pf_meta's list of chunks, [from, to, name]."""
    folder.mkdir()
    chunks: list[list[str]] = []
    taken: set[str] = set()
    chunk: list[list] = []
    held = 0
    for word in words:
        chunk.append(word)
        pages = word[1]  # each page entry counts as len(locs) + len(meta_locs) + 1
        held += len(pages) + sum(map(len, map(_LOCS, pages))) + sum(map(len, map(_META_LOCS, pages)))
        if held >= size:
            chunks.append(write_word_chunk(chunk, language, folder, taken))
            chunk, held = [], 0
    if chunk:
        chunks.append(write_word_chunk(chunk, language, folder, taken))
    for before, after in itertools.pairwise(chunks):
        # Pagefind keeps `to` whole where its prefix would sort before the chunk's own `from`.
        to, after[0] = shortest_prefixes(before[1], after[0])
        if to >= before[0]:
            before[1] = to
    return chunks


def write_word_chunk(words: list[list], language: str, folder: Path, taken: set[str]) -> list[str]:
    """Write one index chunk, page numbers as differences; [first word, last word, name]."""
    for _, pages, variants in words:
        for entries in (pages, *(form_pages for _, form_pages in variants)):
            previous = 0
            for entry in entries:
                entry[0], previous = entry[0] - previous, entry[0]
    data = encode_chunk(words)
    name = short_name(language, data, taken)
    write_file(folder / f"{name}.pf_index", data)
    return [words[0][0], words[-1][0], name]


_LOCS, _META_LOCS = itemgetter(1), itemgetter(2)


def encode_chunk(words: list[list]) -> bytes:
    """cbor2.dumps([words]) for an index chunk, byte for byte, in a fifth of the time: the chunk is millions of
    small integers, and cbor2's encoder spends about 200 ns on each."""
    parts = [b"\x81", _head(0x80, len(words))]
    add = parts.append
    for word, pages, variants in words:
        add(b"\x83")
        add(_text(word))
        _encode_pages(pages, parts)
        add(_head(0x80, len(variants)))
        for form, form_pages in variants:
            add(b"\x82")
            add(_text(form))
            _encode_pages(form_pages, parts)
    return b"".join(parts)


def _encode_pages(pages: list[list], parts: list[bytes]) -> None:
    """A word's page entries, [page difference, locs, meta_locs] each, appended to `parts` as CBOR."""
    add, (small, heads) = parts.append, _tables()
    add(_head(0x80, len(pages)))
    for page, locs, meta_locs in pages:
        try:  # the common case in one expression: small numbers, no meta field
            add(
                b"\x83"
                + small[page]
                + heads[len(locs)]
                + b"".join(map(small.__getitem__, locs))
                + (_integers(meta_locs) if meta_locs else b"\x80")
            )
        except (KeyError, IndexError):
            add(b"\x83" + _integer(page) + _integers(locs) + _integers(meta_locs))


def _integers(values: list[int]) -> bytes:
    """A CBOR array of integers; those from -SMALL to SMALL - 1 looked up, the rest encoded one by one."""
    try:
        return _head(0x80, len(values)) + b"".join(map(_tables()[0].__getitem__, values))
    except KeyError:
        return _head(0x80, len(values)) + b"".join(map(_integer, values))


def _integer(value: int) -> bytes:
    """An integer in CBOR's shortest form (major type 0, or 1 for a negative one)."""
    return _head(0x00, value) if value >= 0 else _head(0x20, -1 - value)


def _text(value: str) -> bytes:
    """A text string in CBOR."""
    data = value.encode("utf-8")
    return _head(0x60, len(data)) + data


def _head(major: int, argument: int) -> bytes:
    """A CBOR item's head: its major type (shifted) and argument, in the shortest form."""
    if argument < 24:
        return bytes((major | argument,))
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes((major | extra,)) + argument.to_bytes(size, "big")
    raise ValueError(f"integer out of CBOR's range: {argument}")


SMALL = 1 << 16  # word places and page differences: nearly all below this


@functools.cache  # made once, when a merge first needs them (a tenth of a second)
def _tables() -> tuple[dict[int, bytes], list[bytes]]:
    """The CBOR of every integer from -SMALL to SMALL - 1, and the head of every array shorter than SMALL."""
    return {value: _integer(value) for value in range(-SMALL, SMALL)}, [_head(0x80, length) for length in range(SMALL)]


def shortest_prefixes(last: str, first: str) -> tuple[str, str]:
    """The shortest prefixes of a chunk's last word and the next chunk's first word that differ."""
    common = next((n for n, (a, b) in enumerate(zip(last, first, strict=False)) if a != b), min(len(last), len(first)))
    return last[: common + 1], first[: common + 1]


def write_meta_and_entry(first: Run, meta: list, language: str, output: Path) -> None:
    """The bundle's pagefind.<hash>.pf_meta, and the pagefind-entry.json naming it."""
    data = cbor2.dumps(meta)
    name = f"{language}_{pagefind_hash(data)[: len(language) + 1 + SHORT_HASH]}"
    write_file(output / f"pagefind.{name}.pf_meta", data)
    entry = json.loads(json.dumps(first.entry))
    entry["languages"][language].update(hash=name, page_count=len(meta[PAGES]))
    (output / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def number_files(bundle: Path) -> None:
    """Rename the bundle's fragments and index chunks <language>_<bundle id>_<n>, page n's fragment and chunk n,
    where the bundle id is the hash of the .pf_meta's pages and chunks, which name every one of those files by the
    hash of its contents (the filters, few, keep their names). A first search loads every shard's .pf_meta, and
    most of it is the list of fragment names: as hashes, 3.5 incompressible bytes each, 4 KiB of a shard's 15
    compressed; numbered, they compress to almost nothing. A file whose contents change is still renamed, and so
    is every other one of its bundle: a browser never takes a cached file of another build for this one's."""
    run = read_run(bundle)
    meta = list(run.meta)
    ident = pagefind_hash(cbor2.dumps([meta[PAGES], meta[CHUNKS]]))[:SHORT_HASH]
    for folder, suffix, entries, at in (
        ("fragment", ".pf_fragment", meta[PAGES], 0),
        ("index", ".pf_index", meta[CHUNKS], 2),
    ):
        for n, entry in enumerate(entries):  # a page is [name, word count], a chunk [from, to, name]
            new = f"{run.language}_{ident}_{n}"
            os.rename(bundle / folder / f"{entry[at]}{suffix}", bundle / folder / f"{new}{suffix}")
            entry[at] = new
    (bundle / f"pagefind.{run.entry['languages'][run.language]['hash']}.pf_meta").unlink()
    write_meta_and_entry(run, meta, run.language, bundle)


def copy_assets(run: Path, output: Path) -> None:
    """Pagefind's JS, CSS and WASM (the same in every run), copied from a run's bundle."""
    for path in run.iterdir():
        if path.is_dir() and path.name not in BUNDLE_FOLDERS:
            shutil.copytree(path, output / path.name)
        elif path.is_file() and path.name != "pagefind-entry.json" and path.suffix != ".pf_meta":
            shutil.copyfile(path, output / path.name)


def chunk_size() -> int:
    """The index chunk size Pagefind uses in this environment."""
    value = os.environ.get(CHUNK_SIZE_VARIABLE, "")
    return int(value) if value.isdigit() else CHUNK_SIZE


# Pagefind's files


def read_file(path: Path) -> bytes:
    """The CBOR or JSON in a bundle file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleError(f"{path}: not a Pagefind file (no {SIGNATURE.decode()} signature)")
    return data[len(SIGNATURE) :]


def write_file(path: Path, data: bytes) -> None:
    """Write a bundle file as Pagefind does: signed, gzipped."""
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=GZIP_LEVEL, mtime=0))


def pagefind_hash(data: bytes) -> str:
    """Pagefind's hash of a file's contents: SHA-1 in hex, each byte without a leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


def short_name(language: str, data: bytes, taken: set[str]) -> str:
    """A chunk's or filter's file name: language and SHORT_HASH digits, two more for as long as it is taken."""
    full = f"{language}_{pagefind_hash(data)}"
    name = full[: len(language) + 1 + SHORT_HASH]
    while name in taken and len(name) < len(full):
        name = full[: len(name) + 2]
    taken.add(name)
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=Path, help="folder of the search documents (build/search/)")
    parser.add_argument("bundle", type=Path, help="where the bundle goes (replaced whole once complete)")
    parser.add_argument("--run-size", type=int, default=RUN_SIZE, help=f"documents per run (default {RUN_SIZE})")
    parser.add_argument(
        "--shard-size", type=int, default=SHARD_SIZE, help=f"documents per shard (default {SHARD_SIZE})"
    )
    args = parser.parse_args(argv)
    try:
        print(write_bundle(args.documents, args.bundle.resolve(), args.run_size, args.shard_size), file=sys.stderr)
    except BundleError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
