"""What a person's name is, and what an affiliation is.

The vocabulary both speaker readers share (:mod:`.people_slot` for a speaker
slot, :mod:`.people_prose` for running text): honorifics and postnominals,
name particles, words that never belong to a name, organisation words and
roles (``Professor at``), with the predicates built on them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache, lru_cache

from seminorm.patterns import LazyPattern

from ..lang import alternation, merged
from . import fold

#: An honorific or title at the start of a name, with its spaces (every language's
#: ``honorifics`` table of :mod:`seminorm.lang`).
HONORIFIC = LazyPattern(lambda: rf"^(?:{alternation(merged('honorifics'))})\s+", re.I)
POSTNOMINAL = LazyPattern(
    r"(?:,?\s+(?:ph\.?\s?d\.?|d\.\s?phil\.?|m\.?d\.|m\.?sc\.?|b\.?sc\.?|m\.a\.|mba|frs|frse|freng|"
    r"fieee|habil\.?|dr\.?\s?h\.?\s?c\.?))+\s*$",
    re.I,
)
PLACEHOLDER = LazyPattern(
    r"(?i)^\W*(?:tba|tbd|tbc|n/?a|none|to\s+be\s+(?:announced|confirmed|determined)|<no value>|various|several\s+speakers)\W*$"
)
PARTICLES = frozenset(
    "de del della dei degli di da das dos do du des der den van von ten ter la le las los zu zur "
    "bin binti ibn al el y e i af av".split()
)
#: Words that are never a name's (a capitalised one alone is no speaker), with every
#: language's nouns of talks (:mod:`seminorm.lang`'s ``talk_nouns``).
NOT_NAME = frozenset(
    """department dept university universität université universidad università institute institut
    instituto istituto school college faculty faculté fakultät facultad centre center centro zentrum
    laboratory lab labs group team abstract title speaker speakers room hall building
    online zoom meeting webinar welcome all are is the and for with our your this that from
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december tba tbd cancelled canceled postponed inc ltd
    gmbh llc corp support research science sciences mathematics physics engineering computer
    series program programme schedule news events event home contact menu about calendar join
    date time place location venue when where who registration register link download more
    coffee lunch break reception dinner session panel discussion keynote opening closing
    random quantum optimal neural deep networks models graphs groups spaces systems equations
    matrices algorithms methods problems functions operators structures processes introduction
    towards beyond recent advances applications perspectives challenges approaches dynamics
    stochastic nonlinear linear discrete continuous efficient robust scalable generative
    statistical computational numerical algebraic geometric topological analytic arithmetic
    combinatorial probabilistic invariants manifolds surfaces curves varieties knots categories
    sheaves modules rings lattices codes bounds limits inequalities estimates conjecture
    conjectures theorem theorems proof proofs languages vision robotics privacy security
    transport flows fluids waves particles matter energy climate materials design control""".split()
) | frozenset(merged("talk_nouns"))
_ORG_WORDS = LazyPattern(
    r"(?i)\b(?:univ\w*|institut\w*|istituto|college|school|department|dept|départ\w*|"
    r"facult\w*|fakultät|laborator\w*|labs?|cent(?:er|re|ro)|zentrum|inc|ltd|gmbh|llc|corp\w*|"
    r"company|foundation|academy|akademie|hospital|observatory|polytechnic|politecnico|hochschule|"
    r"research|society|council|agency|ministry|museum|library|team|group|équipe|support|"
    r"consortium|network|services?|technolog\w*|sciences?|bank|clinic|school|inria|cnrs|cern|"
    r"eth|epfl|mit|ibm|google|microsoft|meta|amazon|apple|deepmind|openai|nvidia|intel|"
    r"technion|weizmann|max[\s-]planck|fraunhofer|helmholtz|ecole|école|escuela|scuola|tech|"
    r"government|gouvernement|regierung|gobierno|governo|parliament)\b"
)
# read through its lower-case twin, only where a word starts (see fold.keep_boundary):
# some ten times faster on the names and lines it is asked about
fold.keep_boundary(_ORG_WORDS.pattern)
_ACRONYM = LazyPattern(r"^[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&/-]{0,6}$")
#: A surname with a capital after its prefix (``McVay``, ``DeRose``, ``MacLeod``), not an
#: acronym's shape.
_PREFIXED_SURNAME = LazyPattern(r"^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz)[A-Z][a-z]{2,}$")
INITIAL = LazyPattern(r"^(?:[A-Z]\.){1,3}(?:-[A-Z]\.)?$|^[A-Z]\.-[A-Z]\.$|^[A-Z]$")
SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_WEEKDAY_TAIL = LazyPattern(
    r"(?i),\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*$|\s+[-–]\s*(?:cancell?ed|postponed)\s*$"
)
ROLE = LazyPattern(
    r"(?i)^(?:(?:assistant|associate|full|adjunct|visiting|emeritus|senior|junior|research|"
    r"postdoctoral|doctoral|phd|ph\.d\.|graduate|master'?s?|principal|distinguished|chief|staff|"
    r"maître|maîtresse|wissenschaftliche[rn]?)\s+){0,3}"
    r"(?:professor(?:in)?|prof\.?|lecturer|reader|researcher|scientist|student|candidate|fellow|postdoc|"
    r"editor|dean|founder|president|chair|manager|consultant|analyst|curator|"
    r"engineer|director|head|member|doctorant|doctorante|chercheur|chercheuse|professeure?|"
    r"maître\s+de\s+conférences|enseignante?-chercheur\w*|ingénieur\w*|directeur|directrice|"
    r"post-?doctorant\w*|doktorand(?:in)?|mitarbeiter(?:in)?|profesora?|investigador[a]?|"
    r"catedrátic[oa]|ricercat(?:ore|rice)|professore(?:ssa)?|dottorand[oa]|assegnista)\b"
)
_ROLE_AT = LazyPattern(
    r"(?i)\s(?:at|@|au\s+sein\s+de|chez|presso|am|an\s+der|an\s+dem|bei|à|au|aux|in|en|dans|"
    r"del|de\s+la|de|of|della|dell['’]|di|der|des|vid|på|aan|bij|na|no|da|do|i)\s+"
    r"(?:l['’]\s*|(?:the|la|le|les|el|der|die|dem|a|o)\s+)?"
)


def strip_honorifics(name: str) -> str:
    """``Prof. Dr. Ulrich Brändle`` → ``Ulrich Brändle``; postnominals go too.

    >>> strip_honorifics("Assoc. Prof. W. Lo"), strip_honorifics("Jane Doe, Ph.D.")
    ('W. Lo', 'Jane Doe')
    >>> strip_honorifics("Dott.ssa Maria Rossi"), strip_honorifics("M. Jean Dupont")
    ('Maria Rossi', 'Jean Dupont')
    """
    s = " ".join(name.split())
    for _ in range(4):
        new = HONORIFIC.sub("", s, count=1)
        if new == s:
            break
        s = new
    return _without_postnominals(s).strip(" ,")


def _without_postnominals(s: str) -> str:
    """``POSTNOMINAL.sub("", s)`` for a text with single spaces, read from its last 40
    characters: the pattern matches a run of postnominals that ends the text, each at most 11
    characters (``, dr. h. c.``), so a match that starts 12 characters or more into the
    window is the first (one further left would have a postnominal starting in between)."""
    pos = len(s) - 40
    if pos > 0:
        m = POSTNOMINAL.search(s, pos)
        if m is None:
            return s
        if m.start() >= pos + 12:
            return s[: m.start()] + s[m.end() :]
    return POSTNOMINAL.sub("", s)


def _caseless(ch: str) -> bool:
    return ch.isalpha() and not ch.isupper() and not ch.islower()


_NAME_PARTICLE_PREFIX = LazyPattern(r"^(?:al|el|d|l|o)['’-]")
_NAME_JOINER = LazyPattern(r"['’-]")


@lru_cache(maxsize=4096)  # per document: forget_documents clears it
def name_token(tok: str) -> bool:
    if INITIAL.match(tok):
        return True
    first = tok[:1]
    if _caseless(first):
        return all(c.isalpha() or c in "-'’." for c in tok)
    if _NAME_PARTICLE_PREFIX.match(tok):  # al-Khwarizmi, d'Alembert, O'Brien
        tok = _NAME_JOINER.split(tok, maxsplit=1)[1]
        first = tok[:1]
    return (
        first.isupper()
        and all(c.isalpha() or c in "-'’." for c in tok)
        and tok.casefold() not in NOT_NAME
    )


_NOT_NAME_PART = LazyPattern(
    r"(?i)seminar|s[ée]minaire|kolloq|colloq|vorlesung|lecture|institut|fakult|zentrum|gruppe|"
    r"tagung|konferenz|conference|workshop|geometr|algebr|analys[ie]|mathemati|physi[ck]|informati|"
    r"wissenschaft|forschung|universit|abteilung|colloque|journ[ée]e|theor|learning|statisti|"
    r"\w{3}(?:tion|sion|ities|ness|ology|ologies|ical|ization|isation|ics)$"
)


_TWO_CAPITALS = LazyPattern(r"[A-Z][^A-Z]*[A-Z]")


def two_capitals(text: str) -> bool:
    """Whether ``text`` has two letters that are capitals or caseless: a name that
    :func:`looks_like_name` takes has two words, each with one, and the speaker readers
    only cut, strip and join what a line says (the letters of its names are the line's):
    a line without them names no one (a cheap test before reading it for names).

    >>> two_capitals("Ada Lovelace"), two_capitals("the talk of Ada"), two_capitals("יואב שקד")
    (True, False, True)
    """
    if text.isascii():
        return _TWO_CAPITALS.search(text) is not None
    return sum(1 for c in text if c.isupper() or (c.isalpha() and not c.islower())) >= 2


@cache
def _role_nouns() -> frozenset[str]:
    """Nouns of roles and positions, the last word of a job title and never of a name
    (:mod:`seminorm.lang`'s ``role_nouns``)."""
    return frozenset(merged("role_nouns"))


def role_noun(word: str) -> bool:
    """Whether a (case-folded) word is a role's noun: ``professor``, ``director``."""
    return word in _role_nouns()


@lru_cache(maxsize=4096)  # per document: forget_documents clears it
def looks_like_name(s: str) -> bool:
    """Whether ``s`` is a person's name: 2–5 name tokens (particles allowed).

    >>> [looks_like_name(x) for x in ("W. Lo", "Ludwig van Beethoven", "יואב שקד", "Jean-Pierre Serre")]
    [True, True, True, True]
    >>> [looks_like_name(x) for x in ("Department of Mathematics", "All are welcome", "IBM RSE", "Ada")]
    [False, False, False, False]
    """
    if len(s) > 80:
        return False
    toks = s.split()
    if not 2 <= len(toks) <= 6:
        return False
    # each test refuses; the cheap ones first (a title's lower-case word fails name_token)
    if any(t.casefold().strip(".,") in NOT_NAME for t in toks):
        return False
    if toks[-1].casefold().strip(".,") in _role_nouns():
        return False  # ``Associate Professor``, ``Program Manager``, ``Acting Director``
    core = [t for t in toks if t.casefold() not in PARTICLES]
    if len(core) < 2 or len(core) > 5 or toks[-1].casefold() in PARTICLES:
        return False
    if not all(name_token(t) for t in core):
        return False
    if any(_NOT_NAME_PART.search(t) for t in toks):
        return False
    if all(INITIAL.match(t) for t in core):
        return False
    if all(t.isupper() and len(t) <= 3 for t in core) and not any(_caseless(t[0]) for t in core):
        return False  # acronyms: ``IBM RSE``
    return True


@lru_cache(maxsize=4096)  # per document: forget_documents clears it
def is_organization(s: str) -> bool:
    """Whether ``s`` names an institution, company or team rather than a person.

    >>> [is_organization(x) for x in ("ETH Zurich", "Campus-IT RSE Support", "UTK", "Ada Lovelace")]
    [True, True, True, False]
    >>> is_organization("Ada McQuill"), is_organization("Orla DeVane"), is_organization("IBM Research")
    (False, False, True)
    """
    t = s.strip()
    if not t or len(t) > 200:
        return False
    if fold.search(_ORG_WORDS, t):
        return True
    toks = t.replace("/", " ").split()
    if t.isupper() and len(toks) > 1:
        limit = 5 if "/" in t else 3
        return all(len(tok.strip(",.()")) <= limit for tok in toks)
    if sum(1 for tok in toks if tok[:1].islower() and tok not in _LINKING) > 2:
        return False  # a phrase about something with an acronym in it, not an institution
    return any(
        _ACRONYM.match(t) and not _PREFIXED_SURNAME.match(t)
        for t in (tok.strip(",.()") for tok in toks)
    )


#: Lower-case words inside an institution's name (``Dept. of EPP``, ``Institut für X``).
_LINKING = frozenset(
    "of for and the de des du la le di del della der für y e et and & at in".split()
)


_AT_INSTITUTION = LazyPattern(
    r"(?i)\s(?:at|@|au\s+sein\s+de|chez|presso|am|an\s+der|bei)\s+(?:(?:the|l['’]|la|le|der|dem)\s*)?"
)


def strip_role(affiliation: str) -> str:
    """``Doctorant au sein de l'équipe X`` → ``équipe X``; ``Professor at MIT`` → ``MIT``.

    >>> strip_role("profesor del Departamento de Física de la Universidad de Valdemoro")
    'Departamento de Física de la Universidad de Valdemoro'
    >>> strip_role("Doctorant au sein de l’équipe Pivoine"), strip_role("Microsoft Research")
    ('équipe Pivoine', 'Microsoft Research')
    """
    a = affiliation.strip()
    m = ROLE.match(a)
    if not m:
        return a
    rest = a[m.end() :]
    strong = _AT_INSTITUTION.search(rest)
    if rest.lstrip().startswith(","):
        return rest.strip(" ,") or a
    at = strong or _ROLE_AT.search(rest)
    if at and at.start() <= 80:
        return rest[at.end() :].strip(" ,") or a
    return a


_JOINT_WORK_TAIL = LazyPattern(
    r"(?i)[,;]?\s*\b(?:joint\s+(?:work\s+)?with|in\s+collaboration\s+with|together\s+with)\b.*$"
)
_COLLECTIVE_PREFIX = LazyPattern(
    r"(?i)^(?:both|all|each|all\s+from|both\s+from|tous\s+deux|beide)\s+"
)


def clean_affiliation(a: str) -> str | None:
    a = _WEEKDAY_TAIL.sub("", a)
    a = _JOINT_WORK_TAIL.sub("", a)
    a = strip_role(" ".join(a.split()).strip(" ,;:-–—()"))
    a = _COLLECTIVE_PREFIX.sub("", a).strip(" ,;:-–—")
    if not a or PLACEHOLDER.match(a):
        return None
    return a


@cache
def _given_names() -> _Lines:
    """The table ``seminorm/data/given-names.txt`` (empty when it is missing)."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        with open(os.path.join(here, "data", "given-names.txt"), encoding="utf-8") as fh:
            return _Lines(fh.read())
    except OSError:
        return _Lines("")


class _Lines:
    """The lines of a table, less the empty ones and the comments (``#``), for ``in``.

    A small document asks about a dozen words: each is looked for in the text (some
    microseconds), instead of building the set of its 5,000 lines (a millisecond of
    every run). From the 64th question on, the set is built and asked.
    """

    __slots__ = ("_asked", "_set", "_text")

    def __init__(self, text: str) -> None:
        self._text = f"\n{text}\n"
        self._set: frozenset[str] | None = None
        self._asked = 0

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or word[0] == "#" or "\n" in word:
            return False
        if self._set is not None:
            return word in self._set
        self._asked += 1
        if self._asked >= 64:
            text = self._text
            self._set = frozenset(text.split("\n")).difference(_COMMENT_LINE.findall(text), ("",))
        return f"\n{word}\n" in self._text


_COMMENT_LINE = LazyPattern(r"(?m)^#.*")


@lru_cache(maxsize=4096)  # the same names are asked about by several features
def given_name(name: str) -> bool:
    """Whether the first full word of a name (honorifics and initials skipped) is a common
    given name: evidence for the scorer, never a rule (most of the world's names are not in
    the table).

    >>> given_name("Dr. J. Margaret Quill"), given_name("Rational Choices"), given_name("W. Lo")
    (True, False, False)
    >>> given_name("Ramón Quill"), given_name("Renée Quill")
    (True, True)
    """
    for tok in strip_honorifics(name).split():
        if INITIAL.match(tok) or tok.casefold() in PARTICLES:
            continue
        word = tok.strip(".,'’").casefold()
        table = _given_names()
        if word in table:
            return True
        if word.isascii():
            return False
        # without accents: the table is ASCII (``José`` is ``jose``)
        bare = "".join(
            c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
        )
        return bare.replace("ø", "o").replace("ł", "l") in table
    return False
