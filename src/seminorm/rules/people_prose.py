"""Speakers named in running text: :func:`find_speaker_in_prose`.

Cues (``a talk by``, ``Vortrag von``), weak cues (``with Dr. …``), verbs
(``… will speak``) and footnoted lists of names, each read in a bounded
window; host, chair and organiser blocks are dropped first.
"""

from __future__ import annotations

import re

from seminorm.model import Speaker
from seminorm.patterns import LazyPattern, derived

from ..lang import words
from . import fold
from .people_cjk import find_cjk_speakers
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

# the cues, verbs and "with" words of every language (:mod:`seminorm.lang`); no two
# cues match at one place with different ends, so the order of the alternation changes nothing


def _speaker_cue() -> str:
    """A phrase after which running text names the speaker (``lang``'s ``speaker_cues``).

    Read through its lower-case twin, only where a word starts (``fold.keep_boundary``):
    scanned over whole records, 2-3 times faster."""
    from ..lang import alternation, merged

    source = rf"(?i)\b(?:{alternation(merged('speaker_cues'))})"
    fold.keep_boundary(source)
    _lead_twin(source, merged("speaker_cues"), "\\b")
    return source


def _weak_cue() -> str:
    """A word that may introduce a speaker with an honorific (``lang``'s ``with_words``),
    not after the English words of working together (``joint work with``)."""
    from ..lang import alternation, merged

    source = (
        r"(?i)\b(?<!joint )(?<!work )(?<!together )(?<!collaboration )(?<!discussions )"
        rf"(?<!conversations )(?<!along )(?:{alternation(merged('with_words'))})\s+"
    )
    fold.keep_boundary(source)
    _lead_twin(source, merged("with_words"), "\\b")
    return source


def _verb() -> str:
    """A verb of speaking written after the speaker's name (``lang``'s ``speaking_verbs``)."""
    from ..lang import alternation, merged

    source = rf"(?i)\s(?:{alternation(merged('speaking_verbs'))})\b"
    _lead_twin(source, merged("speaking_verbs"), "\\s")
    return source


def _lead_twin(source: str, fragments: tuple[str, ...], before: str) -> None:
    """Scan the pattern written as ``source`` (``before`` and then an alternation of
    ``fragments``) through the tree of its fragments' first letters (:mod:`.leads`):
    a record's scan for a cue is some three times faster."""

    def make() -> str:
        from .leads import lead_twin

        return lead_twin(fragments, boundary=False) or ""

    # made when the package is built (patterns.derived): some milliseconds of a run
    twin = derived(f"lead twin {before} {source}", make)
    if twin:
        fold.set_twin(source, before + twin)


SPEAKER_CUE = LazyPattern(_speaker_cue)
_WEAK_CUE = LazyPattern(_weak_cue)
_VERB = LazyPattern(_verb)
_NAMEISH = LazyPattern(r"[^\W\d_][\w'’.-]{0,30}")
_HOST_LABELS = ("host", "series")


_NOTE_START = LazyPattern(rf"(?<=\s)[{SUPER}]{{1,3}}[ \t]{{1,4}}(?=[^\W\d_])")
_SUPER_MARK = LazyPattern(f"[{SUPER}]")


_NEXT_TOKEN = LazyPattern(r"[ \t]{0,3}(\S{1,40})")


def take_name(s: str) -> tuple[str, str] | None:
    """The name at the start of ``s`` (honorifics allowed) and what follows it."""
    pos, honored = 0, False
    toks: list[str] = []
    starts: list[int] = []  # where each token starts: trailing particles are given back
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
            starts.append(pos)
            toks.append(word if not INITIAL.match(tok) else tok)
            if word != tok and not INITIAL.match(tok):
                pos += m.start(1) + len(word)
                break
        else:
            break
        pos += m.end()
    while toks and toks[-1].casefold() in PARTICLES:
        toks.pop()
        pos = starts.pop()  # ``García del Instituto X``: ``del`` starts the affiliation
    name = " ".join(toks)
    if looks_like_name(name) or (honored and len(toks) == 1):
        return name, s[pos:]
    return None


#: A room word (:mod:`seminorm.lang`'s ``room_words``) where a name would start.
_PLACE_START = LazyPattern(lambda: rf"(?i)(?:the\s+)?(?:{words('room_words')})\b")


_PARENTHESISED_AFFILIATION = LazyPattern(r"\s*\(([^()\n]{2,160})\)")
_JOINED_AFFILIATION = LazyPattern(
    lambda: rf"\s*(?:[,–—-]|(?P<prep>{words('origin_words')})\s)\s*(?P<a>[^,;\n]{{3,200}})"
)
_CAPITALISED_START = LazyPattern(r"(?:the\s+|l['’]|la\s+|le\s+)?[A-ZÀ-Þ]")
_ORIGIN_AND_ARTICLE = LazyPattern(
    lambda: rf"(?i)^(?:(?:{words('origin_words')})\s+)?(?:the\s+|l['’]|la\s+|le\s+)?"
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
    stripped = strip_role(text)
    if ROLE.match(stripped) and not is_organization(stripped):
        return None  # a role without its institution (``professor i historia``)
    head = _ORIGIN_AND_ARTICLE.sub("", stripped)
    words: list[str] = []
    for w in head.split():
        if w.startswith("(") and words:
            break  # ``of Ixland College (and pizza)``: an aside, not the institution
        if (
            words
            and w[:1].islower()
            and w.casefold() not in PARTICLES | {"of", "the", "and", "for", "für", "et"}
        ):
            break
        words.append(w)
    aff = " ".join(words)
    if aff[:1].islower() and not is_organization(aff):
        return None  # ``directrice de recherche``: what is left of a role
    if aff.endswith(".") and not _ABBREVIATION_END.search(aff):
        aff = aff[:-1]
    return clean_affiliation(aff)


#: An institution written right after a name: ``(X)``, ``, X``, ``– X``, also past the
#: link on the name in a page's text (``Ada Quill <https://…> (X)``).
_NEXT_TO_NAME = LazyPattern(
    r"(?:\s*<[^<>\n]{1,300}>|\]\([^()\s]{1,300}\))?\s*(?:,|\(|–|-)\s*([^,;:()\n<>\"“”«»]{3,160})(?=[,;)\n<\s]|$)"
)
#: What the text after a name starts with (spaces aside) when :data:`_NEXT_TO_NAME` can match.
_NEXT_TO_NAME_START = frozenset(",(–-<]")
_RELATIVE_AFTER = LazyPattern(r"\s(?:autor|author|who|quien|qui|der|die|che)\s")
_ORIGIN_WORD = LazyPattern(
    r"^(?:from|at|of|del|de\s+la|de|du|della|di|da|do|dos|das|dal|dalla|von|aus|van|vid|från)\s+"
    r"(?:the\s+)?(?=[A-ZÀ-Þ])"
)


def affiliation_after(rest: str) -> str | None:
    """The institution that follows a name (``rest``: the text after it), or None; a role
    without its institution (``professor i stadsbyggnad``) is none.

    >>> affiliation_after(" (Ixland Institute of Technology), on knots")
    'Ixland Institute of Technology'
    >>> affiliation_after(" <https://example.org/~aq/> (University of Nowhere)")
    'University of Nowhere'
    >>> affiliation_after(", professor i historia.") is None
    True
    """
    if rest[:8].lstrip()[:1] not in _NEXT_TO_NAME_START:
        return None  # nothing of ``(``, ``,``, ``–``, a link: most names in prose
    m = _NEXT_TO_NAME.match(rest)
    if m is None:
        return None
    aff = strip_role(_RELATIVE_AFTER.split(m.group(1))[0].strip(" ."))
    if not is_organization(aff):
        return None
    return _ORIGIN_WORD.sub("", aff) or None


_ACADEMIC_TITLE = LazyPattern(r"(?i)\b(?:prof(?:essora?|a|ª)?|dra?|drs?|dott(?:\.ssa)?)\b\.?\s")
_SENTENCE_STOP = LazyPattern(r"[.;:\n]")
_NAME_LIST_JOINER = LazyPattern(
    lambda: rf"\s*(?:\([^()\n]{{0,160}}\))?\s*(?:,|&|{words('conjunctions')})\s+"
)


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
    if best is not None and "\n" in s:
        # a name that runs back over a line break into a title line above it
        # (``Tidal Models⏎Ada Quill will speak``): the part on its own line when that
        # part is a name
        tail = s[s.rfind("\n") + 1 :].split()
        if 2 <= len(tail) < len(best.split()) and looks_like_name(" ".join(tail)):
            return " ".join(tail)
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


#: The next person of a list after a speaker cue, introduced by an honorific (``…, el
#: doctor A del Instituto X, la doctora B, y el doctor C``).
_LISTED = LazyPattern(
    lambda: (
        rf"(?i)(?:,|;|\s(?:{words('conjunctions')}))\s+(?:(?:el|la|le|il|lo|o|a|the|der|die)\s+)?"
        r"(?=(?:doctora?|dra?\.|dr\.?|prof\.|profesora?|professora?|professeur|professore|"
        r"professoressa|professor|dott\.(?:ssa)?)\s)"
    )
)
_LIST_END = LazyPattern(r"[.!?](?:\s|$)|\n\s*\n")


def _listed_after(window: str) -> list[Speaker]:
    """The honorific-led names listed in the rest of a cue's sentence."""
    end = _LIST_END.search(window)
    sentence = window[: end.start()] if end else window
    out: list[Speaker] = []
    for m in _LISTED.finditer(sentence):
        if len(out) >= 8:
            break
        got = take_name(window[m.end() : m.end() + 300])
        if got is not None and all(p.name != got[0] for p in out):
            out.append(Speaker(name=got[0], affiliation=_affil_after(got[1])))
    return out


def find_speaker_in_prose(text: str) -> list[Speaker]:
    """Speakers named in running text (EN/FR/DE/ES/IT), in order of appearance.

    >>> find_speaker_in_prose("Den Auftakt macht ein Vortrag von Greta Hollmann unter dem Titel …")
    [Speaker(name='Greta Hollmann', affiliation=None)]
    >>> find_speaker_in_prose("The seminar, hosted by Jane Doe, features a talk by Dr. Ada Lovelace (Cambridge).")
    [Speaker(name='Ada Lovelace', affiliation='Cambridge')]
    >>> find_speaker_in_prose("Das Kolloquium von Prof. Dr. Ulrich Brändle startet am Montag.")
    []
    >>> find_speaker_in_prose("Tide Club will present a lecture by Dr. Orla Brightwater on tides.")
    [Speaker(name='Orla Brightwater', affiliation=None)]
    """
    t = _without_hosts(text[:200_000])
    found: list[tuple[int, Speaker]] = []
    cue_starts: list[int] = []
    for m in fold.finditer(SPEAKER_CUE, t):
        if len(found) >= 50:
            break
        cue_starts.append(m.start())
        window = t[m.end() : m.end() + 400]
        cued = _names_at(window)
        for k, (name, aff) in enumerate(cued):
            found.append((m.start() + k, Speaker(name=name, affiliation=aff)))
        if cued:
            for k, sp in enumerate(_listed_after(window), start=len(cued)):
                found.append((m.start() + k, sp))
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
        if any(m.end() <= c <= m.end() + 3 for c in cue_starts):
            continue  # ``The club will present a lecture by …``: the cue's name speaks
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
    if not found and not t.isascii():  # names in Han, kana or Hangul: their own reader
        found = list(enumerate(find_cjk_speakers(t)))
    found.sort(key=lambda x: x[0])
    out: list[Speaker] = []
    for _, sp in found:
        same = next((k for k, q in enumerate(out) if q.name == sp.name), None)
        if same is None:
            out.append(sp)
        elif out[same].affiliation is None and sp.affiliation:
            out[same] = sp
    return out
