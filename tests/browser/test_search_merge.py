"""The index merged from Pagefind runs answers as one run over every document does, in Chromium, through Pagefind's
own JS and WASM: the same results in the same order with the same scores, excerpts, matched words, meta and filter
counts. The index in shards, merged by Pagefind in the browser, finds the same pages with the same meta and counts
(assert_same_pages). The search engine of assets/search-engine.js, which searches the shards side by side in web
workers (or, without workers, in the page), answers exactly as Pagefind's own merge of the shards. The corpus and
the bundles come from tests/conftest.py (search_bundles)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from conftest import SearchBundles, device_cores
from localsite import ROOT, serve

QUERIES = [
    # English words whole, as prefixes, several at once, and a phrase
    "delegation",
    "Jinan",
    "investment",
    "Seoul",
    "deleg",
    "invest",
    "Qing",
    "sem",
    "economic trade cooperation",
    "Jinan delegation Korea",
    '"economic and trade"',
    # Chinese names as typed and as the search box cuts them (assets/search.js), and words
    "薛庆国",
    "薛 庆 国",
    "文海生",
    "文 海 生",
    "青岛",
    "代表团",
    "江南区",
    # accented and plain forms of words that have both
    "café",
    "cafe",
    "résumé",
    "zurich",
    "fiancé",
    # a word one page has (so one run of the merge), alone and beside a common word; a word no page has, likewise
    "zanzibarite",
    "delegation zanzibarite",
    "xylophonequux",
    "delegation xylophonequux",
]
FILTERED = [
    ("delegation", {"Country · 国家": ["Japan · 日本"]}),
    ("Korea 韩国", {"Original language · 原文语言": ["Chinese · 中文"], "City · 城市": ["Seoul · 首尔"]}),
    ("cafe", {"Notes · 注释": ["b"]}),  # a filter only one page has
    (None, {"Year · 年份": ["2020"]}),  # filters alone, no query
]
# A query's answer through Pagefind's API as assets/search.js asks it, with every result's data.
ANSWER = """async ([bundle, query, filters]) => {
    const pagefind = await import(`/${bundle}/pagefind/pagefind.js`);
    const settings = { baseUrl: "/", excerptLength: 24 };
    await pagefind.options(settings);
    window.shards ??= (async () => {
        const listed = await (await fetch(`/${bundle}/pagefind/shards.json`)).json();
        await Promise.all(listed.map((shard) => pagefind.mergeIndex(`/${bundle}/pagefind/${shard}`, settings)));
    })();
    await window.shards;
    const answer = await pagefind.search(query, { filters });
    const results = await Promise.all(answer.results.map(async (result) => {
        const data = await result.data();
        return {
            score: result.score, words: result.words, url: data.url, excerpt: data.excerpt, meta: data.meta,
            filters: data.filters, sub_results: data.sub_results.map((sub) => [sub.url, sub.excerpt]),
        };
    }));
    return { results, unfiltered: answer.unfilteredResultCount, filters: answer.filters, total: answer.totalFilters };
}"""
ALL_FILTERS = """async (bundle) => (await import(`/${bundle}/pagefind/pagefind.js`)).filters()"""  # after ANSWER
# The same through the search engine (assets/search-engine.js, served at /assets/), as assets/search.js asks it.
# Its results carry a score and data, not Pagefind's matched words.
ENGINE_ANSWER = """async ([bundle, query, filters]) => {
    const { open } = await import("/assets/search-engine.js");
    window.engine ??= (async () => {
        const shards = await (await fetch(`/${bundle}/pagefind/shards.json`)).json();
        const settings = { baseUrl: "/", excerptLength: 24 };
        return open(new URL(`/${bundle}/`, location.href).href, shards, settings);
    })();
    const answer = await (await window.engine).search(query, { filters });
    const results = await Promise.all(answer.results.map(async (result) => {
        const data = await result.data();
        return {
            score: result.score, words: null, url: data.url, excerpt: data.excerpt, meta: data.meta,
            filters: data.filters, sub_results: data.sub_results.map((sub) => [sub.url, sub.excerpt]),
        };
    }));
    return { results, unfiltered: answer.unfilteredResultCount, filters: answer.filters, total: answer.totalFilters };
}"""
ENGINE_FILTERS = """async () => (await window.engine).filters()"""  # after ENGINE_ANSWER
# Tab -> the bundle it searches and how: Pagefind's API, or the search engine in workers or (no Worker) in the page.
TABS = {
    "single": ("single", ANSWER),
    "merged": ("merged", ANSWER),
    "sharded": ("sharded", ANSWER),
    "engine": ("sharded", ENGINE_ANSWER),
    "engine in two workers": ("sharded", ENGINE_ANSWER),
    "engine in the page": ("sharded", ENGINE_ANSWER),
}
# How each engine tab's page runs it (a script run before the page's own): on a device of eight cores (a worker per
# bundle), of two cores (two workers), or without Worker.
ENGINE_SETUPS = {
    "engine": device_cores(8),
    "engine in two workers": device_cores(2),
    "engine in the page": "delete window.Worker",
}


@pytest.fixture(scope="module")
def bundles_url(search_bundles: SearchBundles) -> Iterator[str]:
    """The bundles served from one folder, at /single/pagefind/, /merged/pagefind/ and /sharded/pagefind/, beside an
    empty page and the search engine at /assets/search-engine.js."""
    root = search_bundles.single.parent.parent
    (root / "index.html").write_text("<!DOCTYPE html><html lang='en'><title>bundles</title></html>", encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    shutil.copy(ROOT / "docs" / "assets" / "search-engine.js", root / "assets")
    with serve(root) as url:
        yield url


@pytest.fixture(scope="module")
def pages(browser: Browser, bundles_url: str) -> Iterator[dict[str, Page]]:
    """A tab for each of TABS (each loads its own Pagefind), kept open for every query, each engine tab set up as
    ENGINE_SETUPS says."""
    context = browser.new_context()
    tabs = {}
    for tab in TABS:
        tabs[tab] = context.new_page()
        if ENGINE_SETUPS.get(tab):
            tabs[tab].add_init_script(ENGINE_SETUPS[tab])
        tabs[tab].goto(bundles_url + "/index.html")
    yield tabs
    context.close()


def answers(pages: dict[str, Page], query: str | None, filters: dict[str, list[str]]) -> dict[str, Any]:
    found = {}
    for tab, page in pages.items():
        bundle, script = TABS[tab]
        found[tab] = page.evaluate(script, [bundle, query, filters])
    return found


def assert_engine_answers_as_pagefind(found: dict[str, Any]) -> None:
    """The engine, in workers and in the page, gives what Pagefind's own merge of the shards gives, in its order."""
    pagefind = {**found["sharded"], "results": [{**result, "words": None} for result in found["sharded"]["results"]]}
    for tab in ENGINE_SETUPS:
        assert_same_answer(pagefind, found[tab])


def assert_same_pages(single: dict[str, Any], sharded: dict[str, Any]) -> None:
    """The same pages with the same meta and filters, and the same counts. Scores are counted shard by shard, and so
    is which of a query word's longer forms is the best match on a page (for 国: 国 or 国际), so the order, the
    places matched and the excerpt around them may differ; an excerpt marks a match wherever one index's does."""
    assert len(sharded["results"]) == len(single["results"])
    pages = [
        {
            result["url"]: (result["meta"], result["filters"], "<mark>" in result["excerpt"])
            for result in answer["results"]
        }
        for answer in (single, sharded)
    ]
    assert pages[1] == pages[0]
    assert {**sharded, "results": None} == {**single, "results": None}


def assert_same_answer(single: dict[str, Any], merged: dict[str, Any]) -> None:
    """The same results in the same order with the same scores, data and counts."""
    assert [(result["url"], result["score"]) for result in merged["results"]] == [
        (result["url"], result["score"]) for result in single["results"]
    ]
    assert merged == single


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_answers_the_same_from_the_merged_index(pages: dict[str, Page], query: str) -> None:
    found = answers(pages, query, {})
    assert_same_answer(found["single"], found["merged"])
    assert_same_pages(found["single"], found["sharded"])
    assert_engine_answers_as_pagefind(found)
    if query in ("delegation", "薛 庆 国", "cafe", "zanzibarite", "delegation xylophonequux"):
        assert found["merged"]["results"], f"{query!r} should find something"
    if query == "xylophonequux":
        assert not found["merged"]["results"]


@pytest.mark.parametrize(("query", "filters"), FILTERED)
def test_a_filtered_query_answers_the_same_from_the_merged_index(
    pages: dict[str, Page], query: str | None, filters: dict[str, list[str]]
) -> None:
    found = answers(pages, query, filters)
    assert_same_answer(found["single"], found["merged"])
    assert_same_pages(found["single"], found["sharded"])
    assert_engine_answers_as_pagefind(found)
    assert found["merged"]["results"], f"{query!r} with {filters} should find something"


def test_the_merged_index_offers_the_same_filters_and_counts(pages: dict[str, Page]) -> None:
    answers(pages, None, {})  # each tab has merged its shards
    offered = {
        tab: page.evaluate(ENGINE_FILTERS if tab in ENGINE_SETUPS else ALL_FILTERS, TABS[tab][0])
        for tab, page in pages.items()
    }
    assert offered["merged"] == offered["single"]
    assert offered["sharded"] == offered["single"]
    for tab in ENGINE_SETUPS:
        assert offered[tab] == offered["single"], tab
    assert set(offered["merged"]) == {
        "City · 城市",
        "Country · 国家",
        "Notes · 注释",
        "Original language · 原文语言",
        "Year · 年份",
    }


def test_the_bundles_compared_are_a_single_run_a_merge_and_shards(search_bundles: SearchBundles) -> None:
    assert "one Pagefind run" in search_bundles.said["single"]
    assert "4 Pagefind runs" in search_bundles.said["merged"]
    assert "in 3 shards" in search_bundles.said["sharded"]


def test_the_engine_searches_the_shards_in_workers_where_it_can(pages: dict[str, Page]) -> None:
    """Three shards: on eight cores a worker for each (the second and third get their WebAssembly from beside
    pagefind.js); on two cores two, one with the first bundle and one with the other two; none in a page without
    Worker. The tests above compared the answers of each."""
    answers(pages, "delegation", {})
    assert len(pages["engine"].workers) == 3
    assert len(pages["engine in two workers"].workers) == 2
    assert not pages["engine in the page"].workers
