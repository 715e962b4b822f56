#!/usr/bin/env python3
"""Benchmark the build script on a synthetic archive made from the seeds' own paragraphs; print figures."""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median_high

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from playwright.sync_api import sync_playwright  # noqa: E402

import build  # noqa: E402
from archive.load import load_archive  # noqa: E402
from archive.parallel import workers_for  # noqa: E402
from archive.site import site_shares  # noqa: E402
from archive.write import write_site  # noqa: E402
from localsite import CHROMIUM, CHROMIUM_ARGS, SEARCH_ANSWERED, build_env, copy_project, serve  # noqa: E402

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
# Watches the open search box for `query` (typed whole or key by key): sets window.timedQuery to the milliseconds
# from the input event that completes it until its first result is shown and until the first ten are (when the
# status line gives the count). Results of a shorter query shown meanwhile do not count: the list's first result
# must be one added after that event.
WATCH_QUERY = """([query, answered]) => {
    const box = document.querySelector('#archive-search-input');
    const list = document.querySelector('.archive-search__results');
    const done = new Function('return ' + answered)();
    let last = null, before = null, first = null;
    window.timedQuery = null;
    const typed = (event) => {
        if (box.value !== query) return;
        [last, before] = [event.timeStamp, list.firstElementChild];
        box.removeEventListener('input', typed);
    };
    box.addEventListener('input', typed);
    const look = () => {
        if (last !== null) {
            const now = performance.now() - last;
            if (first === null && list.firstElementChild && list.firstElementChild !== before) first = now;
            if (done([query])) return (window.timedQuery = [first ?? now, now]);
        }
        requestAnimationFrame(look);
    };
    look();
}"""
# Puts a whole query in the box at once, as pasting does.
PUT_QUERY = """(query) => {
    const box = document.querySelector('#archive-search-input');
    box.value = query;
    box.dispatchEvent(new Event('input', { bubbles: true }));
}"""
# The build script's first build is timed this many times, each on a copy of its own; the median is its figure.
COLD_RUNS = 3
# Typed key by key, a key every KEY_MS (a fast typist, and a faster burst).
KEY_MS = (100, 50)


def timed_query(page, query: str, key_ms: int | None = None) -> list[float]:
    """ms from the query's last key (or its pasting, without key_ms) to its first result shown and to its first ten."""
    page.evaluate(WATCH_QUERY, [query, SEARCH_ANSWERED])
    if key_ms is None:
        page.evaluate(PUT_QUERY, query)
    else:
        page.locator("#archive-search-input").press_sequentially(query, delay=key_ms)
    return page.wait_for_function("window.timedQuery", timeout=60_000).json_value()


def search_figures(site: Path) -> dict[str, float]:
    """In Chromium, as a reader: bytes the first search downloads (as the server sent them, gzip), then medians of ms
    from typing to the first result shown and to the first ten, for new queries (which may fetch more of the index),
    for queries typed before (checked once a frame, as a reader sees them), and for new queries typed key by key.

    The bytes are counted by the server: Chromium reports a worker's script as 0 bytes, and Pagefind's worker script
    (12 KiB) went uncounted that way."""
    sent: list[tuple[str, int]] = []
    with serve(site, sent) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "/", wait_until="networkidle")
        before = len(sent)
        page.click("header [data-archive-search-open]")
        page.fill("#archive-search-input", FIRST_QUERY)
        page.wait_for_function(SEARCH_ANSWERED, arg=[FIRST_QUERY], timeout=60_000)
        page.wait_for_load_state("networkidle")
        count = -1
        while count != len(sent):  # until a quarter of a second passes with nothing more sent
            count = len(sent)
            page.wait_for_timeout(250)
        first = sum(size for _, size in sent[before:])
        new = [timed_query(page, query) for query in NEXT_QUERIES]
        again = [timed_query(page, query) for query in NEXT_QUERIES]
        keyed = {delay: typed_key_by_key(browser.new_page(), url, delay) for delay in KEY_MS}
        browser.close()
    return {
        "first_kib": first / 1024,
        "new_ms": median_high(shown for shown, _ in new),
        "again_ms": median_high(shown for shown, _ in again),
        "new_ten_ms": median_high(ten for _, ten in new),
        "again_ten_ms": median_high(ten for _, ten in again),
        "keyed_ms": {delay: median_high(shown for shown, _ in timings) for delay, timings in keyed.items()},
        "keyed_ten_ms": {delay: median_high(ten for _, ten in timings) for delay, timings in keyed.items()},
    }


def typed_key_by_key(page, url: str, delay: int) -> list[list[float]]:
    """In a fresh tab, once the first search has loaded Pagefind: each query typed a key every `delay` ms, as new
    queries; per query, ms from its last key to its first result shown and to its first ten."""
    page.goto(url + "/", wait_until="networkidle")
    page.click("header [data-archive-search-open]")
    page.fill("#archive-search-input", FIRST_QUERY)
    page.wait_for_function(SEARCH_ANSWERED, arg=[FIRST_QUERY], timeout=60_000)
    timings = []
    for query in NEXT_QUERIES:
        page.fill("#archive-search-input", "")
        page.wait_for_timeout(500)  # what the emptied box asked is answered
        timings.append(timed_query(page, query, delay))
    return timings


def project_copy(target: Path, count: int) -> Path:
    """The project's build files with a synthetic seeds/ of `count` articles."""
    copy_project(target, with_seeds=False)
    make_archive(target / "seeds", count)
    os.sync()  # so that writing the seeds back to disk does not slow down what is timed next
    return target


def script_stages(project: Path) -> tuple[dict[str, float], dict[str, int]]:
    """For finding where the build script's time goes: its stages run in this process as scripts/build.py runs
    them on a fresh project, seconds per stage, and the files written and worker processes used."""
    seeds, docs = project / "seeds", project / "docs"
    started = time.perf_counter()
    archive = load_archive(seeds)
    workers = workers_for(len(archive.articles))
    loaded = time.perf_counter()
    whole = build.names_indexed_whole(archive.vocabulary, project / "build" / build.NAMES_PROBED.name)
    shares = build.search_shares(archive.articles, archive.vocabulary, workers, whole)
    search = write_site(build.search_folder(docs), shares, ("articles",), (), workers)
    searched = time.perf_counter()
    site_url = build.site_url(project / "mkdocs.yml")
    shares = site_shares(archive.articles, archive.vocabulary, site_url, workers, whole)
    planned = time.perf_counter()
    pages = write_site(docs, shares, workers=workers)
    seconds = {
        "read+parse+tag": loaded - started,
        "search documents": searched - loaded,
        "related+plan": planned - searched,
        "render+write": time.perf_counter() - planned,
    }
    return seconds, {"pages": pages.written, "search": search.written, "workers": workers}


def run_measured(command: list[str], project: Path, sample: bool = False) -> dict:
    """Run one command of the build in `project` as an editor does and measure it: wall seconds, user and system
    CPU seconds (its workers' and subprocesses' included), the peak memory of its largest process (ru_maxrss of it
    and every process it waited for), with `sample` the peak of all its processes together (the sum of their
    proportional set sizes, sampled every 10 ms), and the last line it wrote to stderr.

    A sampled run's times are not the command's: the kernel takes a few milliseconds to add up a process's pages,
    on one of the two cores the build is using, and sampling every 10 ms made the build script take 5.2-5.8 s
    where it took 4.4-4.6 s alone (four alternating pairs). So the benchmark times one run and samples another."""
    log = project / "bench.log"
    started = time.perf_counter()
    with log.open("w") as stderr:
        process = subprocess.Popen(command, cwd=project, env=build_env(), stdout=subprocess.DEVNULL, stderr=stderr)
        together = 0
        # wait4 gives this child's usage, its own reaped children included; RUSAGE_CHILDREN would also count every
        # earlier process this benchmark ran.
        if sample:
            while not (waited := os.wait4(process.pid, os.WNOHANG))[0]:
                together = max(together, _tree_pss_kib(process.pid))
                time.sleep(0.01)
        else:
            waited = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    _, status, usage = waited
    process.returncode = os.waitstatus_to_exitcode(status)
    said = log.read_text().strip().splitlines()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}:\n" + "\n".join(said[-20:]))
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "system": usage.ru_stime,
        "largest_mib": usage.ru_maxrss / 1024,
        "together_mib": together / 1024 if sample else None,  # an unsampled run has no such figure
        "said": said[-1] if said else "",
    }


def build_script(project: Path, sample: bool = False) -> dict:
    """scripts/build.py as `make docs` runs it, with the number of pages it wrote (see run_measured)."""
    figures = run_measured([sys.executable, "scripts/build.py"], project, sample)
    # its last line: "5000 articles: 14091 page(s) written, 0 removed, 0 warning(s)"
    figures["written"] = int(re.search(r"(\d+) page\(s\) written", figures["said"])[1])
    return figures


def _tree_pss_kib(pid: int) -> int:
    """The proportional set size of a process and its descendants, in KiB (0 for one that has just exited)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0
    own = next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return own + sum(_tree_pss_kib(int(child)) for child in children)


def machine_speed() -> float:
    """Milliseconds this machine takes for a fixed piece of pure Python: printed beside the figures, since a
    shared machine's speed drifts (by a fifth, here, within minutes) and every timing drifts with it."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return (time.perf_counter() - started) * 1000


def file_creation_us(folder: Path, count: int = 2000) -> float:
    """Microseconds this file system takes now to create one small file in a new folder (kept until the scratch
    folder goes: deleting them would slow what follows). Printed beside the build script's figures, which it
    sways: this machine's ext4 runs without a journal, and then the kernel passes over every inode freed in the
    last minute (longer while the inode table is unwritten) one by one when it allocates a new one, so creating
    a file took 20–30 µs on a quiet disk and up to 740 µs just after many files were deleted."""
    folder.mkdir()
    started = time.perf_counter()
    for number in range(count):
        os.close(os.open(folder / f"{number:05d}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    return (time.perf_counter() - started) / count * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="how many synthetic articles")
    parser.add_argument("--script-only", action="store_true", help="time the build script only, not MkDocs")
    parser.add_argument("--stages", action="store_true", help="also time the build script's stages in-process")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as scratch:
        # Cold runs on copies of their own, made before any is timed: deleting one run's pages before the next
        # would slow that run's file creation (see file_creation_us).
        projects = [project_copy(Path(scratch) / f"script-{run}", args.articles) for run in range(COLD_RUNS)]
        archive = load_archive(projects[0] / "seeds")  # for the problem count and the pages weighed below; not timed
        creating = file_creation_us(Path(scratch) / "probe")
        firsts = [build_script(project) for project in projects]
        middle = sorted(range(COLD_RUNS), key=lambda run: firsts[run]["wall"])[COLD_RUNS // 2]
        first, rerun = firsts[middle], build_script(projects[middle])
        # Its memory in a first build of its own (a fresh copy: deleting the pages would slow what is timed next).
        script_memory = build_script(project_copy(Path(scratch) / "script-memory", args.articles), sample=True)
        print(f"articles                      {args.articles}")
        print(f"machine speed ms              {machine_speed():.0f} (a fixed Python loop; lower is faster)")
        print(f"problems (errors)             {len(archive.problems)} ({len(archive.errors)})")
        print(f"generated files               {first['said']}")
        print(
            f"build script seconds          {first['wall']:.2f} ({first['user']:.1f} s user, "
            f"{first['system']:.1f} s system CPU), scripts/build.py on an empty docs/: the median of "
            f"{COLD_RUNS} runs ({', '.join(format(run['wall'], '.2f') for run in firsts)} s)"
        )
        print(f"build script articles/second  {args.articles / first['wall']:.0f}")
        print(
            f"file creation µs              {creating:.0f} (one empty file, on the scratch folder's disk, just before)"
        )
        print(
            f"build script peak memory MiB  {first['largest_mib']:.0f} (largest process), "
            f"{script_memory['together_mib']:.0f} (all its processes together: proportional set sizes, sampled in a "
            "run of its own)"
        )
        print(f"re-run seconds                {rerun['wall']:.2f}")
        print(f"re-run files rewritten        {rerun['written']}")
        if args.stages:
            seconds, files = script_stages(project_copy(Path(scratch) / "stages", args.articles))
            stages = ", ".join(f"{stage} {value:.2f}" for stage, value in seconds.items())
            print(f"build script stages seconds   {stages} (in one process, {files['workers']} worker(s))")
        if args.script_only:
            return 0
        # `make build` on a fresh checkout of the same archive: nothing in docs/ yet.
        fresh = project_copy(Path(scratch) / "fresh", args.articles)
        some_tag = max(archive.vocabulary.tags, key=lambda tag: sum(tag in a.tags for a in archive.articles))
        first_slug = archive.articles[0].slug
        full_build = [sys.executable, "scripts/build_site.py", "site"]  # what `make build` runs
        figures = run_measured(full_build, fresh)
        speed_after = machine_speed()
        build_memory = run_measured(
            full_build, project_copy(Path(scratch) / "fresh-memory", args.articles), sample=True
        )
        site = fresh / "site"
        files = [path for path in site.rglob("*") if path.is_file()]
        print(f"full build wall seconds       {figures['wall']:.1f} ({figures['said'].split(' (', 1)[-1].rstrip(')')})")
        print(f"machine speed ms              {speed_after:.0f} (after the full build)")
        print(f"full build CPU seconds        {figures['user'] + figures['system']:.1f}")
        print(
            f"full build peak memory MiB    {figures['largest_mib']:.0f} (largest process), "
            f"{build_memory['together_mib']:.0f} (all its processes together: proportional set sizes, sampled in a "
            "run of its own)"
        )
        print(f"site files                    {len(files)}")
        print(f"site MiB                      {sum(path.stat().st_size for path in files) / 2**20:.1f}")
        search = search_figures(site)
        print(f"first search download KiB     {search['first_kib']:.0f} (as served, gzip)")
        print(
            f"search results after typing   {search['new_ms']:.0f} ms (new query), {search['again_ms']:.0f} ms (typed "
            f"before), median, to the first result shown; {search['new_ten_ms']:.0f} / {search['again_ten_ms']:.0f} ms "
            "to the first ten"
        )
        for delay in KEY_MS:
            print(
                f"search typed key by key       {search['keyed_ms'][delay]:.0f} ms (a key every {delay} ms, new "
                f"queries), median, from the last key to the first result shown; {search['keyed_ten_ms'][delay]:.0f} "
                "ms to the first ten"
            )
        weights = ", ".join(
            f"{label} {page_weight(site, page) / 1024:.0f}"
            for label, page in (("home", ""), ("tag", f"tags/{some_tag}"), ("article", f"articles/{first_slug}"))
        )
        print(f"page weights KiB              {weights} (gzip, with everything the page loads)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
