"""One test per cleaning and parsing rule: what a reader of the generated pages would see."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from archive import clean
from archive.assemble import slugify
from archive.load import SEED_NAME, Archive, load_archive
from archive.model import Article, EventDate, Line, PubDate
from archive.parse import ParsedSeed, StatedDate, parse_seed, resolve_event_year
from archive.read import read_text
from archive.render import escape, format_date, format_event, render_article
from archive.tags import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/x.txt"
# A pinyin reading in parentheses right after a Han character, as portals paste them: 進(jìn).
READING_AFTER_HAN = re.compile(r"[\u3400-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")


def parse(*texts: str) -> ParsedSeed:
    """Parse lines numbered 1, 2, … as a seed's non-blank lines."""
    return parse_seed(SEED, tuple(Line(number, text) for number, text in enumerate(texts, start=1)))


def body(seed: ParsedSeed) -> list[tuple[str, str, str]]:
    """The seed's body as (kind, language, text) triples, the way the page lists its blocks."""
    return [(piece.kind, piece.lang, piece.text) for piece in seed.pieces]


# --- clean.strip_pinyin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("為進(jìn)一步深化", "為進一步深化"),
        ("青島企業(yè)", "青島企業"),
        ("西海岸新區(qū)", "西海岸新區"),
        ("綠(lǜ)色發展", "綠色發展"),
        ("推進(jìn)合作(zuò)", "推進合作"),
        ("日本貿易振興機構(JETRO)", "日本貿易振興機構(JETRO)"),
        ("交流中心(JST)", "交流中心(JST)"),
        ("開創新局面。(文/姚墨笛)", "開創新局面。(文/姚墨笛)"),
        ("方案(a)", "方案(a)"),
        ("abc(jìn)", "abc(jìn)"),
        ("(jìn)開頭", "(jìn)開頭"),
        ("中心(xyz)", "中心(xyz)"),
    ],
)
def test_strip_pinyin_drops_only_readings_after_han(text: str, expected: str) -> None:
    """A pinyin reading after a Han character disappears; acronyms, credits, enumerations and non-syllables stay."""
    assert clean.strip_pinyin(text) == expected


# --- clean.full_width_punctuation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4月8日至15日,历城区副区长", "4月8日至15日，历城区副区长"),
        ("来源:历城融媒", "来源：历城融媒"),
        ("一是建立互访机制…;二是建立平台", "一是建立互访机制…；二是建立平台"),
        ("“四大主导”,产业", "“四大主导”，产业"),
        ("共3,000人参加", "共3,000人参加"),
        ("发布于10:03的消息", "发布于10:03的消息"),
        ("洽谈国日 Guori Co., Ltd. 项目", "洽谈国日 Guori Co., Ltd. 项目"),
        ("详见 http://a.b/c?x=1,2 页面", "详见 http://a.b/c?x=1,2 页面"),
        ("Meeting at 10:03, then lunch; done", "Meeting at 10:03, then lunch; done"),
    ],
)
def test_full_width_punctuation_only_next_to_chinese(text: str, expected: str) -> None:
    """',', ':' and ';' touching Chinese become full width; in numbers, company names and URLs they stay ASCII."""
    assert clean.full_width_punctuation(text) == expected


# --- Traditional Chinese


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("歐力士集團", "欧力士集团"),
        ("青島企業與日本的經貿往來", "青岛企业与日本的经贸往来"),
        ("欧力士集团", "欧力士集团"),
    ],
)
def test_to_simplified(text: str, simplified: str) -> None:
    """Traditional text reads as Simplified; Simplified text is left alone."""
    assert clean.to_simplified(text) == simplified


@pytest.mark.parametrize(
    ("text", "traditional"),
    [
        ("拜訪歐力士集團。", True),
        ("為進(jìn)一步深化青島企業(yè)與日本的經(jīng)貿(mào)往來。", True),
        ("拜访欧力士集团。", False),
        ("Jinan delegation visited Japan.", False),
    ],
)
def test_parse_seed_detects_traditional(text: str, traditional: bool) -> None:
    """A Traditional seed is flagged (readings do not confuse it); Simplified and English seeds are not."""
    assert parse(text).traditional is traditional


def test_traditional_pieces_keep_their_original() -> None:
    """A Traditional seed's pieces read as cleaned Simplified text and keep the cleaned Traditional original."""
    seed = parse("拜訪歐力士集團", "為進(jìn)一步深化青島企業(yè)與日本的經(jīng)貿(mào)往來,建立合作機制。")
    assert [(piece.text, piece.hant) for piece in seed.headings["zh"]] == [("拜访欧力士集团", "拜訪歐力士集團")]
    assert [(piece.text, piece.hant) for piece in seed.pieces] == [
        ("为进一步深化青岛企业与日本的经贸往来，建立合作机制。", "為進一步深化青島企業與日本的經貿往來，建立合作機制。")
    ]
    assert seed.languages == ("zh-Hant",)


# --- parse.parse_seed: chrome, publication lines, credits


@pytest.mark.parametrize(
    "chrome",
    [
        "当前位置:网站首页 > 新闻中心 > 要闻资讯 > 正文",
        "当前位置：网站首页 > 新闻中心",
        "您的位置：首页 > 新闻中心",
        "首页 > 新闻中心 > 对外交流",
        "首頁 > 新聞中心",
        "Home > News > China",
        "Home / China / Regional",
        "Share - WeChat",
        "中国网客户端",
        "国家重点新闻网站,9语种权威发布",
        "Image Attachments Links:",
        "（完）",
        "(END)",
        "Enditem/ls",
        "ENDITEM/J",
        "打印本页\u3000关闭窗口",
        "【打印】【关闭】",
        "【字号：大 中 小】 【打印本页】 【关闭窗口】",
        "分享到：",
        "【大 中 小】【打印】",
        "字号：[ 大 中 小 ]\u3000打印本页",
        "分享到：微信 朋友圈 微博 QQ空间",
        "Print | Email | Share",
        "Copyright © 2023 The Korea Herald. All rights reserved.",
        "Copyright 2023 Nikkei Inc.",
        "© 2023 Kyodo News",
        "All Rights Reserved.",
        "COPYRIGHT © 2023 THE KOREA TIMES",
        "版權所有 © 2023 青島新聞網",
        "京ICP证030173号",
        "版权所有：青岛市人民政府\u3000鲁ICP备05000460号",
        "鲁公网安备 37010202000123号\u3000网站标识码：3701000001",
        # Links to the previous and next articles, the site's tags: their headlines were captions, and tagged the
        # article with the places they name.
        "上一篇：济南市与日本大阪签署合作协议",
        "下一篇：青岛市代表团访问东京",
        "Previous: Jinan signs agreement with Osaka",
        "Next article: Qingdao delegation visits Tokyo",
        "Tags: Jinan, Seoul, trade",
        "View original content to download multimedia:https://www.prnewswire.com/news-releases/a-301234567.html",
        "关键词：济南 首尔 经贸",
    ],
)
def test_chrome_lines_are_dropped(chrome: str) -> None:
    """Portal breadcrumbs, app footers, page tools and attachment headings never reach the page."""
    seed = parse(chrome, "Jinan delegation visited Japan.", chrome)
    assert body(seed) == [("paragraph", "en", "Jinan delegation visited Japan.")]
    assert seed.headings == {}


def test_the_page_header_above_the_breadcrumb_is_dropped() -> None:
    """The site's name and menus above a breadcrumb are the page's, not the article's: the headline is the title.
    Today's date in the header is not the publication date."""
    seed = parse(
        "济南市人民政府",
        "首页　政务公开　政务服务　互动交流",
        "2024年1月5日 星期五",
        "首页 > 政务动态 > 部门动态",
        "济南市商务局赴韩国首尔举办经贸合作推介会",
        "2023-09-14 16:20:11 来源：济南市商务局 【字体：大 中 小】 【打印】 【关闭】",
        "9月12日，济南市商务局在韩国首尔举办推介会。",
    )
    assert [piece.text for piece in seed.headings["zh"]] == ["济南市商务局赴韩国首尔举办经贸合作推介会"]
    assert (seed.published, seed.publisher) == (StatedDate("2023-09-14", 6), "济南市商务局")
    assert body(seed) == [("paragraph", "zh", "9月12日，济南市商务局在韩国首尔举办推介会。")]


def test_a_release_in_english_then_in_chinese_gives_each_language_its_title() -> None:
    """English title and text, then the Chinese title and text: the Chinese title is the Chinese page's, not a caption
    (the build refused the seed: "3 English and 4 Chinese")."""
    seed = parse(
        "Qingdao and Incheon sign port deal",
        "Qingdao and Incheon signed a port deal.",
        "The deal covers shipping.",
        "青岛与仁川签署港口合作协议",
        "青岛与仁川签署港口合作协议。",
        "协议涵盖航运领域。",
    )
    assert {lang: [piece.text for piece in pieces] for lang, pieces in seed.headings.items()} == {
        "en": ["Qingdao and Incheon sign port deal"],
        "zh": ["青岛与仁川签署港口合作协议"],
    }
    assert [piece.kind for piece in seed.pieces] == ["paragraph"] * 4


@pytest.mark.parametrize(("label", "lang"), [("Business", "en"), ("World News", "en"), ("财经", "zh")])
def test_a_sections_name_above_the_headline_and_subtitle_is_dropped(label: str, lang: str) -> None:
    """ "Business" above a headline and its subtitle is the page's section, not the title (it was, and the headline
    became the subtitle)."""
    title, subtitle, text = {
        "en": ("Qingdao courts Japanese investors", "Port city offers tax breaks", "Qingdao met investors."),
        "zh": ("青岛吸引日本投资", "港城推出税收优惠", "青岛会见投资者。"),
    }[lang]
    seed = parse(label, title, subtitle, text)
    assert [piece.text for piece in seed.headings[lang]] == [title, subtitle]
    assert [piece.text for piece in seed.pieces] == [text]
    assert [(line.number, line.text) for line in seed.left_out] == [(1, label)]  # make new lists it


def test_a_short_title_above_its_subtitle_stays_the_title() -> None:
    """Only a third line before the text shows the first to be a section's name."""
    seed = parse("Business", "Qingdao courts Japanese investors", "Qingdao met investors.")
    assert [piece.text for piece in seed.headings["en"]] == ["Business", "Qingdao courts Japanese investors"]


def test_a_caption_in_a_language_without_text_is_no_title() -> None:
    """A Chinese caption in an English article (no Chinese paragraph follows) stays a caption."""
    seed = parse(
        "Qingdao and Incheon sign port deal", "Qingdao and Incheon signed a port deal.", "青岛港", "It opened."
    )
    assert list(seed.headings) == ["en"]
    assert [(piece.kind, piece.text) for piece in seed.pieces][1] == ("caption", "青岛港")


def test_lines_above_a_breadcrumb_below_a_paragraph_stay() -> None:
    """A breadcrumb that is not at the top of the page leaves the lines above it alone."""
    seed = parse("济南代表团访问日本", "济南代表团访问日本。", "首页 > 新闻中心", "代表团与企业座谈。")
    assert [piece.text for piece in seed.headings["zh"]] == ["济南代表团访问日本"]
    assert [piece.text for piece in seed.pieces] == ["济南代表团访问日本。", "代表团与企业座谈。"]


@pytest.mark.parametrize(
    "heading",
    ["相关新闻", "相關閱讀", "推荐阅读：", "Related Articles", "Related coverage:", "MOST POPULAR", "Editor's picks"],
)
def test_the_pages_list_of_other_articles_is_dropped(heading: str) -> None:
    """Other articles' headlines under 相关新闻 (and the footer after them) are not the article's text, and do not
    tag it; a paragraph after them is."""
    seed = parse(
        "济南代表团访问韩国",
        "代表团与首尔企业座谈。",
        heading,
        "济南市代表团访问日本大阪",
        "Qingdao delegation visits Tokyo",
        "主办单位：济南市人民政府办公厅　承办单位：济南市大数据局",
        "（来源：济南日报）",
    )
    assert [piece.text for piece in seed.pieces] == ["代表团与首尔企业座谈。", "（来源：济南日报）"]
    assert [line.number for line in seed.left_out] == [3, 4, 5, 6]


@pytest.mark.parametrize(
    "line",
    [
        "（责任编辑：李四）",
        "责任编辑：李四",
        "浏览次数：1024",
        "[Editor: Li Si]",
        "Hits 1024",
        "Views: 1,024",
        "阅读：1024",
        "浏览 1024次",
    ],
)
def test_the_pages_editor_and_counters_alone_are_dropped(line: str) -> None:
    seed = parse("济南代表团访问韩国", "代表团与首尔企业座谈。", line)
    assert [piece.text for piece in seed.pieces] == ["代表团与首尔企业座谈。"]


@pytest.mark.parametrize(
    "line",
    ["Views: both sides agree", "Hits and misses", "Date 2023.09.14", "时间 2023年9月20日", "阅读：《青岛日报》评论"],
)
def test_a_counters_name_or_a_date_label_without_a_number_or_a_field_beside_it_stays(line: str) -> None:
    """An English counter is read only with its number; 'Date' or 时间 without a colon only beside another field."""
    seed = parse("Jinan delegation visits Korea", "The delegation met Seoul firms.", line)
    assert [piece.text for piece in seed.pieces] == ["The delegation met Seoul firms.", line]


@pytest.mark.parametrize(
    ("line", "published", "publisher"),
    [
        ("China.org.cn 2025-04-18 16:33:49", "2025-04-18", "China.org.cn"),
        ("China.org.cn 2025-4-8", "2025-04-08", "China.org.cn"),
        ("10.08.2020 10:09:00", "2020-08-10", None),
        ("发布时间:2024-04-24 10:03      来源:新吴区人民政府      选择阅读字号:[ ]", "2024-04-24", "新吴区人民政府"),
        ("发布时间：2024-04-24", "2024-04-24", None),
        (
            "来源：青岛日报\u3000\u3000发布时间：2023-09-14 08:30\u3000\u3000【字号：大 中 小】",
            "2023-09-14",
            "青岛日报",
        ),
        ("时间：2023/9/14 来源：无锡日报 浏览次数：1024", "2023-09-14", "无锡日报"),
        ("来源：青岛日报发布时间：2023-09-14", "2023-09-14", "青岛日报"),  # pasted without the space between
        ("来源：中国-东盟博览会 发布时间：2023-09-14", "2023-09-14", "中国-东盟博览会"),  # a hyphen within a name
        ("發布日期：2023年09月14日　來源：青島日報", "2023-09-14", "青島日報"),
        ("發佈日期：2023-09-14　資料來源：青島市政府", "2023-09-14", "青島市政府"),
        ("发布日期：2023.09.14 | 责任编辑：王明 | 【打印】", "2023-09-14", None),
        ("发布时间：2023-09-14\u3000来源：\u3000浏览次数：", "2023-09-14", None),  # fields a script fills in
        ("Source: Xinhua | 2023-09-14 10:22:05 | Editor: huaxia", "2023-09-14", "Xinhua"),
        ("Source: China Daily | Updated: 2023-09-14 09:12", "2023-09-14", "China Daily"),
        ("By ZHANG SAN in Qingdao | chinadaily.com.cn | Updated: 2023-09-14 09:12", "2023-09-14", "chinadaily.com.cn"),
        ("Published: Sep 14, 2023 09:12 PM", "2023-09-14", None),
        ("2023年9月14日 10:30", "2023-09-14", None),  # a date alone on its line, as portals print it under the title
        ("2023-09-14", "2023-09-14", None),
        ("September 14, 2023", "2023-09-14", None),
        # Day first, and Chinese numerals: each became the page's subtitle, and the page said "Date unknown".
        ("14 September 2023", "2023-09-14", None),
        ("14 Sept. 2023", "2023-09-14", None),
        ("二〇二三年九月十四日", "2023-09-14", None),
        ("二○二三年十二月三十一日", "2023-12-31", None),
        ("二零二四年二月二十九日", "2024-02-29", None),
        ("发布时间：二〇二三年十月一日　来源：青岛日报", "2023-10-01", "青岛日报"),
        # With a weekday, a time before or after, a time zone, a label without a colon, an outlet in brackets: each
        # was taken for the title or a subtitle.
        ("Published : Sept. 14, 2023 - 15:20", "2023-09-14", None),
        ("September 14, 2023 17:30 JST", "2023-09-14", None),
        ("Thursday, September 14, 2023", "2023-09-14", None),
        ("Sep 14, 2023 | 10:22 AM", "2023-09-14", None),
        ("(People's Daily Online) 14:32, September 14, 2023", "2023-09-14", "People's Daily Online"),
        ("2023年9月14日 星期四", "2023-09-14", None),
        ("2023年09月14日 08:30 星期四 来源：大众日报", "2023-09-14", "大众日报"),
        ("发布时间：2023-09-14 10:00（北京时间）", "2023-09-14", None),
        ("Posted on 2023.09.14. 15:20", "2023-09-14", None),
        # An outlet named by itself beside the date: the line had become the subtitle.
        ("2023-09-14 08:30 新华网", "2023-09-14", "新华网"),
        ("青岛日报 2023年9月14日", "2023-09-14", "青岛日报"),
        ("中国日报网 2023-09-14 08:30:15", "2023-09-14", "中国日报网"),
        # An English outlet beside the date, and a blog's poster: both lines became the subtitle.
        ("September 14, 2023 | Kyodo News", "2023-09-14", "Kyodo News"),
        ("2023-09-14 | The Korea Herald", "2023-09-14", "The Korea Herald"),
        ("Yonhap | Sept. 14, 2023 - 15:20", "2023-09-14", "Yonhap"),
        ("Posted on September 14, 2023 by admin", "2023-09-14", None),
        # A click counter and an agency's name with a region: the lines were the subtitle.
        ("时间：2023-09-14 08:30 | 来源：青岛日报 | 点击：125", "2023-09-14", "青岛日报"),
        ("2023/09/14 17:30 | Nikkei Asia", "2023-09-14", "Nikkei Asia"),
        ("Release date: 2023-09-14", "2023-09-14", None),
        ("发布时间：2023-09-14\u3000字体：【大 中 小】\u3000分享到：", "2023-09-14", None),  # sizes in brackets
        ("2023-09-14 10:30 【打印】 【关闭】", "2023-09-14", None),
        ("日期：2023-09-14 | 打印本页", "2023-09-14", None),
        # Counters in English, and a date's label without its colon: each line became the subtitle.
        ("Date: 2023-09-14 | Hits: 1024", "2023-09-14", None),
        ("Date 2023.09.14 | Hit 1024", "2023-09-14", None),
        ("时间 2023-09-14　来源：青岛日报", "2023-09-14", "青岛日报"),
        ("時間 2023年9月14日 | 點擊：125", "2023-09-14", None),
        ("Source: Qingdao Daily | Updated: 2023-09-14 | Views: 1,024", "2023-09-14", "Qingdao Daily"),
        ("发布时间：2023-09-14 09:30 | 浏览：1024次", "2023-09-14", None),
        # More publication labels: each line was the subtitle.
        ("Last Updated on September 14, 2023", "2023-09-14", None),
        ("Date Posted: 2023-09-14", "2023-09-14", None),
        ("Publication date: 2023-09-14 | Source: Jinan Daily", "2023-09-14", "Jinan Daily"),
    ],
)
def test_publication_line_is_read_and_dropped(line: str, published: str, publisher: str | None) -> None:
    """A portal's timestamp line gives the publication date and outlet, and is not part of the text."""
    seed = parse(line, "济南代表团访问日本。")
    assert seed.published == StatedDate(published, 1)
    assert seed.publisher == publisher
    assert body(seed) == [("paragraph", "zh", "济南代表团访问日本。")]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("作者：王明　来源：青岛日报　发布时间：2023-09-14", "王明"),
        ("By ZHANG SAN in Qingdao | chinadaily.com.cn | Updated: 2023-09-14 09:12", "ZHANG SAN"),
        ("By Li Hua | Updated: 2023-09-14", "Li Hua"),
        ("By Kim Min-ji  Published 2023.09.14. 15:20", "Kim Min-ji"),
        ("Posted: 2023-09-14 | By Kim Min-ji", "Kim Min-ji"),
        ("Posted on September 14, 2023 by Kim Min-ji", "Kim Min-ji"),
        ("Author: Kim Min-ji | Date: 2023-09-14 | Hits: 1,024", "Kim Min-ji"),
        ("Sept. 14, 2023 | Written by Kim Min-ji", "Kim Min-ji"),
        ("作者：王明 | 来源：济南日报 | 发布时间：2023年9月14日 | 阅读：1024", "王明"),
        ("发布日期：2023-09-14 来源：济南日报 作者：记者 王明", "记者 王明"),
        ("发布日期：2023-09-14　记者：王明 李华　来源：济南日报", "王明 李华"),
    ],
)
def test_portal_line_names_the_author(line: str, author: str) -> None:
    """The author a portal's line of fields names is the article's author; the line leaves the text."""
    seed = parse(line, "济南代表团访问日本。")
    assert seed.author == author
    assert body(seed) == [("paragraph", "zh", "济南代表团访问日本。")]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Kim Min-ji", "Kim Min-ji"),
        ("By ZHANG SAN and LI SI", "ZHANG SAN and LI SI"),
        ("By Yoon Min-sik, Kim Min-ji", "Yoon Min-sik, Kim Min-ji"),
        ("BY LEE JAE-LIM [lee.jaelim@joongang.co.kr]", "LEE JAE-LIM"),
        ("By Kim Min-ji (mjkim@heraldcorp.com)", "Kim Min-ji"),
        ("TARO YAMADA, Nikkei staff writer", "TARO YAMADA"),
        ("Kim Min-ji, Staff Reporter", "Kim Min-ji"),
        ("by Taro Yamada", "Taro Yamada"),  # the subtitle
        ("Written by Kim Min-ji", "Kim Min-ji"),
        ("by Xinhua writer Wang Ming", "Wang Ming"),
        ("By Yonhap correspondents Kim Min-ji and Lee Jun", "Kim Min-ji and Lee Jun"),
        ("(By Wang Ming and Lee Hua)", "Wang Ming and Lee Hua"),  # the Central News Agency's, below the text
    ],
)
def test_a_by_line_alone_names_the_author(line: str, author: str) -> None:
    """A by-line on its own line, above or below the text, is the author, not the title or a subtitle."""
    for lines in (
        (line, "Jinan delegation visits Japan", "The delegation visited Osaka."),
        ("Jinan delegation visits Japan", line, "The delegation visited Osaka."),
    ):
        seed = parse(*lines)
        assert seed.author == author
        assert [piece.text for piece in (*seed.headings["en"], *seed.pieces)] == [
            "Jinan delegation visits Japan",
            "The delegation visited Osaka.",
        ]


@pytest.mark.parametrize("line", ["By Global Times", "By Xinhua"])
def test_a_by_line_naming_an_outlet_credits_it_and_names_no_author(line: str) -> None:
    """'By Global Times' was the page's author; the outlet is credited instead, and the line still goes."""
    seed = parse("Jinan delegation visits Japan", line, "The delegation visited Osaka.")
    assert (seed.author, seed.credited) == (None, {"en": line.removeprefix("By ")})
    assert [piece.text for piece in seed.pieces] == ["The delegation visited Osaka."]


def test_a_portal_by_line_naming_an_outlet_names_the_publisher() -> None:
    seed = parse("By Global Times Published: Sep 14, 2023 09:32 PM", "The delegation visited Osaka.")
    assert (seed.author, seed.publisher, seed.published) == (None, "Global Times", StatedDate("2023-09-14", 1))


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Xinhua",
        "[Photo/Xinhua]",
        "Photo by Kim Min-ji",
        "(Photo provided to China Daily)",
        "Photo: Kim Min-ji / Yonhap",
        "图片来源：新华社",
        "（摄影：王明）",
        "图/王明",
        "（记者 王明 摄）",
        "通讯员 张三、记者 王明 摄",
    ],
)
def test_a_photos_credit_alone_goes(line: str) -> None:
    """The archive carries no photos: a credit alone on its line was the subtitle under the headline, or a caption
    in the text."""
    for lines in (
        ("Jinan delegation visits Japan", line, "The delegation visited Osaka."),
        ("Jinan delegation visits Japan", "The delegation visited Osaka.", line, "Talks followed."),
    ):
        seed = parse(*lines)
        assert [piece.text for piece in (*seed.headings["en"], *seed.pieces)] == [
            text for text in lines if text != line
        ]
        assert [left.text for left in seed.left_out] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Photo: The delegation visits Busan",
        "Photos: Delegation Visits Busan",
        "图：代表团参观青岛港",
        "图为代表团参观青岛港",
        "代表团参观青岛港 王明 摄",
    ],
)
def test_a_caption_that_names_a_photo_stays(line: str) -> None:
    seed = parse("Jinan delegation visits Japan", "The delegation visited Osaka.", line, "Talks followed.")
    assert [piece.text for piece in seed.pieces] == ["The delegation visited Osaka.", line, "Talks followed."]


def test_the_lines_under_a_by_line_that_describe_the_author_go() -> None:
    """'Staff writer' under the by-line, and the author's e-mail address at the end, were the subtitle and a
    caption."""
    seed = parse(
        "Jinan firms court Korean buyers",
        "by Kim Min-ji",
        "Staff writer",
        "Jinan firms met Korean buyers in Seoul.",
        "kms@yna.co.kr",
    )
    assert seed.author == "Kim Min-ji"
    assert [piece.text for piece in (*seed.headings["en"], *seed.pieces)] == [
        "Jinan firms court Korean buyers",
        "Jinan firms met Korean buyers in Seoul.",
    ]


def test_a_blog_account_is_no_author() -> None:
    """'by admin' names the site's account, not a person: the page gives no author."""
    assert parse("Posted on September 14, 2023 by admin", "The delegation visited Osaka.").author is None


@pytest.mark.parametrize(
    "lines",
    [
        ("Kyodo", "September 14, 2023", "Jinan delegation visits Japan", "The delegation visited Osaka."),
        ("Jinan delegation visits Japan", "Kyodo", "September 14, 2023", "The delegation visited Osaka."),
        ("Jinan delegation visits Japan", "September 14, 2023", "Kyodo", "The delegation visited Osaka."),
        ("Kyodo", "Jinan delegation visits Japan", "The delegation visited Osaka."),  # a masthead
        ("The Korea Times", "Jinan delegation visits Japan", "The delegation visited Osaka."),
        ("青岛日报", "Jinan delegation visits Japan", "The delegation visited Osaka."),
        # A section's name under the masthead: "Business" was the title.
        ("Korea JoongAng Daily", "Business", "Jinan delegation visits Japan", "The delegation visited Osaka."),
    ],
)
def test_a_line_naming_only_an_outlet_is_the_publisher(lines: tuple[str, ...]) -> None:
    """An outlet's name alone on its line, above the headline or beside the date's line, is the publisher; it was
    the title or the subtitle."""
    seed = parse(*lines)
    outlet = next(line for line in lines if line in ("Kyodo", "The Korea Times", "青岛日报", "Korea JoongAng Daily"))
    assert seed.publisher == outlet
    assert [piece.text for piece in (*seed.headings["en"], *seed.pieces)] == [
        "Jinan delegation visits Japan",
        "The delegation visited Osaka.",
    ]


@pytest.mark.parametrize(
    "lines",
    [
        ("青岛打造对日合作新平台", "两地企业签约12个项目", "青岛代表团访问日本大阪。"),
        ("Qingdao Port Goes Online", "Trade with Japan moves to a new platform", "The delegation visited Osaka."),
        ("Qingdao Makes the News", "Kyodo", "The delegation visited Osaka."),  # no date: a subtitle
    ],
)
def test_a_headline_ending_like_an_outlet_stays_the_headline(lines: tuple[str, ...]) -> None:
    """A headline ending in 平台 or 'Online' is no masthead, and an outlet's name beside no date is no publisher."""
    seed = parse(*lines)
    assert seed.publisher is None
    assert [piece.text for pieces in seed.headings.values() for piece in pieces] == list(lines[:2])


def test_portal_line_without_a_date_gives_the_credited_outlet_and_the_author() -> None:
    seed = parse("济南代表团访问日本。", "作者：王明　来源：青岛日报")
    assert (seed.published, seed.publisher, seed.credited, seed.author) == (None, None, {"zh": "青岛日报"}, "王明")
    assert body(seed) == [("paragraph", "zh", "济南代表团访问日本。")]


@pytest.mark.parametrize(
    "line",
    [
        "时间：9月20日 地点：青岛国际会议中心",  # a schedule in the text: 地点 is no portal field
        "时间：2023年9月20日（星期三）",
        "日期：2023-09-20",  # a date alone under a bare label
        "2023年9月12日，青岛市代表团访问仁川。",
        "By 2025, Qingdao aims to double its trade with Korea.",
        "By Monday the delegation had signed three agreements.",
        "首页设计大赛在青岛举行。",
        "Print and online media covered the visit.",
        "来源：青岛日报\u3000发布时间：2023-09-14。",  # a sentence: no portal line ends so, nor names an outlet so
        "Thursday, September 14, 2023, was the day the delegation arrived.",
        "Copyright protection was discussed at the seminar.",
        "The two sides agreed to protect copyright. All rights reserved.",
        "9:00 开幕式 10:30 签约仪式",
        "(Seminar Held in Busan)",  # a word in brackets alone names no outlet
        "09:30",
        "作者：王明 李华",  # one field alone
        "新华网",  # an outlet alone, no date beside it
        "Next: the delegation will visit Tokyo.",  # a sentence, not a link to the next article
        "SOURCE OF GROWTH",  # a heading in capitals, not the closing "SOURCE Qingdao Municipal Government"
        "关键词：合作共赢。",
        "阅读：这是一篇关于合作的文章",  # not a reading counter
    ],
)
def test_text_that_starts_like_a_portal_line_stays(line: str) -> None:
    """Only a line made of nothing but a portal's fields and tools is read and dropped; the text's own lines stay."""
    seed = parse("济南代表团访问日本。", line)
    assert (seed.published, seed.publisher, seed.credited, seed.author) == (None, None, {}, None)
    assert [piece.text for piece in seed.pieces][1:] == [clean.clean_chinese(line) if clean.is_chinese(line) else line]


@pytest.mark.parametrize(
    ("text", "line", "credited"),
    [
        ("济南代表团访问日本。", "来源:无锡日报", {"zh": "无锡日报"}),
        ("济南代表团访问日本。", "来源：无锡日报", {"zh": "无锡日报"}),
        ("濟南代表團訪問日本。", "來源：無錫日報", {"zh": "無錫日報"}),
        ("Jinan delegation visited Japan.", "Source: Wuxi Daily", {"en": "Wuxi Daily"}),
        ("Jinan delegation visited Japan.", "Source: China Daily.", {"en": "China Daily"}),
        ("济南代表团访问日本。", "来源：新华社\u3000记者王明", {"zh": "新华社\u3000记者王明"}),
        # A wire release's closing line: it was a caption.
        (
            "Qingdao hosted the forum.",
            "SOURCE Qingdao Municipal Bureau of Commerce",
            {"en": "Qingdao Municipal Bureau of Commerce"},
        ),
    ],
)
def test_closing_source_line_is_read_and_dropped(text: str, line: str, credited: dict[str, str]) -> None:
    """A closing '来源:…' line names the credited outlet (as written) and leaves the text."""
    seed = parse(text, line)
    assert seed.credited == credited
    assert [piece.hant or piece.text for piece in seed.pieces] == [text]


@pytest.mark.parametrize(
    ("text", "shown", "credited", "author"),
    [
        (
            "Jinan delegation visited Japan. (Source: Licheng Media Center)",
            "Jinan delegation visited Japan. (Source: Licheng Media Center)",
            {"en": "Licheng Media Center"},
            None,
        ),
        ("济南代表团访问日本。(来源:历城融媒)", "济南代表团访问日本。(来源：历城融媒)", {"zh": "历城融媒"}, None),
        ("济南代表团访问日本。（来源：历城融媒）", "济南代表团访问日本。（来源：历城融媒）", {"zh": "历城融媒"}, None),
        ("济南代表团访问日本。(文/姚墨笛)", "济南代表团访问日本。(文/姚墨笛)", {}, "姚墨笛"),
        ("濟南代表團訪問日本。(文/姚墨笛)", "济南代表团访问日本。(文/姚墨笛)", {}, "姚墨笛"),
        ("济南代表团访问日本。(文/ 姚墨笛 )", "济南代表团访问日本。(文/ 姚墨笛 )", {}, "姚墨笛"),
        ("济南代表团访问日本。（记者 王明 李华）", "济南代表团访问日本。（记者 王明 李华）", {}, "王明 李华"),
        ("（记者：王明）", "（记者：王明）", {}, "王明"),
    ],
)
def test_inline_credit_is_read_and_kept(text: str, shown: str, credited: dict[str, str], author: str | None) -> None:
    """'(Source: X)', '(来源:X)' and '(文/X)' fill the metadata and stay in the text the reader sees."""
    seed = parse(text)
    assert (seed.credited, seed.author) == (credited, author)
    assert [piece.text for piece in seed.pieces] == [shown]


def test_headline_and_subtitle_are_lifted() -> None:
    """Short lines before the first paragraph are the headline and subtitle, not body text."""
    seed = parse(
        "Dialogue with Shandong -- the Japan-Shandong Seminar gets underway",
        "Strengthen cooperation between Shandong and Japan to create a better future",
        "The seminar was held in Jinan, Tokyo and Osaka.",
    )
    assert [piece.text for piece in seed.headings["en"]] == [
        "Dialogue with Shandong -- the Japan-Shandong Seminar gets underway",
        "Strengthen cooperation between Shandong and Japan to create a better future",
    ]
    assert body(seed) == [("paragraph", "en", "The seminar was held in Jinan, Tokyo and Osaka.")]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("薛庆国向JETRO理事高岛大浩赠送纪念品", "caption"),
        ("一、深化产业合作", "heading"),
        ("（二）拓展人文交流", "heading"),
        ("(三) 加强青少年交流", "heading"),
        ("一、双方将在新能源汽车领域加强合作。", "paragraph"),
        ("一带一路合作项目现场", "caption"),
        ("Visiting the Japan International Science and Technology Exchange Center", "caption"),
        ("双方就合作交换了意见。", "paragraph"),
        ("Both sides exchanged views on cooperation.", "paragraph"),
        (
            "双方就进一步对接中日企业资源加强中日产业链接合作推动更多相关产业落地青岛达成一致并就多个项目深入交流沟通",
            "paragraph",
        ),
    ],
)
def test_short_line_after_first_paragraph_is_a_caption_or_a_heading(line: str, kind: str) -> None:
    """After the first paragraph, a short line that does not end like a sentence is a photo caption, or a section's
    heading when numbered as one (一、, （二）)."""
    seed = parse("The delegation visited Tokyo.", line, "The delegation returned.")
    assert [piece.kind for piece in seed.pieces] == ["paragraph", kind, "paragraph"]
    assert seed.headings == {}


@pytest.mark.parametrize(
    ("text", "publisher", "published"),
    [
        ("JINAN, China, Aug. 10, 2020 /PRNewswire/ -- The seminar was held on July 30.", "PR Newswire", "2020-08-10"),
        ("JINAN, Sept. 14, 2023 (Xinhua) -- Jinan signed 12 deals on July 30.", "Xinhua", "2023-09-14"),
        # A news agency's dateline without the year: the day is the report's, not an event's, and no date is known.
        ("INCHEON, Sept. 14 (Yonhap) -- A Qingdao delegation visited Incheon on July 30.", "Yonhap", None),
        # With the country: Sept. 14 was listed as an event date, and Xinhua not read.
        ("OSAKA, Japan, Sept. 14 (Xinhua) -- A Qingdao delegation visited Osaka on July 30.", "Xinhua", None),
        ("SEOUL, South Korea, Sept. 14 (Xinhua) -- Talks were held on July 30.", "Xinhua", None),
        # Reuters' single hyphen, and an agency's dateline with the place not in capitals: Sept. 14 was an event.
        ("TOKYO, Sept 14 (Reuters) - Japan's trade ministry met a Qingdao delegation on July 30.", "Reuters", None),
        ("Seoul, Sept. 14 (Yonhap) -- A Qingdao delegation visited Incheon on July 30.", "Yonhap", None),
        ("Taipei, Sept. 14 (CNA) A Qingdao delegation visited Taipei on July 30.", "CNA", None),
    ],
)
def test_wire_dateline_gives_publisher_and_date_but_stays_in_text(
    text: str, publisher: str, published: str | None
) -> None:
    """'JINAN, China, Aug. 10, 2020 /PRNewswire/ --', 'JINAN, Sept. 14 (Xinhua) --' name the distributor and the
    report's date, which is no event's; readers still see the dateline."""
    seed = parse(text)
    assert (seed.publisher, seed.published.iso if seed.published else None) == (publisher, published)
    assert body(seed) == [("paragraph", "en", text)]
    assert [event.stated for event in seed.events] == ["July 30"]


@pytest.mark.parametrize(
    ("text", "publisher", "published", "author"),
    [
        ("新华社济南9月14日电（记者王明）济南市代表团7月30日访问日本。", "新华社", None, "王明"),
        ("中新网青岛9月14日电 (记者 王明)青岛市代表团7月30日访问韩国。", "中新网", None, "王明"),
        ("韩联社首尔9月14日电 青岛市代表团7月30日访问仁川。", "韩联社", None, None),
        ("新华社东京2023年9月14日电（记者 王明）济南市代表团7月30日访问日本。", "新华社", "2023-09-14", "王明"),
        ("本报讯（记者 王明 通讯员 李华）济南市代表团7月30日访问日本。", None, None, "王明 通讯员 李华"),
        ("本报济南9月14日讯（记者 王明）济南市代表团7月30日访问日本。", None, None, "王明"),
        # An app's brand after the site, a site's news, reporters and their place: 9月14日 was an event's date, and
        # none of these outlets was read.
        ("齐鲁网·闪电新闻济南9月14日讯 济南市代表团7月30日访问日本。", "齐鲁网·闪电新闻", None, None),
        ("央视网消息（新闻联播）：济南市代表团7月30日访问日本。", "央视网", None, None),
        ("大众日报记者 王明 李华 济南报道：济南市代表团7月30日访问日本。", "大众日报", None, "王明 李华"),
    ],
)
def test_chinese_dateline_gives_publisher_and_reporters_but_stays_in_text(
    text: str, publisher: str | None, published: str | None, author: str | None
) -> None:
    """'新华社济南9月14日电（记者王明）' names the agency and its reporter; its day is the report's, no event's (it was
    listed as one); 本报 (this paper) names no outlet. Readers still see the dateline."""
    seed = parse("济南代表团访问日本", text)
    assert (seed.publisher, seed.published.iso if seed.published else None, seed.author) == (
        publisher,
        published,
        author,
    )
    assert body(seed) == [("paragraph", "zh", clean.clean_chinese(text))]
    assert [event.stated for event in seed.events] == ["7月30日"]


@pytest.mark.parametrize(
    ("lead", "published", "author"),
    [
        ("（中央社記者王明台北14日電）", None, "王明"),
        ("（中央社記者王明、李華東京14日專電）", None, "王明、李華"),  # the names as the seed writes them
        ("（中央社華盛頓13日綜合外電報導）", None, None),
        ("（中央社記者王小明台北2023年9月14日電）", "2023-09-14", "王小明"),
        ("(中央社記者王明首爾14日電)", None, "王明"),
        # A place not in rules.ZH_DATELINE_PLACES: where 王明 ends is not known, so no reporter is named.
        ("（中央社記者王明新營14日電）", None, None),
    ],
)
def test_a_dispatch_in_brackets_names_the_agency_and_its_reporters(
    lead: str, published: str | None, author: str | None
) -> None:
    """Taiwan's Central News Agency opens a report with its dispatch in brackets: the agency and its reporters were
    read from none of these, and 9月14日 was an event's date. Readers still see the lead."""
    text = lead + "濟南市代表團7月30日訪問日本。"
    seed = parse("濟南代表團訪問日本", text)
    assert (seed.publisher, seed.published.iso if seed.published else None, seed.author) == (
        "中央社",
        published,
        author,
    )
    assert [(piece.kind, piece.hant) for piece in seed.pieces] == [("paragraph", text)]
    assert [event.stated for event in seed.events] == ["7月30日"]


@pytest.mark.parametrize(
    "text",
    ["据新华社东京9月14日电，济南市代表团7月30日访问日本。", "（據中央社東京14日電）濟南市代表團7月30日訪問日本。"],
)
def test_a_dispatch_the_text_relays_is_credited(text: str) -> None:
    """'据新华社…电' (according to Xinhua's dispatch): the text relays Xinhua, which is credited; '据新华社' had been
    made the publisher."""
    seed = parse("济南代表团访问日本", text)
    assert (seed.publisher, seed.credited) == (None, {"zh": "新华社" if "新华社" in text else "中央社"})
    assert [event.stated for event in seed.events] == ["7月30日"]
    assert [piece.hant or piece.text for piece in seed.pieces] == [text]


def test_a_central_news_agency_report_keeps_only_its_text() -> None:
    """The editor's line that closes the report dates it (112 is 2023 as Taiwan counts years), and goes with the
    by-line and the end mark of its English service; the year was unknown, the three lines were captions."""
    chinese = parse(
        "濟南代表團訪問日本",
        "（中央社記者王明台北14日電）濟南市代表團13日訪問東京。",
        "雙方簽署合作備忘錄。",
        "（編輯：陳仁華）1120914",
    )
    english = parse(
        "Jinan delegation visits Tokyo",
        "Taipei, Sept. 14 (CNA) A Jinan delegation visited Tokyo on Sept. 13.",
        "(By Wang Ming and Lee Hua)",
        "Enditem/ls",
    )
    assert (chinese.published, chinese.publisher, chinese.author) == (StatedDate("2023-09-14", 4), "中央社", "王明")
    assert [piece.hant for piece in chinese.pieces] == [
        "（中央社記者王明台北14日電）濟南市代表團13日訪問東京。",
        "雙方簽署合作備忘錄。",
    ]
    assert (english.publisher, english.author) == ("CNA", "Wang Ming and Lee Hua")
    assert [piece.text for piece in english.pieces] == [
        "Taipei, Sept. 14 (CNA) A Jinan delegation visited Tokyo on Sept. 13."
    ]
    assert [line.text for line in english.left_out] == ["(By Wang Ming and Lee Hua)", "Enditem/ls"]


@pytest.mark.parametrize(
    "text",
    [
        "青岛电视台9月14日电视节目报道了代表团访问韩国。",
        "合作社电商平台9月14日上线。",
        "青岛日报记者王明9月14日报道了代表团访问韩国。",
    ],
)
def test_a_paragraph_that_starts_like_a_chinese_dateline_is_none(text: str) -> None:
    seed = parse("济南代表团访问日本", text)
    assert (seed.publisher, seed.author, [event.stated for event in seed.events]) == (None, None, ["9月14日"])


@pytest.mark.parametrize(
    ("lines", "publisher", "author"),
    [
        (("【大公报讯】记者王明济南报道：济南市代表团7月30日访问日本。",), "大公报", None),
        (("【文汇报讯】（记者 李华）济南市代表团7月30日访问日本。",), "文汇报", "李华"),
        (("【环球网报道 记者 王明】济南市代表团7月30日访问日本。",), "环球网", "王明"),
        (("【中国日报9月14日讯】济南市代表团7月30日访问日本。",), "中国日报", None),
        (("【本报讯】济南市代表团7月30日访问日本。",), None, None),
        # Alone on its line, the lead was the page's title; it starts the paragraph under it, as in print.
        (("【环球时报综合报道】", "济南市代表团7月30日访问日本。"), "环球时报", None),
        (("新华社济南9月14日电（记者 王明）", "济南市代表团7月30日访问日本。"), "新华社", "王明"),
    ],
)
def test_a_papers_lead_in_brackets_names_the_publisher_and_starts_the_text(
    lines: tuple[str, ...], publisher: str | None, author: str | None
) -> None:
    """【大公报讯】, 【环球时报综合报道】 name the paper as a dateline does, and the day they give is no event's;
    readers still see them, at the start of the first paragraph."""
    seed = parse("济南代表团访问日本", *lines)
    assert (seed.publisher, seed.author) == (publisher, author)
    assert [heading.text for heading in seed.headings["zh"]] == ["济南代表团访问日本"]
    assert body(seed) == [("paragraph", "zh", "".join(clean.clean_chinese(line) for line in lines))]
    assert [event.stated for event in seed.events] == ["7月30日"]


def test_a_lead_alone_with_no_chinese_paragraph_under_it_stays_a_paragraph() -> None:
    """A lone lead over an English paragraph is kept as it is, in its place, and is no title."""
    seed = parse("济南代表团访问日本", "【环球时报综合报道】", "The delegation visited Osaka on July 30.")
    assert body(seed) == [
        ("paragraph", "zh", "【环球时报综合报道】"),
        ("paragraph", "en", "The delegation visited Osaka on July 30."),
    ]
    assert seed.publisher == "环球时报"


@pytest.mark.parametrize("line", ["【专题报道】", "【图片新闻】"])
def test_a_bracket_naming_no_paper_is_no_lead(line: str) -> None:
    seed = parse(line, "济南代表团访问日本", "济南市代表团7月30日访问日本。")
    assert seed.publisher is None
    assert [heading.text for heading in seed.headings["zh"]] == [line, "济南代表团访问日本"]


def test_a_date_and_a_word_in_brackets_is_no_dateline() -> None:
    """Only a news agency's name makes a dateline of a place not written in capitals."""
    seed = parse("In Qingdao, Sept. 14 (Thursday) the delegation met Korean buyers.")
    assert (seed.publisher, [event.stated for event in seed.events]) == (None, ["Sept. 14"])


def test_publication_line_wins_over_wire_dateline() -> None:
    """The portal's own timestamp is the publication date; the wire dateline does not override it."""
    seed = parse("10.08.2020 10:09:00", "JINAN, China, Aug. 9, 2020 /PRNewswire/ -- The seminar opened.")
    assert (seed.published.iso if seed.published else None, seed.publisher) == ("2020-08-10", "PR Newswire")


def test_link_and_caption_pairs_become_attachments() -> None:
    """'Link:' then 'Caption:' becomes one attachment with its address; the labels never show."""
    seed = parse(
        "The seminar was held in Jinan.",
        "Image Attachments Links:",
        "（完）",
        "(END)",
        "Link: http://asianetnews.net/view-attachment?attach-id=368930",
        "Caption: Dialogue with Shandong",
        "Link: http://asianetnews.net/view-attachment?attach-id=368938",
        "Caption: The seminar hall",
    )
    assert [(piece.kind, piece.text, piece.url) for piece in seed.pieces] == [
        ("paragraph", "The seminar was held in Jinan.", None),
        ("attachment", "Dialogue with Shandong", "http://asianetnews.net/view-attachment?attach-id=368930"),
        ("attachment", "The seminar hall", "http://asianetnews.net/view-attachment?attach-id=368938"),
    ]


# --- Event dates


@pytest.mark.parametrize(
    ("text", "stated", "start", "end"),
    [
        ("From April 8 to 15, the delegation toured Korea.", "April 8 to 15", "--04-08", "--04-15"),
        ("From April 21-23, the delegation toured Korea.", "April 21-23", "--04-21", "--04-23"),
        ("From April 30 to May 2, the delegation toured Korea.", "April 30 to May 2", "--04-30", "--05-02"),
        ("The seminar was held on July 30.", "July 30", "--07-30", None),
        ("On Aug. 10, 2020, the seminar opened.", "Aug. 10, 2020", "2020-08-10", None),
        ("4月8日至15日,代表团赴韩国考察。", "4月8日至15日", "--04-08", "--04-15"),
        ("11月27日至12月1日,考察团在东京考察。", "11月27日至12月1日", "--11-27", "--12-01"),
        ("2024年4月21日,代表团赴韩国考察。", "2024年4月21日", "2024-04-21", None),
        ("On 10 April the seminar opened.", "10 April", "--04-10", None),
        ("From 12 to 14 September, the delegation toured Korea.", "12 to 14 September", "--09-12", "--09-14"),
        ("From 12-14 Sept. 2023, the delegation toured Korea.", "12-14 Sept. 2023", "2023-09-12", "2023-09-14"),
        ("From 30 April to 2 May 2024, talks went on.", "30 April to 2 May 2024", "2024-04-30", "2024-05-02"),
        ("On 14 September, 2023, the seminar opened.", "14 September, 2023", "2023-09-14", None),
        ("On September 12th the seminar opened.", "September 12th", "--09-12", None),
        ("4月8号,代表团出发。", "4月8号", "--04-08", None),
        # The first day's 日 left to the range's end, and days in Chinese numerals: all were missed.
        ("9月12—14日,代表团访问大阪。", "9月12—14日", "--09-12", "--09-14"),
        ("10月30日~11月2日举办展会。", "10月30日~11月2日", "--10-30", "--11-02"),
        ("九月十二日至十四日,代表团访问大阪。", "九月十二日至十四日", "--09-12", "--09-14"),
        ("十一月二十日,双方签约。", "十一月二十日", "--11-20", None),
        ("十月三十一日至十一月二日举办展会。", "十月三十一日至十一月二日", "--10-31", "--11-02"),
        ("双方于二〇二四年三月五日再次会面。", "二〇二四年三月五日", "2024-03-05", None),
        ("三月五号,代表团出发。", "三月五号", "--03-05", None),
        # A date written the other language's way: the build stopped with a ValueError (KeyError) on both.
        ("双方于（Sep. 14, 2023）签署备忘录。", "Sep. 14, 2023", "2023-09-14", None),
        ("The Qingdao-Incheon forum (青岛仁川论坛, 9月12日) opened.", "9月12日", "--09-12", None),
        pytest.param(
            "2024年12月30日至1月2日,代表团访问日本。",
            "2024年12月30日至1月2日",
            "2024-12-30",
            "2025-01-02",
        ),
    ],
)
def test_event_dates_are_read(text: str, stated: str, start: str, end: str | None) -> None:
    """Dates the text states become event dates, year-less ('--MM-DD') unless the text gives the year."""
    assert [(event.stated, event.start, event.end) for event in parse(text).events] == [(stated, start, end)]


@pytest.mark.parametrize(
    "text",
    [
        "In September 2023, the delegation toured Korea.",  # was read as the event date September 20, 2023
        "From May 2019 to June 2020, trade grew.",
        "In 2023 12 companies opened offices.",
        "Group 7 may rise.",
        "他生于九月，十三月五日不是日期。",  # a month alone; a day inside a bigger number
        "九月份出口增长12%。",
    ],
)
def test_a_month_and_a_year_are_no_event_date(text: str) -> None:
    """A month and a year, or numbers beside no month name, give no event date."""
    assert parse(text).events == []


def test_same_event_in_both_languages_is_listed_once() -> None:
    """A bilingual seed's English and Chinese dates for the same trip are one event, not two."""
    seed = parse("From April 8 to 15, the delegation toured Korea.", "4月8日至15日,代表团赴韩国考察。")
    assert [event.stated for event in seed.events] == ["April 8 to 15"]


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("On February 30, the delegation left.", "event date must be a real calendar date, 'February 30'"),
        ("2月30日,代表团出发。", "event date must be a real calendar date, '2月30日'"),
        ("二月三十日,代表团出发。", "event date must be a real calendar date, '二月三十日'"),
    ],
)
def test_impossible_event_date_is_a_warning(text: str, warning: str) -> None:
    """An impossible date in the text is not listed as an event; the editor is warned at its line."""
    seed = parse(text)
    assert seed.events == []
    assert [str(problem) for problem in seed.problems] == [f"{SEED}:1: warning: {warning}"]


# --- read.read_text


@pytest.mark.parametrize(
    "data",
    [
        b"Jinan delegation visited Japan.\n\n\xe6\xb5\x8e\xe5\x8d\x97\xe3\x80\x82\n",
        b"\xef\xbb\xbfJinan delegation visited Japan.\n\n\xe6\xb5\x8e\xe5\x8d\x97\xe3\x80\x82\n",
        b"Jinan delegation visited Japan.\r\n\r\n\xe6\xb5\x8e\xe5\x8d\x97\xe3\x80\x82\r\n",
        b"\xef\xbb\xbfJinan delegation visited Japan.\r\n\r\n\xe6\xb5\x8e\xe5\x8d\x97\xe3\x80\x82",
        b"Jinan delegation visited Japan.\r\r\xe6\xb5\x8e\xe5\x8d\x97\xe3\x80\x82\r",
        b"  Jinan delegation visited Japan.\xc2\xa0\n\xe3\x80\x80\n\xe3\x80\x80\xe3\x80\x80\xe6\xb5\x8e\xe5\x8d\x97\xe3\x80\x82\n",
    ],
    ids=["lf", "bom-lf", "crlf", "bom-crlf-no-final", "cr", "edge-spaces"],
)
def test_read_text_accepts_bom_and_any_line_end(tmp_path: Path, data: bytes) -> None:
    """A BOM, CRLF or CR line ends and pasted edge spaces give the same lines and numbers as plain LF."""
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    decoded = read_text(path, SEED)
    assert decoded.problems == ()
    assert decoded.lines == (Line(1, "Jinan delegation visited Japan."), Line(3, "济南。"))


# --- render.escape


class _Rendered(HTMLParser):
    """The tags and the text a browser would show for a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


def render_markdown(text: str) -> _Rendered:
    html = markdown.Markdown(extensions=["attr_list", "toc"]).convert(text)
    rendered = _Rendered()
    rendered.feed(html)
    rendered.close()
    return rendered


@pytest.mark.parametrize(
    "text",
    [
        "# heading",
        "> quote",
        "- item",
        "+ item",
        "* item",
        "1. item",
        "3) item",
        "2024. A year of cooperation",
        "| a | b |",
        "---",
        "===",
        "***",
        "*em* _em_ **strong**",
        "snake_case_name and 2*3*4",
        "`code`",
        "[link](http://x)",
        "![img](x.png)",
        "<http://x.y>",
        "<script>alert(1)</script>",
        "<b>bold</b>",
        "<!-- comment -->",
        "{{ template }}",
        "{% raw %}",
        "Title {: #id .class }",
        "[TOC]",
        "&amp;",
        "&copy; A & B",
        "back\\slash \\* \\",
        "济南代表团访问日本：“四大主导”产业。",
    ],
)
def test_escape_renders_as_exactly_the_text(text: str) -> None:
    """Whatever a source says, its block renders as one plain paragraph showing exactly those characters."""
    rendered = render_markdown(escape(text))
    assert rendered.tags == ["p"]
    assert "".join(rendered.text) == text


# --- render.format_date and render.format_event


@pytest.mark.parametrize(
    ("date", "en", "zh"),
    [
        (PubDate("2025-04-18", "day", "source"), "April 18, 2025", "2025年4月18日"),
        (PubDate("2024-12-01", "day", "editor"), "December 1, 2024", "2024年12月1日"),
        (PubDate("2025-04", "month", "editor"), "April 2025", "2025年4月"),
        (PubDate("2025", "year", "editor"), "2025", "2025年"),
        (PubDate(), "Date unknown: the source does not give one", "日期不详：原文未注明"),
    ],
)
def test_format_date(date: PubDate, en: str, zh: str) -> None:
    """A publication date reads as precisely as it is known, in each page language; unknown says so."""
    assert (format_date(date, "en"), format_date(date, "zh")) == (en, zh)


@pytest.mark.parametrize(
    ("event", "en", "zh"),
    [
        (EventDate("April 8 to 15", "2025-04-08", "2025-04-15", "source"), "April 8–15, 2025", "2025年4月8日至15日"),
        (
            EventDate("4月8日至15日", "--04-08", "--04-15", None),
            "April 8–15 (year not stated in the source)",
            "4月8日至15日（原文未注明年份）",
        ),
        (
            EventDate("11月27日至12月1日", "--11-27", "--12-01", None),
            "November 27 – December 1 (year not stated in the source)",
            "11月27日至12月1日（原文未注明年份）",
        ),
        (
            EventDate("11月27日至12月1日", "2025-11-27", "2025-12-01", "source"),
            "November 27 – December 1, 2025",
            "2025年11月27日至12月1日",
        ),
        (
            EventDate("April 8 to 15", "2025-04-08", "2025-04-15", "editor"),
            "April 8–15, 2025 (year supplied by the archive's editors)",
            "2025年4月8日至15日（年份由本站编辑补充）",
        ),
        (EventDate("July 30", "2020-07-30", None, "source"), "July 30, 2020", "2020年7月30日"),
        (
            EventDate("July 30", "--07-30", None, None),
            "July 30 (year not stated in the source)",
            "7月30日（原文未注明年份）",
        ),
    ],
)
def test_format_event(event: EventDate, en: str, zh: str) -> None:
    """Event dates and ranges read naturally in each language and say who supplied the year, if anyone."""
    assert (format_event(event, "en"), format_event(event, "zh")) == (en, zh)


def test_format_event_across_new_year_names_both_years() -> None:
    """A range across New Year names both years, so the page never says 'December 30 – January 2, 2024'."""
    event = resolve_event_year(EventDate("12月30日至1月2日", "--12-30", "--01-02", None), 2024, "editor")
    assert (event.start, event.end) == ("2024-12-30", "2025-01-02")
    assert format_event(event, "en") == "December 30, 2024 – January 2, 2025 (year supplied by the archive's editors)"
    assert format_event(event, "zh") == "2024年12月30日至2025年1月2日（年份由本站编辑补充）"


# --- tags.Vocabulary.match

VOCABULARY = """\
- id: japan
  kind: country
  en: Japan
  zh: 日本
- id: seoul
  kind: city
  en: Seoul
  zh: 首尔
  aliases:
    zh-Hant: [首爾]
- id: gangnam
  kind: district
  en: Gangnam District
  zh: 首尔市江南区
  aliases:
    zh-Hans: [江南区]
    zh-Hant: [首爾市江南區, 江南區]
  parent: seoul
- id: jinan
  kind: city
  en: Jinan
  zh: 济南
  aliases:
    zh-Hant: [濟南]
- id: wuxi-daily
  kind: media
  en: Wuxi Daily
  zh: 无锡日报
  aliases:
    zh-Hant: [無錫日報]
"""


@pytest.fixture(scope="module")
def vocabulary(tmp_path_factory: pytest.TempPathFactory) -> Vocabulary:
    path = tmp_path_factory.mktemp("vocabulary") / "tags.yml"
    path.write_text(VOCABULARY, encoding="utf-8")
    loaded, problems = load_vocabulary(path, "seeds/tags.yml")
    assert problems == []
    return loaded


@pytest.mark.parametrize(
    ("text", "script", "tags"),
    [
        ("The delegation visited Japan.", "en", {"japan"}),
        ("Japan-based firms", "en", {"japan"}),
        ("Japanese firms", "en", set()),
        ("JAPAN", "en", set()),
        ("Gangnam District, Seoul", "en", {"gangnam", "seoul"}),
        ("济南市访问团赴首尔市江南区", "zh-Hans", {"jinan", "gangnam"}),
        ("首尔的企业", "zh-Hans", {"seoul"}),
        ("濟南代表團訪問首爾市江南區", "zh-Hant", {"jinan", "gangnam"}),
        ("济南", "zh-Hant", set()),
        ("据无锡日报报道", "zh-Hans", set()),
        ("據無錫日報報道", "zh-Hant", set()),
        ("Wuxi Daily reported", "en", set()),
    ],
)
def test_vocabulary_match(vocabulary: Vocabulary, text: str, script: str, tags: set[str]) -> None:
    """English names match whole words, the longest Chinese name wins, Traditional aliases match Traditional text,
    and media are never tagged from the text."""
    assert vocabulary.match(text, script) == tags


# --- assemble.slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Licheng District, Jinan and Gangnam District, Seoul: Deepening Exchanges and Renewing Sister City Ties",
            "licheng-district-jinan-and-gangnam-district-seoul-deepening-exchanges-and",
        ),
        ("Dialogue with Shandong -- the Japan-Shandong Seminar", "dialogue-with-shandong-the-japan-shandong-seminar"),
        ("Lü Guanghui Visits Ōsaka Café in Zürich", "lu-guanghui-visits-osaka-cafe-in-zurich"),
        ("Mr. Kŏ Ŭn visits the 2025 Expo", "mr-ko-un-visits-the-2025-expo"),
        ("济南 Jinan 代表团", "jinan"),
        ("济南代表团", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    """A page address is lowercase ASCII words joined by hyphens, at most ten of them, accents folded."""
    assert slugify(title) == slug
    assert len(slug.split("-")) <= 10
    assert slug.isascii()


# --- A headline in one language over a body in the other


def test_chinese_body_under_english_headline_is_shown_on_both_pages(tmp_path: Path) -> None:
    """A Chinese article whose source prints an English headline shows its Chinese text on the English page,
    and neither page calls it a bilingual original."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "tags.yml").write_text(VOCABULARY, encoding="utf-8")
    (seeds / "a.txt").write_text("Jinan Delegation Visits Japan\n济南代表团访问日本。\n", encoding="utf-8")
    archive = load_archive(seeds)
    assert archive.problems == []
    [article] = archive.articles
    english, chinese = (render_article(article, lang, archive.vocabulary) for lang in ("en", "zh"))
    assert '<p lang="zh-Hans">济南代表团访问日本。</p>' in english
    assert "- **Original language**: Chinese\n" in english
    assert "原文：来源以中英双语发布本文。" not in chinese


# --- The real seeds, end to end


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load_archive(ROOT / "seeds")


def by_stem(archive: Archive, prefix: str) -> Article:
    [article] = [article for article in archive.articles if article.stem.startswith(prefix)]
    return article


def test_real_seeds_build_without_errors(archive: Archive) -> None:
    """The checked-in seeds load with no errors, one article per seed."""
    assert [str(problem) for problem in archive.errors] == []
    seeds = [path.name for path in (ROOT / "seeds").iterdir() if SEED_NAME.match(path.name)]
    assert sorted(article.seed for article in archive.articles) == sorted(f"seeds/{name}" for name in seeds)


def test_real_seeds_every_article_has_both_titles(archive: Archive) -> None:
    """Every article has an English and a Chinese title, from the source, a translation or the editors."""
    missing = [(a.stem, lang) for a in archive.articles for lang in ("en", "zh") if not a.title[lang]]
    assert missing == []


def test_real_seed_003_is_clean_traditional(archive: Archive) -> None:
    """003's Chinese text has no pasted pinyin readings, and its Traditional original is still Traditional."""
    article = by_stem(archive, "003_")
    zh_blocks = [block for block in article.blocks if block.zh]
    assert zh_blocks
    assert [block.zh for block in zh_blocks if READING_AFTER_HAN.search(block.zh)] == []
    assert [block.hant for block in zh_blocks if block.hant and READING_AFTER_HAN.search(block.hant)] == []
    assert all(block.hant and clean.is_traditional(block.hant) for block in zh_blocks)
    assert all(clean.to_simplified(block.hant) == block.zh for block in zh_blocks if block.hant)
    assert article.is_traditional


def test_real_seed_001_has_no_portal_footer(archive: Archive) -> None:
    """001's China.org.cn footer ('中国网客户端', the slogan) appears in no block."""
    article = by_stem(archive, "001_")
    texts = [text for block in article.blocks for text in (block.en, block.zh) if text]
    assert [text for text in texts if "中国网客户端" in text or "语种权威发布" in text] == []


def test_real_seed_004_has_no_portal_header(archive: Archive) -> None:
    """004's breadcrumb and timestamp line ('发布时间', '选择阅读字号') appear in no block."""
    article = by_stem(archive, "004_")
    texts = [text for block in article.blocks for text in (block.en, block.zh) if text]
    assert [text for text in texts if re.search("发布时间|选择阅读字号|当前位置", text)] == []
    assert article.date.iso == "2024-04-24"


def test_real_seed_002_attachments_have_urls(archive: Archive) -> None:
    """002's wire attachments each link to the distributor's site."""
    article = by_stem(archive, "002_")
    attachments = [block for block in article.blocks if block.kind == "attachment"]
    assert attachments
    assert all(block.url and block.url.startswith("http://asianetnews.net/") for block in attachments)


@pytest.mark.parametrize("prefix", ["000_", "001_"])
def test_real_bilingual_seeds_pair_every_block(archive: Archive, prefix: str) -> None:
    """Every block of a bilingual seed has its English and its Chinese text."""
    article = by_stem(archive, prefix)
    assert article.blocks
    assert [block.line for block in article.blocks if not (block.en and block.zh)] == []
