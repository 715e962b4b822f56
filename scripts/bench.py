#!/usr/bin/env python3
"""Benchmark the build script on a synthetic archive made from the seeds' own paragraphs; print figures."""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from playwright.sync_api import sync_playwright  # noqa: E402

import build  # noqa: E402
from archive.load import Archive, load_archive  # noqa: E402
from archive.parallel import workers_for  # noqa: E402
from archive.site import site_shares  # noqa: E402
from archive.write import write_site  # noqa: E402
from localsite import CHROMIUM, CHROMIUM_ARGS, SEARCH_ANSWERED, build_env, copy_project, run_build, serve  # noqa: E402

SHAPES = ("bilingual", "en", "zh")
OUTLETS = ("China.org.cn", "PR Newswire")


def seed_paragraphs() -> dict[str, list[str]]:
    """Cleaned-enough paragraphs of the real seeds, by language, to recombine."""
    archive = load_archive(ROOT / "seeds")
    english = [
        block.en for article in archive.articles for block in article.blocks if block.kind == "paragraph" and block.en
    ]
    chinese = [
        block.zh for article in archive.articles for block in article.blocks if block.kind == "paragraph" and block.zh
    ]
    return {"en": english, "zh": chinese}


def make_archive(target: Path, count: int, seed: int = 2026) -> None:
    """Write `count` seeds (a third bilingual, English-only, Chinese-only) with dates over ten years."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    target.mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "tags.yml", target / "tags.yml")
    for index in range(count):
        shape = SHAPES[index % 3]
        day = f"{2016 + rng.randrange(10)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        lines = [
            f"Synthetic article {index}: {rng.choice(['Delegation', 'Seminar', 'Sister city', 'Investment'])} report",
            f"{rng.choice(OUTLETS[:1])} {day} 10:00:00",
            "",
        ]
        for _ in range(rng.randrange(3, 7)):
            pair = rng.randrange(min(len(paragraphs["en"]), len(paragraphs["zh"])))
            if shape in ("bilingual", "en"):
                lines.append(paragraphs["en"][pair])
            if shape in ("bilingual", "zh"):
                lines.append(paragraphs["zh"][rng.randrange(len(paragraphs["zh"]))])
        (target / f"{index:05d}_synthetic.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (target / f"{index:05d}_synthetic.yml").write_text(f"slug: synthetic-{index:05d}\n", encoding="utf-8")


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6, mtime=0))


def page_weight(site: Path, page: str) -> int:
    """Compressed bytes a reader downloads for one page: the HTML and the scripts and styles it loads."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    total = _gzip_size(html_path)
    for ref in re.findall(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"', html):
        asset = (html_path.parent / ref.split("?")[0]).resolve()
        if asset.is_file():
            total += _gzip_size(asset)
    return total


# What the benchmark types: a place every synthetic article may name, in each language, then more queries.
FIRST_QUERY = "Jinan"
NEXT_QUERIES = ("济南", "Qingdao", "青岛", "Seoul", "首尔", "delegation", "代表团")
# Types one query into the open search box and resolves with the milliseconds until the results are shown.
TIME_QUERY = """async ([query, answered]) => {
    const box = document.querySelector('#archive-search-input');
    const done = new Function('return ' + answered)();
    const started = performance.now();
    box.value = query;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    while (!done([query])) await new Promise(resolve => requestAnimationFrame(resolve));
    return performance.now() - started;
}"""


def search_figures(site: Path) -> dict[str, float]:
    """In Chromium, as a reader: bytes the first search downloads (as served, gzip), then ms from typing to the
    results shown, for new queries (which may fetch more of the index) and for queries typed before."""
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "/", wait_until="networkidle")
        sizes: list[int] = []
        page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
        page.click("header [data-archive-search-open]")
        page.fill("#archive-search-input", FIRST_QUERY)
        page.wait_for_function(SEARCH_ANSWERED, arg=[FIRST_QUERY], timeout=60_000)
        page.wait_for_load_state("networkidle")
        first = sum(sizes)
        new = sorted(page.evaluate(TIME_QUERY, [query, SEARCH_ANSWERED]) for query in NEXT_QUERIES)
        again = sorted(page.evaluate(TIME_QUERY, [query, SEARCH_ANSWERED]) for query in NEXT_QUERIES)
        browser.close()
    return {"first_kib": first / 1024, "new_ms": new[len(new) // 2], "again_ms": again[len(again) // 2]}


def build_site(project: Path) -> dict[str, float]:
    """Run the build the way `make build` does; wall and CPU seconds and the largest child's peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run_build(project)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mib": after.ru_maxrss / 1024}


def project_copy(target: Path, count: int) -> Path:
    """The project's build files with a synthetic seeds/ of `count` articles."""
    copy_project(target, with_seeds=False)
    make_archive(target / "seeds", count)
    os.sync()  # so that writing the seeds back to disk does not slow down what is timed next
    return target


def script_stages(project: Path) -> tuple[Archive, dict[str, float], dict[str, int]]:
    """The build script's stages in this process, as scripts/build.py runs them on a fresh project: the archive,
    seconds per stage, and the files written (pages, search documents) and rewritten by a re-run."""
    seeds, docs = project / "seeds", project / "docs"
    started = time.perf_counter()
    archive = load_archive(seeds)
    workers = workers_for(len(archive.articles))
    loaded = time.perf_counter()
    shares = build.search_shares(archive.articles, archive.vocabulary, workers)
    search = write_site(build.search_folder(docs), shares, ("articles",), (), workers)
    searched = time.perf_counter()
    shares = site_shares(archive.articles, archive.vocabulary, build.site_url(project / "mkdocs.yml"), workers)
    planned = time.perf_counter()
    pages = write_site(docs, shares, workers=workers)
    written = time.perf_counter()
    again = load_archive(seeds)
    shares = site_shares(again.articles, again.vocabulary, build.site_url(project / "mkdocs.yml"), workers)
    rerun = write_site(docs, shares, workers=workers)
    seconds = {
        "read+parse+tag": loaded - started,
        "search documents": searched - loaded,
        "related+plan": planned - searched,
        "render+write": written - planned,
        "re-run": time.perf_counter() - written,
    }
    files = {"pages": pages.written, "search": search.written, "rewritten": rerun.written, "workers": workers}
    return archive, seconds, files


def build_script(project: Path) -> dict[str, float]:
    """Run scripts/build.py on a fresh project in its own process, as `make docs` does: wall seconds, CPU seconds
    (its workers' included), the peak memory of its largest process (ru_maxrss of it and its workers), and of all
    its processes together (the sum of their proportional set sizes, sampled every 10 ms)."""
    command = [sys.executable, str(project / "scripts" / "build.py")]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=build_env(), stderr=subprocess.DEVNULL)
    together = 0
    # wait4 gives this child's usage, its reaped workers' included; RUSAGE_CHILDREN would also count the workers
    # script_stages forked from this process.
    while not (waited := os.wait4(process.pid, os.WNOHANG))[0]:
        together = max(together, _tree_pss_kib(process.pid))
        time.sleep(0.01)
    wall = time.perf_counter() - started
    _, status, usage = waited
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"scripts/build.py failed with {process.returncode}")
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "system": usage.ru_stime,
        "largest_mib": usage.ru_maxrss / 1024,
        "together_mib": together / 1024,
    }


def _tree_pss_kib(pid: int) -> int:
    """The proportional set size of a process and its children, in KiB (0 for one that has just exited)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0
    own = next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return own + sum(_tree_pss_kib(int(child)) for child in children)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="how many synthetic articles")
    parser.add_argument("--script-only", action="store_true", help="time the build script only, not MkDocs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as scratch:
        project = project_copy(Path(scratch) / "script", args.articles)
        archive, seconds, files = script_stages(project)
        total = sum(seconds.values()) - seconds["re-run"]
        process = build_script(project_copy(Path(scratch) / "process", args.articles))
        stages = ", ".join(f"{stage} {value:.2f}" for stage, value in seconds.items() if stage != "re-run")
        print(f"articles                      {args.articles}")
        print(f"problems (errors)             {len(archive.problems)} ({len(archive.errors)})")
        print(f"generated files               {files['pages']} pages, {files['search']} search documents")
        print(f"build script seconds          {total:.2f} ({stages}; {files['workers']} process(es))")
        print(f"build script articles/second  {args.articles / total:.0f}")
        print(f"re-run files rewritten        {files['rewritten']} ({seconds['re-run']:.2f} s)")
        print(
            f"build script process          {process['wall']:.2f} s wall ({process['user']:.1f} s user, "
            f"{process['system']:.1f} s system CPU), scripts/build.py in its own process"
        )
        print(
            f"build script peak memory MiB  {process['largest_mib']:.0f} (largest process), "
            f"{process['together_mib']:.0f} (all its processes together: proportional set sizes, sampled)"
        )
        if args.script_only:
            return 0
        # `make build` on a fresh checkout of the same archive: nothing in docs/ yet.
        fresh = project_copy(Path(scratch) / "fresh", args.articles)
        some_tag = max(archive.vocabulary.tags, key=lambda tag: sum(tag in a.tags for a in archive.articles))
        first_slug = archive.articles[0].slug
        figures = build_site(fresh)
        site = fresh / "site"
        files = [path for path in site.rglob("*") if path.is_file()]
        print(f"full build wall seconds       {figures['wall']:.1f}")
        print(f"full build CPU seconds        {figures['cpu']:.1f}")
        print(f"full build peak memory MiB    {figures['peak_mib']:.0f}")
        print(f"site files                    {len(files)}")
        print(f"site MiB                      {sum(path.stat().st_size for path in files) / 2**20:.1f}")
        search = search_figures(site)
        print(f"first search download KiB     {search['first_kib']:.0f} (as served, gzip)")
        print(
            f"search results after typing   {search['new_ms']:.0f} ms (new query), {search['again_ms']:.0f} ms (typed before), median"
        )
        for label, page in (
            ("home", ""),
            ("tag page", f"tags/{some_tag}"),
            ("article page", f"articles/{first_slug}"),
        ):
            print(f"{label + ' KiB (gzip, with assets)':30}{page_weight(site, page) / 1024:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
