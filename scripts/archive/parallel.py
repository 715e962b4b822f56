"""Run one function over many items on every core: forked processes that inherit what the build has loaded."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# Below this many articles a forked worker costs more than it saves (and `mkdocs serve`'s rebuilds of a small
# archive stay in one process).
PARALLEL_FROM = 200
# Each worker takes its items in this many runs, so that a slow run on one core does not leave the other idle.
RUNS_PER_WORKER = 4

# What a forked worker runs: set in the parent just before the fork, inherited, never pickled.
_function: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


def cores() -> int:
    """The processors this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def workers_for(articles: int) -> int:
    """How many processes an archive of this many articles is worth: one for a small archive, else one per core."""
    return 1 if articles < PARALLEL_FROM else cores()


def fork_map(function: Callable[[Any], Any], items: Sequence[Any], workers: int = 1) -> list[Any]:
    """[function(item) for item in items], in order, on up to `workers` forked processes.

    Only run boundaries go to a worker and only results come back: the function and the items are inherited
    through fork, so they may be closures over anything the parent holds. An exception in a worker is raised
    here. Without fork (or with one worker, or one item) everything runs in this process.
    """
    workers = min(workers, len(items))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _function, _items
    runs = even_runs(len(items), workers * RUNS_PER_WORKER)
    _function, _items = function, items
    gc.freeze()  # the children's collector then leaves the inherited objects' pages shared
    # Off while the results are unpickled here: each object unpickled counts towards a collection, and 5,000
    # articles' worth took 0.36 s with the collector on, 0.10 s with it off. The workers inherit it off: what they
    # make is strings and plain records, no cycles (the build script's peak memory did not move).
    collecting = gc.isenabled()
    gc.disable()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [result for results in pool.map(_run, runs) for result in results]
    finally:
        if collecting:
            gc.enable()
        gc.unfreeze()
        _function, _items = None, ()


def even_runs(count: int, parts: int) -> list[tuple[int, int]]:
    """`count` items cut into at most `parts` consecutive runs of nearly equal length, as (start, stop)."""
    parts = min(parts, count)
    return [(count * part // parts, count * (part + 1) // parts) for part in range(parts)]


def _run(run: tuple[int, int]) -> list[Any]:
    """In a worker: the function over one run of the inherited items."""
    assert _function is not None
    return [_function(item) for item in _items[run[0] : run[1]]]
