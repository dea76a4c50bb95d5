"""Dates and times as Japanese, Chinese and Korean announcements write them.

Patterns only; the words (day parts, weekdays after a date) are the
``ja``, ``zh`` and ``ko`` modules of :mod:`seminorm.lang`. The date rule lives
in :mod:`.dates`, the time rule in :mod:`.times`, both reading these.

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

import re
import unicodedata
from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip

#: A number as these dates and times write it: digits (ASCII or full width)
#: or Chinese numerals up to 59 (``十五``, ``二十三``, ``三十``).
NUMBER = r"(?:\d{1,2}|[零〇一二两兩三四五六七八九十]{1,3})"


@lru_cache(maxsize=1)
def _parts() -> dict[str, str]:
    """Day-part words before a time -> ``"am"``/``"pm"`` (the ``day_parts`` of :mod:`seminorm.lang`)."""
    from ..lang import merged_mapping

    return {str(k): str(v) for k, v in merged_mapping("day_parts").items()}


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    """Weekdays written after a date (the ``bracket_weekdays`` of :mod:`seminorm.lang`)."""
    from ..lang import merged_mapping

    return {str(k): int(str(v)) for k, v in merged_mapping("bracket_weekdays").items()}


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def day_part_re() -> str:
    """The day-part words as an alternation."""
    return _alt(list(_parts()))


def weekday_re() -> str:
    """Weekdays after a date: ``金``/``金曜日``, ``周日``, ``星期五``, ``금``/``금요일``."""
    return _alt(list(_weekdays())) + "(?:曜日?)?"


def _long_weekday_re() -> str:
    """The weekdays that stand without parentheses (``星期五``, ``금요일``): two characters or more."""
    return _alt([w for w in _weekdays() if len(w) >= 2])


#: ``2024年3月8日（金）`` / ``2024년 3월 8일 (금)`` / ``3月8日 星期五``.
def date_re() -> str:
    """``2024年3月8日（金）`` / ``2024년 3월 8일 (금)`` / ``3月8日 星期五``."""
    return (
        r"(?:(?P<y>\d{4})[ \t]?[年년][ \t]?)?(?P<m>\d{1,2})[ \t]?[月월][ \t]?"
        r"(?P<d>\d{1,2})[ \t]?[日일号號](?![간])"
        rf"(?:[ \t]{{0,2}}(?:[（(][ \t]?(?P<wd>{weekday_re()})(?:[・･、,/][ \t]?[祝休]日?)?[ \t]?[）)]"
        rf"|(?P<wd2>{_long_weekday_re()})))?"
    )


_HOUR_MARK = r"(?:[時时点點](?!間|间)|시(?!간))"
_MINUTES = rf"(?:[ \t]?(?P<MIN>{NUMBER})[ \t]?[分분]|(?P<HALF>半|반)|(?P<MM>\d\d)(?![\d分]))"


def time_re() -> str:
    """``午後2時30分``, ``晚上八点到九点``, ``오후 3시~5시``, ``14時〜16時``."""
    one = (
        rf"(?:(?P<P>{day_part_re()})[ \t]?)?(?<![第\d.])(?P<H>{NUMBER})[ \t]?{_HOUR_MARK}[ \t]?"
        rf"(?:{_MINUTES})?"
    )
    return (
        one.replace("MIN", "m").replace("HALF", "half").replace("MM", "mm").replace("P>", "p>")
        .replace("H>", "h>")
        + r"(?:[ \t]{0,2}(?:到|至|~|〜|～|-|–|—|부터|から)[ \t]{0,2}"
        + one.replace("MIN", "m2").replace("HALF", "half2").replace("MM", "mm2")
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
    return _parts().get(word) if word else None


def weekday(word: str | None) -> int | None:
    """The weekday (0 = Monday) of ``金``, ``金曜日``, ``周日``, ``星期五``, ``금요일``."""
    if not word:
        return None
    table = _weekdays()
    return table.get(word, table.get(word.removesuffix("曜日").removesuffix("曜")))
