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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from playwright.sync_api import sync_playwright  # noqa: E402

from archive.load import load_archive  # noqa: E402
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


def run_archive_build(project: Path) -> dict:
    """Run scripts/build.py on a project copy as an editor does; seconds, CPU, peak memory and what it said."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "scripts/build.py"], cwd=project, env=build_env(), check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    said = done.stderr.strip().splitlines()[-1]  # "5000 articles: 14091 page(s) written, 0 removed, 0 warning(s)"
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_mib": after.ru_maxrss / 1024,
        "said": said,
        "written": int(re.search(r"(\d+) page\(s\) written", said)[1]),
    }


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


def descendants_rss_kib(root: int) -> int:
    """Resident memory of every process under `root` (not root itself), summed, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue  # it has just ended
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields["PPid"])
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    under, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - under
        under |= frontier
    return sum(rss[pid] for pid in under)


def build_site(project: Path) -> dict[str, float]:
    """Run the build the way `make build` does; wall and CPU seconds, the largest process's peak memory, and the
    peak of all its processes together (sampled 5 times a second)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    together: list[int] = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            together[0] = max(together[0], descendants_rss_kib(os.getpid()))

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    try:
        run_build(project)
    finally:
        done.set()
        sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mib": after.ru_maxrss / 1024, "together_mib": together[0] / 1024}


def project_copy(target: Path, count: int) -> Path:
    """The project's build files with a synthetic seeds/ of `count` articles."""
    copy_project(target, with_seeds=False)
    make_archive(target / "seeds", count)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="how many synthetic articles")
    parser.add_argument("--script-only", action="store_true", help="time the build script only, not MkDocs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as scratch:
        project = project_copy(Path(scratch), args.articles)
        archive = load_archive(project / "seeds")
        first, rerun = run_archive_build(project), run_archive_build(project)
        print(f"articles                      {args.articles}")
        print(f"problems (errors)             {len(archive.problems)} ({len(archive.errors)})")
        print(f"generated files               {first['said']}")
        print(f"build script seconds          {first['wall']:.2f} (CPU {first['cpu']:.2f}), on an empty docs/")
        print(f"build script articles/second  {args.articles / first['wall']:.0f}")
        print(f"build script peak memory MiB  {first['peak_mib']:.0f} (largest of its processes)")
        print(f"re-run seconds                {rerun['wall']:.2f}")
        print(f"re-run files rewritten        {rerun['written']}")
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
        print(f"full build peak memory MiB    {figures['peak_mib']:.0f} (largest process)")
        print(f"full build peak memory MiB    {figures['together_mib']:.0f} (all its processes at once, sampled)")
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
