"""One test per error and warning message: the exact lines an editor sees when an input is wrong."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from archive.load import load_archive, source_hash
from archive.model import Line
from conftest import run, snapshot

if TYPE_CHECKING:
    from conftest import Scratch

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Jinan delegation visited Japan.\n"


def hash_of(text: str) -> str:
    """The source_hash a translation of this seed text records (see archive.load.source_hash)."""
    return source_hash([Line(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()])


GOOD_HASH = hash_of(GOOD)
KINDS = "country, province, city, district, organisation, company, media, person, topic, event"
META_KEYS = "date, date_note, event_year, notes, slug, source, tags, title"
CHINA_ORG_CN = """\
- id: china-org-cn
  kind: media
  en: China.org.cn
  zh: 中国网
"""


def add_tags(scratch: Scratch, entries: str) -> None:
    """Append entries to the scratch vocabulary."""
    vocabulary = (scratch.seeds / "tags.yml").read_text(encoding="utf-8")
    scratch.write("tags.yml", vocabulary + entries)


# --- Seed text


def test_empty_seed(scratch: Scratch) -> None:
    """An empty seed is reported, not built into an empty page."""
    scratch.write("a.txt", "")
    assert scratch.problems() == ["seeds/a.txt:1: seed must contain text, file is empty"]


@pytest.mark.parametrize("text", ["\n", "  \n\t\n", "\u3000\u00a0\n\r\n", "\ufeff\n \n"])
def test_whitespace_only_seed(scratch: Scratch, text: str) -> None:
    """A seed of spaces, tabs, ideographic spaces or a bare BOM is reported as white space only."""
    scratch.write("a.txt", text)
    assert scratch.problems() == ["seeds/a.txt:1: seed must contain text, file has only white space"]


def test_seed_with_no_article_text(scratch: Scratch) -> None:
    """A seed that is all portal chrome has no paragraph to publish."""
    scratch.write("a.txt", "当前位置:网站首页 > 新闻中心\n中国网客户端\n")
    assert scratch.problems() == ["seeds/a.txt:1: seed must contain at least one paragraph of article text, found none"]


def iconv(rel: str, encoding: str) -> str:
    return f"'iconv -f {encoding} -t UTF-8 {rel} > {rel}.utf8 && mv {rel}.utf8 {rel}'"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "济南代表团访问日本。\n".encode("gbk"),
            "seeds/a.txt:1: seed must be UTF-8, bytes bc c3: it looks like GBK/GB 18030 (Simplified Chinese); "
            f"convert it with {iconv('seeds/a.txt', 'GB18030')}",
        ),
        (
            (GOOD + "\n历城区副区长文海生随济南市访问团赴韩国。\n").encode("gbk"),
            "seeds/a.txt:3: seed must be UTF-8, bytes c0 fa: it looks like GBK/GB 18030 (Simplified Chinese); "
            f"convert it with {iconv('seeds/a.txt', 'GB18030')}",
        ),
        (
            "為進一步深化青島企業與日本的經貿往來。\n".encode("big5"),
            "seeds/a.txt:1: seed must be UTF-8, bytes ac b0: it looks like Big5 (Traditional Chinese); "
            f"convert it with {iconv('seeds/a.txt', 'BIG5')}",
        ),
        (
            (GOOD + "濟南代表團訪問日本。\n").encode("big5"),
            "seeds/a.txt:2: seed must be UTF-8, bytes c0 d9: it looks like Big5 (Traditional Chinese); "
            f"convert it with {iconv('seeds/a.txt', 'BIG5')}",
        ),
        (
            b"Jinan \xff\xfe visited Japan.\n",
            "seeds/a.txt:1: seed must be UTF-8, bytes ff fe: save it as UTF-8 in your editor",
        ),
    ],
    ids=["gbk", "gbk-line-3", "big5", "big5-line-2", "not-chinese"],
)
def test_seed_not_utf8(scratch: Scratch, data: bytes, expected: str) -> None:
    """A seed saved in a legacy Chinese encoding names the encoding, the line and the command that fixes it."""
    scratch.write("a.txt", data)
    assert scratch.problems() == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "済南市代表団が大阪を訪問\n済南市の代表団は5月8日、大阪市を訪れ、投資説明会を開催しました。\n",
            "seeds/a.txt:1: seed must be in English or Chinese, got Japanese: '済南市代表団が大阪を訪問'",
        ),
        (
            "Jinan delegation visits Osaka\n済南市の代表団は5月8日、大阪市を訪れ、投資説明会を開催しました。\n",
            "seeds/a.txt:2: seed must be in English or Chinese, got Japanese: '済南市の代表団は5月8日、大阪市を訪れ、投資説明会を開催しました。'",
        ),
        (
            "칭다오시 대표단이 9월 12일 인천광역시를 방문해 우호협력 양해각서를 체결했다.\n",
            "seeds/a.txt:1: seed must be in English or Chinese, got Korean: '칭다오시 대표단이 9월 12일 인천광역시를 방문해 우호협력 양해각서를 체…'",
        ),
    ],
    ids=["japanese", "japanese-under-english-title", "korean"],
)
def test_seed_in_a_language_the_archive_does_not_publish(scratch: Scratch, text: str, expected: str) -> None:
    """A Japanese or Korean seed is refused: read as Chinese, Japanese was converted as if Traditional."""
    scratch.write("a.txt", text)
    assert scratch.problems() == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "青岛与日本ニトリ公司签约，宜得利（ニトリ）将在青岛设立物流中心。\n",
        "对话山东——日本・山东产业合作交流会开幕。\n",  # ・ and ー are punctuation in Chinese text too
        "Jinan signed an agreement with Hyundai (현대) and SK hynix.\n",
    ],
)
def test_names_in_japanese_or_korean_inside_a_text_are_accepted(scratch: Scratch, text: str) -> None:
    scratch.write("a.txt", text)
    assert [problem for problem in scratch.problems() if "must be in English or Chinese" in problem] == []


def test_translation_in_a_language_the_archive_does_not_publish(scratch: Scratch) -> None:
    scratch.write("a.txt", "济南代表团访问日本。\n")
    scratch.write("a.en.txt", "---\ntranslator: Archive editors\n---\n済南市の代表団が日本を訪問しました。\n")
    assert scratch.problems() == [
        "seeds/a.en.txt:4: translation must be in English or Chinese, got Japanese: '済南市の代表団が日本を訪問しました。'"
    ]


def test_a_file_that_cannot_be_read_is_named(scratch: Scratch) -> None:
    """A folder named like a seed or metadata, or a link to nothing, is a problem of its own, and the rest is read."""
    (scratch.seeds / "a.txt").mkdir()
    (scratch.seeds / "b.txt").symlink_to(scratch.root / "gone.txt")
    scratch.write("c.txt", GOOD)
    (scratch.seeds / "c.yml").mkdir()
    assert scratch.problems() == [
        "seeds/a.txt:1: seed must be a file you can read, is a directory",
        "seeds/b.txt:1: seed must be a file you can read, no such file or directory",
        "seeds/c.yml:1: metadata must be a file you can read, is a directory",
    ]


def test_a_seeds_folder_that_is_not_there_is_named(tmp_path: Path) -> None:
    archive = load_archive(tmp_path / "seeds")
    assert [str(problem) for problem in archive.problems] == ["seeds:1: seeds must be a folder, none here"]


@pytest.mark.parametrize(
    ("seed", "meta", "expected", "start"),
    [
        ("发布时间：2023-03-01\n2月29日，济南代表团访问日本。\n", None, [], "--02-29"),
        ("On Feb. 29 the Jinan delegation visited Japan.\n", "event_year: 2024\n", [], "2024-02-29"),
        (
            "2月29日至3月2日，济南代表团访问日本。\n",
            "slug: a\nevent_year: 2023\n",
            ["seeds/a.yml:2: event_year must make the text's dates real, 2023 makes '2月29日至3月2日' impossible"],
            "--02-29",
        ),
    ],
    ids=["publication-year-not-given", "editors-leap-year", "editors-year-refused"],
)
def test_a_year_that_makes_an_event_date_impossible_is_not_given(
    scratch: Scratch, seed: str, meta: str | None, expected: list[str], start: str
) -> None:
    """29 February gets no year in which it does not exist: the page showed 'February 29, 2023'."""
    scratch.write("a.txt", seed)
    if meta:
        scratch.write("a.yml", meta)
    archive = scratch.load()
    assert [str(problem) for problem in archive.errors] == expected
    assert archive.articles[0].events[0].start == start


# --- Metadata files


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("发布时间：2024年2月30日 10:00\u3000来源：无锡日报", "2024年2月30日 10:00"),
        ("Source: Xinhua | Feb 30, 2024", "Feb 30, 2024"),
        ("30.02.2024 10:09:00", "30.02.2024"),
        ("（編輯：陳仁華）1130230", "1130230"),  # year 113 as Taiwan counts: 2024
        ("Published: 30/02/2024", "30/02/2024"),
        ("JINAN, China, Feb. 30, 2024 /PRNewswire/ -- A delegation visited Japan.", "Feb. 30, 2024"),
    ],
)
def test_impossible_date_is_named_as_the_seed_writes_it(scratch: Scratch, line: str, written: str) -> None:
    """Whatever shape a seed's publication date has, an impossible one is an error quoting the seed's own text."""
    scratch.write("a.txt", line + "\n" + GOOD)
    assert f"seeds/a.txt:1: publication date must be a real calendar date, {written!r}" in scratch.problems()


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            "slug: jinan\ntitle:\n  en: Foo: bar\n",
            "seeds/a.yml:3: metadata must be valid YAML, mapping values are not allowed in this context: "
            "'en: Foo: bar' (put a value containing ': ' or ' #' in quotes)",
        ),
        (
            "# Editors' metadata\n\nslug: [jinan\n",
            "seeds/a.yml:3: metadata must be valid YAML, did not find expected ',' or ']': "
            "'slug: [jinan' (put a value containing ': ' or ' #' in quotes)",
        ),
        (
            "- jinan\n- japan\n",
            "seeds/a.yml:1: metadata must be a mapping of keys to values, got list",
        ),
        (
            "slug: jinan\ncolour: red\n",
            f"seeds/a.yml:2: metadata key must be one of {META_KEYS}, got 'colour'",
        ),
    ],
    ids=["yaml-error", "yaml-unclosed", "not-a-mapping", "unknown-key"],
)
def test_metadata_shape(scratch: Scratch, meta: str, expected: str) -> None:
    """Metadata that is not valid YAML, not a mapping, or has an unknown key is reported at the bad line."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", meta)
    assert scratch.problems() == [expected]


def test_metadata_not_utf8(scratch: Scratch) -> None:
    """Metadata in a legacy encoding is reported, not misread."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", "title:\n  zh: 济南代表团\n".encode("gbk"))
    assert scratch.problems() == ["seeds/a.yml:1: metadata must be UTF-8, byte at offset 13"]


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("jinan-delegation-2025", None),
        ("'2025'", None),
        ("Jinan-Delegation", "got 'Jinan-Delegation'"),
        ("jinan_delegation", "got 'jinan_delegation'"),
        ("jinan--delegation", "got 'jinan--delegation'"),
        ("-jinan", "got '-jinan'"),
        ("jinan delegation", "got 'jinan delegation'"),
        ("济南", "got '济南'"),
    ],
)
def test_slug(scratch: Scratch, slug: str, expected: str | None) -> None:
    """An editor's slug must be lowercase ASCII words joined by single hyphens."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", f"title:\n  en: Jinan\nslug: {slug}\n")
    message = f"seeds/a.yml:3: slug must be lowercase ASCII words joined by hyphens, {expected}"
    assert scratch.problems() == ([message] if expected else [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", None),
        ("2025-04", None),
        ("2024-02-29", None),
        ("18/04/2025", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '18/04/2025'"),
        ("2025-4-18", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2025-4-18'"),
        ("April 18, 2025", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got 'April 18, 2025'"),
        ("2024-02-30", "date must be a real calendar date, '2024-02-30'"),
        ("2023-02-29", "date must be a real calendar date, '2023-02-29'"),
        ("2025-13", "date must be a real calendar date, '2025-13'"),
        ("0000-01-01", "date must be a real calendar date, '0000-01-01'"),
        pytest.param(
            "2025-00",
            "date must be a real calendar date, '2025-00'",
        ),
        pytest.param(
            "2025-04-00",
            "date must be a real calendar date, '2025-04-00'",
        ),
    ],
)
def test_metadata_date(scratch: Scratch, value: str, expected: str | None) -> None:
    """An editor's date is a year, a month or a real day, written the ISO way."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", f"slug: jinan\ndate: {value}\n")
    assert scratch.problems() == ([f"seeds/a.yml:2: {expected}"] if expected else [])


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("", ["seeds/a.txt:1: publication date must be a real calendar date, '2024-02-30'"]),
        ("date: 2024-02-29\n", []),
        ("date: 2024-02\n", []),
    ],
    ids=["seed-only", "editor-fixes-day", "editor-fixes-month"],
)
def test_impossible_date_in_seed(scratch: Scratch, meta: str, expected: list[str]) -> None:
    """An impossible date on a seed's publication line is an error, until the editors supply the right date."""
    add_tags(scratch, CHINA_ORG_CN)
    scratch.write("a.txt", "China.org.cn 2024-02-30 10:00:00\n" + GOOD)
    if meta:
        scratch.write("a.yml", meta)
    assert scratch.problems() == expected


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ("tags:\n  add:\n    - japan\n  remove:\n    - delegation-visit\n", []),
        (
            "tags:\n  add:\n    - japan\n    - mars\n  remove:\n    - jinan\n    - venus\n",
            [
                "seeds/a.yml:4: tag must be an id from seeds/tags.yml, got 'mars'",
                "seeds/a.yml:7: tag must be an id from seeds/tags.yml, got 'venus'",
            ],
        ),
        (
            "tags:\n  add: [japan, Jinan]\n",
            ["seeds/a.yml:2: tag must be an id from seeds/tags.yml, got 'Jinan'"],
        ),
        (
            "tags: [japan]\n",
            ["seeds/a.yml:1: tags must be a mapping with 'add' and 'remove' lists, got ['japan']"],
        ),
        pytest.param(
            "slug: jinan\ntags:\n  add: mars\n",
            ["seeds/a.yml:3: tag must be an id from seeds/tags.yml, got 'mars'"],
        ),
    ],
    ids=["valid", "unknown-ids", "inline-list", "not-a-mapping", "single-id"],
)
def test_metadata_tags(scratch: Scratch, tags: str, expected: list[str]) -> None:
    """Every tag an editor adds or removes must be in the vocabulary, reported at its own list item."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", tags)
    assert scratch.problems() == expected


def test_metadata_tags_are_applied(scratch: Scratch) -> None:
    """Added tags join the ones found in the text; removed ones go."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", "tags:\n  add: [japan]\n  remove: [delegation-visit]\n")
    [article] = scratch.load().articles
    assert article.tags == ("japan", "jinan")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("source:\n  publisher: wuxi-daily\n  credited: jinan\n  url: https://example.com/a?b=1\n", []),
        (
            "source:\n  url: 'javascript:alert(1)'\n",
            ["seeds/a.yml:2: source url must be an http(s) address, got 'javascript:alert(1)'"],
        ),
        (
            "source:\n  url: ftp://example.com/a\n",
            ["seeds/a.yml:2: source url must be an http(s) address, got 'ftp://example.com/a'"],
        ),
        (
            "source:\n  url: https://example.com/a b\n",
            ["seeds/a.yml:2: source url must be an http(s) address, got 'https://example.com/a b'"],
        ),
        (
            "source:\n  publisher: china-daily\n",
            ["seeds/a.yml:2: source publisher must be a tag id from seeds/tags.yml, got 'china-daily'"],
        ),
        (
            "source:\n  url: https://example.com/\n  credited: Wuxi Daily\n",
            ["seeds/a.yml:3: source credited must be a tag id from seeds/tags.yml, got 'Wuxi Daily'"],
        ),
        (
            "source:\n  website: https://example.com/\n",
            ["seeds/a.yml:2: source key must be one of credited, publisher, url, got 'website'"],
        ),
    ],
    ids=["valid", "javascript-url", "ftp-url", "url-with-space", "unknown-publisher", "credited-name", "unknown-key"],
)
def test_metadata_source(scratch: Scratch, source: str, expected: list[str]) -> None:
    """The editors' source is a vocabulary id for each outlet and an http(s) address."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", source)
    assert scratch.problems() == expected


@pytest.mark.parametrize(
    ("meta", "line"),
    [
        ("slug: jinan\nnotes: The source gives no date.\n", 2),  # AttributeError in assemble()
        ("tags:\n  add:\n    - [japan]\n", 3),  # TypeError: unhashable list in Vocabulary.__contains__
        ("source:\n  publisher: [wuxi-daily]\n", 2),  # TypeError: unhashable list
        ("slug: jinan\ntitle: Jinan Delegation Visits Japan\n", 2),  # silently ignored
        ("source: https://example.com/a\n", 1),  # silently ignored
        ("event_year: 2025-04\n", 1),  # silently ignored
        ("date_note: [a, b]\n", 1),  # crashes later, in render
    ],
    ids=["notes-string", "tag-list", "publisher-list", "title-string", "source-string", "event-year", "note-list"],
)
def test_metadata_value_of_wrong_shape(scratch: Scratch, meta: str, line: int) -> None:
    """A metadata value of the wrong shape is one error at its line, never a crash or a silently lost value."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", meta)
    archive = scratch.load()
    assert [(problem.path, problem.line, problem.warning) for problem in archive.problems] == [
        ("seeds/a.yml", line, False)
    ]


# --- Slugs across articles


def test_duplicate_slugs(scratch: Scratch) -> None:
    """Two articles may not share a page address; the second is reported, naming the first."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", "slug: jinan-visit\n")
    scratch.write("b.txt", "A Jinan delegation visited Seoul.\n")
    scratch.write("b.yml", "slug: jinan-visit\n")
    assert scratch.problems() == ["seeds/b.yml:1: slug must be unique, 'jinan-visit' is also used by seeds/a.txt"]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (None, "seeds/b.txt:1: slug must be unique, 'jinan-delegation-visits-japan' is also used by seeds/a.txt"),
        (
            "# Editors' metadata\nslug: jinan-delegation-visits-japan\n",
            "seeds/b.yml:2: slug must be unique, 'jinan-delegation-visits-japan' is also used by seeds/a.txt",
        ),
    ],
    ids=["slug-from-title", "slug-after-comment"],
)
def test_duplicate_slugs_point_at_the_slug(scratch: Scratch, meta: str | None, expected: str) -> None:
    """A duplicate slug is reported where it comes from: the seed's title, or the metadata's slug line."""
    scratch.write("a.txt", "Jinan Delegation Visits Japan\n" + GOOD)
    scratch.write("b.txt", "Jinan Delegation Visits Japan\nA second report of the visit.\n")
    if meta:
        scratch.write("b.yml", meta)
    assert scratch.problems() == [expected]


# --- Translations


def test_translation_paragraph_count_is_a_warning(scratch: Scratch) -> None:
    """A translation with fewer paragraphs than the original is a warning at its last line; the build goes on."""
    seed = GOOD + "The delegation met local officials.\n"
    scratch.write("a.txt", seed)
    scratch.write(
        "a.zh.txt", f"---\ntranslator: Archive editors\nsource_hash: {hash_of(seed)}\n---\n济南代表团访问日本。\n"
    )
    archive = scratch.load()
    assert [str(problem) for problem in archive.problems] == [
        "seeds/a.zh.txt:5: warning: translation should have one paragraph per original paragraph "
        "(2 in seeds/a.txt), got 1"
    ]
    assert archive.errors == []
    [article] = archive.articles
    assert [block.zh for block in article.blocks] == ["济南代表团访问日本。", None]


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        (
            "济南代表团访问日本。\n",
            ["seeds/a.zh.txt:1: translation must start with a '---' header, first line is not '---'"],
        ),
        pytest.param(
            "---\ntranslator: Archive editors\n济南代表团访问日本。\n",
            ["seeds/a.zh.txt:1: translation must start with a '---' header, no closing '---' line"],
        ),
        (
            "---\ntitle: 济南代表团: 访问日本\n---\n济南代表团访问日本。\n",
            [
                "seeds/a.zh.txt:2: translation header must be valid YAML, mapping values are not allowed in this "
                "context: 'title: 济南代表团: 访问日本' (put a value containing ': ' or ' #' in quotes)"
            ],
        ),
        (
            "---\n- Archive editors\n---\n济南代表团访问日本。\n",
            ["seeds/a.zh.txt:1: translation header must be a mapping of keys to values, got list"],
        ),
        (
            "---\ntranslator: Archive editors\nlanguage: zh\n---\n济南代表团访问日本。\n",
            [
                "seeds/a.zh.txt:1: warning: translation should record the original it translates, "
                f"add 'source_hash: {GOOD_HASH}' to its header",
                "seeds/a.zh.txt:3: translation header key must be one of source_hash, subtitle, title, translator, "
                "got 'language'",
            ],
        ),
        (
            "---\ntranslator: Archive editors\n---\n\n",
            [
                "seeds/a.zh.txt:1: warning: translation should have one paragraph per original paragraph "
                "(1 in seeds/a.txt), got 0",
                "seeds/a.zh.txt:3: translation must have at least one paragraph, body is empty",
            ],
        ),
        (
            "---\n---\n济南代表团访问日本。\n",
            [
                "seeds/a.zh.txt:1: warning: translation should record the original it translates, "
                f"add 'source_hash: {GOOD_HASH}' to its header"
            ],
        ),
    ],
    ids=["no-header", "unclosed-header", "yaml-error", "header-list", "unknown-key", "empty-body", "empty-header"],
)
def test_translation_file_shape(scratch: Scratch, translation: str, expected: list[str]) -> None:
    """A translation is a '---' YAML header with known keys, then at least one paragraph."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.zh.txt", translation)
    assert scratch.problems() == expected


def test_empty_translation_names_the_translation(scratch: Scratch) -> None:
    """An empty translation file is reported as a translation, not as a seed."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.zh.txt", "")
    assert scratch.problems() == ["seeds/a.zh.txt:1: translation must contain text, file is empty"]


@pytest.mark.parametrize(
    ("seed", "name", "lang"),
    [
        (GOOD, "a.en.txt", "en"),
        ("济南代表团访问日本。\n", "a.zh.txt", "zh"),
        ("濟南代表團訪問日本。\n", "a.zh.txt", "zh"),
    ],
)
def test_translation_into_the_seed_language(scratch: Scratch, seed: str, name: str, lang: str) -> None:
    """A 'translation' into the language the seed is already in is a mistake, not a second version."""
    scratch.write("a.txt", seed)
    scratch.write(name, "---\ntranslator: Archive editors\n---\nSome text.\n")
    assert scratch.problems() == [
        f"seeds/{name}:1: translation must be into a language the seed is not in, the seed is already in '{lang}'"
    ]


# --- File names in seeds/


def test_companion_without_seed(scratch: Scratch) -> None:
    """Metadata or a translation whose seed is missing would be silently ignored, so it is reported."""
    scratch.write("a.txt", GOOD)
    scratch.write("b.yml", "slug: b\n")
    scratch.write("c.zh.txt", "---\n---\n济南代表团访问日本。\n")
    assert scratch.problems() == [
        "seeds/b.yml:1: file must sit beside its seed, b.txt does not exist",
        "seeds/c.zh.txt:1: file must sit beside its seed, c.txt does not exist",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("notes.md", "file name must be <seed>.txt, <seed>.yml or <seed>.<en|zh>.txt, got 'notes.md'"),
        ("a.yaml", "file name must be <seed>.txt, <seed>.yml or <seed>.<en|zh>.txt, got 'a.yaml'"),
        ("a.old.txt", "file name must be <seed>.txt, <seed>.yml or <seed>.<en|zh>.txt, got 'a.old.txt'"),
        ("a.fr.txt", "translation language must be one of en, zh, got 'fr'"),
    ],
)
def test_unexpected_file_name(scratch: Scratch, name: str, expected: str) -> None:
    """A file the build would not read is reported by name; a translation into another language too."""
    scratch.write("a.txt", GOOD)
    scratch.write(name, "x\n")
    assert scratch.problems() == [f"seeds/{name}:1: {expected}"]


def test_hidden_files_are_ignored(scratch: Scratch) -> None:
    """Editor and OS droppings such as '.DS_Store' are not reported."""
    scratch.write("a.txt", GOOD)
    scratch.write(".DS_Store", b"\x00\x01")
    assert scratch.problems() == []


# --- Bilingual seeds


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (
            GOOD + "济南代表团访问日本。\nThe delegation met local officials.\n",
            "seeds/a.txt:3: bilingual seed must pair every English paragraph with a Chinese one, 2 English and 1 Chinese",
        ),
        (
            "济南代表团访问日本。\n" + GOOD + "代表团会见了当地官员。\n",
            "seeds/a.txt:3: bilingual seed must pair every English paragraph with a Chinese one, 1 English and 2 Chinese",
        ),
    ],
)
def test_bilingual_seed_paragraph_count(scratch: Scratch, seed: str, expected: str) -> None:
    """A bilingual seed must pair its paragraphs; the message counts both languages."""
    scratch.write("a.txt", seed)
    assert scratch.problems() == [expected]


@pytest.mark.parametrize(
    "seed",
    ["Jinan Delegation Visits Japan\n济南代表团访问日本。\n", "济南代表团访问日本\nJinan delegation visited Japan.\n"],
    ids=["en-headline-zh-body", "zh-headline-en-body"],
)
def test_headline_in_other_language_is_not_bilingual(scratch: Scratch, seed: str) -> None:
    """A headline in one language over a body in the other is not an unpaired bilingual seed."""
    scratch.write("a.txt", seed)
    assert scratch.problems() == []


# --- Source outlets named in the seed


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (
            "China.org.cn 2025-04-18 16:33:49\n" + GOOD,
            "seeds/a.txt:1: warning: source outlet should be in seeds/tags.yml (kind media) "
            "so both languages name it, got 'China.org.cn'",
        ),
        (
            GOOD + "来源:历城融媒\n",
            "seeds/a.txt:2: warning: source outlet should be in seeds/tags.yml (kind media) "
            "so both languages name it, got '历城融媒'",
        ),
        (
            "Jinan delegation visited Japan. (Source: Licheng Media Center)\n",
            "seeds/a.txt:1: warning: source outlet should be in seeds/tags.yml (kind media) "
            "so both languages name it, got 'Licheng Media Center'",
        ),
    ],
)
def test_unknown_outlet_is_a_warning(scratch: Scratch, seed: str, expected: str) -> None:
    """An outlet the vocabulary does not know is a warning at the line that names it; the build goes on."""
    scratch.write("a.txt", seed)
    archive = scratch.load()
    assert [str(problem) for problem in archive.problems] == [expected]
    assert archive.errors == []


def test_known_outlet_is_not_reported(scratch: Scratch) -> None:
    """An outlet the vocabulary knows, by label or alias, is named without a warning."""
    scratch.write("a.txt", GOOD + "来源:无锡日报\n")
    assert scratch.problems() == []


# --- The tag vocabulary


@pytest.mark.parametrize(
    ("vocabulary", "expected"),
    [
        (
            "- id: japan\n  kind: country\n  en: Japan\n  zh: 日本\n- id: japan\n  kind: country\n  en: Nippon\n  zh: 日本国\n",
            ["seeds/tags.yml:5: tag id must be unique, 'japan' is also on line 1"],
        ),
        (
            "- id: mars\n  kind: planet\n  en: Mars\n  zh: 火星\n",
            [f"seeds/tags.yml:2: tag kind must be one of {KINDS}, got 'planet'"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: Jinan\n  zh: 济南\n  parent: shandong\n",
            ["seeds/tags.yml:1: tag parent must be a tag id, got 'shandong'"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: Jinan\n  zh: 济南\n"
            "- id: jinan-city\n  kind: city\n  en: Jinan City\n  zh: 济南市\n  aliases:\n    en: [Jinan]\n",
            ["seeds/tags.yml:5: tag name must belong to one tag, 'Jinan' is also a name of 'jinan'"],
        ),
        (
            "- id: Jinan City\n  kind: city\n  en: Jinan\n  zh: 济南\n",
            ["seeds/tags.yml:1: tag id must be lowercase ASCII words joined by hyphens, got 'Jinan City'"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: Jinan\n",
            ["seeds/tags.yml:1: tag must have a non-empty 'zh', got None"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: ''\n  zh: 济南\n  colour: red\n",
            [
                "seeds/tags.yml:1: tag must have a non-empty 'en', got ''",
                "seeds/tags.yml:5: tag key must be one of aliases, en, id, kind, parent, zh, got 'colour'",
            ],
        ),
        (
            "- jinan\n",
            ["seeds/tags.yml:1: tag must be a mapping with id, kind, en and zh, got 'jinan'"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: Jinan\n  zh: 济南\n  aliases: [Jinan City]\n",
            ["seeds/tags.yml:5: tag aliases must map en, zh-Hans, zh-Hant to lists, got ['Jinan City']"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: Jinan\n  zh: 济南\n  aliases:\n    zh-TW: [濟南]\n",
            ["seeds/tags.yml:6: alias language must be one of en, zh-Hans, zh-Hant, got 'zh-TW'"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: Jinan\n  zh: 济南\n  aliases:\n    en: Jinan City\n    zh-Hant: ['']\n",
            [
                "seeds/tags.yml:6: aliases must be a list of non-empty names, got 'Jinan City'",
                "seeds/tags.yml:7: aliases must be a list of non-empty names, got ['']",
            ],
        ),
        (
            "japan:\n  kind: country\n",
            ["seeds/tags.yml:1: vocabulary must be a list of tags, got a mapping or scalar"],
        ),
        (
            "- id: jinan\n  kind: city\n  en: Jinan: the spring city\n",
            [
                "seeds/tags.yml:3: vocabulary must be valid YAML, mapping values are not allowed in this context: "
                "'en: Jinan: the spring city' (put a value containing ': ' or ' #' in quotes)"
            ],
        ),
    ],
    ids=[
        "duplicate-id",
        "unknown-kind",
        "unknown-parent",
        "name-owned-twice",
        "bad-id",
        "missing-zh",
        "empty-en-unknown-key",
        "not-a-mapping",
        "aliases-list",
        "alias-language",
        "alias-names",
        "not-a-list",
        "yaml-error",
    ],
)
def test_vocabulary(scratch: Scratch, vocabulary: str, expected: list[str]) -> None:
    """Every malformed or conflicting vocabulary entry is reported at its line."""
    scratch.write("tags.yml", vocabulary)
    scratch.write("a.txt", GOOD)
    assert scratch.problems() == expected


def test_vocabulary_missing(scratch: Scratch) -> None:
    """Without a vocabulary the build says so instead of tagging nothing."""
    (scratch.seeds / "tags.yml").unlink()
    scratch.write("a.txt", GOOD)
    assert scratch.problems() == ["seeds/tags.yml:1: vocabulary must exist, no file at 'seeds/tags.yml'"]


# --- The build: every problem at once, then all or nothing


def test_every_problem_in_one_run(scratch: Scratch) -> None:
    """Three broken files give three problems in one run, sorted by file, not one problem per run."""
    scratch.write("a.txt", "")
    scratch.write("b.txt", GOOD)
    scratch.write("b.yml", "slug: B\n")
    scratch.write("c.txt", "济南代表团访问日本。\n".encode("gbk"))
    scratch.write("d.txt", "Jinan delegation visited Seoul.\n")
    assert scratch.problems() == [
        "seeds/a.txt:1: seed must contain text, file is empty",
        "seeds/b.yml:1: slug must be lowercase ASCII words joined by hyphens, got 'B'",
        "seeds/c.txt:1: seed must be UTF-8, bytes bc c3: it looks like GBK/GB 18030 (Simplified Chinese); "
        f"convert it with {iconv('seeds/c.txt', 'GB18030')}",
    ]


def test_build_reports_and_writes_nothing_on_error(
    build: ModuleType, scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On any error the build prints every problem and a count, exits 1, and creates no docs/."""
    scratch.write("a.txt", "")
    scratch.write("b.txt", "Jinan delegation visited Japan. (Source: Licheng Media Center)\n")
    assert run(build, scratch) == 1
    assert capsys.readouterr().err.splitlines() == [
        "seeds/a.txt:1: seed must contain text, file is empty",
        "seeds/b.txt:1: warning: source outlet should be in seeds/tags.yml (kind media) "
        "so both languages name it, got 'Licheng Media Center'",
        "1 error(s), 1 warning(s): nothing written",
    ]
    assert not (scratch.root / "docs").exists()


def test_build_leaves_docs_unchanged_on_error(build: ModuleType, scratch: Scratch) -> None:
    """A broken seed after a good build leaves every page of the last good build in place, untouched."""
    scratch.write("a.txt", GOOD)
    assert run(build, scratch) == 0
    before = snapshot(scratch.root / "docs")
    scratch.write("a.txt", "Jinan delegation visited Seoul.\n")
    scratch.write("b.txt", "")
    assert run(build, scratch) == 1
    assert snapshot(scratch.root / "docs") == before


def test_build_writes_pages_then_nothing_when_current(
    build: ModuleType, scratch: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A good archive builds its pages; building again writes nothing and keeps every file as it was."""
    scratch.write("a.txt", GOOD)
    scratch.write("a.yml", "slug: jinan-visit\n")
    docs = scratch.root / "docs"
    assert run(build, scratch) == 0
    before = snapshot(docs)
    assert {"articles/jinan-visit.en.md", "articles/jinan-visit.zh.md"} <= set(before)
    assert capsys.readouterr().err.splitlines() == [
        f"1 articles: {len(before)} page(s) written, 0 removed, 0 warning(s)"
    ]
    folder = os.stat(docs / "articles").st_ino
    assert run(build, scratch) == 0
    assert capsys.readouterr().err.splitlines() == ["1 articles: 0 page(s) written, 0 removed, 0 warning(s)"]
    assert os.stat(docs / "articles").st_ino == folder
    assert snapshot(docs) == before


def test_build_check_writes_nothing(build: ModuleType, scratch: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    """'--check' validates and counts, and never creates docs/."""
    scratch.write("a.txt", "China.org.cn 2025-04-18 16:33:49\n" + GOOD)
    assert run(build, scratch, "--check") == 0
    assert capsys.readouterr().err.splitlines() == [
        "seeds/a.txt:1: warning: source outlet should be in seeds/tags.yml (kind media) "
        "so both languages name it, got 'China.org.cn'",
        "1 articles checked, 1 warning(s)",
    ]
    assert not (scratch.root / "docs").exists()
