"""Speakers: names without honorifics, with their affiliations.

:func:`parse_people` reads a speaker slot (``Speaker: …``, the line under a
title, a listing entry) in the shapes announcements use::

    Prof. Matthieu Wyart - EPFL
    Yuhai Tu (IBM T. J. Watson Research Center)
    Eva Miranda (UPC) and Daniel Peralta-Salas (ICMAT, Spain)
    Arkady Leiderman, Ben-Gurion University of the Negev, Beer Sheva, Israel
    [Ziv Scully](https://ziv.codes/) (Cornell) (on zoom)
    Dr. Dhanya⏎IISc
    Alice Smith¹, Bob Jones²⏎¹ ETH Zurich⏎² EPFL

``Surname, Given`` is not read (it is rare in announcements and looks like
``Name, Affiliation``); a one-word name is kept only with an honorific or an
affiliation (``Dr. Dhanya``). :func:`find_speaker_in_prose` finds speakers in
running text, never organisers, hosts, chairs, jury members or contacts.

>>> parse_people("Prof. Matthieu Wyart - EPFL")
[Speaker(name='Matthieu Wyart', affiliation='EPFL')]
>>> parse_people("Eva Miranda (UPC) and Daniel Peralta-Salas (ICMAT, Spain)")[1]
Speaker(name='Daniel Peralta-Salas', affiliation='ICMAT, Spain')
"""

from __future__ import annotations

import re

from seminorm.model import Speaker

from .base import Rule

HONORIFIC = re.compile(
    r"^(?:(?:assoc(?:iate)?\.?|asst\.?|assistant|full|emeritus|visiting|adjunct)\s+prof(?:essor)?\.?|"
    r"prof(?:essor|essorin|\.ssa|a)?\.?|dr(?:a|\.\s?rer\.\s?nat|\.\s?h\.\s?c)?\.?|mr\.?|mrs\.?|ms\.?|mx\.?|miss|"
    r"pr\.?|dott(?:\.ssa|ssa)?\.?|ing\.?|hab\.?|inż\.?|mgr\.?|mme\.?|mlle\.?|herr|frau|sir|dame|pd|priv\.-doz\.|doz\.|"
    r"univ\.-prof\.|jun\.-prof\.|apl\.|dr\.-ing\.|dipl\.-\w{2,6}\.|emerit(?:us|a)|sr\.|sra\.|rev\.|hon\.|"
    r"m\.(?=\s+\S+\s+\S))\s+",
    re.I,
)
POSTNOMINAL = re.compile(
    r"(?:,?\s+(?:ph\.?\s?d\.?|d\.\s?phil\.?|m\.?d\.|m\.?sc\.?|b\.?sc\.?|m\.a\.|mba|frs|frse|freng|"
    r"fieee|habil\.?|dr\.?\s?h\.?\s?c\.?))+\s*$",
    re.I,
)
PLACEHOLDER = re.compile(
    r"(?i)^\W*(?:tba|tbd|tbc|n/?a|none|to\s+be\s+(?:announced|confirmed|determined)|<no value>|various|several\s+speakers)\W*$"
)
_NOTE = re.compile(
    r"(?i)\s*[(\[](?:on\s+zoom|via\s+zoom|in[\s-]person|remote(?:ly)?|online|virtual(?:ly)?|hybrid|"
    r"by\s+video|video|tbc|tbd|confirmed|to\s+be\s+confirmed|invited|cancell?ed|postponed|"
    r"rapporteur|rapporteure|examinat(?:eur|rice)|président|invitée?|moderator|chair|"
    r"(?:she|he|they|elle|il|sie|er)\s?/\s?(?:her|him|them|they|elle|lui|ihr|ihm)(?:\s?/\s?\w{1,6})?)[)\]]"
)
_PARTICLES = frozenset(
    "de del della dei degli di da das dos do du des der den van von ten ter la le las los zu zur "
    "bin binti ibn al el y e i af av".split()
)
_NOT_NAME = frozenset(
    """department dept university universität université universidad università institute institut
    instituto istituto school college faculty faculté fakultät facultad centre center centro zentrum
    laboratory lab labs group team seminar seminars colloquium kolloquium séminaire seminario lecture
    lectures talk talks workshop conference abstract title speaker speakers room hall building
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
)
_ORG_WORDS = re.compile(
    r"(?i)\b(?:univ\w*|institut\w*|istituto|college|school|department|dept|départ\w*|"
    r"facult\w*|fakultät|laborator\w*|labs?|cent(?:er|re|ro)|zentrum|inc|ltd|gmbh|llc|corp\w*|"
    r"company|foundation|academy|akademie|hospital|observatory|polytechnic|politecnico|hochschule|"
    r"research|society|council|agency|ministry|museum|library|team|group|équipe|support|"
    r"consortium|network|services?|technolog\w*|sciences?|bank|clinic|school|inria|cnrs|cern|"
    r"eth|epfl|mit|ibm|google|microsoft|meta|amazon|apple|deepmind|openai|nvidia|intel|"
    r"technion|weizmann|max[\s-]planck|fraunhofer|helmholtz|ecole|école|escuela|scuola|tech)\b"
)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&/-]{0,6}$")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}(?:-[A-Z]\.)?$|^[A-Z]\.-[A-Z]\.$|^[A-Z]$")
_SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_LINE = re.compile(rf"^\s*(?:[{_SUPER}]+|\^?\d{{1,2}}[.)]?|\[\d{{1,2}}\])\s+(\S.*)$")
_MDLINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((?:https?://|mailto:)[^()\s]{0,500}\)")
_URLISH = re.compile(
    r"(?:https?://|www\.)\S{1,500}|<[^<>\s@]{1,80}@[^<>\s]{1,120}>|\S{1,64}@\S{1,120}"
)
_WEEKDAY_TAIL = re.compile(
    r"(?i),\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*$|\s+[-–]\s*(?:cancell?ed|postponed)\s*$"
)
_SPLIT_AND = re.compile(r"(?i)\s*;\s*|\s+(?:and|&|und|et|y|e|och|en)\s+|\s*&\s*")
_DASH = re.compile(
    r"\s+[-–—|]\s+|\s*[–—]\s*|\s+@\s+|\s+(?:from|at|aus|de\s+l['’]|du|von\s+der)\s+(?=[A-ZÀ-Þ])"
)
_ROLE = re.compile(
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
_ROLE_AT = re.compile(
    r"(?i)\s(?:at|@|au\s+sein\s+de|chez|presso|am|an\s+der|an\s+dem|bei|à|au|aux|in|en|dans|"
    r"del|de\s+la|de|of|della|dell['’]|di|der|des)\s+(?:(?:the|l['’]|la|le|les|el|la|der|die|dem)\s*)?"
)


def strip_honorifics(name: str) -> str:
    """``Prof. Dr. Karl Schlögel`` → ``Karl Schlögel``; postnominals go too.

    >>> strip_honorifics("Assoc. Prof. Y. Tu"), strip_honorifics("Jane Doe, Ph.D.")
    ('Y. Tu', 'Jane Doe')
    >>> strip_honorifics("Dott.ssa Maria Rossi"), strip_honorifics("M. Jean Dupont")
    ('Maria Rossi', 'Jean Dupont')
    """
    s = " ".join(name.split())
    for _ in range(4):
        new = HONORIFIC.sub("", s, count=1)
        if new == s:
            break
        s = new
    return POSTNOMINAL.sub("", s).strip(" ,")


def _caseless(ch: str) -> bool:
    return ch.isalpha() and not ch.isupper() and not ch.islower()


def _name_token(tok: str) -> bool:
    if _INITIAL.match(tok):
        return True
    first = tok[:1]
    if _caseless(first):
        return all(c.isalpha() or c in "-'’." for c in tok)
    if re.match(r"^(?:al|el|d|l|o)['’-]", tok):  # al-Khwarizmi, d'Alembert, O'Brien
        tok = re.split(r"['’-]", tok, maxsplit=1)[1]
        first = tok[:1]
    return (
        first.isupper()
        and all(c.isalpha() or c in "-'’." for c in tok)
        and tok.casefold() not in _NOT_NAME
    )


_NOT_NAME_PART = re.compile(
    r"(?i)seminar|s[ée]minaire|kolloq|colloq|vorlesung|lecture|institut|fakult|zentrum|gruppe|"
    r"tagung|konferenz|conference|workshop|geometr|algebr|analys[ie]|mathemati|physi[ck]|informati|"
    r"wissenschaft|forschung|universit|abteilung|colloque|journ[ée]e|theor|learning|statisti|"
    r"\w{3}(?:tion|sion|ities|ness|ology|ologies|ical|ization|isation|ics)$"
)


def looks_like_name(s: str) -> bool:
    """Whether ``s`` is a person's name: 2–5 name tokens (particles allowed).

    >>> [looks_like_name(x) for x in ("Y. Tu", "Ludwig van Beethoven", "מיכאל גורודין", "Jean-Pierre Serre")]
    [True, True, True, True]
    >>> [looks_like_name(x) for x in ("Department of Mathematics", "All are welcome", "IBM RSE", "Ada")]
    [False, False, False, False]
    """
    if len(s) > 80:
        return False
    toks = s.split()
    if not 2 <= len(toks) <= 6:
        return False
    if any(t.casefold().strip(".,") in _NOT_NAME or _NOT_NAME_PART.search(t) for t in toks):
        return False
    core = [t for t in toks if t.casefold() not in _PARTICLES]
    if len(core) < 2 or len(core) > 5 or toks[-1].casefold() in _PARTICLES:
        return False
    if not all(_name_token(t) for t in core):
        return False
    if all(_INITIAL.match(t) for t in core):
        return False
    if all(t.isupper() and len(t) <= 3 for t in core) and not any(_caseless(t[0]) for t in core):
        return False  # acronyms: ``IBM RSE``
    return True


def is_organization(s: str) -> bool:
    """Whether ``s`` names an institution, company or team rather than a person.

    >>> [is_organization(x) for x in ("ETH Zurich", "Science-IT RSE Support", "UTK", "Ada Lovelace")]
    [True, True, True, False]
    """
    t = s.strip()
    if not t or len(t) > 200:
        return False
    if _ORG_WORDS.search(t):
        return True
    toks = t.replace("/", " ").split()
    if t.isupper() and len(toks) > 1:
        limit = 5 if "/" in t else 3
        return all(len(tok.strip(",.()")) <= limit for tok in toks)
    return any(_ACRONYM.match(tok.strip(",.()")) for tok in toks)


def strip_role(affiliation: str) -> str:
    """``Doctorant au sein de l'équipe X`` → ``équipe X``; ``Professor at MIT`` → ``MIT``.

    >>> strip_role("profesor del Departamento de Física de la Universidad de Alcalá")
    'Departamento de Física de la Universidad de Alcalá'
    >>> strip_role("Doctorant au sein de l’équipe Gallinette"), strip_role("Microsoft Research")
    ('équipe Gallinette', 'Microsoft Research')
    """
    a = affiliation.strip()
    m = _ROLE.match(a)
    if not m:
        return a
    rest = a[m.end() :]
    strong = re.search(
        r"(?i)\s(?:at|@|au\s+sein\s+de|chez|presso|am|an\s+der|bei)\s+(?:(?:the|l['’]|la|le|der|dem)\s*)?",
        rest,
    )
    if rest.lstrip().startswith(","):
        return rest.strip(" ,") or a
    at = strong or _ROLE_AT.search(rest)
    if at and at.start() <= 80:
        return rest[at.end() :].strip(" ,") or a
    return a


def _clean_affiliation(a: str) -> str | None:
    a = _WEEKDAY_TAIL.sub("", a)
    a = re.sub(
        r"(?i)[,;]?\s*\b(?:joint\s+(?:work\s+)?with|in\s+collaboration\s+with|together\s+with)\b.*$",
        "",
        a,
    )
    a = strip_role(" ".join(a.split()).strip(" ,;:-–—()"))
    a = re.sub(r"(?i)^(?:both|all|each|all\s+from|both\s+from|tous\s+deux|beide)\s+", "", a).strip(
        " ,;:-–—"
    )
    if not a or PLACEHOLDER.match(a):
        return None
    return a


def _prepare(text: str) -> str:
    s = _MDLINK.sub(r"\1", text)
    s = _URLISH.sub(" ", s)
    s = re.sub(r"[*_#`]+|\s\(\s*\)", " ", s)
    for _ in range(3):
        s2 = _NOTE.sub("", s)
        if s2 == s:
            break
        s = s2
    return s


def _person(chunk: str, affiliation: str | None = None, alone: bool = False) -> Speaker | None:
    raw = chunk.strip(" ,;:-–—.\t")
    name = strip_honorifics(raw).strip(" ,;")
    honored = name != raw
    name = re.sub(rf"[{_SUPER}]+|(?<=[^\W\d_])\d{{1,2}}(?:,\d{{1,2}})*$", "", name).strip()
    if not name or PLACEHOLDER.match(name):
        return None
    if looks_like_name(name):
        return Speaker(name=name, affiliation=affiliation)
    single = len(name.split()) == 1 and _name_token(name) and name.casefold() not in _NOT_NAME
    if single and not name.isupper() and (honored or affiliation):
        return Speaker(name=name, affiliation=affiliation)
    if (
        alone
        and is_organization(name)
        and len(name.split()) <= 5
        and not re.search(r"\b(?:of|the|for|de|du|der|des)\b", name)
    ):
        return Speaker(name=name, affiliation=affiliation)
    return None


def _paren_units(line: str) -> list[tuple[str, str]]:
    """``A (X) and B (Y)`` → ``[("A", "X"), (" and B", "Y")]``; text after the last unit too."""
    units: list[tuple[str, str]] = []
    depth, start, open_at = 0, 0, -1
    for i, ch in enumerate(line):
        if ch == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                units.append((line[start:open_at], line[open_at + 1 : i]))
                start = i + 1
    tail = line[start:].strip(" ,;")
    if tail:
        units.append((tail, ""))
    return units


def _names_in(part: str) -> list[str]:
    """Split ``A, B and C`` into names (or give the part back whole)."""
    pieces = [p for p in _SPLIT_AND.split(part) if p.strip(" ,")]
    out: list[str] = []
    for p in pieces:
        commas = [c.strip() for c in p.split(",") if c.strip()]
        # ``A, B`` alone is ``Name, Affiliation`` (``Olufemi Adebayo, Georgia Tech``); a list
        # of names has a conjunction (``A, B and C``) or three names
        listed = len(pieces) > 1 or len(commas) > 2
        if (
            len(commas) > 1
            and listed
            and all(looks_like_name(strip_honorifics(c)) and not is_organization(c) for c in commas)
        ):
            out.extend(commas)
        else:
            out.append(p)
    return out


_FUNCTION_WORDS = frozenset(
    "of the and for de la le del della di du des der die für van von at in et y e".split()
)


def _plausible_affiliation(a: str) -> bool:
    """An institution rather than a talk title (``Jane Doe - On knots`` has no affiliation)."""
    if is_organization(a):
        return True
    if a[:1] in "\"'“‘«„" or ":" in a or a.rstrip().endswith("?"):
        return False
    if re.match(
        r"(?i)(?:on|the|a|an|towards?|from|how|why|what|when|beyond|about|some|new|recent)\s", a
    ):
        return False
    lower = [w for w in a.split() if w[:1].islower() and w.casefold() not in _FUNCTION_WORDS]
    return len(lower) < 2 and len(a.split()) <= 8


def _parse_plain(line: str) -> list[Speaker]:
    """Speakers of a line without parentheses."""
    d = _DASH.split(line, maxsplit=1)
    if len(d) == 2:
        names = _names_in(d[0])
        if all(_person(n) for n in names):
            a = _clean_affiliation(d[1])
            a = a if a and _plausible_affiliation(a) else None
            return [p for n in names if (p := _person(n, a))]
    parts = _names_in(line)
    if len(parts) > 1 and all(_person(p) for p in parts):
        return [p for n in parts if (p := _person(n))]
    people: list[Speaker] = []
    for chunk in parts:
        bits = [b.strip() for b in chunk.split(",")]
        p = _person(bits[0], alone=len(parts) == 1 and len(bits) == 1)
        if p is None:
            continue
        rest = ", ".join(b for b in bits[1:] if b and not POSTNOMINAL.fullmatch(" " + b))
        people.append(Speaker(name=p.name, affiliation=_clean_affiliation(rest) if rest else None))
    return people


def _parse_line(line: str) -> list[Speaker]:
    line = line.strip(" ,;")
    if not line:
        return []
    if "(" not in line or ")" not in line:
        return _parse_plain(line)
    people: list[Speaker] = []
    for unit, aff in _paren_units(line):
        unit = re.sub(r"(?i)^\s*(?:,|;|&|and|und|et|y|e)\s+", "", unit.strip(" ,;")).strip()
        if not unit:
            continue
        a = _clean_affiliation(aff) if aff else None
        parts = _names_in(unit)
        found = [_person(n, a, alone=len(parts) == 1) for n in parts]
        if not any(found):
            plain = _parse_plain(unit)
            found = [Speaker(name=p.name, affiliation=p.affiliation or a) for p in plain]
        if aff == "" and not any(found) and people:
            break  # trailing text after the last speaker
        people.extend(p for p in found if p)
    return people


def parse_people(text: str) -> list[Speaker]:
    """The speakers named in a speaker slot, in order (see the module docstring).

    >>> parse_people("[Ziv Scully](https://ziv.codes/) (Cornell) (on zoom)")
    [Speaker(name='Ziv Scully', affiliation='Cornell')]
    >>> parse_people("Dr. Dhanya\\n          IISc")
    [Speaker(name='Dhanya', affiliation='IISc')]
    >>> [p.affiliation for p in parse_people("Alice Smith¹, Bob Jones²\\n¹ ETH Zurich\\n² EPFL")]
    ['ETH Zurich', 'EPFL']
    """
    if not text or len(text) > 20000:
        return []
    notes: dict[str, str] = {}
    lines: list[str] = []
    for raw in text.split("\n")[:60]:
        fm = _FOOTNOTE_LINE.match(raw)
        if fm and lines and re.search(rf"[{_SUPER}]|[^\W\d_]\d", lines[0]):
            bits = re.split(rf"\s*([{_SUPER}]+)\s*", raw.strip())
            if len(bits) >= 3 and not bits[0]:  # ``¹ Auckland   ² RIKEN`` on one line
                for mark, note in zip(bits[1::2], bits[2::2], strict=False):
                    notes[mark.translate(str.maketrans(_SUPER, "0123456789"))] = note.strip(" ,;")
            else:
                key = re.sub(
                    r"\D", "", raw.strip()[:3].translate(str.maketrans(_SUPER, "0123456789"))
                )
                notes[key] = fm.group(1).strip()
            continue
        if raw.strip():
            lines.append(_prepare(raw))
    people: list[Speaker] = []
    affil_lines = 0
    for line in lines:
        if notes:
            for part in re.split(r",\s*|\s+and\s+", line):
                marks = re.findall(rf"[{_SUPER}]+|(?<=[^\W\d_])\d{{1,2}}(?=\W|$)", part)
                key = marks[0].translate(str.maketrans(_SUPER, "0123456789")) if marks else ""
                p = _person(part)
                if p:
                    people.append(
                        Speaker(name=p.name, affiliation=notes.get(key[:1]) or notes.get(key))
                    )
            continue
        last = people[-1] if people else None
        if (
            last is not None
            and (last.affiliation is None or affil_lines)
            and len(line.split()) <= 14
        ):
            a = _clean_affiliation(line)
            if (
                a
                and not looks_like_name(strip_honorifics(a.split("(")[0]))
                and _plausible_affiliation(a)
                and (affil_lines == 0 or (affil_lines < 3 and is_organization(a)))
            ):
                joined = f"{last.affiliation}, {a}" if last.affiliation else a
                people[-1] = Speaker(name=last.name, affiliation=joined)
                affil_lines += 1
                continue
        affil_lines = 0
        found = _parse_line(line)
        if found:
            people.extend(found)
        elif people:
            break
    out: list[Speaker] = []
    for p in people:
        if all(q.name != p.name for q in out):
            out.append(p)
    return out


# --- prose ------------------------------------------------------------------

_CUE = re.compile(
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
_WEAK_CUE = re.compile(
    r"(?i)\b(?<!joint )(?<!work )(?<!together )(?<!collaboration )(?<!discussions )(?<!conversations )(?<!along )(?:with|avec|mit|con|welcome|welcoming|accueillir|"
    r"accueillons|begrüßen|accogliere|recibir|host|hosting)\s+"
)
_VERB = re.compile(
    r"(?i)\s(?:will\s+(?:speak|talk|present|give|lecture|discuss|deliver|be\s+(?:speaking|presenting|giving))|"
    r"speaks|presents|(?:is\s+)?(?:giving|presenting|speaking|talking)|gives\s+a\s+talk|"
    r"présentera|parlera|interviendra|donnera|spricht|referiert|hält|"
    r"(?:nos\s+)?hablará|impartirá|presentará|dará|parlerà|presenterà|terrà|interverrà)\b"
)
_NAMEISH = re.compile(r"[^\W\d_][\w'’.-]{0,30}")
_HOST_LABELS = ("host", "series")


_NOTE_START = re.compile(rf"(?<=\s)[{_SUPER}]{{1,3}}[ \t]{{1,4}}(?=[^\W\d_])")


def _take_name(s: str) -> tuple[str, str] | None:
    """The name at the start of ``s`` (honorifics allowed) and what follows it."""
    pos, honored = 0, False
    toks: list[str] = []
    while len(toks) < 7:
        m = re.match(r"[ \t]{0,3}(\S{1,40})", s[pos:])
        if not m:
            break
        tok = m.group(1)
        word = tok.rstrip(',;:.!?)»”"')
        if HONORIFIC.match(tok + " ") and not toks:
            honored = True
        elif _INITIAL.match(tok) or (
            word and (_name_token(word) or (toks and word.casefold() in _PARTICLES))
        ):
            toks.append(word if not _INITIAL.match(tok) else tok)
            if word != tok and not _INITIAL.match(tok):
                pos += m.start(1) + len(word)
                break
        else:
            break
        pos += m.end()
    while toks and toks[-1].casefold() in _PARTICLES:
        toks.pop()
    name = " ".join(toks)
    if looks_like_name(name) or (honored and len(toks) == 1):
        return name, s[pos:]
    return None


_PLACE_START = re.compile(
    r"(?i)(?:the\s+)?(?:room|hall|building|salle|raum|aula|sala|hörsaal|auditorium|amphi)\b"
)


def _affil_after(rest: str) -> str | None:
    """The affiliation right after a name in prose: ``(X)``, ``, X``, ``from X``."""
    m = re.match(r"\s*\(([^()\n]{2,160})\)", rest)
    if m:
        return _clean_affiliation(m.group(1))
    m = re.match(
        r"\s*(?:[,–—-]|(?P<prep>from|at|of|aus|von|de|du|del|della|di)\s)\s*(?P<a>[^,;\n]{3,200})",
        rest,
    )
    if m is None:
        return None
    text = m.group("a").strip()
    prep = bool(m.group("prep")) and re.match(r"(?:the\s+|l['’]|la\s+|le\s+)?[A-ZÀ-Þ]", text)
    if not (_ROLE.match(text) or is_organization(text) or prep) or _PLACE_START.match(text):
        return None
    head = re.sub(
        r"(?i)^(?:(?:from|at|of|de|du|des|del|della|di)\s+)?(?:the\s+|l['’]|la\s+|le\s+)?",
        "",
        strip_role(text),
    )
    words: list[str] = []
    for w in head.split():
        if (
            words
            and w[:1].islower()
            and w.casefold() not in _PARTICLES | {"of", "the", "and", "for", "für", "et"}
        ):
            break
        words.append(w)
    aff = " ".join(words)
    if aff.endswith(".") and not re.search(r"(?i)\b(?:inc|ltd|corp|co|st|univ)\.$", aff):
        aff = aff[:-1]
    return _clean_affiliation(aff)


def _names_at(s: str) -> list[tuple[str, str | None]]:
    """Names at the start of ``s``: ``A (X) and B (Y)``, ``Nobel laureate Prof. A``."""
    got = _take_name(s)
    if got is None:
        hon = re.search(r"(?i)\b(?:prof(?:essor)?|dr|drs?)\b\.?\s", s[:40])
        got = (
            _take_name(s[hon.start() :])
            if hon and not re.search(r"[.;:\n]", s[: hon.start()])
            else None
        )
    out: list[tuple[str, str | None]] = []
    while got is not None and len(out) < 5:
        out.append((got[0], _affil_after(got[1])))
        nxt = re.match(r"\s*(?:\([^()\n]{0,160}\))?\s*(?:,|and|&|und|et|y|e)\s+", got[1])
        got = _take_name(got[1][nxt.end() :]) if nxt else None
    return out


def _name_before(s: str) -> str | None:
    """The name that ends ``s`` (``… a David Orden`` → ``David Orden``)."""
    toks = s.split()[-7:]
    best = None
    for k in range(1, len(toks) + 1):
        tok = toks[-k]
        if HONORIFIC.match(tok + " "):
            if (
                best is None
                and k == 2
                and _name_token(toks[-1])
                and toks[-1].casefold() not in _PARTICLES
            ):
                best = toks[-1]  # ``Dr. Smith will give the lecture``
            break
        if not (
            _INITIAL.match(tok) or _name_token(tok.strip('«“"(')) or tok.casefold() in _PARTICLES
        ):
            break
        cand = " ".join(toks[-k:]).strip('«“"(')
        if looks_like_name(cand):
            best = cand
    return best


def _before_verb(window: str) -> tuple[int, Speaker] | None:
    """The speaker of ``<window> will speak``: right before the verb, or before
    ``(Affiliation)``, ``, role …`` or ``, who …`` that precedes the verb."""
    w = re.sub(r"(?i)[\s,]+(?:qui|who|quien|che|which|that)$", "", window.rstrip(" ,"))
    if w.endswith(")"):
        open_at = w.rfind("(", max(0, len(w) - 160))
        name = _name_before(w[:open_at]) if open_at > 0 else None
        if name:
            return open_at, Speaker(name=name, affiliation=_clean_affiliation(w[open_at + 1 : -1]))
    name = _name_before(w)
    if name:
        return len(w) - len(name), Speaker(name=name)
    for k, c in enumerate(re.finditer(",", window)):
        if k >= 8:
            break
        after = window[c.end() :].lstrip()
        if _ROLE.match(after) or re.match(r"(?i)(?:qui|who|quien|der|die|che)\b", after):
            name = _name_before(window[: c.start()])
            if name:
                return c.start() - len(name), Speaker(
                    name=name, affiliation=_affil_after(" ".join(window[c.start() :].split()))
                )
    for k, pm in enumerate(
        re.finditer(r"\s(?:of|from|at|de|du|von|aus)\s(?=(?:the\s)?[A-ZÀ-Þ])", w)
    ):
        if k >= 4:
            break
        name = _name_before(w[: pm.start()])
        if name:
            return pm.start() - len(name), Speaker(
                name=name, affiliation=_affil_after(w[pm.start() :])
            )
    return None


def _sentence_start(t: str, lo: int, hi: int) -> int:
    """The ``. `` that ends the sentence before ``hi`` (not the one of ``Dr. `` or ``J. ``)."""
    end = hi - 3
    for _ in range(4):
        dot = t.rfind(". ", lo, end)
        if dot == -1 or not re.search(
            r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms|Pr|St|Dott|Ing|Mme)|\b[A-Z])$", t[max(lo, dot - 6) : dot]
        ):
            return dot
        end = dot
    return -1


def _without_hosts(text: str) -> str:
    """Drop host / jury / organiser blocks: a host label line and the lines under it."""
    from .labels import split_label

    out, skipping = [], False
    for line in text.split("\n"):
        lab = split_label(re.sub(r"[*_]", "", line)) if line.strip() else None
        if lab is not None:
            skipping = lab[0] in _HOST_LABELS
            if skipping:
                continue
        elif not line.strip():
            skipping = False
        if not skipping:
            out.append(line)
    joined = "\n".join(out)
    return re.sub(
        r"(?i)\b(?:organi[sz]ed|hosted|chaired|moderated|invited|sponsored|introduced)\s+by\s+",
        "by [organiser] ",
        joined,
    )


def find_speaker_in_prose(text: str) -> list[Speaker]:
    """Speakers named in running text (EN/FR/DE/ES/IT), in order of appearance.

    >>> find_speaker_in_prose("Eröffnet wird es mit einem Vortrag von Iris Engemann unter dem Titel …")
    [Speaker(name='Iris Engemann', affiliation=None)]
    >>> find_speaker_in_prose("The seminar, hosted by Jane Doe, features a talk by Dr. Ada Lovelace (Cambridge).")
    [Speaker(name='Ada Lovelace', affiliation='Cambridge')]
    >>> find_speaker_in_prose("Das Kolloquium von Prof. Dr. Karl Schlögel startet am Montag.")
    []
    """
    t = _without_hosts(text[:200_000])
    found: list[tuple[int, Speaker]] = []
    for m in _CUE.finditer(t):
        if len(found) >= 50:
            break
        for k, (name, aff) in enumerate(_names_at(t[m.end() : m.end() + 400])):
            found.append((m.start() + k, Speaker(name=name, affiliation=aff)))
    for m in _WEAK_CUE.finditer(t):
        if len(found) >= 50:
            break
        after = t[m.end() : m.end() + 300]
        got = _take_name(after)
        if got and (HONORIFIC.match(after) or got[1].lstrip().startswith("(")):
            found.append((m.start(), Speaker(name=got[0], affiliation=_affil_after(got[1]))))
    for m in _VERB.finditer(t):
        if len(found) >= 50:
            break
        lo = max(0, m.start() - 400)
        start = max(_sentence_start(t, lo, m.start()), t.rfind("\n\n", lo, m.start()), lo - 1)
        window = t[start + 1 : m.start()]
        before = _before_verb(window)
        if before is not None:
            found.append((start + 1 + before[0], before[1]))
    done = -1
    for m in _NOTE_START.finditer(t):  # ``Ada Lovelace¹, Alan Turing² ¹ Cambridge ² Manchester``
        if len(found) >= 50:
            break
        if m.start() < done:
            continue
        brk = t.rfind("\n\n", max(0, m.start() - 400), m.start())
        para = brk + 2 if brk != -1 else max(m.start() - 400, 0)
        names = t[para : m.start()].strip()
        if re.search(rf"[^\W\d_][{_SUPER}]", names):
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


def _line_value(m: re.Match[str]) -> tuple[tuple[str, str | None], ...] | None:
    people = parse_people(m.group(0))
    return tuple((p.name, p.affiliation) for p in people) or None


def _prose_value(m: re.Match[str]) -> str | None:
    got = _take_name(m.string[m.end() : m.end() + 300])
    return got[0] if got else None


RULES: tuple[Rule[object], ...] = (
    Rule(
        "speaker-slot",
        re.compile(r"[^\n]{1,2000}"),
        _line_value,
        examples=(
            ("Prof. Matthieu Wyart - EPFL", (("Matthieu Wyart", "EPFL"),)),
            (
                "Yuhai Tu (IBM T. J. Watson Research Center)",
                (("Yuhai Tu", "IBM T. J. Watson Research Center"),),
            ),
            (
                "Arkady Leiderman, Ben-Gurion University of the Negev, Beer Sheva, Israel",
                (("Arkady Leiderman", "Ben-Gurion University of the Negev, Beer Sheva, Israel"),),
            ),
            (
                "Alice Smith, Bob Jones and Carol White",
                (("Alice Smith", None), ("Bob Jones", None), ("Carol White", None)),
            ),
            (
                "Enzo Crance, Doctorant au sein de l’équipe Gallinette",
                (("Enzo Crance", "équipe Gallinette"),),
            ),
        ),
        counterexamples=(
            "All are welcome",
            "Department of Mathematics",
            "TBA",
            "3:00pm-4:00pm, WMAX 110",
        ),
    ),
    Rule(
        "speaker-prose-cue",
        _CUE,
        _prose_value,
        examples=(
            ("mit einem Vortrag von Iris Engemann unter dem Titel", "Iris Engemann"),
            ("a talk by Prof. Jane Q. Public on knots", "Jane Q. Public"),
            ("Soutenance de thèse de Enzo Crance", "Enzo Crance"),
            ("conferencia a cargo de María del Carmen Calderón", "María del Carmen Calderón"),
        ),
        counterexamples=(
            "the talk by the group was great",
            "a talk by our team",
            "presented by the department",
        ),
    ),
)
