#!/usr/bin/env python3
"""Benchmark the build script on a synthetic archive made from the seeds' own paragraphs; print figures."""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from archive.load import load_archive  # noqa: E402
from archive.site import render_site  # noqa: E402
from archive.write import write_pages  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="how many synthetic articles")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as scratch:
        seeds, docs = Path(scratch) / "seeds", Path(scratch) / "docs"
        make_archive(seeds, args.articles)
        started = time.perf_counter()
        archive = load_archive(seeds)
        loaded = time.perf_counter()
        pages = render_site(archive.articles, archive.vocabulary)
        rendered = time.perf_counter()
        write_pages(docs, pages)
        written = time.perf_counter()
        rerun = write_pages(docs, render_site(*(lambda a: (a.articles, a.vocabulary))(load_archive(seeds))))
        total = written - started
        errors = len(archive.errors)
        size = sum(len(text.encode()) for text in pages.values())
    print(f"articles                 {args.articles}")
    print(f"problems (errors)        {len(archive.problems)} ({errors})")
    print(f"pages written            {len(pages)}")
    print(f"markdown bytes           {size}")
    print(f"read+parse+tag seconds   {loaded - started:.3f}")
    print(f"render seconds           {rendered - loaded:.3f}")
    print(f"write seconds            {written - rendered:.3f}")
    print(f"build script seconds     {total:.3f}")
    print(f"ms per article           {1000 * total / args.articles:.2f}")
    print(f"articles per second      {args.articles / total:.0f}")
    print(f"re-run pages rewritten   {rerun.written}")
    print(f"peak memory MiB          {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
