"""The editors' tools: `make new`, `make status` with stale translations, placeholders, live rebuild while serving."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from archive.render import render_article
from conftest import ROOT, Scratch
from golden_build import copy_founding_seeds
from localsite import build_env, copy_project

SEED = "济南代表团访问日本。\n代表团与日本企业座谈。\n"
TRANSLATION = "---\ntranslator: Archive editors\nsource_hash: {hash}\n---\nA Jinan delegation visited Japan.\n\nThe delegation held talks with Japanese companies.\n"


def run(script: str, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *args], input=stdin.decode(), capture_output=True, text=True
    )


def seed_hash(scratch: Scratch, name: str = "a.txt") -> str:
    from archive.load import source_hash
    from archive.read import read_text

    return source_hash(read_text(scratch.seeds / name, name).lines)


def test_current_translation_is_a_translation(scratch: Scratch) -> None:
    scratch.write("a.txt", SEED)
    scratch.write("a.en.txt", TRANSLATION.format(hash=seed_hash(scratch)))
    [article] = scratch.load().articles
    assert (article.status["en"], article.status["zh"]) == ("translation", "original")
    assert scratch.problems() == []


def test_translation_of_an_older_original_is_stale_and_says_so(scratch: Scratch) -> None:
    """When the original changes after translation, the build warns and the page tells the reader."""
    scratch.write("a.txt", SEED)
    old = seed_hash(scratch)
    scratch.write("a.en.txt", TRANSLATION.format(hash=old))
    scratch.write("a.txt", SEED + "双方签署了合作备忘录。\n")
    archive = scratch.load()
    [article] = archive.articles
    assert article.status["en"] == "stale"
    assert scratch.problems() == [
        f"seeds/a.en.txt:3: warning: translation is stale: seeds/a.txt changed since it was translated (now {seed_hash(scratch)}, translated {old})",
        "seeds/a.en.txt:7: warning: translation should have one paragraph per original paragraph (3 in seeds/a.txt), got 2",
    ]
    page = render_article(article, "en", archive.vocabulary)
    assert "The original has changed since this translation was written" in page


def test_translation_without_source_hash_is_a_warning_naming_the_value(scratch: Scratch) -> None:
    scratch.write("a.txt", SEED)
    scratch.write("a.en.txt", TRANSLATION.replace("source_hash: {hash}\n", ""))
    assert scratch.problems() == [
        f"seeds/a.en.txt:1: warning: translation should record the original it translates, add 'source_hash: {seed_hash(scratch)}' to its header"
    ]


def test_malformed_source_hash_is_an_error(scratch: Scratch) -> None:
    scratch.write("a.txt", SEED)
    scratch.write("a.en.txt", TRANSLATION.format(hash="abc"))
    assert scratch.problems() == ["seeds/a.en.txt:3: source_hash must be 'sha256:' and 16 hex digits, got 'abc'"]


def test_status_lists_every_language_state(scratch: Scratch) -> None:
    """`make status`: original language and the state of each page, stale included."""
    scratch.write("a.txt", SEED)
    scratch.write("a.en.txt", TRANSLATION.format(hash="sha256:0000000000000000"))
    scratch.write("b.txt", "A Jinan delegation visited Japan.\n")
    result = run("status.py", "--seeds", str(scratch.seeds))
    assert result.stdout.splitlines()[0].split() == ["article", "original", "en", "zh"]
    rows = {line.split()[0]: line.split()[-3:] for line in result.stdout.splitlines()[1:]}
    assert rows == {"a": ["zh-Hans", "stale", "original"], "b": ["en", "original", "missing"]}
    assert (result.returncode, result.stderr) == (0, "")


def test_status_names_the_seeds_it_cannot_list(scratch: Scratch) -> None:
    """A seed with an error is no article, so `make status` cannot list it: it says so instead of leaving it out."""
    scratch.write("a.txt", SEED)
    scratch.write("b.txt", "済南市の代表団が大阪を訪問しました。\n")
    result = run("status.py", "--seeds", str(scratch.seeds))
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == ["a"]
    assert result.returncode == 1
    assert result.stderr == (
        "seeds/b.txt:1: seed must be in English or Chinese, got Japanese: '済南市の代表団が大阪を訪問しました。'\n"
        "1 error(s): a seed with an error may be missing above\n"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "a.txt:1: stamp needs a translation, <seed>.en.txt or <seed>.zh.txt, got 'a.txt'"),
        ("a.yml", "a.yml:1: stamp needs a translation, <seed>.en.txt or <seed>.zh.txt, got 'a.yml'"),
        ("a.fr.txt", "a.fr.txt:1: stamp needs a translation, <seed>.en.txt or <seed>.zh.txt, got 'a.fr.txt'"),
        ("c.en.txt", "c.en.txt:1: translation must exist, no such file"),
        ("b.en.txt", "b.en.txt:1: translation must sit beside its seed, b.txt does not exist"),
    ],
)
def test_stamp_names_what_is_wrong_with_the_file_it_is_given(scratch: Scratch, name: str, expected: str) -> None:
    """`make stamp FILE=…` on a seed, metadata, a missing file or an orphan says so, without a traceback."""
    scratch.write("a.txt", SEED)
    scratch.write("a.yml", "slug: a\n")
    scratch.write("b.en.txt", TRANSLATION.format(hash="sha256:0000000000000000"))
    result = run("status.py", "--stamp", str(scratch.seeds / name))
    assert (result.returncode, result.stderr) == (1, f"{scratch.seeds}/{expected}\n")


def test_make_stamp_without_a_file_says_how_to_give_one() -> None:
    result = subprocess.run(["make", "-s", "stamp"], cwd=ROOT, capture_output=True, text=True)
    assert (
        result.returncode == 2 and "give the translation to stamp: make stamp FILE=seeds/<seed>.en.txt" in result.stderr
    )


def test_stamp_keeps_the_translations_bom_and_line_ends(scratch: Scratch) -> None:
    """The build accepts a translation saved with a BOM and Windows line ends; stamping it changes only its hash."""
    scratch.write("a.txt", SEED)
    original = "\ufeff" + TRANSLATION.format(hash="sha256:0000000000000000").replace("\n", "\r\n")
    translation = scratch.write("a.en.txt", original.encode("utf-8"))
    result = run("status.py", "--stamp", str(translation))
    assert result.returncode == 0, result.stderr
    expected = original.replace("sha256:0000000000000000", seed_hash(scratch))
    assert translation.read_bytes() == expected.encode("utf-8")
    assert scratch.load().articles[0].status["en"] == "translation"
    assert sorted(path.name for path in scratch.seeds.iterdir()) == ["a.en.txt", "a.txt", "tags.yml"]


def test_stamp_marks_a_translation_current(scratch: Scratch) -> None:
    scratch.write("a.txt", SEED)
    translation = scratch.write("a.en.txt", TRANSLATION.format(hash="sha256:0000000000000000"))
    assert scratch.load().articles[0].status["en"] == "stale"
    result = run("status.py", "--stamp", str(translation))
    assert result.returncode == 0, result.stderr
    assert f"source_hash: {seed_hash(scratch)}\n" in translation.read_text(encoding="utf-8")
    assert scratch.load().articles[0].status["en"] == "translation"


NEW_SOURCE = "当前位置:网站首页 > 新闻中心\n\n青岛代表团访问首尔\n\n发布时间:2025-05-06 10:03   来源:无锡日报\n\n5月3日至5日,济南市代表团赴日本考察。\n"


def test_new_saves_the_source_byte_for_byte_and_a_stub_with_placeholders(scratch: Scratch) -> None:
    """`make new`: the raw seed is exactly the input; the stub holds what only editors can supply as placeholders."""
    result = run("new.py", "--seeds", str(scratch.seeds), stdin=NEW_SOURCE.encode())
    assert result.returncode == 0, result.stderr
    [seed] = [path for path in scratch.seeds.glob("000_*.txt")]
    assert seed.read_bytes() == NEW_SOURCE.encode()
    stub = seed.with_suffix(".yml").read_text(encoding="utf-8")
    assert '# The source\'s title (zh): "青岛代表团访问首尔"' in stub
    assert '  en: "<editor: English title>"' in stub
    assert "# Publication date read from the source: 2025-05-06 (line 5)." in stub
    assert "publisher '无锡日报' (tag wuxi-daily)" in stub
    assert "# Tags found in the text: delegation-visit, japan, jinan." in stub
    stem = seed.stem
    assert scratch.problems() == [
        f'seeds/{stem}.yml:9: slug must be replaced or deleted, it is still the placeholder "<editor: lowercase-ascii-words-joined-by-hyphens>"'.replace(
            '"<', "'<"
        ).replace('>"', ">'"),
        f"seeds/{stem}.yml:14: title.en must be replaced or deleted, it is still the placeholder '<editor: English title>'",
    ]


def pasted(scratch: Scratch, source: str) -> tuple[str, Path]:
    """`make new` with `source` on standard input: the metadata stub it wrote, and its path."""
    result = run("new.py", "--seeds", str(scratch.seeds), stdin=source.encode())
    assert result.returncode == 0, result.stderr
    [stub_path] = scratch.seeds.glob("000_*.yml")
    return stub_path.read_text(encoding="utf-8"), stub_path


def published(scratch: Scratch, stub_path: Path, metadata: str, lang: str) -> str:
    """The article's page in `lang` once editors have replaced the stub with `metadata`, which leaves no error."""
    stub_path.write_text(metadata, encoding="utf-8")
    archive = scratch.load()
    assert archive.errors == []
    return render_article(archive.articles[0], lang, archive.vocabulary)


# Pages pasted whole. A portal's: a breadcrumb without a label, the outlet before the date, page tools. A city
# government's: the site's header above the breadcrumb, the editor on duty, other articles' headlines under 相关新闻,
# the site's footer.
PORTAL_SOURCE = (
    "首页 > 新闻中心 > 对外交流\n青岛代表团访问首尔 签署合作备忘录\n"
    "来源：无锡日报\u3000\u3000发布时间：2023-09-14 08:30\u3000\u3000【字号：大 中 小】\n"
    "9月12日,济南市代表团赴日本考察。\n打印本页\u3000关闭窗口\n"
)
# A news site's English page: the site's name above a breadcrumb with slashes, page tools with a hyphen, other
# articles under "Editor's picks", the copyright footer.
NEWS_SITE_PAGE = (
    "China Daily\nHome / China / Regional\nQingdao, Japanese firms sign deals worth $1 billion\n"
    "By ZHANG SAN in Qingdao | chinadaily.com.cn | Updated: 2023-09-14 09:12\nShare - WeChat\n"
    "Qingdao signed 12 deals with Japanese companies on Wednesday, the city government said.\n"
    "Editor's picks\nJinan hosts Korea trade fair\nCopyright 1995 - 2023 . All rights reserved.\n"
)
# A Korean paper's English page: its masthead and a section's name above the headline, a blog-style "Posted on …
# by" its account, a link to the next article.
MASTHEAD_PAGE = (
    "The Korea Times\nBusiness\nQingdao delegation promotes investment in Seoul\n"
    "Posted on September 14, 2023 by admin\n"
    "A delegation from Qingdao visited Seoul from 12 to 14 September, the city government said.\n"
    "Next: Jinan hosts Korea trade fair\n"
)
GOVERNMENT_PAGE = (
    "济南市人民政府\n首页 > 政务动态 > 部门动态\n济南市商务局赴韩国首尔举办经贸合作推介会\n"
    "2023-09-14 16:20:11 来源：无锡日报 【字体：大 中 小】 【打印】 【关闭】\n"
    "9月12日，济南市商务局在韩国首尔举办经贸合作推介会，韩国企业代表80余人参加。\n（责任编辑：李四）\n"
    "相关新闻\n济南市代表团访问日本大阪\n青岛与东京签署友好交流备忘录\n"
    "主办单位：济南市人民政府办公厅　承办单位：济南市大数据局\n版权所有：济南市人民政府　鲁ICP备05000460号\n"
)


@pytest.mark.parametrize(
    ("source", "read", "outlet", "chrome"),
    [
        (
            PORTAL_SOURCE,
            (
                '# The source\'s title (zh): "青岛代表团访问首尔 签署合作备忘录"',
                "# Publication date read from the source: 2023-09-14 (line 3).",
                "publisher '无锡日报' (tag wuxi-daily)",
            ),
            "无锡日报",
            ("首页", "新闻中心", "发布时间", "字号", "打印", "关闭"),
        ),
        (
            GOVERNMENT_PAGE,
            (
                '# The source\'s title (zh): "济南市商务局赴韩国首尔举办经贸合作推介会"',  # not the site's name
                "# Publication date read from the source: 2023-09-14 (line 4).",
                "# Tags found in the text: jinan.",  # not japan nor delegation-visit, from 相关新闻
                # Every line left out, for the editor to check.
                "\n#   line 1: 济南市人民政府\n#   line 2: 首页 > 政务动态 > 部门动态\n#   line 4: 2023-09-14 16:20:11",
                "\n#   line 6: （责任编辑：李四）\n#   line 7: 相关新闻\n#   line 8: 济南市代表团访问日本大阪\n",
                "\n#   line 11: 版权所有：济南市人民政府 鲁ICP备05000460号\n",
            ),
            "无锡日报",
            ("人民政府", "首页", "李四", "相关新闻", "大阪", "东京", "主办单位", "版权所有", "ICP"),
        ),
        (
            NEWS_SITE_PAGE,
            (
                '# The source\'s title (en): "Qingdao, Japanese firms sign deals worth $1 billion"',
                "# Publication date read from the source: 2023-09-14 (line 4).",
                "# Author read from the text: 'ZHANG SAN'.",
                "publisher 'chinadaily.com.cn'",
            ),
            "chinadaily.com.cn",
            ("China Daily", "Home", "Share", "WeChat", "picks", "Jinan", "Copyright"),
        ),
        (
            MASTHEAD_PAGE,
            (
                '# The source\'s title (en): "Qingdao delegation promotes investment in Seoul"',
                "# Publication date read from the source: 2023-09-14 (line 4).",
                "publisher 'The Korea Times'",
                "#   line 1: The Korea Times\n#   line 2: Business\n#   line 4: Posted on September 14, 2023 by admin\n",
                "#   line 6: Next: Jinan hosts Korea trade fair\n",
            ),
            "The Korea Times",
            ("admin", "Posted", "Next", "Jinan"),
        ),
    ],
    ids=["portal", "government", "news-site", "masthead"],
)
def test_new_reads_a_page_pasted_whole_and_its_page_holds_the_article_only(
    scratch: Scratch, source: str, read: tuple[str, ...], outlet: str, chrome: tuple[str, ...]
) -> None:
    """`make new` offers the headline as the title and reads the date, the outlet and the tags from the article
    alone; the page shows the date and outlet and none of the page's chrome."""
    stub, stub_path = pasted(scratch, source)
    assert [line for line in read if line not in stub] == []
    page = published(scratch, stub_path, "slug: a-page\ntitle:\n  en: A page\n  zh: 一页\n", "zh")
    text = page[page.index("\n# ") :]
    assert "2023年9月14日" in text and outlet in text
    assert [line for line in chrome if line in text] == []


def test_a_numbered_section_heading_is_a_heading_in_both_languages(scratch: Scratch) -> None:
    """一、… and （二）… inside the text are its sections' headings (they were shown as photo captions), and their
    translations stand as headings on the English page."""
    _, stub_path = pasted(
        scratch,
        "济南与大阪深化合作\n济南市代表团访问大阪，双方达成共识。\n一、深化产业合作\n双方将加强合作。\n"
        "（二）拓展人文交流\n双方将推动青少年交流。\n图为签约仪式现场\n",
    )
    seed = stub_path.with_suffix(".txt").name
    scratch.write(
        stub_path.with_suffix(".en.txt").name,
        f"---\ntitle: Jinan and Osaka deepen cooperation\nsource_hash: {seed_hash(scratch, seed)}\n---\n"
        "A Jinan delegation visited Osaka.\n"
        "I. Deepening industrial cooperation\nThe two sides will cooperate.\n(II) Expanding exchanges\n"
        "The two sides will promote youth exchanges.\nThe signing ceremony\n",
    )
    zh = published(scratch, stub_path, "slug: jinan-osaka\n", "zh")
    assert '<div class="pair"><h2>一、深化产业合作</h2><p lang="en" class="other-language">I. Deepening' in zh
    assert "<h2>（二）拓展人文交流</h2>" in zh and '<p class="caption">图为签约仪式现场</p>' in zh
    en = published(scratch, stub_path, "slug: jinan-osaka\n", "en")
    assert [
        heading
        for heading in ("<h2>I. Deepening industrial cooperation</h2>", "<h2>(II) Expanding exchanges</h2>")
        if heading not in en
    ] == []


def test_new_says_what_it_read_and_the_page_lists_event_dates_as_the_text_gives_them(scratch: Scratch) -> None:
    """The stub names the subtitle, the author and the event dates the build read, so that an editor sees a wrong
    reading before the page does; the page lists the event dates in the text's order, apart."""
    stub, stub_path = pasted(
        scratch,
        "Jinan delegation visits Osaka\nA new chapter in sister-city ties\nBy Kim Min-ji\n14 September 2023\n"
        "From 12 to 14 September, a delegation from Jinan visited Osaka. On Sept. 13 it met firms.\n",
    )
    expected = (
        '# The source\'s title (en): "Jinan delegation visits Osaka"\n# Its subtitle (en): "A new chapter in sister-city ties"\n',
        "# Publication date read from the source: 2023-09-14 (line 4).\n",
        "# Event dates read from the text: 12 to 14 September; Sept. 13.\n",
        "# Author read from the text: 'Kim Min-ji'.\n",
    )
    assert [line for line in expected if line not in stub] == []
    page = published(scratch, stub_path, "title:\n  zh: 济南代表团访问大阪\n", "en")
    assert "- **Event dates**: September 12–14, 2023; September 13, 2023\n" in page
    assert "- **Author**: Kim Min-ji\n" in page
    zh = published(scratch, stub_path, "title:\n  zh: 济南代表团访问大阪\n", "zh")
    assert '- **作者**：<span lang="en">Kim Min-ji</span>\n' in zh  # read in its own language's voice


def test_a_name_in_the_other_language_is_marked_as_such(scratch: Scratch) -> None:
    """A reporter's name as the Chinese source gives it, on the English page, carries its language."""
    _, stub_path = pasted(scratch, "济南代表团访问大阪\n济南代表团访问大阪。（记者 王明）\n")
    page = published(scratch, stub_path, "slug: jinan-osaka\ntitle:\n  en: Jinan delegation visits Osaka\n", "en")
    assert '- **Author**: <span lang="zh-Hans">王明</span>\n' in page


def test_a_release_in_english_then_in_chinese_is_published_in_both_with_their_titles(scratch: Scratch) -> None:
    """`make new` reads both titles, and the build pairs the two texts paragraph by paragraph."""
    stub, stub_path = pasted(
        scratch,
        "Jinan delegation visits Japan\nA Jinan delegation visited Osaka.\nIt met firms.\n"
        "济南代表团访问日本\n济南代表团访问大阪。\n代表团与企业座谈。\n",
    )
    assert '# The source\'s title (zh): "济南代表团访问日本"' in stub and '"<editor:' not in stub
    zh = published(scratch, stub_path, stub, "zh")
    assert "\n# 济南代表团访问日本\n" in zh
    assert (
        '<div class="pair"><p>代表团与企业座谈。</p><p lang="en" class="other-language">It met firms.</p></div>' in zh
    )


@pytest.mark.parametrize(
    ("source", "lang", "shown"),
    [
        (
            "Jinan delegation visits Osaka\n14 September 2023\n"
            "From 12 to 14 September, a delegation from Jinan visited Osaka.\n",
            "en",
            ("**Published**: September 14, 2023", "**Event dates**: September 12–14, 2023"),
        ),
        (
            "济南市代表团赴日本大阪开展经贸交流\n济南市代表团抵达大阪，开展为期三天的访问。\n济南市商务局\n二〇二三年九月十四日\n",
            "zh",
            ("**发布日期**：2023年9月14日",),
        ),
        # With slashes, the day or the month first where a number over 12 tells which: the line was a caption.
        (
            "Jinan delegation visits Osaka\nPublished: 14/09/2023\nA delegation from Jinan visited Osaka.\n",
            "en",
            ("**Published**: September 14, 2023",),
        ),
        (
            "Jinan delegation visits Osaka\nPublished: 09/14/2023\nA delegation from Jinan visited Osaka.\n",
            "en",
            ("**Published**: September 14, 2023",),
        ),
    ],
    ids=["day-first", "chinese-numerals", "day-first-slashes", "month-first-slashes"],
)
def test_a_date_written_day_first_or_in_chinese_numerals_is_the_pages_date(
    scratch: Scratch, source: str, lang: str, shown: tuple[str, ...]
) -> None:
    """The page gives the date the source prints, not "Date unknown" with the date as a subtitle."""
    stub, stub_path = pasted(scratch, source)
    assert "# Publication date read from the source: 2023-09-14" in stub
    page = published(scratch, stub_path, "slug: jinan-osaka\ntitle:\n  en: Jinan\n  zh: 济南\n", lang)
    assert [line for line in shown if line not in page] == []
    assert ".subtitle" not in page and "unknown" not in page and "不详" not in page


def test_a_date_that_may_be_day_first_or_month_first_is_left_to_the_editors(scratch: Scratch) -> None:
    """09/10/2023 is 9 October or September 10: the build does not pick one. The stub says so, the build refuses
    the article until editors give the date, and the page then shows theirs, marked as theirs."""
    stub, stub_path = pasted(
        scratch, "Jinan delegation visits Osaka\nPublished: 09/10/2023\nA delegation from Jinan visited Osaka.\n"
    )
    message = "publication date must tell its day from its month (give date: YYYY-MM-DD in the metadata), '09/10/2023'"
    assert f"# Line 2 of the source: {message}." in stub
    stem = stub_path.stem
    stub_path.write_text("slug: jinan-osaka\n", encoding="utf-8")
    assert f"seeds/{stem}.txt:2: {message}" in scratch.problems()
    page = published(scratch, stub_path, "slug: jinan-osaka\ndate: 2023-10-09\ndate_note: the city's notice\n", "en")
    assert "Published: 09/10/2023" not in page
    assert "October 9, 2023" in page and "the city's notice" in page


def test_new_names_a_file_it_cannot_read(scratch: Scratch, tmp_path: Path) -> None:
    """`make new FILE=…` with a typo or a folder says so, and writes nothing."""
    missing = run("new.py", "--seeds", str(scratch.seeds), str(tmp_path / "typo.txt"))
    assert (missing.returncode, missing.stderr) == (
        1,
        f"{tmp_path}/typo.txt:1: source must be a file you can read, no such file or directory\n",
    )
    folder = run("new.py", "--seeds", str(scratch.seeds), str(tmp_path))
    assert (folder.returncode, folder.stderr) == (
        1,
        f"{tmp_path}:1: source must be a file you can read, is a directory\n",
    )
    assert sorted(path.name for path in scratch.seeds.iterdir()) == ["tags.yml"]


def test_new_leaves_the_slug_to_the_editors_when_the_title_has_no_ascii_letter(scratch: Scratch) -> None:
    result = run("new.py", "--seeds", str(scratch.seeds), stdin="«…»\nJinan delegation visited Japan.\n".encode())
    assert result.returncode == 0, result.stderr
    [stub] = scratch.seeds.glob("000_*.yml")
    assert 'slug: "<editor: lowercase-ascii-words-joined-by-hyphens>"' in stub.read_text(encoding="utf-8")


def fenced(guide: str, after: str, lang: str) -> str:
    """The first ```lang block of CONTRIBUTING.md after the line that starts with `after`, as its text."""
    start = guide.index("\n" + after)
    return re.search(rf"^```{lang}\n(.*?)^```$", guide[start:], re.M | re.S)[1]


@pytest.mark.parametrize(
    "steps", [("**Step 1.", "**Step 2.", "**Step 3."), ("**第 1 步", "**第 2 步", "**第 3 步")], ids=["en", "zh"]
)
def test_contributing_worked_example_shows_what_the_tools_write(tmp_path: Path, steps: tuple[str, ...]) -> None:
    """CONTRIBUTING.md's worked example, in both languages: `make new` on its pasted page writes the stub it
    shows, and `make check` then prints what it shows (on the five founding seeds, as when it was written)."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    seeds = copy_founding_seeds(tmp_path / "seeds")
    made = run("new.py", "--seeds", str(seeds), stdin=fenced(guide, steps[0], "text").encode())
    assert made.returncode == 0, made.stderr
    assert (seeds / "005_c6d13912ab4e28bb.yml").read_text(encoding="utf-8") == fenced(guide, steps[1], "yaml")
    checked = run("build.py", "--seeds", str(seeds), "--check")
    assert checked.stderr == fenced(guide, steps[2], "text")


def test_new_refuses_text_already_in_the_archive_and_non_utf8_and_other_languages(scratch: Scratch) -> None:
    scratch.write("a.txt", SEED)
    again = run("new.py", "--seeds", str(scratch.seeds), stdin=SEED.encode())
    assert again.returncode == 1 and again.stderr.endswith("a.txt: this text is already in the archive\n")
    gbk = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new.py"), "--seeds", str(scratch.seeds)],
        input="济南代表团访问日本。".encode("gbk"),
        capture_output=True,
    )
    assert gbk.returncode == 1 and b"looks like GBK" in gbk.stderr
    assert b"pipe it through 'iconv -f GB18030 -t UTF-8'" in gbk.stderr  # it came on standard input
    japanese = run("new.py", "--seeds", str(scratch.seeds), stdin="済南市の代表団が大阪を訪問しました。\n".encode())
    assert japanese.returncode == 1 and "source must be in English or Chinese, got Japanese" in japanese.stderr
    assert sorted(path.name for path in scratch.seeds.iterdir()) == ["a.txt", "tags.yml"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_updates_the_page_when_a_seed_file_changes(tmp_path: Path) -> None:
    """While `mkdocs serve` runs, editing an article's metadata (in Emacs, which keeps a lock file beside it) shows up
    on its page without a restart; stopped with Ctrl-C, it leaves no copy of the site in the temporary folder."""
    project = copy_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**build_env(), "TMPDIR": str(temporary)}
    subprocess.run([sys.executable, "scripts/build.py"], cwd=project, check=True, env=env, capture_output=True)
    port = _free_port()
    log = tmp_path / "serve.log"
    # An editor's Ctrl-C reaches a server that handles it. Tests started in the background (nohup make test &)
    # may ignore SIGINT, and a child inherits an ignored signal: the server then did not stop. A handled one is reset to
    # the default in the child, as in an editor's shell.
    interrupt = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with log.open("w") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                cwd=project,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
    finally:
        signal.signal(signal.SIGINT, interrupt)
    url = f"http://127.0.0.1:{port}/articles/licheng-gangnam-sister-city-ties/"
    try:
        assert _wait_for(url, "Licheng District and Gangnam District officially became sister cities", 60)
        meta = project / "seeds" / "001_7858fc97e73bd3a1.yml"
        # Emacs, editing a file, keeps a lock beside it: a link to nothing, named .#<file>.
        (meta.parent / f".#{meta.name}").symlink_to("editor@host.1234:1700000000")
        meta.write_text(
            meta.read_text(encoding="utf-8") + "notes:\n  en: A note added while serving.\n", encoding="utf-8"
        )
        assert _wait_for(url, "A note added while serving.", 45)
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: MkDocs removes the site it served (SIGTERM left it in /tmp)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired as stuck:
            server.kill()
            message = f"mkdocs serve did not stop on Ctrl-C; its log ends:\n{log.read_text()[-3000:]}"
            raise AssertionError(message) from stuck
    assert list(temporary.iterdir()) == []
