"""Write generated pages under docs/: whole or not at all, and not at all when nothing changed.

Pages are staged one at a time, as they are rendered, in docs/.generated-staging. A page whose bytes equal the
file now in docs/ is not written: once every page is rendered, and only if some page changed or went away, the
unchanged ones are hard-linked from the current files (so they keep their inodes and modification times) and
the generated folders are swapped in one by one. When nothing changed, docs/ is not touched at all.

Each process stages into a folder of its own, and the staged trees are gathered into one by renaming before the
swap: two processes creating files in one folder at once wait on that folder's lock, which on this 2-core
machine's disk took staging 14,000 pages up to twice the kernel time (a rename creates no file, and one process
makes them all).
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .parallel import fork_map

# The folders under docs/ the build owns outright: it may replace them, and nothing else.
# "bilingual" held the separate bilingual views (now part of each article page); listed so old ones are removed.
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
PART = "part-"  # + a process id: the folder in STAGING where that process stages its pages

# Renders pages one at a time, as (path under docs/, text or its UTF-8); each runs whole in one process.
Share = Callable[[], Iterable[tuple[str, str | bytes]]]


@dataclass(frozen=True)
class WriteReport:
    """How many pages the build wrote and removed (both 0 when the output was already current)."""

    written: int
    removed: int


@dataclass(frozen=True)
class Staged:
    """What one share staged: the pages written because they are new or changed, and the unchanged ones (linked
    only if the output is swapped in at all)."""

    written: list[str]
    unchanged: list[str]


class Staging:
    """The next generated files of a docs folder, staged beside the current ones one page at a time."""

    def __init__(self, docs: Path, dirs: tuple[str, ...], files: tuple[str, ...]) -> None:
        self.docs, self.dirs, self.files = docs, dirs, files
        self.root = docs / STAGING
        self._folders: set[str] = set()  # made already, in this process
        self._current: dict[str, bool] = {}  # folder under docs/ → whether it exists, in this process

    def put(self, path: str, text: str | bytes) -> bool:
        """Stage one page unless its bytes are those of the current file; True when it was new or changed."""
        if path.split("/", 1)[0] not in self.dirs and path not in self.files:
            raise ValueError(f"page outside the generated folders {self.dirs}: {path}")
        # Plain strings and os calls: pathlib's objects cost more than the calls, fifteen thousand times over.
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        if self._current_folder(path) and same_bytes(f"{self.docs}/{path}", data):
            return False
        write_file(self._target(path), data)
        return True

    def _current_folder(self, path: str) -> bool:
        """True when the page's folder exists in docs/ (a first build then opens no file that is not there)."""
        folder = os.path.dirname(path)
        if folder not in self._current:
            self._current[folder] = os.path.isdir(f"{self.docs}/{folder}")
        return self._current[folder]

    def link(self, paths: Iterable[str]) -> None:
        """Stage unchanged pages as hard links to the current files, which so keep their inodes and times."""
        for path in paths:
            link_or_copy(f"{self.docs}/{path}", self._target(path))

    def _target(self, path: str) -> str:
        """Where a page is staged (in this process's own part), its folder made (once per process)."""
        target = f"{self.root}/{PART}{os.getpid()}/{path}"
        folder = os.path.dirname(target)
        if folder not in self._folders:
            try:
                os.mkdir(folder)  # one call where its parent is there already, as it mostly is
            except OSError:
                os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def stage(self, share: Share) -> Staged:
        """Stage every page a share renders, as it renders them."""
        written, unchanged = [], []
        for path, text in share():
            (written if self.put(path, text) else unchanged).append(path)
        return Staged(written, unchanged)

    def gather(self) -> None:
        """Move what each process staged into one tree at the top of the staging folder."""
        self.root.mkdir(parents=True, exist_ok=True)
        for part in sorted(entry.path for entry in os.scandir(self.root) if entry.name.startswith(PART)):
            _move_into(part, str(self.root))

    def current(self) -> set[str]:
        """The generated files now in docs/, by path relative to it."""
        found = {name for name in self.files if (self.docs / name).is_file()}
        for folder in self.dirs:
            for parent, _, names in os.walk(self.docs / folder):
                base = Path(parent).relative_to(self.docs).as_posix()
                found.update(f"{base}/{name}" for name in names)
        return found

    def swap(self) -> None:
        """Put the staged folders and files in place of the current ones, folder by folder."""
        for folder in self.dirs:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            old = self.docs / f".{folder}.old"
            shutil.rmtree(old, ignore_errors=True)
            if (self.docs / folder).exists():
                (self.docs / folder).rename(old)
            (self.root / folder).rename(self.docs / folder)
            shutil.rmtree(old, ignore_errors=True)
        for name in self.files:
            if (self.root / name).exists():
                (self.root / name).replace(self.docs / name)  # atomic on one file system
            else:
                (self.docs / name).unlink(missing_ok=True)
        self.discard()

    def discard(self) -> None:
        """Delete the staging folder and whatever was staged."""
        shutil.rmtree(self.root, ignore_errors=True)


def _move_into(source: str, target: str) -> None:
    """Move every entry of the folder `source` into the folder `target`: a folder `target` lacks in one rename, one
    it has entry by entry; then remove `source`."""
    with os.scandir(source) as entries:
        for entry in entries:
            into = f"{target}/{entry.name}"
            if entry.is_dir(follow_symlinks=False) and os.path.isdir(into):
                _move_into(entry.path, into)
            else:
                os.rename(entry.path, into)
    os.rmdir(source)


def same_bytes(path: str, data: bytes) -> bool:
    """True when the file at path holds exactly these bytes (the size is compared first)."""
    try:
        with open(path, "rb", buffering=0) as file:
            return os.fstat(file.fileno()).st_size == len(data) and file.readall() == data
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def link_or_copy(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """Make target the same file as source: a hard link, which creates no file (creating files is most of the
    system time of a build here), or on a file system without hard links a copy of the same bytes."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_file(path: str, data: bytes) -> None:
    """Create (or replace) the file at path holding these bytes."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:  # a regular file takes it all at once, short of a signal or a full disk
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def write_site(
    docs: Path,
    shares: Sequence[Share],
    dirs: tuple[str, ...] = GENERATED_DIRS,
    files: tuple[str, ...] = GENERATED_FILES,
    workers: int = 1,
) -> WriteReport:
    """Make the generated folders (and files) hold exactly the pages the shares render, each page staged as it is
    rendered (the shares on up to `workers` processes), then swapped in; on any error docs/ stays as it was."""
    staging = Staging(docs, dirs, files)
    staging.discard()  # what an interrupted build left
    try:
        staged = fork_map(partial(Staging.stage, staging), shares, workers)
        unchanged = [path for share in staged for path in share.unchanged]
        paths = [path for share in staged for path in share.written] + unchanged
        if len(set(paths)) != len(paths):
            path, count = min((path, count) for path, count in Counter(paths).items() if count > 1)
            raise ValueError(f"page must be rendered once, {path!r} was rendered {count} times")
        removed = len(staging.current() - set(paths))
        written = len(paths) - len(unchanged)
        if written or removed:  # else nothing is linked, swapped or touched: a re-run only reads
            shares_of_unchanged = [unchanged[start::workers] for start in range(workers) if unchanged[start::workers]]
            fork_map(staging.link, shares_of_unchanged, workers)
            staging.gather()
            staging.swap()
    finally:
        staging.discard()
    return WriteReport(written, removed)


def write_pages(
    docs: Path, pages: dict[str, str], dirs: tuple[str, ...] = GENERATED_DIRS, files: tuple[str, ...] = GENERATED_FILES
) -> WriteReport:
    """Make the generated folders (and files) hold exactly `pages`: staged in full, then swapped in folder by folder."""
    outside = sorted(path for path in pages if path.split("/", 1)[0] not in dirs and path not in files)
    if outside:
        raise ValueError(f"page outside the generated folders {dirs}: {outside[0]}")
    return write_site(docs, [lambda: pages.items()], dirs, files)
