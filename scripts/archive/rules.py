"""The archive's rules as data: what a seed's lines can be, what is chrome, and how dates look.

Editors change behaviour here, one entry per line; the code in the other modules only applies these.
Every regular expression is matched against one stripped line (or, for inline rules, a block's text).
"""

from __future__ import annotations

import re

from .patterns import trie_pattern

# The page languages, in the order pages and navigation list them. English is the default (served at /).
PAGE_LANGUAGES = ("en", "zh")

# The site's name in each page language (mkdocs.yml gives the same two to the theme).
SITE_NAME = {"en": "China–Japan–Korea Exchange Archive", "zh": "中日韩经贸交流档案"}
# Each page language's name, in each page language: PAGE_LANGUAGE_NAMES[reader][language].
PAGE_LANGUAGE_NAMES = {"en": {"en": "English", "zh": "Chinese"}, "zh": {"en": "英文", "zh": "中文"}}
# The other page language.
OTHER_LANGUAGE = {"en": "zh", "zh": "en"}

# BCP 47 tags written into pages (the `lang` of a Chinese page says Simplified so browsers pick the glyphs).
HTML_LANG = {"en": "en", "zh": "zh-Hans", "zh-Hant": "zh-Hant"}

# A person's name in Chinese, as reporters' and photographers' names stand in a text (复姓 and transliterated names
# up to four characters).
_ZH_NAME = r"[\u4e00-\u9fff·]{2,4}"

# --- Lines that are not the article: portal chrome and boilerplate, dropped wherever they stand.
# Breadcrumbs: 当前位置:网站首页 > 新闻中心 > …, 首页 > 新闻中心 > 对外交流, Home > Business. A page prints its
# header (the site's name, menus, today's date) above the breadcrumb and the article below it: short lines above the
# first breadcrumb are dropped too, unless a paragraph stands among them (then the breadcrumb is not at the top).
BREADCRUMBS = (
    re.compile(r"^(?:当前位置|當前位置|您的位置|您现在的位置|您当前的位置|您當前的位置|所在位置)[:：]"),
    re.compile(r"^(?:网站首页|網站首頁|首页|首頁|Home)\s*[>＞»›/／]"),
)
CHROME_LINES = (
    *BREADCRUMBS,
    re.compile(r"^中国网客户端$"),  # China.org.cn app footer
    re.compile(r"^国家重点新闻网站[,，]\s*\d+语种权威发布$"),  # China.org.cn footer slogan
    re.compile(r"^Image Attachments Links:$"),  # wire release attachment heading (the links follow)
    re.compile(r"^View original content(?: to download multimedia)?\s*:"),  # a wire release's link to itself
    re.compile(r"^[(（](?:完|END|End)[)）]$"),  # a wire report's end mark alone on its line: （完）
    re.compile(r"^(?:Enditem|ENDITEM|EndItem)(?:/[A-Za-z]{1,4})?$"),  # the Central News Agency's: Enditem/ls
    # a page footer: Copyright © 2023 The Korea Herald. All rights reserved. / 版权所有：青岛市人民政府 /
    # 鲁ICP备05000460号 / 鲁公网安备 37010202000123号 / 网站标识码：3701000001
    # (Each pattern anchored by a leading ^ is tried at a line's start only: re.I or a "|" beside the ^ would have it
    # tried at every character, which took a third of the time the parser spent on a seed.)
    re.compile(r"^(?i:Copyright\s*(?:©|\(c\)|\d{4})|©\s*(?:\d{4}|Copyright)|All rights reserved\.?$)"),
    re.compile(r"^(?:版权所有|版權所有)"),
    re.compile(r"ICP[备備证證]\s*\d|公网安备|公網安備|网站标识码|網站標識碼"),
    # a photo's credit alone on its line, for a photo the archive does not carry: Photo: Xinhua, [Photo/Xinhua],
    # Photo by Kim Min-ji, (Photo provided to China Daily), 图片来源：新华社, （摄影：王明）, 图/王明, （记者 王明 摄）
    re.compile(
        r"^[\[(（]?(?:Photo(?:\s*[:/]\s*|\s+(?:by|courtesy of|provided (?:to|by))\s+)"
        r"[A-Z][\w.'&-]*(?:(?:\s*/\s*|\s)[A-Z][\w.'&-]*){0,5}"  # capitalised words: names, not a caption
        r"|(?:(?:图片来源|圖片來源|摄影|攝影)\s*[:：/／]|[图圖]\s*[/／])\s*[^()（）\[\]]{2,30}"
        rf"|(?:(?:记者|記者|通讯员|通訊員)\s*)?{_ZH_NAME}(?:[ \u3000、]+(?:(?:记者|記者|通讯员|通訊員)\s*)?"
        rf"{_ZH_NAME})*\s*[摄攝])[\])）]?$"
    ),
)
# A heading that starts the page's list of other articles (相关新闻, Related Articles): it and the short lines after it
# (their headlines, the site's footer) are dropped, up to the next paragraph.
RELATED_HEADING = re.compile(
    r"^(?:相关新闻|相关阅读|相关文章|相关链接|相關新聞|相關閱讀|相關文章|相關連結|推荐阅读|推薦閱讀|热点推荐|热门文章|猜你喜欢"
    r"|Related (?:Articles|News|Stories|Links|Coverage)|Most (?:Popular|Read|Viewed)|You may also like"
    r"|Editor'?s'? (?:picks|choice)|Top (?:News|Stories))[:：]?$",
    re.I,
)
# A line of links to the site's other pages: the previous and next articles (上一篇：…, Next: …) and the site's own
# tags or keywords for the page (the archive tags it itself). Dropped unless it ends like a sentence ("Next: the
# delegation will visit Tokyo." is the text's).
PAGE_LINKS = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上一篇文章|下一篇文章|上篇|下篇|上一則|下一則|標籤|标签|关键词|關鍵詞|关键字|關鍵字"
    r"|Previous(?: (?:article|post|story))?|Prev|Next(?: (?:article|post|story))?|Tags|Keywords)\s*[:：]",
    re.I,
)
# A by-line alone on its line: By Kim Min-ji, By ZHANG SAN and LI SI, TARO YAMADA, Nikkei staff writer. The names
# are capitalised words, so that "By Monday the delegation had signed." is the text's. One naming an outlet (By
# Global Times, By Xinhua: OUTLET_ALONE) credits it; it names no author.
_BY_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_BY_NAMES = rf"{_BY_NAME}(?:(?:,\s*|\s+and\s+){_BY_NAME})*"
_BY_ROLE = "(?:staff writer|staff reporter|correspondent|reporter|contributing writer)"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
BYLINE = re.compile(
    # By Kim Min-ji; BY LEE JAE-LIM [lee.jaelim@joongang.co.kr]; by Taro Yamada; Written by Kim Min-ji; and in
    # brackets, as the Central News Agency closes a report: (By Wang Ming and Lee Hua)
    rf"^(?P<bracket>\()?(?:Written\s+by|By|BY|by)\s+(?P<author>{_BY_NAMES})(?:\s*[\[(<]?{_EMAIL}[\])>]?)?"
    r"(?(bracket)\))$"
    # TARO YAMADA, Nikkei staff writer; Kim Min-ji, Staff Reporter
    rf"|^(?P<writer>{_BY_NAME}),\s+(?:[A-Z][\w.]*\s+)?(?i:{_BY_ROLE})$"
    # by Xinhua writer Wang Ming; By Yonhap correspondents Kim Min-ji and Lee Jun
    rf"|^(?:By|BY|by)\s+{_BY_NAME}\s+(?:staff\s+)?(?:writer|reporter|correspondent)s?\s+(?P<staff>{_BY_NAMES})$"
)
# What a by-line's next lines may say of the author alone: "Staff writer", the author's e-mail address. Dropped once
# the author is known.
BYLINE_MORE = re.compile(rf"^(?:(?i:(?:senior |chief |special )?{_BY_ROLE})|{_EMAIL})$")

# --- Lines that carry metadata, then are dropped. Named groups: date (ISO or D.M.Y), time, outlet.
PUBLICATION_LINES = (
    # China.org.cn 2025-04-18 16:33:49
    re.compile(
        r"^(?P<outlet>[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:cn|com|net|org))\s+"
        r"(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?$"
    ),
    # 10.08.2020 10:09:00 (day.month.year, as European wire portals print it)
    re.compile(r"^(?P<dmy>\d{1,2}\.\d{1,2}\.\d{4})(?:\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?$"),
    # （編輯：陳仁華）1120914: Taiwan's Central News Agency closes a report with its editor and the day it was filed, the
    # year counted from 1912 as Taiwan counts it (112 is 2023)
    re.compile(r"^[（(](?:编辑|編輯)[:：][^()（）]{1,20}[)）]\s*(?P<roc>\d{3})(?P<month>\d{2})(?P<day>\d{2})$"),
)
ROC_YEAR_ZERO = 1911  # Taiwan's year 1 is 1912
# Portals' lines of labelled fields and page tools ("发布时间:… 来源:… 选择阅读字号:[ ]"): PORTAL_ITEM, below.

# A closing line that names where the text came from: 来源:无锡日报, Source: Wuxi Daily. The name is words without
# a colon or a comma (up to six): "来源：青岛日报 发布时间：2023-09-14。" is no such line.
_NAME_WORD = r"[^\s:：,，;；。]*[^\s:：,，;；。.]"  # a word of a name: no colon or comma, and no full stop at its end
CREDITED_SOURCE_LINE = re.compile(  # and a wire release's closing "SOURCE Qingdao Municipal Bureau of Commerce"
    rf"^(?:(?:来源|來源|Source)[:：]\s*|SOURCE\s+(?=[A-Z][a-z]))(?P<outlet>{_NAME_WORD}(?:[ \u3000]{_NAME_WORD}){{0,5}})\.?$"
)

# --- Inline credits, kept in the text and also read into the metadata.
CREDITED_SOURCE_INLINE = (
    re.compile(r"\((?:Source|source)\s*:\s*(?P<outlet>[^()]{2,60})\)\s*$"),
    re.compile(r"[(（](?:来源|來源)[:：]\s*(?P<outlet>[^()（）]{2,30})[)）]\s*$"),
)
AUTHOR_INLINE = (
    re.compile(r"[(（]文\s*/\s*(?P<author>[^()（）/]{2,20})[)）]\s*$"),  # (文/姚墨笛)
    re.compile(r"[(（](?:记者|記者)\s*[:：]?\s*(?P<author>[^()（）:：]{2,30}?)\s*[)）]\s*$"),  # （记者 王明 李华）
)
# How every inline credit above ends its line (before trailing space): a line ending otherwise is not searched.
CREDIT_LINE_ENDS = (")", "）")

# News agencies, named by themselves: in a dateline ("Taipei, Sept. 14 (CNA)"), or beside a date.
AGENCIES_EN = (
    "Xinhua",
    "Yonhap",
    "Kyodo",
    "Nikkei",
    "Jiji",
    "Reuters",
    "AFP",
    "AP",
    "NHK",
    "KBS",
    "CGTN",
    "CCTV",
    "CNA",
)
# Wire datelines at the start of a report's first paragraph; they stay in the text. The date is the report's, not
# an event's, and its publication date when it gives the year.
_WIRE_DATE = r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)"
WIRE_DATELINES = (
    # JINAN, China, Aug. 10, 2020 /PRNewswire/ --
    re.compile(
        r"^(?P<place>[A-Z][A-Z .'-]+),\s+(?P<country>[A-Z][A-Za-z ]+),\s+"
        r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})\s+/(?P<outlet>[A-Za-z ]+)/\s+--"
    ),
    # JINAN, Sept. 14 (Xinhua) --   INCHEON, Sept. 14 (Yonhap) --   OSAKA, Japan, Sept. 14 (Xinhua) --
    # TOKYO, Sept 14 (Reuters) -   (news agencies: the year is not given)
    re.compile(
        r"^(?P<place>[A-Z][A-Z .'-]+),\s+(?:(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)*),\s+)?"
        rf"{_WIRE_DATE}\s+\((?P<outlet>[A-Z][A-Za-z ]+)\)\s+(?:--|—|–|-(?=\s))"
    ),
    # The place in capitals and small letters, maybe no dash, but then a news agency: Taipei, Sept. 14 (CNA) The …
    re.compile(
        r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*),\s+(?:(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)*),\s+)?"
        rf"{_WIRE_DATE}\s+\((?P<outlet>{trie_pattern(AGENCIES_EN)})\)(?:\s+(?:--|—|–|-(?=\s)))?(?=\s)"
    ),
)
WIRE_OUTLETS = {"PRNewswire": "PR Newswire"}
# Chinese datelines and leads at the start of a paragraph, kept in the text. The outlet names the publisher, except
# 本报 (this paper) and the like; a day given is the report's, not an event's; reporters named are the author.
# An outlet: a paper, site, agency or station, maybe with its app's brand (齐鲁网·闪电新闻, 大众网·海报新闻).
_ZH_OUTLET = (
    r"[\u4e00-\u9fff]{1,6}?(?:社|网|網|报|報|台)(?:·[\u4e00-\u9fff]{1,6}?(?:新闻|新聞|客户端|客戶端|网|網|报|報|台))?"
)
_OWN_OUTLET = r"本报|本報|本台|本网|本網"
_PER = r"据|據"  # 据新华社东京9月14日电: "according to Xinhua's dispatch", which the text relays and credits
# The places a dispatch is filed from, as the parser sees them (in Simplified characters): where a reporter's name runs
# into the place, only a place listed here tells where the name ends.
_DATELINE_PLACES_BY_REGION = {
    "Taiwan": "台北 新北 桃园 新竹 台中 台南 高雄 基隆 嘉义 花莲 宜兰 屏东 金门 马祖",
    "Japan": "东京 大阪 名古屋 横滨 京都 神户 福冈 札幌 仙台 广岛 冲绳 那霸",
    "Korea": "首尔 釜山 仁川 大邱 光州 大田 蔚山 济州 平壤",
    "the mainland, Hong Kong and Macao": "北京 上海 天津 重庆 广州 深圳 厦门 南京 杭州 苏州 无锡 济南 青岛 烟台"
    " 威海 潍坊 大连 沈阳 武汉 成都 西安 香港 澳门",
    "elsewhere": "华盛顿 纽约 旧金山 洛杉矶 伦敦 巴黎 柏林 布鲁塞尔 日内瓦 莫斯科 新加坡 曼谷 河内 雅加达"
    " 马尼拉 吉隆坡 悉尼 多伦多 温哥华",
}
ZH_DATELINE_PLACES = tuple(place for places in _DATELINE_PLACES_BY_REGION.values() for place in places.split())
ZH_LEADS = (
    # The outlet, maybe the place, the day, then 电 (a dispatch) or 讯 (a report), then maybe its reporters:
    # 新华社济南9月14日电（记者王明）, 中新网青岛9月14日电 (记者 王明), 韩联社首尔9月14日电, 齐鲁网·闪电新闻9月14日讯,
    # 本报讯（记者 王明 通讯员 李华）. 电 and 讯 begin no word here (电视, 讯息). After 据 the outlet is credited, not the
    # publisher.
    re.compile(
        rf"^(?:(?!{_OWN_OUTLET})(?P<per>{_PER})?(?P<outlet>{_ZH_OUTLET})(?P<place>[\u4e00-\u9fff]{{2,6}}?)?"
        r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日[电電讯訊]"
        rf"|(?P<own>{_OWN_OUTLET})(?:[\u4e00-\u9fff]{{2,6}}?(?:\d{{1,2}})月(?:\d{{1,2}})日)?[讯訊])"
        r"(?![视視话話力脑腦子器影商网網池站动動气氣信梯竞競缆纜息号號飞飛问問])"
        r"(?:\s*[（(](?:记者|記者)\s*(?P<author>[^()（）]{2,30}?)\s*[)）])?"
    ),
    # A paper's lead in square brackets: 【大公报讯】, 【环球时报综合报道】, 【文汇报讯】（记者 李华）, 【环球网报道 记者 王明】,
    # 【本报讯】; a bracket naming no outlet (【专题报道】) is none.
    re.compile(
        rf"^【(?:(?P<own>{_OWN_OUTLET})|(?P<outlet>{_ZH_OUTLET}))"
        r"(?P<place>[\u4e00-\u9fff]{2,6}?)?(?:(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日)?"
        r"(?:讯|訊|电|電|综合报道|綜合報道|报道|報道)(?:\s*(?:记者|記者)\s*(?P<author>[^【】()（）]{2,30}?))?\s*】"
        r"(?:\s*[（(](?:记者|記者)\s*(?P<reporters>[^()（）]{2,30}?)\s*[)）])?"
    ),
    # A site's news, or its reporters and their place: 央视网消息（新闻联播）：, 大众网·海报新闻记者 王明 李华 济南报道
    # (the names apart from the place).
    re.compile(
        rf"^(?P<outlet>{_ZH_OUTLET})(?:消息(?:[（(][\u4e00-\u9fff]{{2,10}}[)）])?[:：]"
        rf"|(?:记者|記者)[ \u3000]*(?P<author>{_ZH_NAME}(?:[ \u3000]+{_ZH_NAME})*)[ \u3000]+"
        r"(?P<place>[\u4e00-\u9fff]{2,6}?)(?:报道|報道)[:：]?)"
    ),
    # A dispatch in brackets, Taiwan's Central News Agency's way: （中央社記者王明台北14日電）, （中央社記者王明、李華東京14日專電）,
    # （中央社華盛頓13日綜合外電報導）. Its reporters' names run into the place: they are read only before a place
    # of ZH_DATELINE_PLACES, or which characters are the names is not known.
    re.compile(
        rf"^[（(](?P<per>{_PER})?(?P<outlet>{_ZH_OUTLET})(?:(?:记者|記者)(?:(?P<author>{_ZH_NAME}(?:、{_ZH_NAME})*)"
        rf"(?=(?:{trie_pattern(ZH_DATELINE_PLACES)})\d)|[\u4e00-\u9fff、]{{2,20}}?))?(?P<place>[\u4e00-\u9fff]{{2,6}}?)?"
        r"(?:(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日"
        r"(?:专电|專電|电|電|(?:综合|綜合)?(?:外电|外電)?(?:报导|報導))[)）]"
    ),
)

# Wire attachment block: "Link: <url>" then "Caption: <text>".
ATTACHMENT_LINK = re.compile(r"^Link:\s*(?P<url>https?://[^\s<>\"'`]+)$")
ATTACHMENT_CAPTION = re.compile(r"^Caption:\s*(?P<caption>.+)$")

# --- Dates.
MONTHS_EN = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_EN = trie_pattern(MONTHS_EN)  # any of the names, the longest that fits first

# Chinese numerals as dates write them: 二〇二三年九月十四日 (〇 often typed as ○ or 零).
ZH_DIGITS = {
    digit: value
    for value, digits in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
    for digit in digits
}
_ZH_DIGIT = "[" + "".join(ZH_DIGITS) + "]"
_ZH_NUMBER = r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"  # 1 to 39: 九, 十, 十四, 二十, 三十一
_ZH_NUMERALS = "一二三四五六七八九十"  # what a month written in them starts with
_ZH_MONTH = r"(?:十[一二]?|[一二三四五六七八九])"  # 一 to 十二
_DAY_ZH = "[日号號]"
_RANGE_ZH = r"\s*(?:至|到|-|—|–|~|～)\s*"


def _unnamed(pattern: str) -> str:
    """A pattern's named groups made plain groups, so that it can stand twice in one pattern."""
    return re.sub(r"\?P<\w+>", "?:", pattern)


def _dates_zh(year: str, month: str, number: str) -> re.Pattern[str]:
    """A date or range in Chinese, its year, month and day written as the patterns given: 9月12日, 9月12日至14日,
    11月27日至12月1日, 2023年9月12日, and 9月12—14日 (the first day's 日 left to the range's end)."""
    to = rf"{_RANGE_ZH}(?:(?P<m2>{month})月)?(?P<d2>{number}){_DAY_ZH}"
    # The lookahead at the start: every such date starts with a digit (or numeral), and re skips ahead to the next;
    # the lookbehind: it does not start inside a number (十三月五日 holds no 三月五日).
    return re.compile(
        rf"(?=[\d{_ZH_NUMERALS}])(?<![\d{_ZH_NUMERALS}〇○零])(?:(?P<y1>{year})年)?(?P<m1>{month})月(?P<d1>{number})"
        rf"(?:{_DAY_ZH}|(?={_unnamed(to)}))(?:{to})?"
    )


# Event dates the text states: "April 8 to 15", "On April 10", "July 30, 2020", "12 to 14 September", "30 April to
# 2 May 2024", "4月8日至15日", "11月27日至12月1日". A day is one or two digits, maybe with "th": "September 2023"
# is a month, no day 20.
_DAY_END = r"(?:st|nd|rd|th)?\b"  # after a day's one or two digits
_RANGE_EN = r"\s*(?:to|-|–|and)\s*"
_EVENT_DATES_EN = (
    re.compile(
        rf"\b(?P<m1>{_MONTH_EN})\.?\s+(?P<d1>\d{{1,2}}){_DAY_END}(?:,\s*(?P<y1>\d{{4}}))?"
        rf"(?:{_RANGE_EN}(?:(?P<m2>{_MONTH_EN})\.?\s+)?(?P<d2>\d{{1,2}}){_DAY_END}(?:,\s*(?P<y2>\d{{4}}))?)?"
    ),
    re.compile(  # day first; the lookahead: a month follows the first day or the range's second (12 to 14 September)
        rf"\b(?=\d{{1,2}}{_DAY_END}(?:\s+|{_RANGE_EN}\d{{1,2}}{_DAY_END}\s+)(?:{_MONTH_EN})\b)"
        rf"(?P<d1>\d{{1,2}}){_DAY_END}(?:\s+(?P<m1>{_MONTH_EN})\b\.?(?:,?\s+(?P<y1>\d{{4}})\b)?)?"
        rf"(?:{_RANGE_EN}(?P<d2>\d{{1,2}}){_DAY_END}\s+(?P<m2>{_MONTH_EN})\b\.?(?:,?\s+(?P<y2>\d{{4}})\b)?)?"
    ),
)
_EVENT_DATES_ZH = (
    _dates_zh(r"\d{4}", r"\d{1,2}", r"\d{1,2}"),  # 4月8日至15日, 9月12—14日, 11月27日至12月1日, 2023年9月12日
    _dates_zh(f"{_ZH_DIGIT}{{4}}", _ZH_MONTH, _ZH_NUMBER),  # 九月十二日至十四日, 二〇二三年九月十二日
)
# The patterns above by what every match of theirs holds: a month name's first three letters, or 月. A text is
# searched only with the patterns whose hint it holds (most paragraphs hold neither; tests/test_properties.py checks
# that the patterns find nothing in a text without their hint).
EVENT_DATES_BY_HINT = (
    (re.compile(trie_pattern({name[:3] for name in MONTHS_EN})), _EVENT_DATES_EN),
    (re.compile("月"), _EVENT_DATES_ZH),
)
EVENT_DATES = (*_EVENT_DATES_EN, *_EVENT_DATES_ZH)

# Dates editors write in metadata: a year, a month or a day.
EDITOR_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")

DATE_FORMATS = {
    ("en", "day"): "{month_name} {day}, {year}",
    ("en", "month"): "{month_name} {year}",
    ("en", "year"): "{year}",
    ("en", "unknown"): "Date unknown",
    ("zh", "day"): "{year}年{month}月{day}日",
    ("zh", "month"): "{year}年{month}月",
    ("zh", "year"): "{year}年",
    ("zh", "unknown"): "日期不详",
}
MONTH_NAMES_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# --- A portal's line of labelled fields and page tools, above or below the article:
#   发布时间:2024-04-24 10:03      来源:新吴区人民政府      选择阅读字号:[ ]
#   来源：青岛日报　　发布时间：2023-09-14 08:30　　【字号：大 中 小】
#   Source: Xinhua | 2023-09-14 10:22:05 | Editor: huaxia
#   By ZHANG SAN in Qingdao | chinadaily.com.cn | Updated: 2023-09-14 09:12
#   By Kim Min-ji  Published 2023.09.14. 15:20
#   (People's Daily Online) 14:32, September 14, 2023
#   2023年09月14日 08:30 星期四　来源：大众日报　作者：记者 王明
#   打印本页　关闭窗口
# A line is one only when it is made of nothing but PORTAL_ITEMs, in any order, with spaces or bars between them:
# "时间：9月20日 地点：青岛国际会议中心" (a schedule in the text) is not. What such a line gives:
# - a date under a publication label, or under a bare 时间/日期 or none at all beside another field or page tools,
#   or a date alone on its line: the publication date, the outlet (来源, Source, a web address) the publisher, the author the
#   author; the line is dropped;
# - without a date, two fields or more ("作者：王明　来源：青岛日报"): the credited outlet and the author; dropped;
# - page tools alone, or the page's editor and counters alone ((责任编辑：李四), 浏览次数：1024): chrome, dropped;
# - anything else (a lone "来源:无锡日报" is CREDITED_SOURCE_LINE's) stays.
PORTAL_LABELS = {
    "published": (
        "发布时间",
        "发布日期",
        "發布時間",
        "發佈時間",
        "發布日期",
        "發佈日期",
        "更新日期",
        "发稿时间",
        "发表时间",
        "更新时间",
        "Published",
        "Published on",
        "Updated",
        "Updated on",
        "Posted",
        "Posted on",
        "Release date",
        "Released",
        "Released on",
        "Last updated",
        "Last Updated",
        "Last updated on",
        "Last Updated on",
        "Date posted",
        "Date Posted",
        "Date published",
        "Date Published",
        "Publication date",
    ),
    "date": ("时间", "日期", "時間", "Date"),  # a date only beside another field
    "outlet": (
        "来源",
        "來源",
        "信息来源",
        "信息來源",
        "文章来源",
        "文章來源",
        "资料来源",
        "資料來源",
        "稿件来源",
        "稿源",
        "Source",
    ),
    "author": ("作者", "撰稿", "撰文", "記者", "记者", "Author"),
    # Read and dropped: the page's editor on duty and its counters.
    "other": (
        "编辑",
        "編輯",
        "责任编辑",
        "責任編輯",
        "浏览次数",
        "瀏覽次數",
        "点击数",
        "點擊數",
        "点击",
        "點擊",
        "点击量",
        "阅读次数",
        "阅读量",
        "访问量",
        "浏览量",
        "Editor",
    ),
}
_PORTAL_LABEL = trie_pattern(label for labels in PORTAL_LABELS.values() for label in labels)
# A page's counters, read and dropped like its "other" fields when a number follows, with or without a colon:
# "Hits: 1024", "Views 1,024", "阅读：1024", "浏览 1024次" ("Views: the two sides…", "阅读：《…》" are the text's).
COUNTERS = (
    "Hits",
    "Hit",
    "Views",
    "Page views",
    "Visits",
    "Clicks",
    "Reads",
    "Read count",
    "阅读",
    "閱讀",
    "浏览",
    "瀏覽",
)
# Page tools: printed as links beside the text, nothing of the article (a line of them alone goes: "分享到：微信
# 微博", "Print | Email | Share").
PORTAL_TOOLS = (
    "打印本页",
    "打印此页",
    "打印",
    "列印本頁",
    "列印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "關閉窗口",
    "關閉本頁",
    "關閉",
    "收藏本页",
    "加入收藏",
    "收藏",
    "返回顶部",
    "返回頂部",
    "分享到",
    "分享",
    "我要纠错",
    "纠错",
    "扫一扫在手机打开当前页",
    "微信",
    "朋友圈",
    "微博",
    "QQ空间",
    "QQ好友",
    "Print",
    "Close",
    "Share",
    "Email",
    "E-mail",
    "WeChat",
    "Weibo",
    "Facebook",
    "Twitter",
    "LinkedIn",
)
# A time of day as portals print it beside a date: 15:20, 09:12 PM, 17:30 JST, 10:00（北京时间）.
_TIME = (
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?"
    r"(?:\s*(?:JST|KST|CST|GMT|UTC|BJT|HKT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|\s*[(（]北京时间[)）])?"
)
_WEEKDAY_EN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_WEEKDAY_ZH = r"[(（]?(?:星期|周|礼拜|禮拜)[一二三四五六日天][)）]?"
# A date as portals print it: 2023-09-14, 2023/9/14, 2023.09.14(.), 2023年09月14日, Sep 14, 2023, 14 September 2023,
# 二〇二三年九月十四日, 14/09/2023 or 09/14/2023 (day or month first: a number over 12 tells which, or nothing does);
# maybe after a weekday or a time (Thursday, September 14, 2023; 14:32, September 14, 2023),
# maybe before a time and a weekday (2023年9月14日 08:30 星期四; Sept. 14, 2023 - 15:20).
PORTAL_DATE = re.compile(
    rf"(?:{_WEEKDAY_EN},?\s+|{_TIME},?\s+)?"
    rf"(?:(?P<year>\d{{4}})(?:[-/.]|年)(?P<month>\d{{1,2}})(?:[-/.]|月)(?P<day>\d{{1,2}})(?:日|\.(?!\d))?"
    rf"|(?P<month_name>{_MONTH_EN})\.?\s+(?P<day_of_month>\d{{1,2}})(?:,\s*|\s+)(?P<year_of_month>\d{{4}})"
    rf"|(?P<day_before_month>\d{{1,2}})\s+(?P<month_after_day>{_MONTH_EN})\.?,?\s+(?P<year_after_month>\d{{4}})"
    rf"|(?P<year_zh>{_ZH_DIGIT}{{4}})年(?P<month_zh>{_ZH_NUMBER})月(?P<day_zh>{_ZH_NUMBER})日"
    r"|(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year_last>\d{4}))"
    rf"(?:\s*{_WEEKDAY_ZH}|\s*[(（]{_WEEKDAY_EN}[)）]|\s*[-,]?\s*{_TIME})*"
)
_UNNAMED_DATE = _unnamed(PORTAL_DATE.pattern)  # to stand several times below
_PORTAL_BREAK = r"\s\u3000|｜丨"  # what stands between items: spaces (ideographic too) and bars
PORTAL_SEPARATOR = re.compile(f"(?:[{_PORTAL_BREAK}]|-(?=\\s))*")  # and a hyphen before a space: Share - WeChat
# One item, at the start of what is left of the line; the named group that matched says what it is. A label's
# value may be empty (浏览次数：, filled in by a script) and ends at the next label (来源：青岛日报发布时间：…, pasted
# without a space); a by-line's name and place are bounded, so that a paragraph starting "By …" is passed over fast.
_PORTAL_TOOL = trie_pattern(PORTAL_TOOLS)
# An outlet named by itself beside a date ("September 14, 2023 | Kyodo News"): capitalized words ending in one of
# these, or an agency's name alone.
OUTLET_WORDS_EN = ("News", "Daily", "Times", "Post", "Herald", "Press", "Online", "Agency", "Journal", "Network")
_OUTLET_NAMED = (
    r"[\u4e00-\u9fff]{1,10}?(?:网|網|报|報|社|台|新闻|新聞|客户端|客戶端|融媒)"  # 新华网, 青岛日报
    # the whole name: not "People's Daily" of "(People's Daily Online)"
    rf"|(?:(?:[A-Z][\w.'&-]*\s){{0,4}}(?:{trie_pattern(OUTLET_WORDS_EN)})"
    rf"|{trie_pattern(AGENCIES_EN)}(?:\s[A-Z][a-z]+)?)"  # Nikkei Asia
    r"(?![\w'&.-]|\s+[A-Z])"
)
# A line naming only an outlet, above the headline or just above or below the publication date's line, is the
# publisher's name: "The Korea Times" over the headline, "Kyodo" over "September 14, 2023". Stricter than a name
# beside a date on one line: a headline may end in 平台 or "Online".
OUTLET_ALONE = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:日报|日報|晚报|晚報|时报|時報|商报|商報|新闻网|新聞網|通讯社|通訊社|新闻社|新聞社|电视台|電視台)"
    r"|[\u4e00-\u9fff]{2,3}(?:网|網)|新华社|新華社"  # 人民网, 大众网
    rf"|(?:The\s)?(?:[A-Z][\w.'&-]*\s){{0,3}}(?:Daily|Times|Herald|Journal|Post|News|News Agency|Press)"
    rf"|{trie_pattern(AGENCIES_EN)}"
)
_AUTHOR_LABEL = trie_pattern(PORTAL_LABELS["author"])
_HAN_NAME = rf"(?!(?:{_PORTAL_LABEL})\s*[:：]|{_PORTAL_TOOL}){_ZH_NAME}(?![\u4e00-\u9fff·])"  # 王明, 通讯员
PORTAL_ITEM = re.compile(
    r"[【\[(（]?(?:"
    # Names, two or more, after an author's label: 作者：记者 王明, 记者：王明 李华.
    rf"(?:{_AUTHOR_LABEL})\s*[:：]\s*(?P<names>{_HAN_NAME}(?:[ \u3000]{_HAN_NAME})+)"
    # A publication date after its label, with a colon or without (Published 2023.09.14. 15:20), maybe then who
    # posted it (a blog's "Posted on September 14, 2023 by Kim Min-ji"; an account's name such as "admin" is no one's).
    rf"|(?P<stamp>{trie_pattern(PORTAL_LABELS['published'])})\s+(?P<stamp_date>{_UNNAMED_DATE})"
    rf"(?:\s+by\s+(?:(?P<poster>[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*){{0,3}})|[a-z][\w.-]*)(?=[{_PORTAL_BREAK}]|$))?"
    rf"|(?P<label>{_PORTAL_LABEL})\s*[:：]\s*(?:(?P<date>{_UNNAMED_DATE})"
    rf"|(?!{_PORTAL_LABEL}\s*[:：])(?P<value>[A-Za-z][\w.&'-]*(?:\s(?!{_PORTAL_LABEL}\s*[:：])[A-Za-z][\w.&'-]*)*"
    rf"|(?:(?!{_PORTAL_LABEL}\s*[:：])[^{_PORTAL_BREAK}【】\[\]:：。，；！？])+))?"
    # A date or a counter after its label without the colon: Date 2023.09.14 | Hit 1024 (the count must be a number).
    rf"|(?:{trie_pattern(PORTAL_LABELS['date'])})\s+(?P<dated>{_UNNAMED_DATE})"
    rf"|(?P<counter>{trie_pattern(COUNTERS)})\s*[:：]?\s*\d[\d,]*(?:\s*次)?(?![\w,])"
    rf"|(?P<bare_date>{_UNNAMED_DATE})"
    rf"|(?:Written\s+by|By)\s+(?P<by>[A-Z][A-Za-z .,'&-]{{0,60}}?)(?:\s+in\s+[A-Z][\w ]{{0,40}}?)?"
    rf"(?=\s*[|｜丨(（]|\s+{_PORTAL_LABEL}\b|$)"
    # An outlet in brackets: (People's Daily Online) 14:32, September 14, 2023.
    r"|[(（](?P<bracketed>[A-Z][A-Za-z.'& -]{1,40})[)）]"
    # An outlet named by itself beside the date: 2023-09-14 08:30 新华网, 青岛日报 2023年9月14日.
    rf"|(?P<named>{_OUTLET_NAMED})(?=[{_PORTAL_BREAK}]|$)"
    rf"|(?P<time>{_TIME})(?![\w:])"
    rf"|(?P<address>[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:cn|com|net|org))(?=[{_PORTAL_BREAK}]|$)"
    # 字号：大 中 小, 字体：【大 中 小】, 字号：[ 大 中 小 ], 选择阅读字号：[ ]
    r"|(?P<font>(?:选择阅读|選擇閱讀)?字[号號体體]\s*[:：]\s*"
    r"(?:\[\s*\]|(?P<sizes_in>[【\[])?\s*[大中小默认認](?:\s*[大中小默认認])*\s*(?(sizes_in)[】\]]))"
    r"|大\s*中\s*小)"
    rf"|(?P<tool>{_PORTAL_TOOL})[:：]?"
    r")[】\])）]?"
)

# --- Text shape.
# A line is a paragraph when it ends like a sentence; a short line that does not is a heading or a caption.
SENTENCE_END = re.compile(r"[.!?。！？…”\"’」』)）]\s*$")
CAPTION_MAX_CHARS = {"en": 120, "zh": 40}
# A section's name printed above a headline and its subtitle ("Business", "World News", "财经"): a word or two in
# English, four characters at most in Chinese.
SECTION_LABEL = {"en": re.compile(r"^[A-Z][\w&'-]*(?: [A-Z&][\w&'-]*)?$"), "zh": re.compile(r"^[\u4e00-\u9fff]{1,4}$")}
# A short line numbered as a section of the text is its heading, not a caption: 一、深化产业合作, （二）拓展人文交流.
SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])\s*\S")
TITLE_MAX_CHARS = {"en": 200, "zh": 80}
SUMMARY_MAX_CHARS = {"en": 200, "zh": 90}

# A block is Chinese when Han characters are at least this share of its Han + Latin letters.
HAN_SHARE_FOR_CHINESE = 0.25

# Inline pinyin readings pasted after Han characters: 進(jìn). The reading must be one of the syllables in
# data/pinyin_syllables.txt once its tone marks are removed, and carry a tone mark or be two letters or more,
# so an enumeration like "方案(a)" and an acronym like "(JETRO)" stay. (clean.strip_pinyin skips a line without '('.)
PINYIN_READING = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\((?P<reading>[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6})\)"
)

# ASCII punctuation that becomes full width in Chinese text when it touches a Han character or CJK punctuation.
FULL_WIDTH = {",": "，", ":": "：", ";": "；"}
CJK_PUNCTUATION = "，。、；：？！“”‘’《》（）【】「」『』…—"

# --- Metadata files.
META_KEYS = frozenset({"slug", "title", "date", "date_note", "event_year", "source", "tags", "notes"})
META_SOURCE_KEYS = frozenset({"publisher", "credited", "url"})
# The shape each metadata value must have: a type, or a mapping of language to text, or a list of ids.
META_SHAPES = {
    "slug": "text",
    "title": "languages",
    "date": "text",
    "date_note": "text",
    "event_year": "year",
    "source": "source",
    "tags": "tag_edits",
    "notes": "languages",
}
META_SHAPE_NAMES = {
    "text": "a single line of text",
    "year": "a four-digit year",
    "source": "a mapping with publisher, credited and url",
    "tag_edits": "a mapping with 'add' and 'remove' lists",
    "languages": "a mapping of 'en' and/or 'zh' to text",
}
TRANSLATION_KEYS = frozenset({"title", "subtitle", "translator", "source_hash"})
# A translation records which version of the original it translates: sha256 of the seed's non-blank lines.
SOURCE_HASH = re.compile(r"^sha256:[0-9a-f]{16}$")
# Values `make new` writes for editors to replace; the build refuses to publish them.
PLACEHOLDER = re.compile(r"^<editor:")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX_WORDS = 10

# --- Tag vocabulary.
TAG_KINDS = {
    "country": ("Countries", "国家"),
    "province": ("Provinces", "省份"),
    "city": ("Cities", "城市"),
    "district": ("Districts and zones", "区县与园区"),
    "organisation": ("Organisations", "机构"),
    "company": ("Companies", "企业"),
    "media": ("Media", "媒体"),
    "person": ("People", "人物"),
    "topic": ("Industries and topics", "产业与主题"),
    "event": ("Event types", "活动类型"),
}
# How tags are grouped for readers: several kinds read as one group.
TAG_GROUPS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "events": (("event",), {"en": "Event types", "zh": "活动类型"}),
    "places": (("country", "province", "city", "district"), {"en": "Places", "zh": "地点"}),
    "organisations": (("organisation", "company", "media"), {"en": "Organisations and companies", "zh": "机构与企业"}),
    "people": (("person",), {"en": "People", "zh": "人物"}),
    "topics": (("topic",), {"en": "Industries and topics", "zh": "产业与主题"}),
}
# Kinds the build never assigns from the text alone: media are credited, not written about.
TAG_KINDS_NOT_MATCHED = frozenset({"media"})

TAG_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_KEYS = frozenset({"id", "kind", "en", "zh", "aliases", "parent"})
TAG_ALIAS_LANGUAGES = frozenset({"en", "zh-Hans", "zh-Hant"})

# --- One Han character (CJK ideographs, extensions A and B, compatibility ideographs).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")

# --- Raw HTML blocks. The build writes long lists of links and the article text as HTML; a block starts with
# this comment and runs to the next blank line. scripts/mkdocs_hooks.py hands such blocks to Python-Markdown as
# they are, unparsed (its own HTML parser was most of MkDocs' time); without the hook they still render alike.
RAW_HTML_MARK = "<!-- html -->"

# --- Search (Pagefind). One search document per article, with the text in both languages (render.py:
# render_search_document); its address is the English page's, and assets/search.js sends a Chinese reader to
# the Chinese page. So a filter's name and values are bilingual: "Country · 国家" → "Japan · 日本"; "language" is
# the language the source published in.
SEARCH_FILTER_NAMES = {
    "language": "Original language · 原文语言",
    "year": "Year · 年份",
    "country": "Country · 国家",
    "city": "City · 城市",
}
SEARCH_FILTER_KINDS = ("country", "city")  # filters named after the tag kind they list
# Pagefind's indexer and the reader's browser cut Chinese into words with different dictionaries, so a name
# such as 文海生 is indexed as 文|海生 but searched as 文海|生 and not found. Names from the vocabulary are
# therefore also indexed one Han character at a time, and assets/search.js cuts them the same way in a query.
# Topics and event types are ordinary words both cut alike. Both use this pattern: one Han character, or a run of
# anything else but spaces.
SEARCH_UNNAMED_KINDS = frozenset({"topic", "event"})
SEARCH_NAME_PIECE = re.compile(rf"{HAN.pattern}|[^\s{HAN.pattern[1:-1]}]+")
# The ids of the headings before a search document's labels line and names line, which make them sub-results of
# their own in Pagefind: assets/search.js takes its excerpt from the text, else from the labels (same ids there).
SEARCH_LABELS_ID = "labels"
SEARCH_NAMES_ID = "names"
# --- Encodings a non-UTF-8 seed is most likely in, with the command that fixes it.
LEGACY_ENCODINGS = {
    "gb18030": "GBK/GB 18030 (Simplified Chinese)",
    "big5": "Big5 (Traditional Chinese)",
}
# --- Languages the archive does not publish, by the script that gives them away. The pages are English and
# Chinese, so a seed or translation written in one of these is refused: read as Chinese, Japanese text would be
# converted as if Traditional and called Chinese. A name or two in such a script inside an English or Chinese
# text (현대 in an English report) stays below the share. Japanese is told by its hiragana, which every sentence
# has (の, は, を, が) and Chinese never does; katakana is how Chinese reports write Japanese names (ニトリ).
_OTHER_SCRIPT_LETTERS = {
    "Japanese": r"\u3041-\u3096",  # hiragana
    "Korean": r"\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3",  # Hangul
}
OTHER_SCRIPTS = {language: re.compile(f"[{letters}]+") for language, letters in _OTHER_SCRIPT_LETTERS.items()}
# A letter of any of them, in one class: a file is searched once, and re scans a class far faster than it tries an
# alternation at every character (133 ms against 20 ms for 2,000 seeds).
OTHER_SCRIPT = re.compile(f"[{''.join(_OTHER_SCRIPT_LETTERS.values())}]")
OTHER_SCRIPT_SHARE = 0.1  # of the file's letters (Han, Latin and these)
