#!/usr/bin/env python3
"""Build the whole site (`make build`): the archive build, the search index and one MkDocs process per language,
overlapping so that both cores work.

The archive build (scripts/build.py) writes the search documents first; Pagefind indexes them on the other core
(scripts/searchindex.py: in runs of bounded size, one after the other, merged into one bundle per shard) while the
build renders and writes docs/. mkdocs-static-i18n renders the languages one after the other in one
process, so here each language gets its own `mkdocs build --strict` (ARCHIVE_BUILD_LANGUAGE tells the hooks
which one; the other language's pass renders only the nav pages), both running together. The default
language's output is the site; every other language's folder (zh/) comes from its own process; the search
bundle goes to pagefind/.
The pages are byte for byte what one plain `mkdocs build` writes (tests/test_site.py checks it; Pagefind's own
files differ from run to run), and site/ is replaced whole, only once everything has succeeded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build  # noqa: E402
from mkdocs_hooks import finish_index, index_search  # noqa: E402
from searchindex import replace_folder  # noqa: E402

DEFAULT_LANGUAGE = "en"  # mkdocs.yml: served at the site's root
OTHER_LANGUAGES = ("zh",)  # each served from its own folder, /zh/


def build_language(lang: str, site_dir: Path) -> subprocess.Popen:
    """Start `mkdocs build` for one language into site_dir."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    env = {**os.environ, "ARCHIVE_BUILD_LANGUAGE": lang, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def build_site(site: Path) -> dict[str, float]:
    """Build docs/ from seeds/, then replace `site` with a freshly built, merged and indexed site (untouched on
    any failure); seconds per step."""
    work = site.parent / f".{site.name}-build"
    shutil.rmtree(work, ignore_errors=True)
    languages = (DEFAULT_LANGUAGE, *OTHER_LANGUAGES)
    started = time.perf_counter()
    searches: list[subprocess.Popen] = []
    if build.main(
        [], on_search_written=lambda: searches.append(index_search(str(build.SEARCH), str(work / "pagefind")))
    ):
        for search in searches:
            search.kill()
        raise SystemExit(1)  # build.py has printed every problem
    [search] = searches
    docs = time.perf_counter()
    processes = {lang: build_language(lang, work / lang) for lang in languages}
    failed = []
    for lang, process in processes.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            failed.append(f"mkdocs build ({lang}) failed:\n{output}")
        elif output.strip():
            print(output, end="", file=sys.stderr)
    built = time.perf_counter()
    try:
        finish_index(search)
    except SystemExit as error:
        failed.append(str(error))
    indexed = time.perf_counter()
    if failed:
        shutil.rmtree(work, ignore_errors=True)
        raise SystemExit("\n".join(failed))
    merged = work / DEFAULT_LANGUAGE
    for lang in OTHER_LANGUAGES:
        shutil.rmtree(merged / lang)
        (work / lang / lang).rename(merged / lang)
    (work / "pagefind").rename(merged / "pagefind")
    replace_folder(merged, site)
    shutil.rmtree(work, ignore_errors=True)
    return {"archive build": docs - started, "mkdocs": built - docs, "search index, after mkdocs": indexed - built}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site", help="where the site goes (default: site)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    steps = build_site((ROOT / args.site_dir).resolve())
    took = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in steps.items())
    print(f"site built in {args.site_dir}/ in {time.perf_counter() - started:.1f} s ({took})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
