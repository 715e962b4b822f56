"""Parse a seed's lines into what the source says: headings, publication line, credits and body pieces."""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from . import clean, rules
from .model import EventDate, Line, Problem


@dataclass(frozen=True)
class Piece:
    """One body line of a seed: its kind, language ('en' or 'zh') and cleaned text."""

    kind: str
    lang: str
    text: str
    line: int
    hant: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class StatedDate:
    """A publication date read off a line of the seed: ISO 'YYYY-MM-DD' and the line it came from."""

    iso: str
    line: int


@dataclass
class ParsedSeed:
    """Everything the seed itself says, before editors' metadata and translations are added."""

    rel: str
    headings: dict[str, list[Piece]] = field(default_factory=dict)
    pieces: list[Piece] = field(default_factory=list)
    published: StatedDate | None = None
    publisher: str | None = None
    credited: dict[str, str] = field(default_factory=dict)  # page language → outlet name as written
    author: str | None = None
    outlet_lines: dict[str, int] = field(default_factory=dict)  # outlet name as written → its line
    traditional: bool = False
    events: list[EventDate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Kept apart: an impossible date in the seed stops mattering once editors supply the right one.
    date_problems: list[Problem] = field(default_factory=list)
    # Lines that are no text of the page: the web page's own, and those only metadata was read from (make new lists
    # them, for an editor to check that none is the article's).
    left_out: list[Line] = field(default_factory=list)

    @property
    def languages(self) -> tuple[str, ...]:
        """The body's source languages in order of first appearance, with the Chinese script named."""
        seen: list[str] = []
        for piece in self.pieces:  # the body: a headline alone does not make a language version
            lang = piece.lang if piece.lang == "en" else ("zh-Hant" if self.traditional else "zh-Hans")
            if lang not in seen:
                seen.append(lang)
        return tuple(seen)


def parse_seed(rel: str, lines: tuple[Line, ...]) -> ParsedSeed:
    """Read a seed's lines in order, dropping chrome and lifting metadata lines out of the text."""
    seed = ParsedSeed(rel)
    chinese = "".join(line.text for line in lines if clean.is_chinese(line.text))
    seed.traditional = bool(chinese) and clean.is_traditional(clean.strip_pinyin(chinese))
    pending_url: str | None = None
    related = False  # in the page's list of other articles (rules.RELATED_HEADING)
    header = _page_header_lines(seed, lines)
    seed.left_out += lines[:header]
    for line in lines[header:]:
        text = clean.collapse_spaces(line.text)
        heading = rules.RELATED_HEADING.match(text) is not None
        # Under 相关新闻 or a link to another page (上一篇：…), a line is the page's unless it is a paragraph.
        aside = (related or rules.PAGE_LINKS.match(text)) and _kind_of(seed, text) != "paragraph"
        if heading or aside or not _read_text_line(seed, text, line.number):
            seed.left_out.append(line)
            related = related or heading
            continue
        related = False
        if match := rules.ATTACHMENT_LINK.match(text):
            pending_url = match["url"]
            continue
        if match := rules.ATTACHMENT_CAPTION.match(text):
            seed.pieces.append(_piece(seed, "attachment", match["caption"], line.number, pending_url))
            pending_url = None
            continue
        seed.pieces.append(_piece(seed, _kind_of(seed, clean.strip_pinyin(text)), text, line.number))
    _join_leads(seed)
    _lift_headings(seed, below_masthead=_outlet_line(seed))
    _read_credits(seed)
    seed.events = list(_read_event_dates(seed))
    if not seed.pieces:
        first = lines[0].number if lines else 1
        seed.problems.append(
            Problem(rel, first, "seed must contain at least one paragraph of article text, found none")
        )
    return seed


def _read_text_line(seed: ParsedSeed, text: str, number: int) -> bool:
    """False for a line that is no text of the page: chrome, or a line metadata is read from (into `seed`); True
    for the article's own."""
    if any(pattern.search(text) for pattern in rules.CHROME_LINES):
        return False
    if _read_publication_line(seed, text, number) or _read_portal_line(seed, text, number):
        return False
    if (match := rules.BYLINE.match(text)) and seed.author is None:
        name = match["author"] or match["writer"] or match["staff"]
        if rules.OUTLET_ALONE.fullmatch(name):
            _credit(seed, "en", name, number)
        else:
            seed.author = name
        return False
    if seed.author is not None and rules.BYLINE_MORE.match(text):
        return False
    if match := rules.CREDITED_SOURCE_LINE.match(text):
        _credit(seed, "zh" if clean.is_chinese(text) else "en", match["outlet"], number)
        return False
    return True


def _page_header_lines(seed: ParsedSeed, lines: tuple[Line, ...]) -> int:
    """How many lines at the top are the page's header, above its first breadcrumb (rules.BREADCRUMBS): none when
    there is no breadcrumb or a paragraph stands above it."""
    for index, line in enumerate(lines):
        text = clean.collapse_spaces(line.text)
        if any(pattern.search(text) for pattern in rules.BREADCRUMBS):
            return index
        if _kind_of(seed, text) == "paragraph":
            return 0
    return 0


def _piece(seed: ParsedSeed, kind: str, text: str, number: int, url: str | None = None) -> Piece:
    """Clean a line by its language; a Traditional line keeps its cleaned original beside the Simplified text."""
    if not clean.is_chinese(text):
        return Piece(kind, "en", clean.clean_english(text), number, url=url)
    cleaned = clean.clean_chinese(text)
    if seed.traditional:
        return Piece(kind, "zh", clean.to_simplified(cleaned), number, hant=cleaned, url=url)
    return Piece(kind, "zh", cleaned, number, url=url)


def _kind_of(seed: ParsedSeed, text: str) -> str:
    """A paragraph ends like a sentence or is long; a short line that does not is a caption (or, before the first
    paragraph, the title or subtitle), or a section's heading when numbered as one (rules.SECTION_HEADING). A
    Chinese dateline or paper's lead with nothing after it is a lead (_join_leads)."""
    lang = "zh" if clean.is_chinese(text) else "en"
    if (
        lang == "zh"
        and len(text) <= rules.TITLE_MAX_CHARS["zh"]
        and (lead := wire_dateline(text, "zh"))
        and lead.end() == len(text.rstrip())
    ):
        return "lead"  # 【环球时报综合报道】 or 新华社济南9月14日电（记者 王明） alone on its line: see _join_leads
    if ends_sentence(text):
        return "paragraph"
    limit = rules.CAPTION_MAX_CHARS[lang] if seed.pieces else rules.TITLE_MAX_CHARS[lang]
    if len(text) > limit:
        return "paragraph"
    return "heading" if seed.pieces and rules.SECTION_HEADING.match(text) else "caption"


def _join_leads(seed: ParsedSeed) -> None:
    """A dateline or a paper's lead printed alone on its line starts the Chinese paragraph under it, as it does where
    the paper prints it: it is no headline. With no such paragraph under it, it is a paragraph of its own."""
    joined: list[Piece] = []
    for piece in seed.pieces:
        lead = joined[-1] if joined and joined[-1].kind == "lead" else None
        if lead and piece.kind == "paragraph" and piece.lang == "zh":
            hant = lead.hant + piece.hant if lead.hant is not None and piece.hant is not None else None
            joined[-1] = replace(piece, text=lead.text + piece.text, line=lead.line, hant=hant)
        else:
            joined.append(piece)
    seed.pieces = [replace(piece, kind="paragraph") if piece.kind == "lead" else piece for piece in joined]


def ends_sentence(text: str) -> bool:
    """rules.SENTENCE_END.search(text), tried where it can only match: at the last character before trailing space
    (re would try every punctuation mark of a paragraph)."""
    stripped = text.rstrip()
    return bool(stripped) and rules.SENTENCE_END.match(stripped, len(stripped) - 1) is not None


def _outlet_line(seed: ParsedSeed) -> bool:
    """The publisher from a line above the first paragraph that names only an outlet (rules.OUTLET_ALONE): the
    masthead above the headline ("The Korea Times"), or a line just above or below the publication date's. The line
    is then the page's, not the title or the subtitle. True when it was the masthead."""
    if seed.publisher is not None:
        return False
    leading = list(itertools.takewhile(lambda piece: piece.kind == "caption", seed.pieces))
    for index, piece in enumerate(leading):
        beside_date = seed.published is not None and abs(piece.line - seed.published.line) == 1
        masthead = index == 0 and len(leading) > 1
        written = piece.hant or piece.text
        if (beside_date or masthead) and rules.OUTLET_ALONE.fullmatch(written):
            del seed.pieces[index]
            seed.left_out.append(Line(piece.line, written))
            _publisher(seed, written, piece.line)
            return masthead
    return False


def _lift_headings(seed: ParsedSeed, below_masthead: bool = False) -> None:
    """Captions before the first paragraph are the headline and subtitle, one pair per language. A language whose
    text follows the other's whole (an English release, then the Chinese one) has its own: the captions its text
    starts with, before its first paragraph. A section's name above them (Business, 财经) is the page's, and goes:
    it stands above two captions, or above one under the outlet's masthead (`below_masthead`)."""
    above = 1 if below_masthead else 2  # how many captions a section's name stands above
    top = seed.pieces[: above + 1]
    if (
        len(top) == above + 1
        and {piece.kind for piece in top} == {"caption"}
        and len({piece.lang for piece in top}) == 1
        and rules.SECTION_LABEL[top[0].lang].match(top[0].text)
    ):
        label = seed.pieces.pop(0)
        seed.left_out.append(Line(label.line, label.text))
    while seed.pieces and seed.pieces[0].kind == "caption":
        piece = seed.pieces[0]
        if len(seed.headings.get(piece.lang, [])) == 2:
            break
        seed.headings.setdefault(piece.lang, []).append(piece)
        seed.pieces.pop(0)
    for lang in sorted({piece.lang for piece in seed.pieces} - set(seed.headings)):
        own = [piece for piece in seed.pieces if piece.lang == lang]
        leading = list(itertools.takewhile(lambda piece: piece.kind == "caption", own))[:2]
        if leading and len(own) > len(leading) and own[len(leading)].kind == "paragraph":
            seed.headings[lang] = leading
            seed.pieces = [piece for piece in seed.pieces if all(piece is not lifted for lifted in leading)]


def _read_publication_line(seed: ParsedSeed, text: str, number: int) -> bool:
    """Take the date and outlet from a portal's timestamp line; True if the line was one."""
    for pattern in rules.PUBLICATION_LINES:
        if match := pattern.match(text):
            groups = match.groupdict()
            if groups.get("dmy"):
                day, month, year = groups["dmy"].split(".")
                stated, written = f"{year}-{month}-{day}", groups["dmy"]
            elif groups.get("roc"):
                stated = f"{int(groups['roc']) + rules.ROC_YEAR_ZERO}-{groups['month']}-{groups['day']}"
                written = text[match.start("roc") :]
            else:
                stated = written = groups["date"]
            _record_published(seed, stated, number, written)
            if groups.get("outlet"):
                _publisher(seed, groups["outlet"], number)
            return True
    return False


# What each label of rules.PORTAL_LABELS is, by the label.
_PORTAL_LABEL_KINDS = {label: kind for kind, labels in rules.PORTAL_LABELS.items() for label in labels}


def portal_items(text: str) -> list[tuple[str, str]] | None:
    """A line of a portal's labelled fields and page tools as (kind, value) pairs, kind one of rules.PORTAL_LABELS'
    keys (a web address is an outlet, "By …" an author), "bare date" or "tool" (a field left empty is one too);
    None when anything else is on the line (see rules.PORTAL_ITEM)."""
    items: list[tuple[str, str]] = []
    position = rules.PORTAL_SEPARATOR.match(text).end()
    while position < len(text):
        match = rules.PORTAL_ITEM.match(text, position)
        if match is None or match.end() == position:
            return None
        if match["names"]:
            items.append(("author", match["names"]))
        elif match["stamp"]:
            items.append(("published", match["stamp_date"]))
            if match["poster"]:
                items.append(("author", match["poster"]))
        elif match["label"]:
            kind = _PORTAL_LABEL_KINDS[match["label"]]
            if kind in ("published", "date") and not match["date"]:
                return None  # 时间：9月20日 is the text's, not the page's
            value = match["date"] or match["value"]
            items.append((kind, value) if value else ("tool", match[0]))
        elif match["dated"]:
            items.append(("date", match["dated"]))
        elif match["counter"]:
            items.append(("other", match[0]))
        elif match["bare_date"]:
            items.append(("bare date", match["bare_date"]))
        elif match["by"]:
            name = match["by"].strip()
            items.append(("outlet" if rules.OUTLET_ALONE.fullmatch(name) else "author", name))  # By Global Times
        elif match["address"] or match["bracketed"] or match["named"]:
            items.append(("outlet", match["address"] or match["bracketed"] or match["named"]))
        elif match["time"]:
            items.append(("time", match["time"]))
        else:
            items.append(("tool", match[0]))
        position = rules.PORTAL_SEPARATOR.match(text, match.end()).end()
    return items


def _read_portal_line(seed: ParsedSeed, text: str, number: int) -> bool:
    """Read a portal's line of fields, or drop its page tools (rules.PORTAL_ITEM); True if the line was one."""
    items = portal_items(text) if rules.PORTAL_ITEM.match(text) else None  # most lines fail at their start
    if not items:
        return False
    kinds = [kind for kind, _ in items]
    fields = [kind for kind in kinds if kind not in ("tool", "published", "date", "bare date", "time")]
    tools = "tool" in kinds
    # A date under a publication label, beside another field or page tools, or alone on its line (as a portal
    # prints it under the title); "日期：2023-09-20" alone is a line of the text.
    stamped = (
        "published" in kinds
        or (("date" in kinds or "bare date" in kinds) and (fields or tools))
        or ("bare date" in kinds and set(kinds) <= {"bare date", "time"})
    )
    if not (stamped or len(fields) >= 2 or all(kind in ("tool", "other") for kind in kinds)):
        return False  # one field alone: a closing "来源:无锡日报" is CREDITED_SOURCE_LINE's, "日期：…" the text's
    values = dict(reversed(items))  # the first of each kind
    if stamped:
        written = values.get("published") or values.get("date") or values["bare date"]
        _record_published(seed, portal_date(written), number, written)
        if "outlet" in values:
            _publisher(seed, values["outlet"], number)
    elif "outlet" in values:
        _credit(seed, "zh" if clean.is_chinese(values["outlet"]) else "en", values["outlet"], number)
    if "author" in values and seed.author is None:
        seed.author = values["author"]
    return True


def portal_date(written: str) -> str | None:
    """The date a rules.PORTAL_DATE starting `written` gives, as year-month-day ("2023-9-14"); None when it may be
    read day first or month first (09/10/2023: 9 October, or September 10)."""
    date = rules.PORTAL_DATE.match(written)
    if date["year_last"]:
        first, second = int(date["first"]), int(date["second"])
        if first != second and first <= 12 and second <= 12:
            return None
        day, month = (first, second) if first > 12 else (second, first)
        return f"{date['year_last']}-{month}-{day}"
    if date["month_name"]:
        return f"{date['year_of_month']}-{rules.MONTHS_EN[date['month_name']]}-{date['day_of_month']}"
    if date["month_after_day"]:
        return f"{date['year_after_month']}-{rules.MONTHS_EN[date['month_after_day']]}-{date['day_before_month']}"
    if date["year_zh"]:
        return f"{_number(date['year_zh'])}-{_number(date['month_zh'])}-{_number(date['day_zh'])}"
    return f"{date['year']}-{date['month']}-{date['day']}"


def _number(value: str) -> int:
    """A matched day, month or year: digits (14, 2023) or Chinese numerals (十四, 二〇二三)."""
    if value.isascii():
        return int(value)
    if len(value) == 4:  # a year: a numeral per digit
        return int("".join(str(rules.ZH_DIGITS[digit]) for digit in value))
    return _zh_number(value)


def _zh_number(written: str) -> int:
    """一 to 三十九 (rules._ZH_NUMBER) as a number: 九 9, 十 10, 十四 14, 二十 20, 三十一 31."""
    tens, ten, units = written.rpartition("十")
    if not ten:
        return rules.ZH_DIGITS[units]
    return 10 * (rules.ZH_DIGITS[tens] if tens else 1) + (rules.ZH_DIGITS[units] if units else 0)


def _record_published(seed: ParsedSeed, stated: str | None, number: int, written: str) -> None:
    """Record the publication date `stated` as year-month-day (`written`: as the seed gives it), unless one was;
    None: a date that may be read day first or month first."""
    if stated is None:
        seed.date_problems.append(
            Problem(
                seed.rel,
                number,
                f"publication date must tell its day from its month (give date: YYYY-MM-DD in the metadata), {written!r}",
            )
        )
        return
    year, month, day = (int(part) for part in stated.split("-"))
    if not valid_date(year, month, day):
        seed.date_problems.append(
            Problem(seed.rel, number, f"publication date must be a real calendar date, {written!r}")
        )
        return
    if seed.published is None:
        seed.published = StatedDate(f"{year:04d}-{month:02d}-{day:02d}", number)


def valid_date(year: int, month: int, day: int) -> bool:
    """True for a date that exists on the calendar (2024-02-29 yes, 2024-02-30 no)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1] and year >= 1


def _read_credits(seed: ParsedSeed) -> None:
    """Read '(Source: …)', '(来源:…)', '(文/…)' and a wire dateline; the text keeps them."""
    for piece in seed.pieces:
        if piece.text.rstrip().endswith(rules.CREDIT_LINE_ENDS):
            for pattern in rules.CREDITED_SOURCE_INLINE:
                if match := pattern.search(piece.text):
                    _credit(seed, piece.lang, match["outlet"], piece.line)
        original = piece.hant or piece.text
        if original.rstrip().endswith(rules.CREDIT_LINE_ENDS):
            for pattern in rules.AUTHOR_INLINE:
                if (match := pattern.search(original)) and seed.author is None:
                    seed.author = match["author"].strip()
        if piece.lang == "zh" and (match := wire_dateline(piece.text, "zh")):
            lead = match.groupdict()
            if lead["outlet"] and lead.get("per"):
                _credit(seed, "zh", lead["outlet"], piece.line)
            elif lead["outlet"]:
                _publisher(seed, lead["outlet"], piece.line)
            if lead.get("year") and seed.published is None:
                _record_published(seed, f"{lead['year']}-{lead['month']}-{lead['day']}", piece.line, match[0])
            named = "author" if lead["author"] else "reporters" if lead.get("reporters") else None
            if named and seed.author is None:
                seed.author = _as_written(piece, match, named).strip()
        if piece.lang == "en" and (match := wire_dateline(piece.text)):
            outlet = match["outlet"].strip()
            _publisher(seed, rules.WIRE_OUTLETS.get(outlet, outlet), piece.line)
            month_name, day, *year = re.split(r"[.,\s]+", match["date"].strip())
            month = rules.MONTHS_EN.get(month_name)
            if month and year and seed.published is None:
                _record_published(seed, f"{year[0]}-{month}-{day}", piece.line, match["date"])


def _as_written(piece: Piece, match: re.Match[str], group: str) -> str:
    """What a group matched in a Chinese piece's Simplified text, as the seed writes it: a Traditional name stays
    Traditional. Where the conversion changed the text's length the two no longer line up, and it is the Simplified."""
    if piece.hant is not None and len(piece.hant) == len(piece.text):
        return piece.hant[match.start(group) : match.end(group)]
    return match[group]


def wire_dateline(text: str, lang: str = "en") -> re.Match[str] | None:
    """The wire dateline or lead (rules.WIRE_DATELINES, ZH_LEADS) a paragraph in `lang` starts with, if any."""
    patterns = rules.ZH_LEADS if lang == "zh" else rules.WIRE_DATELINES
    return next((match for pattern in patterns if (match := pattern.match(text))), None)


def _publisher(seed: ParsedSeed, outlet: str, number: int) -> None:
    """Record the outlet that published the text, and where the seed names it, unless one was."""
    if seed.publisher is None:
        seed.publisher = outlet
        seed.outlet_lines.setdefault(outlet, number)


def _credit(seed: ParsedSeed, lang: str, outlet: str, number: int) -> None:
    """Record the first outlet the text credits in each language, and where."""
    if lang not in seed.credited:
        seed.credited[lang] = outlet.strip()
        seed.outlet_lines.setdefault(outlet.strip(), number)


def _read_event_dates(seed: ParsedSeed) -> Iterator[EventDate]:
    """Yield each distinct month-day date or range the body states, year left for later."""
    seen: set[tuple[str, str | None]] = set()
    for piece in seed.pieces:
        text = piece.text
        if dateline := wire_dateline(text, piece.lang):
            text = text[dateline.end() :]  # the dateline is the release date, not an event
        patterns = [pattern for hint, some in rules.EVENT_DATES_BY_HINT if hint.search(text) for pattern in some]
        matches = (match for pattern in patterns for match in pattern.finditer(text))
        for match in sorted(matches, key=lambda match: match.start()):  # as the text gives them, whichever pattern
            event = _event_from_match(match)
            if event is None:
                seed.problems.append(
                    Problem(
                        seed.rel, piece.line, f"event date must be a real calendar date, {match[0]!r}", warning=True
                    )
                )
            elif (event.start, event.end) not in seen:
                seen.add((event.start, event.end))
                yield event


def _month(value: str | None) -> int | None:
    """A matched month: digits (9月), Chinese numerals (九月) or an English name (Sept.), whichever language the line
    is in ("双方于Sep 14, 2023签约" is Chinese)."""
    if value is None:
        return None
    return rules.MONTHS_EN[value] if value in rules.MONTHS_EN else _number(value)


def _event_from_match(match: re.Match[str]) -> EventDate | None:
    """Turn a matched date or range into '--MM-DD' (or 'YYYY-MM-DD' when the text gives the year)."""
    groups = match.groupdict()
    m1 = _month(groups["m1"]) or _month(groups["m2"])  # 12 to 14 September: the month once, after the range
    m2 = _month(groups["m2"]) or m1
    d1, d2 = _number(groups["d1"]), _number(groups["d2"] or groups["d1"])
    written_year = groups["y1"] or groups.get("y2")
    year = _number(written_year) if written_year else None
    check_year = year or 2000  # a leap year, so 29 February stays possible
    if not (m1 and valid_date(check_year, m1, d1) and m2 and valid_date(check_year, m2, d2)):
        return None
    end = f"--{m2:02d}-{d2:02d}" if groups["d2"] else None
    event = EventDate(match[0].strip(), f"--{m1:02d}-{d1:02d}", end, None)
    if not year:
        return event
    return resolve_event_year(event, year, "source") or event  # without a year if it makes a day impossible


def resolve_event_year(event: EventDate, year: int, origin: str) -> EventDate | None:
    """Give a year-less event date the year editors or the publication date supply; None when that year makes it
    a day that does not exist (2月29日 in 2023)."""
    if not event.start.startswith("--"):
        return event
    end_year = year + 1 if event.end and event.end < event.start else year  # across New Year: 12月30日至1月2日
    days = ((year, event.start), (end_year, event.end)) if event.end else ((year, event.start),)
    if not all(valid_date(in_year, int(day[2:4]), int(day[5:7])) for in_year, day in days):
        return None
    end = f"{end_year}{event.end[1:]}" if event.end else None
    return EventDate(event.stated, f"{year}{event.start[1:]}", end, origin)  # type: ignore[arg-type]


def is_before(event: EventDate, published: date) -> bool:
    """True when a year-less event's month and day fall on or before the publication's in the same year."""
    return event.start[2:] <= published.strftime("%m-%d")
