"""People as Japanese, Chinese and Korean announcements name them.

A name is two to five Han characters (``李明``, ``山田太郎``, ``山田 太郎``), kana
(``ジョン・スミス``) or two to five Hangul syllables (``김민수``); a title follows it
(``教授``, ``氏``, ``先生``, ``교수``: the ``name_suffixes`` of :mod:`seminorm.lang`), never
precedes it, and is no part of it; the institution comes before the name (``北京大学李明教授``,
``東京大学の山田太郎氏``, ``서울대학교 김민수 교수``) or after it in parentheses
(``山田 太郎（東京大学）``).

- :func:`parse_cjk_people` reads a speaker slot (``講演者：…``, ``报告人：…``, ``연사: …``);
- :func:`find_cjk_speakers` reads running text: a titled name in a sentence that speaks of
  a talk (``talk_words``: ``講演``, ``主讲``, ``강연``).

>>> parse_cjk_people("李明 教授（北京大学）")
[Speaker(name='李明', affiliation='北京大学')]
>>> parse_cjk_people("서울대학교 김민수 교수")
[Speaker(name='김민수', affiliation='서울대학교')]
>>> find_cjk_speakers("本次讲座由北京大学李明教授主讲。")
[Speaker(name='李明', affiliation='北京大学')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from seminorm.model import Speaker
from seminorm.patterns import LazyPattern

#: A character of a CJK name: Han, kana (with ``・`` and ``ー``), Hangul.
_NAME_CHARS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb\uac00-\ud7a3"
)
CJK = LazyPattern(f"[{_NAME_CHARS}]")
_HANGUL = LazyPattern(r"^[\uac00-\ud7a3]+$")
_KANA = LazyPattern(r"[\u3041-\u3096\u30a1-\u30fa]")
#: Full-width punctuation as ASCII (``（東京大学）`` → ``(東京大学)``).
FULL_WIDTH = str.maketrans(
    {"（": "(", "）": ")", "，": ",", "、": ",", "；": ";", "／": "/", "　": " ", "：": ":"}
)
_PARTS = LazyPattern(r"\s*[,;/]\s*(?![^()]*\))")
_PAREN = LazyPattern(r"^(.*?)\s*\(([^()]{2,80})\)\s*(.*)$")
#: Words that join the institution to the name, or introduce it (``の``, ``的``, ``由``).
_JOINERS = "の的由请請邀到"


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a Han, kana or Hangul character."""
    return not text.isascii() and CJK.search(text) is not None


@cache
def _words(table: str) -> tuple[str, ...]:
    from ..lang import merged

    return tuple(sorted(merged(table), key=len, reverse=True))


def cjk_name(s: str) -> bool:
    """Whether ``s`` is a CJK name (see the module docstring).

    >>> cjk_name("李明"), cjk_name("山田 太郎"), cjk_name("김민수"), cjk_name("北京大学")
    (True, True, True, False)
    """
    parts = s.split()
    if not 1 <= len(parts) <= 2:
        return False
    joined = "".join(parts)
    if not joined or not all(CJK.match(c) for c in joined):
        return False
    if any(e in joined for e in _words("org_endings")) or any(
        joined.endswith(w) for w in _words("name_suffixes")
    ):
        return False
    if any(w in joined for w in _words("talk_words")):
        return False
    if _HANGUL.match(joined):
        return 2 <= len(joined) <= 5
    if _KANA.search(joined):
        return 2 <= len(joined) <= 12
    return 2 <= len(joined) <= 5


def _strip_title(s: str) -> tuple[str, bool]:
    """``s`` without the title that ends it, and whether it had one."""
    s = s.strip()
    for w in _words("name_suffixes"):
        if s.endswith(w) and len(s) > len(w):
            return s[: -len(w)].strip(), True
    return s, False


def _split_org(s: str) -> tuple[str | None, str]:
    """The institution written before a name, and the name: ``北京大学李明`` → (``北京大学``,
    ``李明``); ``東京大学の山田太郎`` → (``東京大学``, ``山田太郎``)."""
    s = s.strip()
    words = s.split()
    if (len(words) >= 2 and not cjk_name(" ".join(words[-2:]))) or len(words) >= 3:
        org = re.split(f"[{_JOINERS}]", words[-2])[-1].strip()
        if any(e in org for e in _words("org_endings")):
            return org, words[-1]
        return None, s
    best = -1
    for e in _words("org_endings"):
        at = s.rfind(e)
        if at >= 0 and at + len(e) > best:
            best = at + len(e)
    cut = max(best, max((s.rfind(j) + 1 for j in _JOINERS), default=0))
    if 0 < cut < len(s):
        org = re.split(f"[{_JOINERS}にはが ]", s[:cut].rstrip(_JOINERS + " "))[-1]
        return (org if best > 0 and len(org) >= 2 else None), s[cut:].strip()
    return None, s


def _person(part: str, strict: bool) -> Speaker | None:
    aff = None
    m = _PAREN.match(part)
    if m:
        part, aff = f"{m.group(1)} {m.group(3)}".strip(), m.group(2).strip()
    name, titled = _strip_title(part)
    org, name = _split_org(name)
    name, again = _strip_title(name)
    titled = titled or again
    if not cjk_name(name):
        return None
    if strict and not (titled or aff or org):
        return None
    return Speaker(name=name, affiliation=aff or org)


def parse_cjk_people(text: str, strict: bool = False) -> list[Speaker]:
    """The people of a speaker slot written with CJK names (``李明 教授（北京大学）``,
    ``山田太郎氏、鈴木花子氏``); ``strict``: only names with a title or an institution (a line
    that is not known to be a slot)."""
    t = " ".join(text.translate(FULL_WIDTH).split())
    if not t or len(t) > 300:
        return []
    out: list[Speaker] = []
    for part in _PARTS.split(t):
        p = _person(part, strict)
        if p is not None and all(q.name != p.name for q in out):
            out.append(p)
    return out


def _titled_name() -> str:
    from ..lang import alternation

    suffixes = alternation(tuple(re.escape(w) for w in _words("name_suffixes")))
    return (
        rf"([{_NAME_CHARS}][{_NAME_CHARS} ]{{1,30}}?)[ ]?(?:{suffixes})(?:[ ]?\(([^()]{{2,60}})\))?"
    )


_TITLED_NAME = LazyPattern(_titled_name)
_SENTENCE = LazyPattern(r"[。！？!?\n]")


def find_cjk_speakers(text: str) -> list[Speaker]:
    """The titled names of running text whose sentence speaks of a talk, in order."""
    if not has_cjk(text):
        return []
    t = text[:20000].translate(FULL_WIDTH)
    talk = _words("talk_words")
    out: list[Speaker] = []
    ends = [e.start() for e in _SENTENCE.finditer(t)]  # the sentences' ends, found once
    speaks: dict[int, bool] = {}  # a sentence (its index) speaks of a talk
    for m in _TITLED_NAME.finditer(t):
        if len(out) >= 10:
            break
        k = bisect_left(ends, m.end())  # the sentence holding the name
        if k not in speaks:
            start = ends[k - 1] if k else -1
            sentence = t[start + 1 : ends[k] if k < len(ends) else len(t)]
            speaks[k] = any(w in sentence for w in talk)
        if not speaks[k]:
            continue
        head = m.group(1)
        # the run before the title may hold the sentence's words: keep its last clause
        head = re.split(r"[,:;「」『』《》\"“”]", head)[-1]
        org, name = _split_org(head)
        if not cjk_name(name) and len(name) > 3 and not _HANGUL.match(name):
            name = name[-3:]  # ``…将邀请李明``: a Chinese name is mostly three characters
        if cjk_name(name) and all(q.name != name for q in out):
            out.append(Speaker(name=name, affiliation=(m.group(2) or org or None)))
    return out
