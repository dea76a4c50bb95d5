"""Speakers named in running text: :func:`find_speaker_in_prose`.

Cues (``a talk by``, ``Vortrag von``), weak cues (``with Dr. …``), verbs
(``… will speak``) and footnoted lists of names, each read in a bounded
window; host, chair and organiser blocks are dropped first.
"""

from __future__ import annotations

import re

from seminorm.model import Speaker
from seminorm.patterns import LazyPattern

from . import fold
from .people_names import (
    HONORIFIC,
    INITIAL,
    PARTICLES,
    ROLE,
    SUPER,
    clean_affiliation,
    is_organization,
    looks_like_name,
    name_token,
    strip_role,
)
from .people_slot import parse_people

SPEAKER_CUE = LazyPattern(
    r"(?i)\b(?:(?:(?:a|the|this|his|her|their)\s+)?(?:talk|lecture|seminar|presentation|colloquium|keynote|tutorial)\s+"
    r"(?:will\s+be\s+)?(?:given\s+|delivered\s+)?by|(?:presented|given|delivered|taught)\s+by|featuring|features|"
    r"our\s+(?:next\s+)?(?:speaker|guest)(?:\s+(?:this\s+week|today|tonight))?(?:\s+(?:is|will\s+be)|\s*[,:])|"
    r"(?:phd|thesis|doctoral|dissertation|master'?s?)\s+(?:defen[cs]e|exam)(?:\s+(?:of|by)|\s*:)|"
    r"(?:disputation|promotionsvortrag|habilitationsvortrag)\s+von|defensa\s+de\s+(?:la\s+)?tesis\s+de|"
    r"discussione\s+(?:della\s+)?tesi\s+di|"
    r"(?:présentée?s?|donnée?|animée?)\s+par|(?:exposé|conférence|séminaire|intervention)\s+de|"
    r"(?:thèse|habilitation)\s+de|(?:gast)?vortrag(?:es)?\s+von|referat\s+von|"
    r"(?:impartida|presentada|dictada|ofrecida)\s+por|a\s+cargo\s+de|(?:conferencia|charla|ponencia)\s+de(?:l)?|"
    r"(?:tenut[oa]|presentat[oa])\s+da|seminario\s+(?:del|della|di)|relatore|relatrice|ponente|"
    r"spricht|referiert|berichtet|sprechen\s+wird|we\s+(?:will\s+)?(?:have|host|welcome))"
)
_WEAK_CUE = LazyPattern(
    r"(?i)\b(?<!joint )(?<!work )(?<!together )(?<!collaboration )(?<!discussions )(?<!conversations )(?<!along )(?:with|avec|mit|con|welcome|welcoming|accueillir|"
    r"accueillons|begrüßen|accogliere|recibir|host|hosting)\s+"
)
_VERB = LazyPattern(
    r"(?i)\s(?:will\s+(?:speak|talk|present|give|lecture|discuss|deliver|be\s+(?:speaking|presenting|giving))|"
    r"speaks|presents|(?:is\s+)?(?:giving|presenting|speaking|talking)|gives\s+a\s+talk|"
    r"présentera|parlera|interviendra|donnera|spricht|referiert|hält|"
    r"(?:nos\s+)?hablará|impartirá|presentará|dará|parlerà|presenterà|terrà|interverrà)\b"
)
# twins that read only where a word starts (see fold.keep_boundary): scanned over whole records
fold.keep_boundary(SPEAKER_CUE.pattern)
fold.keep_boundary(_WEAK_CUE.pattern)
_NAMEISH = LazyPattern(r"[^\W\d_][\w'’.-]{0,30}")
_HOST_LABELS = ("host", "series")


_NOTE_START = LazyPattern(rf"(?<=\s)[{SUPER}]{{1,3}}[ \t]{{1,4}}(?=[^\W\d_])")
_SUPER_MARK = LazyPattern(f"[{SUPER}]")


_NEXT_TOKEN = LazyPattern(r"[ \t]{0,3}(\S{1,40})")


def take_name(s: str) -> tuple[str, str] | None:
    """The name at the start of ``s`` (honorifics allowed) and what follows it."""
    pos, honored = 0, False
    toks: list[str] = []
    while len(toks) < 7:
        m = _NEXT_TOKEN.match(s[pos:])
        if not m:
            break
        tok = m.group(1)
        word = tok.rstrip(',;:.!?)»”"')
        if HONORIFIC.match(tok + " ") and not toks:
            honored = True
        elif INITIAL.match(tok) or (
            word and (name_token(word) or (toks and word.casefold() in PARTICLES))
        ):
            toks.append(word if not INITIAL.match(tok) else tok)
            if word != tok and not INITIAL.match(tok):
                pos += m.start(1) + len(word)
                break
        else:
            break
        pos += m.end()
    while toks and toks[-1].casefold() in PARTICLES:
        toks.pop()
    name = " ".join(toks)
    if looks_like_name(name) or (honored and len(toks) == 1):
        return name, s[pos:]
    return None


_PLACE_START = LazyPattern(
    r"(?i)(?:the\s+)?(?:room|hall|building|salle|raum|aula|sala|hörsaal|auditorium|amphi)\b"
)


_PARENTHESISED_AFFILIATION = LazyPattern(r"\s*\(([^()\n]{2,160})\)")
_JOINED_AFFILIATION = LazyPattern(
    r"\s*(?:[,–—-]|(?P<prep>from|at|of|aus|von|de|du|del|della|di)\s)\s*(?P<a>[^,;\n]{3,200})"
)
_CAPITALISED_START = LazyPattern(r"(?:the\s+|l['’]|la\s+|le\s+)?[A-ZÀ-Þ]")
_ORIGIN_AND_ARTICLE = LazyPattern(
    r"(?i)^(?:(?:from|at|of|de|du|des|del|della|di)\s+)?(?:the\s+|l['’]|la\s+|le\s+)?"
)
_ABBREVIATION_END = LazyPattern(r"(?i)\b(?:inc|ltd|corp|co|st|univ)\.$")


def _affil_after(rest: str) -> str | None:
    """The affiliation right after a name in prose: ``(X)``, ``, X``, ``from X``."""
    m = _PARENTHESISED_AFFILIATION.match(rest)
    if m:
        return clean_affiliation(m.group(1))
    m = _JOINED_AFFILIATION.match(rest)
    if m is None:
        return None
    text = m.group("a").strip()
    prep = bool(m.group("prep")) and _CAPITALISED_START.match(text)
    if not (ROLE.match(text) or is_organization(text) or prep) or _PLACE_START.match(text):
        return None
    head = _ORIGIN_AND_ARTICLE.sub("", strip_role(text))
    words: list[str] = []
    for w in head.split():
        if (
            words
            and w[:1].islower()
            and w.casefold() not in PARTICLES | {"of", "the", "and", "for", "für", "et"}
        ):
            break
        words.append(w)
    aff = " ".join(words)
    if aff.endswith(".") and not _ABBREVIATION_END.search(aff):
        aff = aff[:-1]
    return clean_affiliation(aff)


_ACADEMIC_TITLE = LazyPattern(r"(?i)\b(?:prof(?:essor)?|dr|drs?)\b\.?\s")
_SENTENCE_STOP = LazyPattern(r"[.;:\n]")
_NAME_LIST_JOINER = LazyPattern(r"\s*(?:\([^()\n]{0,160}\))?\s*(?:,|and|&|und|et|y|e)\s+")


def _names_at(s: str) -> list[tuple[str, str | None]]:
    """Names at the start of ``s``: ``A (X) and B (Y)``, ``Nobel laureate Prof. A``."""
    got = take_name(s)
    if got is None:
        hon = _ACADEMIC_TITLE.search(s[:40])
        got = (
            take_name(s[hon.start() :])
            if hon and not _SENTENCE_STOP.search(s[: hon.start()])
            else None
        )
    out: list[tuple[str, str | None]] = []
    while got is not None and len(out) < 5:
        out.append((got[0], _affil_after(got[1])))
        nxt = _NAME_LIST_JOINER.match(got[1])
        got = take_name(got[1][nxt.end() :]) if nxt else None
    return out


def _name_before(s: str) -> str | None:
    """The name that ends ``s`` (``… a Pablo Quesada`` → ``Pablo Quesada``)."""
    toks = s.split()[-7:]
    best = None
    for k in range(1, len(toks) + 1):
        tok = toks[-k]
        if HONORIFIC.match(tok + " "):
            if (
                best is None
                and k == 2
                and name_token(toks[-1])
                and toks[-1].casefold() not in PARTICLES
            ):
                best = toks[-1]  # ``Dr. Smith will give the lecture``
            break
        if not (INITIAL.match(tok) or name_token(tok.strip('«“"(')) or tok.casefold() in PARTICLES):
            break
        cand = " ".join(toks[-k:]).strip('«“"(')
        if looks_like_name(cand):
            best = cand
    if best is not None and _phrase_tail(toks[: len(toks) - len(best.split())]):
        return None
    return best


#: Lower-case words that join the capitalised words of a title or a name of an organisation.
_CONNECTORS = frozenset("of for in on to the among amongst".split())


def _phrase_tail(toks: list[str]) -> bool:
    """Whether the words before a name-like run end in ``<Capitalised> <connector>``: the run
    ends a longer title-case phrase (``Centre for Urban Life``, ``Society for Popular Culture``).
    """
    return (
        len(toks) >= 2
        and toks[-1] in _CONNECTORS
        and toks[-2][:1].isupper()
        and not toks[-2].endswith((",", ".", ":", ";"))
    )


_TRAILING_RELATIVE = LazyPattern(r"(?i)[\s,]+(?:qui|who|quien|che|which|that)$")
_COMMA = LazyPattern(",")
_RELATIVE_WORD = LazyPattern(r"(?i)(?:qui|who|quien|der|die|che)\b")
_ORIGIN_PREPOSITION = LazyPattern(r"\s(?:of|from|at|de|du|von|aus)\s(?=(?:the\s)?[A-ZÀ-Þ])")


def _before_verb(window: str) -> tuple[int, Speaker] | None:
    """The speaker of ``<window> will speak``: right before the verb, or before
    ``(Affiliation)``, ``, role …`` or ``, who …`` that precedes the verb."""
    w = _TRAILING_RELATIVE.sub("", window.rstrip(" ,"))
    if w.endswith(")"):
        open_at = w.rfind("(", max(0, len(w) - 160))
        name = _name_before(w[:open_at]) if open_at > 0 else None
        if name:
            return open_at, Speaker(name=name, affiliation=clean_affiliation(w[open_at + 1 : -1]))
    name = _name_before(w)
    if name:
        return len(w) - len(name), Speaker(name=name)
    for k, c in enumerate(_COMMA.finditer(window)):
        if k >= 8:
            break
        after = window[c.end() :].lstrip()
        if ROLE.match(after) or _RELATIVE_WORD.match(after):
            name = _name_before(window[: c.start()])
            if name:
                return c.start() - len(name), Speaker(
                    name=name, affiliation=_affil_after(" ".join(window[c.start() :].split()))
                )
    for k, pm in enumerate(_ORIGIN_PREPOSITION.finditer(w)):
        if k >= 4:
            break
        name = _name_before(w[: pm.start()])
        if name:
            return pm.start() - len(name), Speaker(
                name=name, affiliation=_affil_after(w[pm.start() :])
            )
    return None


_TITLE_OR_INITIAL_END = LazyPattern(r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms|Pr|St|Dott|Ing|Mme)|\b[A-Z])$")


def _sentence_start(t: str, lo: int, hi: int) -> int:
    """The ``. `` that ends the sentence before ``hi`` (not the one of ``Dr. `` or ``J. ``)."""
    end = hi - 3
    for _ in range(4):
        dot = t.rfind(". ", lo, end)
        if dot == -1 or not _TITLE_OR_INITIAL_END.search(t[max(lo, dot - 6) : dot]):
            return dot
        end = dot
    return -1


_EMPHASIS_MARKS = LazyPattern(r"[*_]")
_HOST_PHRASE = LazyPattern(
    r"(?i)\b(?:organi[sz]ed|hosted|chaired|moderated|invited|sponsored|introduced)\s+by\s+"
)


def _without_hosts(text: str) -> str:
    """Drop host / jury / organiser blocks: a host label line and the lines under it."""
    from .labels import split_label

    out, skipping = [], False
    for line in text.split("\n"):
        bare = _EMPHASIS_MARKS.sub("", line) if "*" in line or "_" in line else line
        lab = split_label(bare) if line.strip() else None
        if lab is not None:
            skipping = lab[0] in _HOST_LABELS
            if skipping:
                continue
        elif not line.strip():
            skipping = False
        if not skipping:
            out.append(line)
    joined = "\n".join(out)
    return _HOST_PHRASE.sub("by [organiser] ", joined)


def find_speaker_in_prose(text: str) -> list[Speaker]:
    """Speakers named in running text (EN/FR/DE/ES/IT), in order of appearance.

    >>> find_speaker_in_prose("Den Auftakt macht ein Vortrag von Greta Hollmann unter dem Titel …")
    [Speaker(name='Greta Hollmann', affiliation=None)]
    >>> find_speaker_in_prose("The seminar, hosted by Jane Doe, features a talk by Dr. Ada Lovelace (Cambridge).")
    [Speaker(name='Ada Lovelace', affiliation='Cambridge')]
    >>> find_speaker_in_prose("Das Kolloquium von Prof. Dr. Ulrich Brändle startet am Montag.")
    []
    """
    t = _without_hosts(text[:200_000])
    found: list[tuple[int, Speaker]] = []
    for m in fold.finditer(SPEAKER_CUE, t):
        if len(found) >= 50:
            break
        for k, (name, aff) in enumerate(_names_at(t[m.end() : m.end() + 400])):
            found.append((m.start() + k, Speaker(name=name, affiliation=aff)))
    for m in fold.finditer(_WEAK_CUE, t):
        if len(found) >= 50:
            break
        after = t[m.end() : m.end() + 300]
        got = take_name(after)
        if got and (HONORIFIC.match(after) or got[1].lstrip().startswith("(")):
            found.append((m.start(), Speaker(name=got[0], affiliation=_affil_after(got[1]))))
    for m in fold.finditer(_VERB, t):
        if len(found) >= 50:
            break
        lo = max(0, m.start() - 400)
        start = max(_sentence_start(t, lo, m.start()), t.rfind("\n\n", lo, m.start()), lo - 1)
        window = t[start + 1 : m.start()]
        before = _before_verb(window)
        if before is not None:
            found.append((start + 1 + before[0], before[1]))
    done = -1
    marks = _NOTE_START.finditer(t) if _SUPER_MARK.search(t) else ()  # a footnote's mark first
    for m in marks:  # ``Ada Lovelace¹, Alan Turing² ¹ Cambridge ² Manchester``
        if len(found) >= 50:
            break
        if m.start() < done:
            continue
        brk = t.rfind("\n\n", max(0, m.start() - 400), m.start())
        para = brk + 2 if brk != -1 else max(m.start() - 400, 0)
        names = t[para : m.start()].strip()
        if re.search(rf"[^\W\d_][{SUPER}]", names):
            end = t.find("\n\n", m.start(), m.start() + 400)
            notes = t[m.start() : end if end != -1 else m.start() + 400]
            block = names.split("\n")[-1] + "\n" + " ".join(notes.split())
            done = m.start() + len(notes)
            found.extend((para + k, sp) for k, sp in enumerate(parse_people(block)))
    found.sort(key=lambda x: x[0])
    out: list[Speaker] = []
    for _, sp in found:
        same = next((k for k, q in enumerate(out) if q.name == sp.name), None)
        if same is None:
            out.append(sp)
        elif out[same].affiliation is None and sp.affiliation:
            out[same] = sp
    return out
