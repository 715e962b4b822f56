"""Search as a reader uses it: open the header's search on the built site, type, read the results (Pagefind)."""

from __future__ import annotations

import html
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from archive import rules
from conftest import SearchBundles, device_cores
from localsite import PHONE, ROOT, SEARCH_ANSWERED, serve
from searchindex import write_bundle

# Query -> the articles (by slug) a reader must find among the first results, whichever language's page they land on.
QUERIES = {
    "文海生": ["licheng-wen-haisheng-jinan-delegation-korea-japan", "licheng-gangnam-sister-city-ties"],
    "薛庆国": ["qingdao-delegation-xue-qingguo-tokyo"],
    "江南区": ["licheng-gangnam-sister-city-ties"],
    "京畿道": ["licheng-wen-haisheng-jinan-delegation-korea-japan"],
    "SK海力士": ["wuxi-delegation-korea-investment-seminar"],
    "现代摩比斯": ["wuxi-delegation-korea-investment-seminar"],
    # Words in the middle of a sentence, not names the tags know
    "激光": ["licheng-wen-haisheng-jinan-delegation-korea-japan"],
    "友城": ["licheng-gangnam-sister-city-ties"],
    "Gangnam": ["licheng-gangnam-sister-city-ties"],
    "ORIX": ["qingdao-delegation-xue-qingguo-tokyo"],
    "Hatoyama": ["dialogue-with-shandong-japan-seminar"],
}
# Where a reader starts searching from: the English and the Chinese home page.
HOMES = ["/", "/zh/"]
# On a phone, one query in each language, from the home page in that language.
PHONE_QUERIES = [("/zh/", "江南区"), ("/", "Gangnam")]
TOP = 5
LINKS = "links => links.map(link => link.href)"
WAIT_MS = 20_000  # for the search index to load and answer, on a slow CI machine

# An article page in either language: /articles/<slug>/ or /zh/articles/<slug>/ (not the -hant original or a tag
# page).
ARTICLE = re.compile(r"/articles/([^/?#]+)/")


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A fresh tab at phone size, with touch, as on a phone."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def open_search(page: Page, url: str) -> None:
    """Go to url and open the search from the header (the magnifier on a phone, the search box on a laptop)."""
    page.goto(url)
    page.click("header [data-archive-search-open]")


def type_query(page: Page, query: str) -> list[tuple[str, str]]:
    """Type query into the open search box; return the (title, address) of each result shown."""
    box = page.locator("#archive-search-input")
    box.fill(query)
    box.press("End")  # a key press, as after an input method's text
    page.wait_for_function(SEARCH_ANSWERED, arg=[query], timeout=WAIT_MS)
    return page.eval_on_selector_all(
        ".archive-search__results .archive-search__title", "links => links.map(link => [link.textContent, link.href])"
    )


def search(page: Page, url: str, query: str) -> list[tuple[str, str]]:
    """From the page at url, search for query as a reader does; the results shown."""
    open_search(page, url)
    return type_query(page, query)


def article_slugs(results: list[tuple[str, str]]) -> list[str | None]:
    """The article slug each result leads to, None for results that are not an article page."""
    return [match[1] if (match := ARTICLE.search(href)) else None for _, href in results]


def check_found(results: list[tuple[str, str]], expected: list[str], where: str) -> None:
    """Assert every expected article is among the first TOP results, showing what the reader saw otherwise."""
    top = article_slugs(results[:TOP])
    missing = [slug for slug in expected if slug not in top]
    shown = "\n".join(f"  {n}. {title.replace(chr(0x200B), '')}  {href}" for n, (title, href) in enumerate(results, 1))
    assert not missing, f"{where}: {missing} not in the first {TOP} results; the reader saw:\n{shown or '  nothing'}"


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_article_on_desktop(desktop_page: Page, base_url: str, home: str, query: str) -> None:
    """From either home page, a query finds the articles it names among the first results."""
    results = search(desktop_page, base_url + home, query)
    check_found(results, QUERIES[query], f"search for {query!r} from {home}")


@pytest.fixture(scope="module")
def merged_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site with its search index made again by Pagefind runs of two documents each, merged (as an archive
    of more than scripts/searchindex.py's RUN_SIZE articles is indexed); its address."""
    site = tmp_path_factory.mktemp("merged") / "site"
    shutil.copytree(site_dir, site)
    assert "3 Pagefind runs" in write_bundle(ROOT / "build" / "search", site / "pagefind", run_size=2)
    with serve(site) as url:
        yield url


def shown_results(page: Page, url: str, query: str) -> list[tuple[str, str]]:
    """Each result the reader sees (its text: title, excerpt, original language) and the path it leads to."""
    search(page, url, query)
    return page.eval_on_selector_all(
        ".archive-search__results li",
        "items => items.map(item => [item.textContent, new URL(item.querySelector('a').href).pathname])",
    )


@pytest.mark.parametrize("query", QUERIES)
def test_search_shows_the_same_from_an_index_merged_from_runs(
    desktop_page: Page, base_url: str, merged_url: str, query: str
) -> None:
    """From the merged index, the reader sees the same results, in the same order, with the same excerpts."""
    expected = shown_results(desktop_page, base_url + "/zh/", query)
    shown = shown_results(desktop_page, merged_url + "/zh/", query)
    assert shown == expected
    check_found(shown, QUERIES[query], f"merged index, search for {query!r}")


@pytest.fixture(scope="module")
def sharded_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site with its search index made again in shards of two documents each (as an archive of more than
    scripts/searchindex.py's SHARD_SIZE articles is indexed)."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(site_dir, site)
    assert "in 3 shards" in write_bundle(ROOT / "build" / "search", site / "pagefind", shard_size=2)
    return site


@pytest.fixture(scope="module")
def sharded_url(sharded_site: Path) -> Iterator[str]:
    """sharded_site's address."""
    with serve(sharded_site) as url:
        yield url


def test_a_search_in_shards_loads_pagefind_once_and_not_its_worker_script(browser: Browser, sharded_site: Path) -> None:
    """Searching an index in three shards on a device of eight cores, in a worker each: each of Pagefind's script,
    its WebAssembly and the search engine comes from the server once (the other workers get them from the browser's
    cache), and Pagefind's own worker script, 12 KiB of a first search's download, not at all."""
    sent: list[tuple[str, int]] = []
    context = browser.new_context()
    context.add_init_script(device_cores(8))
    page = context.new_page()
    with serve(sharded_site, sent) as url:
        assert search(page, url + "/", "Gangnam")
        assert len(page.workers) == 3
    context.close()
    paths = Counter(urlsplit(path).path for path, _ in sent)
    assert paths["/pagefind/pagefind.js"] == paths["/pagefind/wasm.unknown.pagefind"] == 1
    assert paths["/assets/search-engine.js"] == 1
    assert not [path for path in paths if path.endswith("pagefind-worker.js")]


@pytest.mark.parametrize(
    ("device", "setup", "workers"),
    [("two cores", device_cores(2), 2), ("no web workers", "delete window.Worker;", 0)],
)
def test_shards_merged_by_one_pagefind_do_not_wait_for_its_webassembly(
    browser: Browser, sharded_site: Path, device: str, setup: str, workers: int
) -> None:
    """On a device of two cores the three shards are searched in two workers, the second merging two shards; without
    workers, Pagefind in the page merges all three. Pagefind merging a shard asks for its entry and then its
    metadata only once its WebAssembly is in (on a slow connection, two round trips more before the first answer):
    the engine asks for them at once. With the WebAssembly held back, every bundle's metadata still arrives, each
    file once, and then the reader sees the results."""
    sent: list[tuple[str, int]] = []
    context = browser.new_context()
    context.add_init_script(setup)
    held: list[Route] = []
    wasm = re.compile(r"/pagefind/wasm\.[^/]*\.pagefind$")
    context.route(wasm, lambda route: held.append(route))
    page = context.new_page()
    bundles = sorted({meta.parent for meta in (sharded_site / "pagefind").rglob("pagefind.*.pf_meta")})
    assert len(bundles) == 3
    files = {
        folder.name: {
            f"/{folder.relative_to(sharded_site).as_posix()}/{name}"
            for name in ("pagefind-entry.json", next(folder.glob("pagefind.*.pf_meta")).name)
        }
        for folder in bundles
    }
    # The shards' files: the second and third bundles, each merged into the one before it by one Pagefind or the
    # first of its worker's (the first bundle's worker asks for it when it first searches).
    early = files["shard-1"] | files["shard-2"]
    with serve(sharded_site, sent) as url:
        open_search(page, url + "/")
        page.locator("#archive-search-input").fill("Gangnam")
        for _ in range(200):  # up to ten seconds
            if early <= {urlsplit(path).path for path, _ in sent}:
                break
            page.wait_for_timeout(50)
        assert early <= {urlsplit(path).path for path, _ in sent}, f"{device}: asked only once the WebAssembly is in"
        assert not [path for path, _ in sent if wasm.search(path)], "the WebAssembly is held back"
        for route in held:
            route.continue_()
        context.unroute(wasm)  # and a later request (the first bundle's worker, when it first searches) goes on
        page.wait_for_function(SEARCH_ANSWERED, arg=["Gangnam"], timeout=WAIT_MS)
        expect(page.locator(".archive-search__results li").first).to_contain_text("Gangnam")
        assert len(page.workers) == workers
    context.close()
    paths = Counter(urlsplit(path).path for path, _ in sent)
    every = set().union(*files.values())
    assert {path: paths[path] for path in every} == dict.fromkeys(every, 1)


def titles_and_status(page: Page, url: str, query: str) -> tuple[list[tuple[str, str]], str]:
    """The results the reader sees (title and path), in no order, and the status line."""
    shown = sorted((title, urlsplit(href).path) for title, href in search(page, url, query))
    return shown, page.locator(".archive-search__status").inner_text()


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_articles_from_an_index_in_shards(
    desktop_page: Page, base_url: str, sharded_url: str, home: str, query: str
) -> None:
    """From the index in shards (merged by the browser), the reader sees the same articles and the same count."""
    expected = titles_and_status(desktop_page, base_url + home, query)
    shown = titles_and_status(desktop_page, sharded_url + home, query)
    assert shown == expected
    check_found(search(desktop_page, sharded_url + home, query), QUERIES[query], f"sharded index, {query!r}")


@pytest.mark.parametrize(("home", "query"), PHONE_QUERIES)
def test_search_finds_the_article_on_a_phone(phone_page: Page, base_url: str, home: str, query: str) -> None:
    """On a phone, the header's search icon opens a search that finds the same articles."""
    results = search(phone_page, base_url + home, query)
    check_found(results, QUERIES[query], f"phone search for {query!r} from {home}")


@pytest.mark.parametrize(
    ("home", "said"),
    [("/", ("Original: Chinese", "Original: English and Chinese")), ("/zh/", ("原文: 中文", "原文: 中英文"))],
)
def test_results_lead_to_the_readers_language_and_say_the_original(
    desktop_page: Page, base_url: str, home: str, said: tuple[str, str]
) -> None:
    """One result per article, leading to the page in the reader's language, saying what the source published in."""
    search(desktop_page, base_url + home, "韩国")
    shown = desktop_page.eval_on_selector_all(
        ".archive-search__results li",
        """results => results.map(result => [
            result.querySelector('.archive-search__title').href,
            result.querySelector('.archive-search__title').textContent,
            result.querySelector('.archive-search__original').textContent,
        ])""",
    )
    assert shown, "no results"
    slugs = [ARTICLE.search(href)[1] for href, _, _ in shown]
    assert len(slugs) == len(set(slugs)), f"an article is listed twice: {slugs}"
    for href, title, _ in shown:
        assert ("/zh/" in href) == (home == "/zh/"), f"{href} is not in the reader's language"
        assert bool(re.search("[\u4e00-\u9fff]", title)) == (home == "/zh/"), (
            f"{title!r} is not in the reader's language"
        )
    labels = {ARTICLE.search(href)[1]: tags for href, _, tags in shown}
    assert labels["wuxi-delegation-korea-investment-seminar"] == said[0], labels  # a Chinese original
    assert labels["licheng-gangnam-sister-city-ties"] == said[1], labels  # published in both languages


def apply_filter(page: Page, name: str, value: str) -> None:
    """Open the search's filters if they are closed and tick one value, as a reader does."""
    panel = page.locator(".archive-search__filters")
    if not panel.evaluate("details => details.open"):
        panel.locator("summary").click()
    group = panel.locator("fieldset", has=page.locator("legend", has_text=name))
    group.get_by_label(re.compile("^" + re.escape(value))).check(timeout=WAIT_MS)


def search_document_of(href: str) -> str:
    """What the search knows of the article a result leads to (its search document, which the build that made
    the site wrote to build/search/), to check its tags and filters."""
    path = re.sub(r"^https?://[^/]+/(zh/)?", "", href)
    return (ROOT / "build" / "search" / f"{path.rstrip('/')}.html").read_text(encoding="utf-8")


def article_text(document: str) -> str:
    """The article text of a search document (its titles and paragraphs, before the tag labels and the names
    line), as the reader reads it."""
    body = document.split("<div data-pagefind-body>", 1)[1].split(f'<h2 id="{rules.SEARCH_LABELS_ID}">', 1)[0]
    return "\n".join(html.unescape(text) for text in re.findall(r"<p>(.*?)</p>", body))


def squeezed(text: str) -> str:
    """Text without spaces and full stops, which Pagefind adds where it joins paragraphs."""
    return re.sub(r"[\s.\u200b]+", "", text)


@pytest.mark.parametrize(("home", "query"), [("/", "Gangnam"), ("/zh/", "首尔"), ("/zh/", "江南区")])
def test_an_excerpt_is_cut_from_the_article_text_that_names_the_query(
    desktop_page: Page, base_url: str, home: str, query: str
) -> None:
    """Where an article's text names the query, its result shows a piece of that text around the query, not the
    search document's line of tag labels nor its names cut into single characters."""
    open_search(desktop_page, base_url + home)
    type_query(desktop_page, query)
    shown = desktop_page.eval_on_selector_all(
        ".archive-search__results li",
        "items => items.map(item => [item.querySelector('a').href, item.querySelector('p').textContent])",
    )
    checked = 0
    for href, excerpt in shown:
        text = article_text(search_document_of(href))
        if query not in text:
            continue
        checked += 1
        assert query in excerpt, f"{href}: the excerpt {excerpt!r} does not show {query}"
        assert squeezed(excerpt) in squeezed(text), f"{href}: the excerpt {excerpt!r} is not from the article text"
    assert checked, f"no result of {query} names it in its text: {shown}"


def test_filters_narrow_results_by_language_country_and_city(desktop_page: Page, base_url: str) -> None:
    """Ticking a filter keeps only the articles it names: Chinese originals, then Korea, then Seoul."""
    results = search(desktop_page, base_url + "/", "Korea 韩国")
    everything = len(results)
    steps = (
        ("Original language · 原文语言", "Chinese · 中文", '">Chinese · 中文</span>'),
        ("Country · 国家", "South Korea · 韩国", '">South Korea · 韩国</span>'),
        ("City · 城市", "Seoul · 首尔", '">Seoul · 首尔</span>'),
    )
    for name, value, mark in steps:
        apply_filter(desktop_page, name, value)
        results = type_query(desktop_page, "Korea 韩国")
        assert results, f"nothing left after ticking {value}"
        for _, href in results:
            assert mark in search_document_of(href), f"{href} does not have {value}"
    assert len(results) <= everything


def test_search_filters_name_each_of_country_city_year_and_language(desktop_page: Page, base_url: str) -> None:
    """The filter panel offers the four filters, in both languages' words."""
    search(desktop_page, base_url + "/zh/", "济南")
    desktop_page.click(".archive-search__filters summary")
    legends = desktop_page.locator(".archive-search__filters legend")
    expect(legends).to_have_count(4, timeout=WAIT_MS)
    names = legends.all_text_contents()
    assert sorted(name.strip() for name in names) == [
        "City · 城市",
        "Country · 国家",
        "Original language · 原文语言",
        "Year · 年份",
    ]


@pytest.mark.parametrize(("name", "tag"), [("济南", "jinan"), ("青岛", "qingdao"), ("首尔", "seoul")])
def test_a_city_name_finds_every_article_tagged_with_it_and_only_articles_that_name_it(
    desktop_page: Page, base_url: str, name: str, tag: str
) -> None:
    """Typed in Chinese, a city finds every article its tag page lists, and nothing that does not name it (a query
    cut into 济 and 南 also found articles that merely had a word starting with each)."""
    desktop_page.goto(f"{base_url}/zh/tags/{tag}/")
    tagged = {ARTICLE.search(href)[1] for href in desktop_page.eval_on_selector_all(".entries h2 a", LINKS)}
    assert tagged, f"the tag page of {name} lists no article"
    results = search(desktop_page, base_url + "/zh/", name)
    assert tagged <= set(article_slugs(results))
    for _, href in results:
        assert name in search_document_of(href), f"{href} does not name {name}"


# Results in batches (assets/search.js: ten at a time, each shown as soon as it and those above it have loaded)

MANY = "delegation"  # a word on dozens of the larger archive's pages
# The ids (fragment names) and addresses of a query's results in the order Pagefind ranks them.
RANKED = """async (query) => {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({ baseUrl: "/" });
    const answer = await pagefind.search(query);
    return Promise.all(answer.results.map(async (result) => [result.id, (await result.data()).url]));
}"""


@pytest.fixture(scope="module")
def larger_url(
    site_dir: Path, search_bundles: SearchBundles, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The built site with the search index of a larger archive (the seeds' and 150 synthetic articles' search
    documents, tests/conftest.py), so that a query has more results than one batch; its address."""
    site = tmp_path_factory.mktemp("larger") / "site"
    shutil.copytree(site_dir, site)
    shutil.rmtree(site / "pagefind")
    shutil.copytree(search_bundles.single, site / "pagefind")
    with serve(site) as url:
        yield url


def ranked(browser: Browser, url: str, query: str) -> list[tuple[str, str]]:
    """(id, page path) of every result of `query`, best first, asked of Pagefind in a tab of its own (so that the
    reader's tab has fetched nothing yet)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/")
    answer = page.evaluate(RANKED, query)
    context.close()
    return [(result_id, re.sub(r"\.html$", "/", address)) for result_id, address in answer]


def result_paths(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".archive-search__results .archive-search__title", "links => links.map(link => new URL(link.href).pathname)"
    )


def test_more_results_pressed_twice_shows_the_next_twenty_once_each_in_rank_order(
    browser: Browser, desktop_page: Page, larger_url: str
) -> None:
    """Ten results first; "More results" pressed twice in a row shows the next twenty, each once, in Pagefind's
    order (appended one batch after the other, however their data arrive)."""
    order = [path for _, path in ranked(browser, larger_url, MANY)]
    assert len(order) > 30, f"{MANY!r} has {len(order)} results; the check needs more than three batches"
    assert search(desktop_page, larger_url + "/", MANY)
    assert result_paths(desktop_page) == order[:10]
    desktop_page.locator(".archive-search__more").dblclick()
    expect(desktop_page.locator(".archive-search__results li")).to_have_count(30, timeout=WAIT_MS)
    assert result_paths(desktop_page) == order[:30]
    expect(desktop_page.locator(".archive-search__more")).to_be_visible()


def test_the_first_result_shows_before_the_rest_of_its_batch_has_loaded(
    browser: Browser, desktop_page: Page, larger_url: str
) -> None:
    """On a slow connection the reader sees the best result as soon as it has loaded: with every other result's
    data held back, the first is shown (the status still says it is searching); let through, the other nine follow
    and the status gives the count."""
    order = ranked(browser, larger_url, MANY)
    (best, best_path), held, releasing = order[0], [], []

    def hold_all_but_the_best(route: Route) -> None:
        if releasing or route.request.url.endswith(f"/{best}.pf_fragment"):
            route.continue_()
        else:
            held.append(route)

    desktop_page.route("**/pagefind/fragment/*", hold_all_but_the_best)
    open_search(desktop_page, larger_url + "/")
    desktop_page.locator("#archive-search-input").fill(MANY)
    expect(desktop_page.locator(".archive-search__results li")).to_have_count(1, timeout=WAIT_MS)
    assert result_paths(desktop_page) == [best_path]
    status = desktop_page.locator(".archive-search__status")
    expect(status).to_have_text(f"Searching for {MANY}…")
    assert held, "no other result's data was asked for"
    releasing.append(True)
    for route in held:
        route.continue_()
    expect(status).to_have_text(f"{len(order)} results for {MANY}", timeout=WAIT_MS)
    assert result_paths(desktop_page) == [path for _, path in order[:10]]


# A file of each kind a search loads: Pagefind's script, its index metadata, an index chunk, a result's fragment.
INDEX_FILES = {
    "script": r"/pagefind/pagefind\.js$",
    "metadata": r"\.pf_meta$",
    "index chunk": r"\.pf_index$",
    "fragment": r"\.pf_fragment$",
}
FAILED = {
    "/": "The search for {} could not load. Check the connection and try again.",
    "/zh/": "搜索 {} 未能加载，请检查网络连接后重试。",
}


def drop(page: Page, pattern: str, every: bool = False) -> list[str]:
    """Make the requests this tab and its workers send for a URL matching `pattern` fail as a dropped connection
    does: the first for each URL, or with `every` all of them; the URLs dropped."""
    dropped: list[str] = []

    def maybe_drop(route: Route) -> None:
        if every or route.request.url not in dropped:
            dropped.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.context.route(re.compile(pattern), maybe_drop)
    return dropped


@pytest.mark.parametrize("index", ["one bundle", "shards"])
@pytest.mark.parametrize("failing", INDEX_FILES)
def test_a_file_of_the_index_dropped_once_is_asked_again_and_the_reader_sees_every_result(
    request: pytest.FixtureRequest, desktop_page: Page, index: str, failing: str
) -> None:
    """Files of one kind are lost on the way the first time each is asked for (a dropped connection): the reader
    still sees every result, as if nothing had happened. Pagefind by itself logs a lost index chunk and answers "no
    results" to every query after it, and leaves a search whose metadata or fragment was lost at "Searching…" for
    good. Shards are still searched side by side in workers, not by the slower Pagefind in the page."""
    url = request.getfixturevalue("base_url" if index == "one bundle" else "sharded_url")
    expected = titles_and_status(desktop_page, url + "/zh/", "青岛")
    assert len(expected[0]) == 2
    page = desktop_page.context.new_page()
    logs: list[str] = []
    page.on("console", lambda message: logs.append(message.text))
    dropped = drop(page, INDEX_FILES[failing])
    assert titles_and_status(page, url + "/zh/", "青岛") == expected
    assert dropped
    assert titles_and_status(page, url + "/zh/", "江南区")[1] == "找到 1 个 江南区 的相关结果"
    # search-engine.js says so in the console when it falls back to Pagefind in the page.
    fallback = "searching in the page instead"
    assert fallback in page.request.get(url + "/assets/search-engine.js").text()
    assert not [text for text in logs if fallback in text]


@pytest.mark.parametrize("shard_size", [10**6, 2], ids=["one bundle", "shards"])
def test_a_search_left_open_across_a_deploy_finds_what_the_new_build_holds(
    desktop_page: Page, site_dir: Path, tmp_path: Path, shard_size: int
) -> None:
    """A deploy that changes one article renames every file of the index (scripts/searchindex.py, number_files). A
    reader who searched before it, with the tab still open, searches on: the next search that needs a file the
    deploy took away opens the new index and shows its results, and from then on the new build's words are found."""
    site, documents = tmp_path / "site", tmp_path / "documents"
    shutil.copytree(site_dir, site)
    shutil.copytree(ROOT / "build" / "search", documents)
    write_bundle(documents, site / "pagefind", shard_size=shard_size)
    with serve(site) as url:
        shown = titles_and_status(desktop_page, url + "/zh/", "青岛")
        assert shown[1] == "找到 2 个 青岛 的相关结果"
        changed = documents / "articles" / "licheng-gangnam-sister-city-ties.html"
        text = changed.read_text(encoding="utf-8")
        body = "<div data-pagefind-body>"
        changed.write_text(text.replace(body, f"{body}<p>zanzibarite</p>", 1), encoding="utf-8")
        write_bundle(documents, site / "pagefind", shard_size=shard_size)  # the deploy
        type_query(desktop_page, "江南区")
        status = desktop_page.locator(".archive-search__status")
        expect(status).to_have_text("找到 1 个 江南区 的相关结果")
        type_query(desktop_page, "zanzibarite")
        expect(status).to_have_text("找到 1 个 zanzibarite 的相关结果")
        assert result_paths(desktop_page) == ["/zh/articles/licheng-gangnam-sister-city-ties/"]


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("index", ["one bundle", "shards"])
def test_a_search_whose_index_cannot_load_says_so_and_try_again_finds_the_results(
    request: pytest.FixtureRequest, phone_page: Page, index: str, home: str
) -> None:
    """With the connection gone once the page has loaded, a search tells the reader it could not load, in their
    language, and offers "Try again", instead of saying "no results" or "Searching…" for ever; back online, "Try
    again" shows the results."""
    url = request.getfixturevalue("base_url" if index == "one bundle" else "sharded_url")
    dropped = drop(phone_page, r"/pagefind/", every=True)
    open_search(phone_page, url + home)
    box = phone_page.locator("#archive-search-input")
    box.fill("Gangnam")
    status = phone_page.locator(".archive-search__status")
    expect(status).to_have_text(FAILED[home].format("Gangnam"), timeout=WAIT_MS)
    assert dropped
    expect(phone_page.locator(".archive-search__results li")).to_have_count(0)
    again = phone_page.locator(".archive-search__again")
    expect(again).to_be_visible()
    phone_page.context.unroute_all()
    again.tap()
    expect(phone_page.locator(".archive-search__results li")).to_have_count(1, timeout=WAIT_MS)
    expect(status).to_have_text("1 result for Gangnam" if home == "/" else "找到 1 个 Gangnam 的相关结果")
    expect(again).to_be_hidden()
    assert article_slugs(type_query(phone_page, "Gangnam")) == ["licheng-gangnam-sister-city-ties"]


def test_more_results_that_cannot_load_say_so_and_try_again_shows_them(
    browser: Browser, desktop_page: Page, larger_url: str
) -> None:
    """The connection is lost before the reader presses "More results": they are told so, and "Try again" shows the
    search's results again, from the first."""
    order = [path for _, path in ranked(browser, larger_url, MANY)]
    assert search(desktop_page, larger_url + "/", MANY)
    dropped = drop(desktop_page, r"\.pf_fragment$", every=True)
    desktop_page.locator(".archive-search__more").click()
    status = desktop_page.locator(".archive-search__status")
    expect(status).to_have_text(FAILED["/"].format(MANY), timeout=WAIT_MS)
    assert dropped
    desktop_page.context.unroute_all()
    desktop_page.locator(".archive-search__again").click()
    expect(status).to_have_text(f"{len(order)} results for {MANY}", timeout=WAIT_MS)
    assert result_paths(desktop_page) == order[:10]


# Stands in for the search engine (assets/search-engine.js): the real one, except that its search() notes each query
# it is asked and answers only once the test opens the gate (as a broad word on a large archive takes Pagefind a
# tenth of a second or more). The real module, loaded as search-engine.js?real, starts its workers from that address.
SLOW_ENGINE = """
import { open as openReal } from "./search-engine.js?real";
let release;
const gate = new Promise((resolve) => (release = resolve));
window.askedOfTheEngine = [];
window.answerTheEngine = () => release();
export async function open(...args) {
  const engine = await openReal(...args);
  return {
    ...engine,
    async search(term, options) {
      window.askedOfTheEngine.push(term);
      await gate;
      return engine.search(term, options);
    },
  };
}
"""


def slow_engine(page: Page) -> None:
    """Serve SLOW_ENGINE as assets/search-engine.js to this tab."""
    page.route(
        re.compile(r"/assets/search-engine\.js$"),
        lambda route: route.fulfill(body=SLOW_ENGINE, content_type="text/javascript"),
    )


def test_letters_typed_while_pagefind_answers_are_asked_once_as_the_newest_text(
    desktop_page: Page, base_url: str
) -> None:
    """A reader types a word letter by letter while Pagefind is still answering the first letter: the letters typed
    meanwhile are not each searched in turn (each would wait for the one before); once the first answer is in,
    only the whole word is asked, and its results are what the reader sees."""
    slow_engine(desktop_page)
    open_search(desktop_page, base_url + "/")
    box = desktop_page.locator("#archive-search-input")
    box.press_sequentially("d")
    desktop_page.wait_for_function("() => window.askedOfTheEngine?.length === 1")
    box.press_sequentially("elegation", delay=20)
    status = desktop_page.locator(".archive-search__status")
    expect(status).to_have_text("Searching for delegation…")
    assert desktop_page.evaluate("window.askedOfTheEngine") == ["d"]
    desktop_page.evaluate("window.answerTheEngine()")
    desktop_page.wait_for_function(SEARCH_ANSWERED, arg=["delegation"], timeout=WAIT_MS)
    assert desktop_page.evaluate("window.askedOfTheEngine") == ["d", "delegation"]
    expect(status).to_have_text(re.compile(r"^\d+ results? for delegation$"))
    results = desktop_page.locator(".archive-search__results li")
    expect(results.first).to_contain_text(re.compile("delegation", re.IGNORECASE))


def test_an_input_method_composing_pinyin_searches_only_the_chinese_it_gives(phone_page: Page, base_url: str) -> None:
    """On a phone a Chinese reader types 青岛 as pinyin: while the input method composes, the box holds "qing",
    "qingdao"; nothing is searched until 青岛 is chosen, and then 青岛 is."""
    open_search(phone_page, base_url + "/zh/")
    phone_page.locator("#archive-search-input").focus()
    status = phone_page.locator(".archive-search__status")
    input_method = phone_page.context.new_cdp_session(phone_page)
    for letters in ("q", "qing", "qingdao"):
        input_method.send(
            "Input.imeSetComposition", {"text": letters, "selectionStart": len(letters), "selectionEnd": len(letters)}
        )
        expect(phone_page.locator("#archive-search-input")).to_have_value(letters)
        expect(status).to_have_text("")
    input_method.send("Input.insertText", {"text": "青岛"})
    phone_page.wait_for_function(SEARCH_ANSWERED, arg=["青岛"], timeout=WAIT_MS)
    expect(status).to_have_text(re.compile(r"^找到 \d+ 个 青岛 的相关结果$"))
    assert "qingdao" not in status.text_content()
    expect(phone_page.locator(".archive-search__results li").first).to_contain_text("青岛")
