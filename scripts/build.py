#!/usr/bin/env python3
"""Build the archive's Markdown pages from seeds/: report every problem, then write docs/ or nothing.

Also writes build/search/: one small HTML document per article, what the search (Pagefind) indexes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from functools import partial
from importlib.util import find_spec
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from archive.load import VOCABULARY, load_archive  # noqa: E402
from archive.model import Article  # noqa: E402
from archive.parallel import workers_for  # noqa: E402
from archive.render import vocabulary_chinese_names  # noqa: E402
from archive.site import render_search_documents, site_shares  # noqa: E402
from archive.tags import Vocabulary, load_vocabulary  # noqa: E402
from archive.write import Share, write_site  # noqa: E402
from searchindex import BundleError, WholeWords  # noqa: E402


def search_folder(docs: Path) -> Path:
    """Where the search documents of a docs folder go: build/search/ beside it (Pagefind indexes them)."""
    return docs.resolve().parent / "build" / "search"


SEARCH = search_folder(ROOT / "docs")
# What NamesIndexedWhole last found, and for which names, Pagefind and settings: asked again only when one changes.
NAMES_PROBED = ROOT / "build" / "search-names-probed.json"


class NamesIndexedWhole:
    """The vocabulary's Chinese names that the search index holds as one word (searchindex.WholeWords): a reader's
    query keeps them whole; every other name is cut one character at a time (see assets/search.js).

    Pagefind is asked in the background (about a quarter of a second, while the seeds are read), and only when the
    names, Pagefind or pagefind.yml changed since the answer kept in `probed`.
    """

    def __init__(self, vocabulary: Vocabulary, probed: Path = NAMES_PROBED) -> None:
        names = sorted(vocabulary_chinese_names(vocabulary))
        settings = (ROOT / "pagefind.yml").read_bytes()
        self.asked, self.probed = [pagefind_version(), hashlib.sha256(settings).hexdigest(), names], probed
        self.kept: frozenset[str] | None = None if names else frozenset()  # no name, nothing to ask
        self.asking: WholeWords | None = None
        try:
            saved = json.loads(probed.read_text(encoding="utf-8"))
            if saved["asked"] == self.asked:
                self.kept = frozenset(saved["whole"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # not asked yet, or for other names
        if self.kept is None:
            self.asking = WholeWords(names)

    def whole(self) -> frozenset[str]:
        if self.asking:
            self.kept = frozenset(self.asking.words())
            self.asking = None
            self.probed.parent.mkdir(parents=True, exist_ok=True)
            writing = self.probed.with_name(f".{self.probed.name}.new")
            answer = {"asked": self.asked, "whole": sorted(self.kept)}
            writing.write_text(json.dumps(answer, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
            writing.replace(self.probed)
        return self.kept

    def cancel(self) -> None:
        if self.asking:
            self.asking.cancel()
            self.asking = None


def pagefind_version() -> str:
    """The installed Pagefind's version, from the name of its pagefind-<version>.dist-info folder beside the package:
    importlib.metadata.version("pagefind") gives the same, but importing it (and the e-mail parser it reads metadata
    with) took 36-47 ms of every build's start. importlib.metadata is asked where that folder is not found."""
    spec = find_spec("pagefind")
    folders = list(spec.submodule_search_locations or []) if spec else []
    found = [info.name for folder in folders for info in Path(folder).parent.glob("pagefind-*.dist-info")]
    if len(found) == 1:
        return found[0].removeprefix("pagefind-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version("pagefind")


def names_indexed_whole(vocabulary: Vocabulary, probed: Path = NAMES_PROBED) -> frozenset[str]:
    """NamesIndexedWhole's answer, waited for."""
    return NamesIndexedWhole(vocabulary, probed).whole()


def site_url(config: Path = ROOT / "mkdocs.yml") -> str:
    """The site's address as MkDocs will see it: $SITE_URL, else the default mkdocs.yml gives."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: Loader, node: yaml.SequenceNode) -> str:
        name, default = loader.construct_sequence(node)
        return os.environ.get(name) or default  # set but empty counts as unset

    Loader.add_constructor("!ENV", env)
    value = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)["site_url"]
    return value if value.endswith("/") else value + "/"


def search_shares(
    articles: list[Article], vocabulary: Vocabulary, count: int, whole: frozenset[str] = frozenset()
) -> list[Share]:
    """The search documents in `count` shares of the articles, one for each worker (each article's document is
    rendered from that article alone); `whole`: the names the index holds as one word (names_indexed_whole)."""

    def share(part: list[Article]) -> Iterable[tuple[str, str]]:
        return render_search_documents(part, vocabulary, whole).items()

    return [partial(share, articles[start::count]) for start in range(count)]


def main(argv: list[str] | None = None, on_search_written: Callable[[], None] | None = None) -> int:
    """The build's command line; on_search_written runs once the search documents are on disk (so that
    scripts/build_site.py can index them while the pages are written and rendered)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of seeds (default: seeds/)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="folder to write pages into (default: docs/)")
    parser.add_argument(
        "--search", type=Path, help="folder for search documents (default: build/search/ beside the docs folder)"
    )
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = parser.parse_args(argv)

    # The vocabulary alone first (10 ms; load_archive reads it again and reports its problems), so that Pagefind
    # can be asked about its names while the seeds are read.
    names = None if args.check else NamesIndexedWhole(load_vocabulary(args.seeds / VOCABULARY, VOCABULARY)[0])
    archive = load_archive(args.seeds)
    for problem in archive.problems:
        print(problem, file=sys.stderr)
    errors, warnings = len(archive.errors), len(archive.problems) - len(archive.errors)
    if errors:
        if names:
            names.cancel()
        print(f"{errors} error(s), {warnings} warning(s): nothing written", file=sys.stderr)
        return 1
    if args.check:
        print(f"{len(archive.articles)} articles checked, {warnings} warning(s)", file=sys.stderr)
        return 0
    search = args.search or search_folder(args.docs)
    workers = workers_for(len(archive.articles))
    try:
        whole = names.whole()
    except BundleError as error:  # Pagefind, pinned in requirements.lock, would fail on the index too
        print(f"search: could not ask Pagefind which names it keeps whole: {error}", file=sys.stderr)
        return 1
    write_site(search, search_shares(archive.articles, archive.vocabulary, workers, whole), ("articles",), (), workers)
    if on_search_written:
        on_search_written()
    shares = site_shares(archive.articles, archive.vocabulary, site_url(), workers, whole)
    report = write_site(args.docs, shares, workers=workers)
    print(
        f"{len(archive.articles)} articles: {report.written} page(s) written, {report.removed} removed, {warnings} warning(s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
