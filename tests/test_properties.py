"""Property tests: whatever text a seed holds, pages show it as text and their front matter parses; the fast paths
(related articles, tag matching, dates) find what the plain rule finds."""

from __future__ import annotations

import math
import posixpath
import random
import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import markdown
import opencc
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from archive import rules
from archive.clean import collapse_spaces, full_width_punctuation, is_chinese, is_traditional, to_simplified
from archive.frontmatter import DUMPER, dump_front_matter
from archive.head import href, url_path
from archive.load import load_archive
from archive.parse import ends_sentence
from archive.patterns import trie_pattern
from archive.render import RELATED_LIMIT, escape
from archive.site import RELATED_COMMON, related_articles, render_site
from conftest import ROOT, SMALL_VOCABULARY

# The same Markdown extensions as mkdocs.yml, so the HTML here is the HTML readers get.
EXTENSIONS = ["attr_list", "toc"]
# Characters that mean something to Markdown, HTML, YAML or Jinja, mixed with CJK and plain text.
SPECIAL = [*"#>-+*_`[](){}|!<>&\\=:;'\"%.~^$0123456789\t ", "{{", "}}", "{%", "<script>", "---", "1. ", "&amp;"]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # never text; the escaper drops them
TEXT = st.lists(
    st.one_of(
        st.sampled_from(SPECIAL), st.text(min_size=1, max_size=6), st.sampled_from(list("济南日本韩國進(jìn)，。"))
    ),
    min_size=1,
    max_size=30,
).map("".join)


class Collector(HTMLParser):
    """Collect the tags and the visible text of a fragment of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible(fragment: str) -> Collector:
    collector = Collector()
    collector.feed(fragment)
    collector.close()
    return collector


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_escaped_text_renders_as_exactly_itself(text: str) -> None:
    """One line of any text becomes one paragraph whose visible text is that line, and nothing else."""
    expected = " ".join(CONTROL.sub("", text).split())
    rendered = markdown.markdown(escape(text), extensions=EXTENSIONS)
    page = visible(rendered)
    if not expected:
        assert page.tags == []
        return
    assert [tag for tag, _ in page.tags] == ["p"]
    assert " ".join("".join(page.text).split()) == expected


# The attributes our pages use, with the only values they may take where those are fixed (None: any value).
ATTRIBUTES = {
    "class": None,
    "lang": None,
    "href": None,
    "id": None,
    "aria-hidden": None,
    "hidden": {None},
    "data-pagefind-body": {None},
    "data-pagefind-meta": {"title", "title_zh", "original"},
    "data-pagefind-weight": {"0.5"},
    "data-pagefind-ignore": {None},
    "type": {"checkbox"},
    "for": {"both-languages"},
    "data-pagefind-filter": set(rules.SEARCH_FILTER_NAMES.values()),
}


@given(body=st.lists(TEXT, min_size=1, max_size=4), title=TEXT)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_seed_gives_parseable_pages_with_no_live_html(tmp_path_factory, body: list[str], title: str) -> None:
    """Through the whole build: front matter reads back with the same title; no tag comes from seed text."""
    seeds = Path(tmp_path_factory.mktemp("archive")) / "seeds"
    seeds.mkdir()
    (seeds / "tags.yml").write_text(SMALL_VOCABULARY, encoding="utf-8")
    (seeds / "a.txt").write_text("\n".join(["Jinan delegation visited Japan.", *body]) + "\n", encoding="utf-8")
    (seeds / "a.yml").write_text(
        yaml.safe_dump({"title": {"en": title, "zh": title}}, allow_unicode=True), encoding="utf-8"
    )
    archive = load_archive(seeds)
    # Random Han-only lines can make the seed bilingual with unequal halves: a real error, reported as such.
    unexpected = [str(p) for p in archive.errors if "bilingual seed must pair" not in p.message]
    assert unexpected == []
    if archive.errors:
        return
    for path, page in render_site(archive.articles, archive.vocabulary).items():
        if not path.endswith(".md"):  # feeds, sitemaps, the search's name list
            continue
        body_md, meta = get_data(page)  # MkDocs' own front-matter reader, so the test sees what MkDocs sees
        assert isinstance(meta, dict) and isinstance(meta["title"], str)
        for key in ("title", "description"):  # the theme prints these into HTML as they are
            assert not set('<>"') & set(meta.get(key) or ""), f"{path}: raw markup in {key}"
        rendered = markdown.markdown(body_md, extensions=EXTENSIONS)
        # ours: grids, search facets, the both-languages box
        allowed = {"h1", "h2", "p", "ul", "li", "strong", "a", "div", "br", "span", "input", "label"}
        for tag, attrs in visible(rendered).tags:
            assert tag in allowed, f"{path}: <{tag}> from seed text"
            for name, value in attrs:
                assert name in ATTRIBUTES, f"{path}: attribute {name}={value!r}"
                assert ATTRIBUTES[name] is None or value in ATTRIBUTES[name], f"{path}: {name}={value!r}"
                assert not (value or "").lower().startswith("javascript:")


# What YAML treats specially: line breaks (U+0085, U+2028, U+2029 too), BOM, tabs and control characters,
# indicators, quotes, words it reads as bool, null or numbers, and characters beyond the BMP.
YAML_SPECIAL = [
    *"-?:,[]{}#&*!|>'\"%@`.~ \t\n\r\x00\x07\x1b\x7f\x85\xa0\u2028\u2029\ufeff\ufffe",
    ": ",
    " #",
    "---",
    "...",
    "yes",
    "No",
    "on",
    "null",
    "~",
    "1.0",
    "0x1F",
    "1_000",
    "12:30",
    "2020-08-10",
    "<<",
    "=",
    ".inf",
    "😀",
    "𠀀",
]
YAML_TEXT = st.one_of(
    st.text(max_size=12),
    st.lists(st.one_of(st.sampled_from(YAML_SPECIAL), st.text(max_size=4), st.sampled_from(list("济南日本韩國")))).map(
        "".join
    ),
    # long enough for the emitter to fold the line, at varying spaces
    st.lists(st.sampled_from(["word", "济南", "it's", "a: b", " ", "  ", "\u2028"]), min_size=150, max_size=400).map(
        " ".join
    ),
)
FRONT_KEYS = st.sampled_from(["title", "summary", "head_html", "tags", "source", "search", "x", "lastmod", "yes"])
SCALAR = st.one_of(YAML_TEXT, st.none(), st.booleans(), st.integers())
FRONT_MATTER = st.dictionaries(
    FRONT_KEYS,
    st.one_of(
        SCALAR,
        st.lists(SCALAR, max_size=4),
        st.dictionaries(FRONT_KEYS, st.one_of(SCALAR, st.lists(YAML_TEXT, max_size=3)), max_size=4),
    ),
    max_size=6,
)


@given(FRONT_MATTER)
@settings(max_examples=1500, deadline=None)
def test_front_matter_is_what_yaml_dump_writes_and_reads_back(data: dict) -> None:
    """Any text: the same bytes as yaml.dump, and the same data through yaml.safe_load and MkDocs' reader."""
    text = dump_front_matter(data)
    assert text == yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=True, width=1000)
    assert yaml.safe_load(text) == data
    _, meta = get_data(f"---\n{text}---\n\n# Page\n")
    assert meta == (data or {})


# Generated pages' paths: 'index.en.md', 'tags/jinan.en.md', 'tags/jinan/2.en.md', 'archive/index.en.md'…
SITE_PATH = st.lists(st.sampled_from(["articles", "tags", "page", "2", "jinan", "x-hant", "index"]), max_size=3).map(
    lambda parts: "/".join(parts or ["index"]) + ".en.md"
)


@given(SITE_PATH, SITE_PATH)
def test_href_is_the_relative_address(source: str, target: str) -> None:
    """href agrees with posixpath.relpath on the two pages' addresses."""
    expected = posixpath.relpath(url_path(target) or ".", url_path(source) or ".")
    assert href(source, target) == ("./" if expected == "." else expected + "/")


# Names as the vocabulary has them: words sharing beginnings, Han names inside longer ones, spaces and dots.
NAMES = st.lists(st.text(alphabet="ab济南市 .-", min_size=1, max_size=5), min_size=1, max_size=10, unique=True)


@given(NAMES, st.text(alphabet="ab济南市 .-x1", max_size=40))
def test_tag_names_are_found_as_the_longest_first_alternation_finds_them(names: list[str], text: str) -> None:
    """The tree-shaped pattern finds the same names, at the same places, as the plain alternation longest first,
    Chinese-style (anywhere) and English-style (whole words only)."""
    alternation = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    for form in ("{}", r"(?<![A-Za-z0-9])(?:{})(?![A-Za-z0-9])"):
        assert re.findall(form.format(trie_pattern(names)), text) == re.findall(form.format(alternation), text)


@given(st.text(alphabet="济南國a Bz1。", max_size=40))
def test_chinese_is_told_by_the_share_of_han_characters(text: str) -> None:
    """is_chinese counts Han characters and ASCII letters one by one, as its rule says."""
    han = sum(1 for char in text if rules.HAN.match(char))
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    assert is_chinese(text) == (han > 0 and han >= rules.HAN_SHARE_FOR_CHINESE * (han + latin))


# Text around dates and credits: month names and their beginnings, digits, 年月日, brackets, ends of sentences.
DATED = st.lists(
    st.sampled_from(
        [
            "April",
            "Apr",
            "Ap",
            "Sept",
            "May",
            "may",
            "Jun",
            " ",
            ", ",
            "8",
            "15",
            "2020",
            "to",
            "-",
            "年",
            "月",
            "日",
            "至",
            "(",
            ")",
            "（",
            "）",
            "Source: ",
            "来源：",
            "文/",
            "新华社",
            ".",
            "。",
            "”",
            "\t",
            "a",
            "Z",
        ]
    ),
    max_size=14,
).map("".join)


@given(DATED)
@example("Talks were held on May 8. ")
@example("会谈于4月8日至15日举行。\t")
@example("无锡代表团访问首尔（文/姚墨笛）")
@example("无锡代表团访问首尔(来源：新华社） ")
@example("Seoul delegation (Source: Xinhua)")
def test_lines_passed_over_hold_no_date_or_credit(text: str) -> None:
    """The parser searches a line for dates and credits only where it could hold one: a line without a month name's
    beginning or 月 holds no event date, one not ending in a bracket no credit, and a sentence end is found at the
    line's end as SENTENCE_END finds it anywhere."""
    for hint, patterns in rules.EVENT_DATES_BY_HINT:
        if hint.search(text) is None:
            assert not any(pattern.search(text) for pattern in patterns)
    if not text.rstrip().endswith(rules.CREDIT_LINE_ENDS):
        assert not any(pattern.search(text) for pattern in (*rules.CREDITED_SOURCE_INLINE, *rules.AUTHOR_INLINE))
    assert ends_sentence(text) == (rules.SENTENCE_END.search(text) is not None)


# Pieces of a portal's field lines, and what a line of the text has around them: 地点 (no portal label), 。.
PORTAL_LINE = st.lists(
    st.sampled_from(
        [
            "来源：",
            "发布时间：",
            "时间：",
            "作者：",
            "浏览次数：",
            "Source: ",
            "Updated: ",
            "2023-09-14",
            "2023年9月14日",
            "Sep 14, 2023",
            " 10:30",
            "青岛日报",
            "Xinhua",
            "王明",
            "\u3000",
            " | ",
            "【打印】",
            "关闭窗口",
            "字号：大 中 小",
            "By ",
            "chinadaily.com.cn",
            "地点：",
            "。",
        ]
    ),
    min_size=1,
    max_size=8,
).map("".join)


@given(PORTAL_LINE)
@example("时间：2023年9月14日\u3000地点：青岛")
@example("来源：青岛日报\u3000发布时间：2023-09-14。")
@example("来源：Sep 14, 2023。")  # an English date in a Chinese line stopped the build
@example("2023-09-14来源：。")  # 。 was an outlet's name
@example("2023-09-14By Source: 地点：")  # "Source: 地点：" was an author's name
def test_a_line_of_the_text_is_never_taken_for_a_portal_line(line: str) -> None:
    """A line with a label no portal prints (地点) or a sentence's end stays in the text, whatever portal fields
    it also holds; a line dropped as a portal's gives its date, if it has one under a publication label."""
    from archive.model import Line
    from archive.parse import parse_seed

    seed = parse_seed("seeds/x.txt", (Line(1, line), Line(2, "济南代表团访问日本。")))
    lines = [piece.line for piece in seed.pieces] + [
        piece.line for pieces in seed.headings.values() for piece in pieces
    ]
    if "地点" in line or line.rstrip().endswith("。"):
        assert 1 in lines
    if 1 not in lines and re.match(r"(?:发布时间|Updated): (?:2023-09-14|2023年9月14日|Sep 14, 2023)", line):
        assert seed.published is not None and seed.published.iso == "2023-09-14"


@given(st.text(alphabet="国國发發后後面麵台臺干乾的了a。", max_size=30))
def test_traditional_is_told_by_counting_changed_characters(text: str) -> None:
    """is_traditional counts, place by place, the characters OpenCC changes each way, as its rule says."""
    to_simp = sum(a != b for a, b in zip(text, to_simplified(text), strict=False))
    to_trad = sum(a != b for a, b in zip(text, opencc.OpenCC("s2t").convert(text), strict=False))
    assert is_traditional(text) == (to_simp > to_trad)


# Lines with every kind of space, control characters, CJK and ASCII punctuation next to each other.
LINE = st.text(alphabet=" \t\u00a0\u2002\u2003\u2009\x01\x85\n济,:;。a1（", max_size=30)


@given(LINE)
def test_spaces_collapse_as_the_rule_says(text: str) -> None:
    """collapse_spaces is: drop control characters, then one space for each run of spaces, then strip."""
    expected = re.sub(r"[ \t\u00a0\u2002\u2003\u2009]+", " ", CONTROL.sub("", text)).strip()
    assert collapse_spaces(text) == expected


@given(LINE)
def test_punctuation_touching_chinese_turns_full_width_as_the_rule_says(text: str) -> None:
    """Each ',', ':' or ';' next to a Han character or CJK punctuation (one turned already counts) turns full width."""
    chars = list(text)
    for index, char in enumerate(chars):
        neighbours = chars[index - 1 : index] + chars[index + 1 : index + 2]
        if char in rules.FULL_WIDTH and any(rules.HAN.match(c) or c in rules.CJK_PUNCTUATION for c in neighbours):
            chars[index] = rules.FULL_WIDTH[char]
    assert full_width_punctuation(text) == "".join(chars)


@pytest.mark.parametrize(
    "data",
    [
        {"tags": (labels := ["Jinan", "Japan"]), "source": {"tags": labels, "url": None}, "title": "x"},
        {"a": [[], "b"], "b": (empty := {}), "c": [1, empty]},
        {"a": ["Jinan", 1, None, True], "b": {"c": ["Jinan"]}},
    ],
)
def test_front_matter_with_one_list_or_dict_twice_is_what_yaml_dump_writes(data: dict) -> None:
    """A list or dict under two keys is written once, with an anchor, exactly as yaml.dump writes it."""
    assert dump_front_matter(data) == yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=True, width=1000)


def related_by_every_pair(articles: list) -> dict[str, list[str]]:
    """Related articles as the rule says, scoring every pair: shared tags no more common than RELATED_COMMON
    weigh log((1 + N) / df), added in the article's tag order; the best RELATED_LIMIT with a score, ties by slug."""
    total = len(articles)
    frequency = Counter(tag for article in articles for tag in article.tags)
    common = max(RELATED_COMMON[0], RELATED_COMMON[1] * total)
    related = {}
    for article in articles:
        scored = []
        for other in articles:
            if other is not article:
                shared = [tag for tag in article.tags if tag in other.tags and frequency[tag] <= common]
                if shared:
                    scored.append((-sum(math.log((1 + total) / frequency[tag]) for tag in shared), other.slug))
        related[article.slug] = [slug for _, slug in sorted(scored)[:RELATED_LIMIT]]
    return related


TAG_POOL = [f"t{number}" for number in range(12)]
TAG_SETS = st.lists(st.lists(st.sampled_from(TAG_POOL), unique=True, max_size=6), min_size=1, max_size=40)


@pytest.fixture(scope="module")
def one_article():
    return load_archive(ROOT / "seeds").articles[0]


def articles_tagged(article, tag_sets: list[list[str]], seed: int = 0) -> list:
    """Copies of one real article, each with its own slug (not in list order) and tags."""
    slugs = random.Random(seed).sample(range(10 * len(tag_sets)), len(tag_sets))
    return [replace(article, slug=f"a{slug:04d}", tags=tuple(tags)) for slug, tags in zip(slugs, tag_sets, strict=True)]


@given(TAG_SETS, st.integers(0, 2**16))
@example([["t0"]] * 8, 0)  # eight-way tie: the first five slugs win
@example([["t0", "t1"], ["t0"], ["t1"], ["t0", "t1"], []], 1)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_related_articles_are_the_best_scored_of_every_pair(one_article, tag_sets: list[list[str]], seed: int) -> None:
    """Visiting candidates rarest tag first and stopping early finds what scoring every pair finds, in order."""
    articles = articles_tagged(one_article, tag_sets, seed)
    found = {slug: [other.slug for other in related] for slug, related in related_articles(articles).items()}
    assert found == related_by_every_pair(articles)


def test_related_articles_are_the_same_on_two_processes(one_article) -> None:
    """Three hundred articles with tags from common to rare: two processes find what one does, and the rule."""
    draw = random.Random(5)
    weights = [1 / (rank + 1) for rank in range(60)]
    tag_sets = [list(dict.fromkeys(draw.choices(range(60), weights, k=draw.randint(0, 8)))) for _ in range(300)]
    articles = articles_tagged(one_article, [[f"t{tag}" for tag in tags] for tags in tag_sets])
    one, two = related_articles(articles, 1), related_articles(articles, 2)
    assert one == two
    assert {slug: [other.slug for other in related] for slug, related in one.items()} == related_by_every_pair(articles)
