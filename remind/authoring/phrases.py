"""The time phrases of the plans, read: 6月底前, 每季度, 11月—12月, 次月5日前.

A phrase is read into one of the task list's schedules, or refused with the part that could
not be read — never guessed. The words of time are remind.authoring.grammar's. Pure: the plan's
year, today and the working-day calendar are arguments.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, timedelta

from remind.authoring.english import has_english, read_english
from remind.authoring.grammar import (
    SEASONS,
    UNREAD,
    Context,
    Count,
    Every,
    InPeriod,
    Lasting,
    Marker,
    NoTime,
    Phrase,
    Recurrence,
    Span,
    Start,
    Unreadable,
    When,
    compiled,
    month_number,
    normalize,
)
from remind.core.dates import add_months, last_of_month
from remind.core.model import (
    Day,
    Deadline,
    Freq,
    Limit,
    NextMonthDay,
    OnDay,
    Ongoing,
    OnLastDay,
    Window,
)
from remind.core.workdays import WEEKDAYS_ONLY, WorkCalendar, later
from remind.i18n import N_, _


def read(
    text: str,
    *,
    year: int,
    today: date,
    calendar: WorkCalendar = WEEKDAYS_ONLY,
    mend: bool = True,
    coming: bool = False,
) -> Phrase:
    """Read the time phrase in `text`: its schedule, the words read and the rest.

    `year` is the year of dates written without one; `today` the day 本月底, 下周五 and 今年
    count from. With `mend`, a day past its month's end is read as the month's last day and
    the phrase warns of it; without, it is refused. With `coming` (no year was given), a date
    typed in numerals or English (2.3, 7/15, June 30) that has passed is next year's.
    """
    text = _TYPED_BY.sub("", text)  # by 11/30: the numerals are the date
    if has_english(text):
        when = read_english(text, year=year, today=today, calendar=calendar)
        if coming and isinstance(when, Deadline) and when.due < today:
            when = read_english(text, year=year + 1, today=today, calendar=calendar)
        return Phrase(when, (text.strip(),), "")
    context = Context(year, today, calendar, mend, coming)
    if _STATISTIC.search(text) and not _DUE.search(text):
        raise NoTime(
            _("{phrase!r}: a figure of a period (同比增长…), not a time anything is due").format(
                phrase=_short(text)
            )
        )
    text = _RESTATED.sub(r"\g<exact>", _SEASON_GIVEN.sub(r"\g<exact>", text))
    text = _INCLUDED.sub("", text)
    found, pieces = _read_words(text, context)
    found = _days_beside_a_range(found)
    rest = "".join(p for p in pieces if isinstance(p, str))
    spans = _spans(found, text.strip())
    when = _combine(found, spans, text.strip())
    if mend and not coming and _past(when, year, found):  # a plan's words, not a day typed
        raise NoTime(
            _(
                "{phrase!r}: a time before {year}, the plan's year: what was, not what is due"
            ).format(phrase=_short(text), year=year)
        )
    if Marker("postpone") in (m for _, m in found):
        when = _postponed(when, context.calendar, text)
    if Marker("next-workday") in (m for _, m in found):  # 9月26日后第一个工作日
        if not isinstance(when, Deadline):
            raise Unreadable(
                _("{phrase!r}: the working day after what?").format(phrase=_short(text))
            )
        when = Deadline(context.calendar.add_workdays(when.due, 1))
    if isinstance(when, Limit) and (event := _event(pieces, found)):
        when = replace(when, after=event)
        rest = rest.replace(event, "", 1)
    whose = isinstance(when, Deadline) and len(spans) > 1  # 报送上半年工作总结
    if isinstance(when, Recurrence) or whose:  # 报送上月数据: 上月 stays in the duty's words
        rest = "".join(p if isinstance(p, str) else _data_period(found[p]) for p in pieces)
    words = tuple(w for w, _ in found)
    rest = re.sub(r"\(\)|（）", "", rest)  # 督促检查阶段(2025年11月—12月) leaves ()
    warnings = tuple(m.warning for _, m in found if isinstance(m, Span) and m.warning)
    return Phrase(when, words, rest.strip("，,；;。:： "), warnings)


def _past(when: When, year: int, found: list[tuple[str, object]]) -> bool:
    """A date or stretch wholly before the plan's year, said without 前, 内 or 起: 2024年全市
    空气质量优良天数比例达到88.5%, 2024年度考核结果为优秀 tell what was."""
    if not isinstance(when, Deadline | Window):
        return False
    marked = any(isinstance(m, Marker) and m.what in ("before", "within", "from", "to", "until")
                 for _, m in found)  # fmt: skip
    last = when.due if isinstance(when, Deadline) else when.end
    return not marked and last < date(year, 1, 1)


def _read_words(text: str, context: Context) -> tuple[list[tuple[str, object]], list[str | int]]:
    """The time words of `text` and its pieces (see _scan); refused when a word of time is
    left unread, or one that could change a date stands unread right before one."""
    normal = normalize(text)
    if long := re.search(r"\d{13,}", normal):  # no date or count has so many digits
        raise Unreadable(
            _("cannot read a number of {digits} digits in {phrase!r}").format(
                digits=len(long[0]), phrase=_short(text)
            )
        )
    try:
        found, pieces = _scan(normal, context)
    except (OverflowError, ValueError):  # 99999999天后: beyond any calendar
        raise Unreadable(
            _("{phrase!r} lies beyond the dates remind knows").format(phrase=_short(text))
        ) from None
    rest = "".join(p for p in pieces if isinstance(p, str))
    if leftover := re.search(UNREAD, rest) or _touching(pieces, found):
        raise Unreadable(
            _("cannot read {words!r} in {phrase!r}").format(words=leftover[0], phrase=_short(text))
        )
    return found, pieces


# Left unread right before a time word, these would change its date: the other end of a range
# or list (—6月底, 4、5月份), a digit, or a relative word the grammar did not take (下下周五).
_BEFORE_TIME = re.compile(
    r"(?:\d+[—~～\-至到、,，和及]?|[—~～-]|(?<!原则)(?<!\d)[上下本次今明去]+)$"
)


def _touching(pieces: list[str | int], found: list[tuple[str, object]]) -> list[str] | None:
    """The unread characters and the time word they stand right before, when they could
    change its date; None when there are none."""
    for at, piece in enumerate(pieces):
        if isinstance(piece, int) and not isinstance(found[piece][1], Marker):
            before, back = "", at - 1  # the unread characters since the last time word
            while back >= 0 and isinstance(pieces[back], str) and len(before) < 8:
                before, back = f"{pieces[back]}{before}", back - 1
            if touching := _BEFORE_TIME.search(before):
                return [touching[0] + found[piece][0]]
    return None


def _postponed(when: When, calendar: WorkCalendar, text: str) -> When:
    """（遇节假日顺延）: a deadline on a day off is the next working day; a rhythm's due dates
    move so (the task's shift = "after")."""
    if isinstance(when, Recurrence):
        return replace(when, shift="after")
    if not isinstance(when, Deadline):
        raise Unreadable(
            _("{phrase!r}: 顺延 is read for a due date or a rhythm only").format(
                phrase=_short(text)
            )
        )
    return Deadline(calendar.shift(when.due, "after"))


def _event(pieces: list[str | int], found: list[tuple[str, object]]) -> str:
    """The words of the event a limit counts from: those before 之日起 or 后, back to the
    clause's start or 自 (自收到交办件之日起10个工作日内: 收到交办件)."""
    for at, piece in enumerate(pieces):
        if isinstance(piece, int) and found[piece][1] == Marker("since"):
            words = ""
            for before in reversed(pieces[:at]):
                if not isinstance(before, str) or before in "，,；;。：:(（":
                    break
                words = before + words
            modal = list(
                re.finditer(
                    r"(?:应|须|要|需|请|务必)(?:在|于)|(?:在|于)(?=收到|接到)"
                    r"|(?<=[区市县局委办位门])(?:在|于)",  # 各区在通知印发后: 通知印发
                    words,
                )
            )
            if modal:
                words = words[modal[-1].end() :]  # 承办单位应在收到交办件: 收到交办件
            elif (verb := re.search(r"收到|接到", words)) and verb.start() > 0:
                words = words[verb.start() :]  # 被检查单位收到整改通知: 收到整改通知
            words = re.sub(r"^.*(?:自|从)(?=[^自从]+$)", "", words)  # 申请自受理: 受理
            return re.sub(r"^原则上", "", words)
    return ""


def _short(text: str) -> str:
    """The phrase as an error names it: at most 60 characters of it."""
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "…"


def _data_period(found: tuple[str, object]) -> str:
    """The time words a duty keeps: 上月 of 报送上月数据, 周 of 周例会, 上半年 of 7月10日前报送
    上半年工作总结."""
    words, meaning = found
    if isinstance(meaning, Every) and meaning.named:
        return words
    if isinstance(meaning, Span) and (meaning.from_today or meaning.period):
        return "" if meaning.single else words
    return ""


def _scan(text: str, context: Context) -> tuple[list[tuple[str, object]], list[str | int]]:
    """The time words of `text` in order, and the text as pieces: its characters, and the
    index in `found` of each time word where it stood.

    前, 内 and — are time words only right after one (6月底前, 年内; not 报送前, 区内).
    """
    found: list[tuple[str, object]] = []
    rest: list[str | int] = []
    at, last_end = 0, -1
    while at < len(text):
        for pattern, meaning in compiled():
            match = pattern.match(text, at)
            if not match or match.end() == at:
                continue
            read = meaning(match, context)
            if isinstance(read, Marker) and read.what in ("before", "within", "to", "from"):
                follows = last_end == at and not isinstance(found[-1][1], Marker)
                after_start = last_end == at and found[-1][1] == Marker("from")
                starts = match[0] != "—" and (at == 0 or not _HAN.match(text, at - 1))
                if read.what == "to" and starts and _UNTIL.match(text, match.end()):
                    read = Marker("until")  # 至2025年底, 到6月底前: the end of a stretch
                elif not (follows or (after_start and read.what == "to")):
                    continue
            rest.append(len(found))
            found.append((match[0], read))
            at = last_end = match.end()
            break
        else:
            rest.append(text[at])
            at += 1
    return found, rest


def _combine(
    found: list[tuple[str, object]], spans: list[tuple[str, Span | Window, str]], text: str
) -> When:
    """What the time words `found` (with their dates, `spans`) read as together."""
    meanings = [m for _, m in found]
    everies = [m for m in meanings if isinstance(m, Every)]
    in_period = [m for m in meanings if isinstance(m, InPeriod)]
    counts = [m for m in meanings if isinstance(m, Count)]
    lasting = [m for m in meanings if isinstance(m, Lasting)]
    limits = [m for m in meanings if isinstance(m, Limit)]
    if everies and all(e.named for e in everies) and not in_period and spans:
        everies = []  # 12月上旬召开年度总结大会: a date of the plan, not each year's 总结
    freqs = {e.freq for e in everies}
    seasonal = len(freqs) == 2 and Freq.YEAR in freqs and min(f.months for f in freqs) <= 1
    if seasonal:  # 每年5月至10月每月: the shorter rhythm, in those months of each year
        everies = [e for e in everies if e.freq is not Freq.YEAR]
    elif len(freqs) > 1:
        rhythms = "、".join(_words(found, Every))
        raise Unreadable(
            _("{phrase!r} names several rhythms ({rhythms})").format(phrase=text, rhythms=rhythms)
        )
    for (words, meaning), after in zip(found, meanings[1:], strict=False):
        if after == Marker("from") and isinstance(meaning, InPeriod):
            raise Unreadable(
                _(
                    "{phrase!r}: work that starts on {words!r} of each period is a window in each, "
                    "which remind does not read yet"
                ).format(phrase=text, words=words)
            )
    alone = in_period[0].alone if len(in_period) == 1 else None
    whose = [s for s in spans if isinstance(s[1], Span) and s[1].period and not s[2]]
    if alone and not (everies or counts) and len(whose) == len(spans):  # 报送全年工作总结
        return Deadline(alone)  # 次年1月15日前, with no rhythm named
    if limits and (everies or in_period or counts):
        raise Unreadable(
            _("{phrase!r} mixes a time limit with a rhythm; write one of them").format(phrase=text)
        )
    if lasting and not (everies or in_period):
        raise Unreadable(_("{phrase!r}: how long, but no rhythm (每月?)").format(phrase=text))
    if everies or in_period or counts:
        rhythm = _recurrence(everies, in_period, counts, spans, found, text, seasonal=seasonal)
        return _lasting(rhythm, lasting, text)
    if limits:
        if spans or len(limits) > 1:
            raise Unreadable(
                _("{phrase!r} mixes a time limit with dates; write one of them").format(phrase=text)
            )
        return limits[0]
    if len(spans) > 1 and (due := _the_due_date(spans)):
        return _single(*due, text)  # 7月15日前报送上半年工作总结: 上半年 is the work's
    if len(spans) > 1:
        listed = "、".join(w for w, _, _ in spans)
        raise Unreadable(
            _("{phrase!r} has several dates ({dates}): a task has one; split it").format(
                phrase=text, dates=listed
            )
        )
    vague = any(isinstance(m, Marker) and m.what in ("vague", "rate") for m in meanings)
    if spans and vague and len(spans) == 1 and spans[0][0] in ALL_YEAR:
        return Ongoing()  # 全年常态化开展明察暗访: all year, all the time; due on no day
    if spans:
        return _single(*spans[0], text)
    if vague:
        return Ongoing()
    raise NoTime(_("no date or rhythm in {phrase!r}").format(phrase=text))


def _the_due_date(
    spans: list[tuple[str, Span | Window, str]],
) -> tuple[str, Span | Window, str] | None:
    """Of several dates, the one due, when the others are periods named without 前 or 内 (上半年,
    本周, 本年度; a stretch after it, 1—5月): those say whose work it is. None when that is not
    so."""
    due = [s for s in spans if isinstance(s[1], Span) and (s[1].single or s[2])]
    if len(due) != 1:
        return None
    after = spans[spans.index(due[0]) + 1 :]  # 6月30日前完成1—5月数据核查: the data's months
    named = [s for s in spans if isinstance(s[1], Span) and s[1].period and not s[2]]
    named += [s for s in after if isinstance(s[1], Window) and not s[2]]
    return due[0] if len(due) + len(named) == len(spans) else None


def _words(found: list[tuple[str, object]], kind: type) -> list[str]:
    return [w for w, m in found if isinstance(m, kind)]


def _days_beside_a_range(found: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """次年1月10日 at an end of a range or a start (12月20日至次年1月10日, 自次年1月1日起) is
    that day, not a day of each year."""
    ends = (Marker("to"), Marker("until"), Marker("from"))
    days = list(found)
    for at, (words, meaning) in enumerate(found):
        if not (isinstance(meaning, InPeriod) and meaning.alone):
            continue
        before = found[at - 1][1] if at else None
        after = found[at + 1][1] if at + 1 < len(found) else None
        if before in ends or after in ends:
            days[at] = (words, Span(meaning.alone, meaning.alone, single=True))
    return days


def _spans(found: list[tuple[str, object]], text: str) -> list[tuple[str, Span | Window, str]]:
    """The dates of the phrase, each with the marker after it; A—B and 从A开始至B joined into
    one window; a start with no end (自9月1日起) marked "from", an end with no start (至2025年底)
    marked "until"."""
    spans: list[tuple[str, Span | Window, str]] = []
    items = list(found)
    i = 0
    while i < len(items):
        words, meaning = items[i]
        after = items[i + 1] if i + 1 < len(items) else None
        if meaning == Marker("until") and after and isinstance(after[1], Span):
            spans.append((after[0], after[1], "until"))
            i += 2
            continue
        if isinstance(meaning, Span):
            marker = ""
            nxt = items[i + 1][1] if i + 1 < len(items) else None
            if nxt == Marker("from"):
                i += 1
                nxt = items[i + 1][1] if i + 1 < len(items) else None
                if nxt not in (Marker("to"), Marker("until")):
                    spans.append((words, meaning, "from"))
                    i += 1
                    continue
            if isinstance(nxt, Marker) and nxt.what in ("to", "until"):
                last_words, last = items[i + 2] if i + 2 < len(items) else ("", None)
                if not isinstance(last, Span):
                    raise Unreadable(
                        _("{phrase!r}: a range from {first!r} to what?").format(
                            phrase=text, first=words
                        )
                    )
                end = _range_end(meaning, last, last_words)
                if end < meaning.start:
                    raise Unreadable(
                        _("{phrase!r}: {last!r} comes before {first!r}").format(
                            phrase=text, last=last_words, first=words
                        )
                    )
                spans.append((f"{words}—{last_words}", Window(meaning.start, end), ""))
                i += 3
                continue
            if isinstance(nxt, Marker) and nxt.what in ("before", "within"):
                marker = nxt.what
                i += 1
            spans.append((words, meaning, marker))
        i += 1
    return spans


def _range_end(first: Span, last: Span, words: str) -> date:
    """The end of A—B. B in a year of its own (2026年, 次年) is in that year; a yearless B is in
    A's year (2025年11月—12月), or the next one when it would come before A and the stretch is
    at most half a year (11月—1月)."""
    if re.match(r"\d{4}|[次明后]年", words):  # 10月至次年4月: B says its year
        return last.end
    end = _in_year(last.end, first.start.year)
    if end >= first.start:
        return end
    crossing = _in_year(last.end, first.start.year + 1)  # 11月15日至3月15日: the winter
    if last.start.month == first.start.month or crossing > add_months(first.start, 6):
        return end  # 10月8日-6日, 3月15日至2月10日: reversed, refused by the caller
    return crossing


def _in_year(day: date, year: int) -> date:
    """The same day of the month in another year; a month's last day stays its last day."""
    if day == last_of_month(day.year, day.month):
        return last_of_month(year, day.month)
    return day.replace(year=year)


def _single(words: str, span: Span | Window, marker: str, text: str) -> When:
    if isinstance(span, Window):
        return span
    if marker == "from":
        return Start(span.start)
    if marker == "until":  # 到2026年6月: by its end
        return Deadline(span.end)
    if span.single:
        return Deadline(span.start)
    if marker == "within" or (marker == "before" and re.search(r"[上中下]旬$", words)):
        return Deadline(span.end)  # 11月中旬前完成: by the 20th, as the plans mean it
    if marker == "before":
        raise Unreadable(
            _(
                "{words}前 in {phrase!r} may mean before {words} begins or by its end: "
                "write {words}底前, or the day"
            ).format(words=words, phrase=text)
        )
    return Window(span.start, span.end)


def _recurrence(
    everies: list[Every],
    in_period: list[InPeriod],
    counts: list[Count],
    spans: list[tuple[str, Span | Window, str]],
    found: list[tuple[str, object]],
    text: str,
    *,
    seasonal: bool = False,
) -> Recurrence:
    """The rhythm of a phrase, with its day, bounds, count, and with `seasonal` (每年 beside a
    shorter rhythm) the months of each year it runs in; a yearly rhythm given a stretch shorter
    than two years runs in that stretch each year (每年4月1日到9月30日)."""
    named = [e.freq for e in everies] or [p.every for p in in_period if p.every]
    if not named and counts and spans and all(words in ALL_YEAR for words, _, _ in spans):
        named, spans = [Freq.YEAR], []  # 全年开展不少于12次: so many times in each year
    if not named:
        raise Unreadable(
            _("{phrase!r} gives a count or a day of each period, but no period (每月?)").format(
                phrase=text
            )
        )
    every = named[0]
    said_day: tuple[Day, int | None] | None = None
    if every is Freq.YEAR and (ends := _ends_of_periods(spans)):  # 每年6月底、12月底前
        every, said_day = ends
        spans = [s for s in spans if not (isinstance(s[1], Span) and s[1].single)]
    if len(counts) > 1:
        listed = "、".join(_words(found, Count))
        raise Unreadable(
            _("{phrase!r} gives several counts ({counts})").format(phrase=text, counts=listed)
        )
    day: Day = OnLastDay()
    month: int | None = None
    if said_day:  # 每年6月25日、12月25日前: the 25th of each half's sixth month
        day, month = said_day
    for part in in_period:
        day = part.day or day
        month = part.month or month
    start = until = None
    opens = season = None
    spans = _without_data_periods(spans, found, in_period)
    for words, span, marker in spans:
        if marker == "from" and start is None:
            start = span.start  # 自三季度起每季度末, 下周起每周五: from the first period it is in
            continue
        if marker == "until" and until is None:
            until = span.end  # 至2025年底，每月5日前: up to that day
            continue
        if isinstance(span, Span) and span.from_today and not span.single:
            continue  # 每月5日前报送上月数据: 上月 is whose data, not when
        if isinstance(span, Span) and span.single:
            if every is not Freq.YEAR or month is not None:
                raise Unreadable(
                    _(
                        "{phrase!r}: {words!r} is one day, not a day of each period (每月5日, 月底)"
                    ).format(phrase=text, words=words)
                )
            month, day = span.start.month, _day_said(span.start, words)  # 每年6月30日, 3月底
            if re.search(r"年(?:底|末|内)$", words):
                month, day = None, OnLastDay()  # 每年年底
        elif seasonal and season in (None, (span.start.month, span.end.month)):
            season = span.start.month, span.end.month  # 每年5月至10月每月; 汛期（5—9月）
        elif every is Freq.YEAR and opens is None and _within_a_year(span):
            month, day = span.end.month, _day_said(span.end, words)  # 每年7月: in July
            opens = span.start.month, span.start.day  # 每年4月1日到9月30日: a window
        elif start is None:
            _check_bounds(span, every, words, text)
            start, until = span.start, span.end  # 4月—10月每月, 2025年每季度: when it runs
        else:
            raise Unreadable(
                _("{phrase!r} bounds its rhythm twice ({words!r})").format(phrase=text, words=words)
            )
    if every in (Freq.WEEK, Freq.TEN_DAYS) and isinstance(day, NextMonthDay):
        raise Unreadable(
            _("{phrase!r}: a day of the next month does not fit a weekly or 旬 rhythm").format(
                phrase=text
            )
        )
    if month is not None and every.months < 3:
        raise Unreadable(
            _("{phrase!r}: a month within each period needs a quarter, half or year").format(
                phrase=text
            )
        )
    count = counts[0].n if counts else 1
    return Recurrence(every, day, month, count, start, until, opens, season)


def _without_data_periods(
    spans: list[tuple[str, Span | Window, str]],
    found: list[tuple[str, object]],
    in_period: list[InPeriod],
) -> list[tuple[str, Span | Window, str]]:
    """Without the periods named after a rhythm that has its day: 全年 of 每年1月20日前报送全年
    统计数据 is whose data, while 下半年 of 下半年每月25日前 bounds the rhythm."""
    singles = any(isinstance(s, Span) and s.single for _, s, _ in spans)
    if not (singles or any(p.day for p in in_period)):
        return spans
    first = next(i for i, (_, m) in enumerate(found) if isinstance(m, Every | InPeriod | Count))
    later = [m for _, m in found[first + 1 :]]

    def data(span: Span | Window, marker: str) -> bool:
        return (
            isinstance(span, Span) and span.period and not marker and any(span is m for m in later)
        )

    return [(w, s, m) for w, s, m in spans if not data(s, m)]


def _lasting(rhythm: Recurrence, lasting: list[Lasting], text: str) -> Recurrence:
    """The rhythm ending when 连续3个月 or 共4次 says: counted from its start, which it must
    have (自7月起每月…，连续3个月)."""
    if not lasting:
        return rhythm
    if len(lasting) > 1 or rhythm.start is None or rhythm.until is not None:
        why = _(
            "{phrase!r}: how long it runs needs one start and no end: write 自7月起…，连续3个月"
        )
        raise Unreadable(why.format(phrase=text))
    n, unit = lasting[0].n, lasting[0].unit
    if unit == "time":
        months, weeks = rhythm.every.months, 1 if rhythm.every is Freq.WEEK else 0
        unit = "week" if weeks else "month"
        if not (months or weeks):
            raise Unreadable(_("{phrase!r}: cannot count a 旬 rhythm's times").format(phrase=text))
        n *= months or weeks
    start = rhythm.start
    if unit == "week":
        monday = start - timedelta(days=start.weekday())
        return replace(rhythm, until=monday + timedelta(weeks=n, days=-1))
    months = n * {"month": 1, "quarter": 3, "year": 12}[unit]
    return replace(rhythm, until=add_months(start.replace(day=1), months) - timedelta(days=1))


def _ends_of_periods(
    spans: list[tuple[str, Span | Window, str]],
) -> tuple[Freq, tuple[Day, int | None]] | None:
    """Half or Quarter, with its day, when the days each year names are the same day of each
    half's (6月底、12月底; 6月25日、12月25日) or each quarter's month (3月、6月、9月、12月底);
    None for one day, or days that are no rhythm's."""
    days = [s.start for _, s, m in spans if isinstance(s, Span) and s.single and m != "from"]
    if len(days) < 2:
        return None
    months = tuple(sorted({d.month for d in days}))
    every = {2: Freq.HALF, 4: Freq.QUARTER}.get(len(months))
    if every is None or len(months) != len(days):
        return None
    step = every.months
    if any(b - a != step for a, b in itertools.pairwise(months)):
        return None
    if all(d == last_of_month(d.year, d.month) for d in days):
        in_period = (months[0] - 1) % step + 1
        return every, (OnLastDay(), None if in_period == step else in_period)
    if len({d.day for d in days}) != 1 or days[0].day > 28:
        return None
    return every, (OnDay(days[0].day), (months[0] - 1) % step + 1)


def _day_said(day: date, words: str) -> Day:
    """A day of a yearly rhythm as its words say it: 30日 is day 30, 9月底 or 9月 the last."""
    return OnDay(day.day) if re.search(r"[日号]$", words) else OnLastDay()


def _within_a_year(span: Span | Window) -> bool:
    """A stretch a year can hold each year: 4月1日至9月30日, 11月15日至次年3月15日, 三季度."""
    return span.end < add_months(span.start, 12)


def _check_bounds(span: Span | Window, every: Freq, words: str, text: str) -> None:
    """Bounds span at least two periods; 每年一季度 names a time within each year, not bounds."""
    months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
    if every.months and months < 2 * every.months:
        raise Unreadable(
            _(
                "{phrase!r}: {words!r} reads as a time within each period, which remind cannot "
                "tell apart from bounds; give the day of each period (每年3月31日前)"
            ).format(phrase=text, words=words)
        )


# 汛期前（5月底前）, 年底前（12月20日前）: a date in brackets that restates the time words just
# before it, more exactly; the brackets' date is the one meant
# 汛期（6月1日—9月30日）: a season whose dates the plan gives; those are the ones meant
_SEASON_GIVEN = re.compile(
    rf"(?:{'|'.join(sorted(SEASONS, key=len, reverse=True))})"
    r"\s*[（(]\s*(?P<exact>[^（）()]*\d[^（）()]*)[)）]"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TYPED_BY = re.compile(r"^\s*(?:by|before|on|due)\s+(?=[\d.\-/]+\s*$)", re.IGNORECASE)
_UNTIL = re.compile(r"\d{4}年|\d{1,2}月|[今本明次]年")  # what follows a 至 that ends a stretch
_RESTATED = re.compile(
    r"[\u4e00-\u9fff]{1,4}[前后内]\s*[（(]\s*(?P<exact>[^（）()]*\d[^（）()]*[前内底末])\s*[)）]"
)

ALL_YEAR = ("全年", "全年度", "年内", "今年内", "本年度", "年度内", "全年内")  # the year as a frame

# 1—5月全市固定资产投资同比增长4.2%: a figure a period reached, said where no duty is due
_STATISTIC = re.compile(
    r"(?:同比|环比|比上年|较上年|比去年)[^,。;]{0,4}?(?:增长|下降|提高|减少|回落|增加)"
)
_DUE = re.compile(r"前(?![一二三四两0-9])|以内|之内|内完成|内报送|底|每[年月季周]|起")


_INCLUDED = re.compile(r"[（(]\s*含(?:当日|当天)?\s*\d[^（）()]*[)）]")  # 6月底前（含6月30日）


def read_day(
    text: str, *, today: date, calendar: WorkCalendar = WEEKDAYS_ONLY, past: bool = False
) -> date:
    """One day, as a clerk types it: 2025-06-20, 6月20日, 6.30, 下周五, 本月底, 国庆节前, next friday.

    A yearless date is in today's year; with `past` (the day something was done), in the year
    before when today's year would put it after today: 12月20日 typed on 5 January is the
    December just gone. Words the grammar does not know go to dateparser, and only when they
    hold no Chinese words of time: its reading of those is not trusted.
    """
    day = _read_day(text, today=today, calendar=calendar)
    if past and day > today:
        try:
            earlier = _read_day(text, today=today, calendar=calendar, year=today.year - 1)
        except Unreadable:  # read by dateparser: it takes no year of ours
            return day
        if earlier != day and earlier <= today:  # the year was not given: the past one is meant
            return earlier
    return day


_NOT_ONE_DAY = {  # by kind_of: what a phrase that is not one day reads as
    "window": N_("{text!r} is not one day (a window); give a day such as 2025-06-30"),
    "recurring": N_("{text!r} is not one day (a recurring); give a day such as 2025-06-30"),
    "none": N_("{text!r} is not one day (a none); give a day such as 2025-06-30"),
}


def _read_day(text: str, *, today: date, calendar: WorkCalendar, year: int | None = None) -> date:
    # a day typed is not mended: the clerk is there to type it again
    phrase = read(text, year=year or today.year, today=today, calendar=calendar, mend=False)
    when = phrase.when
    if phrase.rest:
        raise Unreadable(
            _("expected only a date, but {text!r} also says {rest!r}").format(
                text=text, rest=phrase.rest
            )
        )
    if isinstance(when, Deadline):
        return when.due
    if isinstance(when, Limit):
        return _from_today(when, today, calendar)
    raise Unreadable(_(_NOT_ONE_DAY[kind_of(when)]).format(text=text))


def read_month(
    text: str, *, today: date, calendar: WorkCalendar = WEEKDAYS_ONLY
) -> tuple[int, int]:
    """A month as a clerk names it: 2025-06, 2025年6月, 6月 (this year), 下月, 本月."""
    if found := re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text):
        return int(found[1]), month_number(int(found[2]), text.strip())
    phrase = read(text, year=today.year, today=today, calendar=calendar)
    match phrase.when:
        case Window(start, end) if (start.year, start.month) == (end.year, end.month):
            pass
        case Deadline(start):
            pass
        case _:
            raise Unreadable(
                _("expected a month like 2025-06 or 2025年6月, got {text!r}").format(text=text)
            )
    if phrase.rest:
        raise Unreadable(
            _("expected only a month, but {text!r} also says {rest!r}").format(
                text=text, rest=phrase.rest
            )
        )
    return start.year, start.month


def kind_of(when: When) -> str:
    match when:
        case Deadline():
            return "deadline"
        case Window() | Start():  # a start is a window with no end yet
            return "window"
        case Recurrence():
            return "recurring"
        case Limit():
            return "relative"
    return "none"


# ---------------------------------------------------------------- as task list fields


def day_field(day: Day) -> int | str:
    """The `day` of a recurring task: 5, "last" or "next:5"."""
    match day:
        case OnDay(n):
            return n
        case NextMonthDay(n):
            return f"next:{n}"
    return "last"


def task_fields(when: When, *, today: date, calendar: WorkCalendar) -> dict[str, object]:
    """The schedule fields of a [[tasks]] table for what a phrase reads as. A time limit counts
    from today, unless its words name the event it counts from: then it is a limit whose date
    comes when the day of the event is written (`received`)."""
    match when:
        case Deadline(due):
            return {"due": due}
        case Window(start, end):
            return {"start": start, "end": end}
        case Recurrence() as rule:
            fields: dict[str, object] = {"every": rule.every.value, "day": day_field(rule.day)}
            optional = {"month": rule.month, "from": rule.start, "until": rule.until,
                        "opens": rule.opens and f"{rule.opens[0]:02d}-{rule.opens[1]:02d}",
                        "season": rule.season and list(rule.season),
                        "shift": rule.shift or None}  # fmt: skip
            fields |= {key: value for key, value in optional.items() if value is not None}
            if rule.count_min > 1:
                fields["count_min"] = rule.count_min
            return fields
        case Limit(n, unit, event) if event:  # its date comes when the event's day is known
            return {"within": n, "counting": f"{unit}s", "after": event}
        case Limit() as limit:
            return {"due": _from_today(limit, today, calendar)}
        case Start(start):
            raise Unreadable(
                _(
                    "the work starts on {start} but the phrase gives no day it is due: give the "
                    "end (至8月底) or the due date"
                ).format(start=start.isoformat())
            )
    return {"ongoing": True}


def _from_today(limit: Limit, today: date, calendar: WorkCalendar) -> date:
    """A limit's last day counted from today — never for a limit counted from another event."""
    if limit.after:
        raise Unreadable(
            _(
                "a limit counted from {event!r} has no date until that day is known; give the "
                "due date"
            ).format(event=limit.after)
        )
    return later(today, limit.n, limit.unit, calendar)
