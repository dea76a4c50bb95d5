"""Dates and times as Japanese, Chinese and Korean announcements write them.

Data and patterns only; the date rule lives in :mod:`.dates`, the time rule
in :mod:`.times`, both reading these.

- dates: ``2024年3月8日（金）``, ``11月23日(火・祝)``, ``2024년 3월 8일 (금)``,
  ``9月18日（周日）``, ``3月8日 星期五``; the year is optional, full-width digits
  are digits;
- times: ``14時30分``, ``午後2時``, ``下午3点半``, ``晚上八点到九点``, ``오후 3시 30분``,
  ``15시``, with Chinese numerals; a day-part word (``午後``, ``下午``, ``晚上``,
  ``오후``) is the afternoon or evening, ``午前``/``上午``/``오전`` the morning;
  ``1時間`` and ``2시간`` are durations, not times.

>>> cjk_number("二十三"), cjk_number("十"), cjk_number("两"), cjk_number("１４")
(23, 10, 2, 14)
>>> day_part("晚上"), day_part("오전"), day_part(None)
('pm', 'am', None)
"""

from __future__ import annotations

import unicodedata

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip

#: A number as these dates and times write it: digits (ASCII or full width)
#: or Chinese numerals up to 59 (``十五``, ``二十三``, ``三十``).
NUMBER = r"(?:\d{1,2}|[零〇一二两兩三四五六七八九十]{1,3})"

#: Day-part words before a time, and the half of the day they name.
_PARTS = {
    # Japanese
    "午前": "am", "午後": "pm", "朝": "am", "夜": "pm", "夕方": "pm",
    # Chinese
    "上午": "am", "早上": "am", "早晨": "am", "凌晨": "am", "下午": "pm", "中午": "pm",
    "晚上": "pm", "傍晚": "pm", "晚": "pm",
    # Korean
    "오전": "am", "아침": "am", "오후": "pm", "저녁": "pm", "밤": "pm", "낮": "pm",
}  # fmt: skip
DAY_PART = "(?:" + "|".join(sorted(_PARTS, key=len, reverse=True)) + ")"

#: Weekdays as written in parentheses after a date (0 = Monday): ``（金）``,
#: ``(火・祝)``, ``（周日）``, ``(星期五)``, ``(금)``, ``(금요일)``.
_WEEKDAY_CHARS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_CHINESE_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_KOREAN_WEEKDAY = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
WEEKDAY = r"(?:[月火水木金土日](?:曜日?)?|(?:周|週|星期|礼拜|禮拜)[一二三四五六日天]|[월화수목금토일](?:요일)?)"

#: ``2024年3月8日（金）`` / ``2024년 3월 8일 (금)`` / ``3月8日 星期五``.
DATE = (
    r"(?:(?P<y>\d{4})[ \t]?[年년][ \t]?)?(?P<m>\d{1,2})[ \t]?[月월][ \t]?"
    r"(?P<d>\d{1,2})[ \t]?[日일号號](?![간])"
    rf"(?:[ \t]{{0,2}}(?:[（(][ \t]?(?P<wd>{WEEKDAY})(?:[・･、,/][ \t]?[祝休]日?)?[ \t]?[）)]"
    rf"|(?P<wd2>(?:周|週|星期|礼拜|禮拜)[一二三四五六日天]|[월화수목금토일]요일)))?"
)

_HOUR_MARK = r"(?:[時时点點](?!間|间)|시(?!간))"
_MINUTES = rf"(?:[ \t]?(?P<MIN>{NUMBER})[ \t]?[分분]|(?P<HALF>半|반)|(?P<MM>\d\d)(?![\d分]))"
_ONE = (
    rf"(?:(?P<P>{DAY_PART})[ \t]?)?(?<![第\d.])(?P<H>{NUMBER})[ \t]?{_HOUR_MARK}[ \t]?"
    rf"(?:{_MINUTES})?"
)
#: ``午後2時30分``, ``晚上八点到九点``, ``오후 3시~5시``, ``14時〜16時``.
TIME = (
    _ONE.replace("MIN", "m").replace("HALF", "half").replace("MM", "mm").replace("P>", "p>")
    .replace("H>", "h>")
    + r"(?:[ \t]{0,2}(?:到|至|~|〜|～|-|–|—|부터|から)[ \t]{0,2}"
    + _ONE.replace("MIN", "m2").replace("HALF", "half2").replace("MM", "mm2")
    .replace("P>", "p2>").replace("H>", "h2>")
    + r")?"
)  # fmt: skip

#: Characters without which neither pattern can match (a cheap gate).
DATE_GATE = ("月", "월")
TIME_GATE = ("時", "时", "点", "點", "시")


def cjk_number(s: str) -> int | None:
    """The value of ``s`` (digits of any width, or Chinese numerals up to 99)."""
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _DIGITS.get(tens, -1) if tens else 1
        o = _DIGITS.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    if len(s) == 1 and s in _DIGITS:
        return _DIGITS[s]
    return None


def day_part(word: str | None) -> str | None:
    """``"am"`` or ``"pm"`` for a day-part word, else ``None``."""
    return _PARTS.get(word) if word else None


def weekday(word: str | None) -> int | None:
    """The weekday (0 = Monday) of ``金``, ``周日``, ``星期五``, ``금요일``."""
    if not word:
        return None
    if word[0] in _KOREAN_WEEKDAY:
        return _KOREAN_WEEKDAY[word[0]]
    if word[0] in _WEEKDAY_CHARS and not word.startswith(("周", "週")):
        return _WEEKDAY_CHARS[word[0]]
    return _CHINESE_WEEKDAY.get(word[-1])
