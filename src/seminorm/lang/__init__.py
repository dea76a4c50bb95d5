"""The words of each language seminorm reads: one module per language.

Takes nothing (data only). Gives one :class:`Vocabulary` per language module
(full: ``en``, ``fr``, ``de``, ``es``, ``it``, ``pt``, ``nl``, ``sv``;
partial: ``da``, ``no``, ``he``, ``pl``, and ``ja``, ``zh``, ``ko``, whose
dates are numbers) and the merged views :func:`merged`,
:func:`merged_numbered` and :func:`merged_mapping`, from which the rules build
their lookups and regular-expression alternations instead of spelling a
language's words inline. The tables held here today: months and their
abbreviations, weekdays, the words of relative days (``rules/monthnames.py``,
``rules/whendoc.py``), the words of weekly recurrence (``rules/weekly.py``), the field labels (``rules/labels.py``), honorifics and role nouns
(``rules/people_names.py``), day-part words before a time and weekdays written
after a date (``rules/cjk.py``), zone phrases (``zones/data.py``), hour words after a
time (``rules/times.py``, ``rules/dates.py``), room words and online-only words (``rules/places.py``), the words that make a line worth reading for a place (``engine/candidates.py``), series words (``rules/places.py``), the words of "X time" zone phrases (``rules/zones.py``, ``rules/timetail.py``), page chrome, the verbs that attribute a quotation, the words before a speaker's name and a host's words (``learn/features.py``), food and drink served around a talk (``engine/timepick.py``, ``rules/places.py``, ``learn/features.py``), the words for "and" of lists (``rules/people_slot.py``, ``rules/people_prose.py``, ``rules/weekly.py``, ``rules/labels.py``, ``engine/session.py``, ``engine/segment.py``), the nouns of talks that are no name's words (``rules/people_names.py``), the prepositions before a place (``engine/where.py``, ``learn/features.py``), the common verbs of a sentence, the words before a title and the words that start a clause (``learn/features.py``), the prepositions before a speaker's institution and for "by" (``rules/people_prose.py``, ``engine/session.py``, ``learn/features.py``), a schedule table's talk column (``readers/html/text.py``), the kinds of a programme item's label before its title (``engine/candidates.py``), the speaker cues, speaking verbs and "with" words of running text (``rules/people_prose.py``).

Each table is a tuple of lower-case words; the tables marked *fragments* in
:class:`Vocabulary` hold regular-expression fragments (``this[ \\t]+evening``).
The rules join the tables of every language, so which language a word is
filed under changes nothing but the documentation; a word several languages
write (``mar``, ``juni``) is listed under each.

Adding a language
-----------------
1. Write ``src/seminorm/lang/xx.py`` (``xx`` its ISO 639-1 code) defining
   ``VOCABULARY = Vocabulary(code="xx", ...)``: copy ``de.py`` and replace
   every table. Months are numbered 1-12, weekdays 0 (Monday) to 6, each with
   its full names, abbreviations, and the spellings without accents.
2. Every table of :data:`REQUIRED` must be filled (``tests/test_lang.py``
   checks it); a language that fills only some tables says ``partial=True``.
3. Add example cases in that language (invented text) to the rules' example
   tables and to ``tests/corpus/``.
Nothing else is edited: :func:`vocabularies` finds the modules of this package.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from ..plain import field, record


@record
class Vocabulary:
    """One language's words, table by table (lower-case unless said otherwise)."""

    #: ISO 639-1 code, the module's name.
    code: str
    #: Words of a few tables only; :data:`REQUIRED` is not checked.
    partial: bool = False
    #: Month (1-12) -> its names and abbreviations, with and without accents.
    months: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    #: Weekday (0 = Monday) -> its names and abbreviations.
    weekdays: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    #: Letters that name a weekday after a word for "day" (``יום ה'``), case kept.
    weekday_letters: Mapping[str, int] = field(default_factory=dict)
    #: Month forms that are also common words: a date needs more than them.
    wordlike_months: tuple[str, ...] = ()
    #: Fragments: "today", "tonight", "this evening".
    today: tuple[str, ...] = ()
    #: Fragments: "tomorrow" (``(?-i:morgen)``: German capitalises the noun "Morgen").
    tomorrow: tuple[str, ...] = ()
    #: Words before a weekday that make it relative: "next", "prochain", "nächsten".
    before_weekday: tuple[str, ...] = ()
    #: Words after a weekday that make it relative: "mardi prochain".
    after_weekday: tuple[str, ...] = ()
    #: Fragments before a weekday that make it recurring: "every", "jeden", "tous[ \t]+les".
    every_weekday: tuple[str, ...] = ()
    #: Fragments between such a word and the weekday that make it fortnightly: "other", "zweiten".
    every_other: tuple[str, ...] = ()
    #: Field (one of :data:`FIELDS`) -> the words that label it (``Speaker:``,
    #: ``Lieu :``), as written; matched ignoring case.
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Fragments: honorifics and titles written before a name (``prof(?:essor)?\\.?``,
    #: ``dr\\.\\s?rer\\.\\s?nat\\.?``), each with its own optional dot.
    honorifics: tuple[str, ...] = ()
    #: Day-part words written before a time -> ``"am"`` or ``"pm"`` (``午後``, ``晚上``, ``오후``).
    day_parts: Mapping[str, str] = field(default_factory=dict)
    #: Weekdays written after a date in parentheses (``（金）``, ``（周日）``, ``(금요일)``), 0 = Monday.
    bracket_weekdays: Mapping[str, int] = field(default_factory=dict)
    #: Zone phrases -> IANA zone (``北京时间``, ``hora de Lisboa``), matched ignoring case.
    zone_names: Mapping[str, str] = field(default_factory=dict)
    #: Fragments: the words written after a time or an hour for "o'clock" (``18 Uhr``,
    #: ``18:30 horas``, ``14 heures``, ``4 o'clock``).
    hour_words: tuple[str, ...] = ()
    #: Fragments: the nouns of rooms and buildings a place in prose is named by
    #: (``seminar\s+room``, ``salle``, ``h[öo]rsaal``, ``aula``).
    room_words: tuple[str, ...] = ()
    #: Fragments: the words that make a line worth reading for a place (``room``,
    #: ``floor``, ``campus``, ``salle``, ``zaal``): the line scans' cue
    #: (``engine/candidates.py``), broader than ``room_words``.
    place_words: tuple[str, ...] = ()
    #: Fragments: the words that name a seminar series (``colloquium``,
    #: ``reading\s+group``, ``séminaire``), a plural ``s`` allowed: a place slot
    #: holding one (and no room word, no number) names a series (``rules/places.py``).
    series_words: tuple[str, ...] = ()
    #: Fragments: the words that say a talk is online only (``online``, ``en\s+ligne``,
    #: ``virtuell``); platforms' names are no language's and stay in ``rules/places.py``.
    online_words: tuple[str, ...] = ()
    #: Fragments: the word for "time" written before a place to name its zone
    #: (``heure`` de Paris, ``hora`` de Lisboa, ``ora`` di Roma).
    zone_time_before: tuple[str, ...] = ()
    #: The words that may join it to the place (``de``, ``du``, ``d'``, ``di``, ``del``).
    zone_time_linkers: tuple[str, ...] = ()
    #: Fragments: the words for "time" written after a place (Paris ``time``,
    #: ``local[ \t]+time``, Berliner ``Zeit``).
    zone_time_after: tuple[str, ...] = ()
    #: Fragments: the words of a page's chrome around an announcement (menus, search,
    #: print, share, sign-in, cookie and paywall notices, font-size and accessibility
    #: switches): a line with one is no talk's title (``learn/features.py``).
    chrome_words: tuple[str, ...] = ()
    #: Fragments: the verbs that attribute a quotation to someone (``said``, ``a
    #: déclaré``, ``sagte``): a quotation followed by one is speech, not a title.
    speech_verbs: tuple[str, ...] = ()
    #: The header of a schedule table's column that holds each talk's title without
    #: naming it one (``Content``, ``Inhalt``, ``Contenu``, ``Ponencia``): the table
    #: reader labels its cells as titles (``readers/html/text.py``).
    talk_columns: tuple[str, ...] = ()
    #: Fragments: the nouns of a programme item's label before its title's colon
    #: (``Lecture 2 (Doe): Title``, ``Keynote: Title``, ``Séance 3 : Titre``): the label is
    #: no part of the title (``engine/candidates.py``).
    talk_kinds: tuple[str, ...] = ()
    #: Fragments: the phrases after which running text names a talk's speaker
    #: (``(?:talk|lecture)s?\s+by``, ``vortrag\s+von``, ``(?:présentée?s?|donnée?)\s+par``,
    #: ``relatore``): ``rules/people_prose.py`` reads a name right after one. No two
    #: phrases of all the languages may match at the same place with different ends.
    speaker_cues: tuple[str, ...] = ()
    #: Fragments: the verbs written after a speaker's name (``will\s+speak``,
    #: ``spricht``, ``falará``, ``håller\s+(?:ett\s+)?föredrag``): ``rules/people_prose.py``
    #: reads the name before one.
    speaking_verbs: tuple[str, ...] = ()
    #: The words before a name with an honorific that may introduce a speaker
    #: (``with``, ``avec``, ``mit``, ``welcome``, ``accueillons``): ``rules/people_prose.py``.
    with_words: tuple[str, ...] = ()
    #: Nouns of roles and positions, the last word of a job title and never of a name
    #: (``professor``, ``manager``, ``directrice``, ``direktorin``): ``rules/people_names.py``.
    role_nouns: tuple[str, ...] = ()
    #: Fragments: the words written right before a speaker's name (``by``, ``von``,
    #: ``speakers?``, ``referent(?:in)?``, ``palestrante``, ``author``): the feature
    #: ``cue_before`` (``learn/features.py``), which reads only a line's last 16
    #: characters: a word of 13 letters at most (or ending ``\w*``).
    before_speaker: tuple[str, ...] = ()
    #: Fragments: the words near a name that make it a host's, not a speaker's
    #: (``hosted``, ``chair``, ``gastgeber\w*``, ``responsable``): the feature
    #: ``host_cue`` (``learn/features.py``).
    host_words: tuple[str, ...] = ()
    #: Fragments: food and drink served around a talk (``coffee``, ``refreshments?``,
    #: ``apéro``, ``kaffee``, ``rinfresco``), each a whole word: a time or a place right
    #: after one is the reception's, not the talk's (``engine/timepick.py``,
    #: ``rules/places.py``, the feature ``refreshment_before`` of ``learn/features.py``).
    refreshment_words: tuple[str, ...] = ()
    #: The words for "and" that join the items of a list (``and``, ``und``, ``et``, ``y``,
    #: ``och``): lists of people, of weekdays, of a programme's items, of labels.
    conjunctions: tuple[str, ...] = ()
    #: The nouns that name a talk or a series of talks, singular and plural, as written
    #: (``talk``, ``lectures``, ``vortrag``, ``exposé``, ``palestra``): never a name's word
    #: (``rules/people_names.py``).
    talk_nouns: tuple[str, ...] = ()
    #: The prepositions written before a place (``in``, ``at``, ``im``, ``dans``, ``nella``,
    #: ``presso``, ``på``): a value that starts with one and a room word is a place
    #: (``engine/where.py``); a place's left edge after one is clear (``learn/features.py``).
    place_prepositions: tuple[str, ...] = ()
    #: Fragments: the common verbs of a sentence about an event (``is``, ``will``, ``held``,
    #: ``takes?``, ``sera``, ``findet``, ``sarà``): a place is a noun phrase, a value
    #: holding one is a sentence around it (``learn/features.py``, feature ``verb``).
    sentence_verbs: tuple[str, ...] = ()
    #: Fragments: the words right before a talk's title (``entitled``, ``on``, ``about``,
    #: ``über``, ``zum\s+thema``, ``intitulée?``, ``sobre``, ``getiteld``): features
    #: ``q_cue`` (with ``talk_nouns`` and the verb "to be") and ``cue_before`` of a title
    #: (``learn/features.py``).
    title_cues: tuple[str, ...] = ()
    #: The words that start a clause after a place (``at``, ``from``, ``where``, ``which``,
    #: ``dès``, ``donde``, ``vanaf``): with ``conjunctions`` and ``sentence_verbs``, a
    #: place's right edge before one is clear (``learn/features.py``, ``right_clear``).
    clause_words: tuple[str, ...] = ()
    #: The prepositions between a speaker's name and their institution (``from``, ``of``,
    #: ``at``, ``aus``, ``von``, ``de``, ``della``, ``van``, ``från``): ``rules/people_prose.py``,
    #: ``engine/session.py``.
    origin_words: tuple[str, ...] = ()
    #: Titles written right after a name, in the languages that write them so (``教授``,
    #: ``氏``, ``先生``, ``교수``), as written: a name before one is a person's
    #: (``rules/people_cjk.py``), and the title is no part of the name.
    name_suffixes: tuple[str, ...] = ()
    #: Words of giving a talk, read in text without spaces (``講演``, ``主讲``, ``报告``,
    #: ``강연``), as written: a titled name in the sentence of one is a speaker
    #: (``rules/people_cjk.py``).
    talk_words: tuple[str, ...] = ()
    #: The endings of an institution's name in those languages (``大学``, ``研究所``,
    #: ``대학교``), as written: the words before a name that end with one are its affiliation.
    org_endings: tuple[str, ...] = ()
    #: The prepositions for "by" before a talk's speaker (``by``, ``von``, ``par``, ``por``,
    #: ``di``, ``door``, ``av``): "two talks by X" (``engine/session.py``), a quoted title's
    #: speaker after it (``learn/features.py``, feature ``q_by``, with ``with_words``).
    by_words: tuple[str, ...] = ()


#: The tables every full language fills.
REQUIRED = (
    "months",
    "weekdays",
    "today",
    "before_weekday",
    "labels",
    "honorifics",
    "speaker_cues",
    "speaking_verbs",
    "with_words",
    "before_speaker",
    "refreshment_words",
    "room_words",
    "conjunctions",
    "talk_nouns",
    "place_prepositions",
    "sentence_verbs",
    "title_cues",
    "clause_words",
    "origin_words",
    "by_words",
)
#: The label fields every full language names.
REQUIRED_LABELS = ("title", "speaker", "date", "time", "when", "place", "abstract")
#: The fields a label can name, in the order a word two fields share is given to the first.
FIELDS = (
    "title",
    "speaker",
    "date",
    "time",
    "when",
    "place",
    "abstract",
    "series",
    "host",
    "online",
    "meeting_id",
    "passcode",
    "affiliation",
    "bio",
    "duration",
    "registration",
)


@lru_cache(maxsize=1)
def vocabularies() -> tuple[Vocabulary, ...]:
    """Every language module's :class:`Vocabulary`, in the order of their codes."""
    import importlib

    out = []
    for name in _module_names():
        vocabulary = importlib.import_module(f"{__name__}.{name}").VOCABULARY
        assert isinstance(vocabulary, Vocabulary), name
        assert vocabulary.code == name, name
        out.append(vocabulary)
    return tuple(out)


def _module_names() -> list[str]:
    """The language modules: the ``*.py`` files of this package's folder (:mod:`pkgutil`,
    which loads :mod:`inspect`, only when the package is no folder, as in a zip)."""
    import os

    names: set[str] = set()
    try:
        for folder in __path__:
            for entry in os.scandir(folder):
                stem, _, ext = entry.name.partition(".")
                if ext == "py" and stem.isidentifier() and not stem.startswith("_"):
                    names.add(stem)
    except OSError:
        names = set()
    if not names:
        import pkgutil

        names = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}
    return sorted(names)


def merged(table: str) -> tuple[str, ...]:
    """A tuple table of every language, in language order, without repeats."""
    seen: dict[str, None] = {}
    for vocabulary in vocabularies():
        for word in getattr(vocabulary, table):
            seen.setdefault(word, None)
    return tuple(seen)


def merged_numbered(table: str) -> dict[str, int]:
    """``months`` or ``weekdays`` of every language: word -> number."""
    out: dict[str, int] = {}
    for vocabulary in vocabularies():
        numbered: Mapping[int, tuple[str, ...]] = getattr(vocabulary, table)
        for number, words in numbered.items():
            for word in words:
                out.setdefault(word, number)
    return out


def merged_mapping(table: str) -> dict[str, object]:
    """A word -> value table of every language (``day_parts``, ``bracket_weekdays``, ``zone_names``)."""
    out: dict[str, object] = {}
    for vocabulary in vocabularies():
        for word, value in getattr(vocabulary, table).items():
            out.setdefault(word, value)
    return out


def merged_labels() -> dict[str, tuple[str, ...]]:
    """Field -> the label words of every language, fields in :data:`FIELDS` order."""
    out: dict[str, dict[str, None]] = {f: {} for f in FIELDS}
    for vocabulary in vocabularies():
        for name, words in vocabulary.labels.items():
            for word in words:
                out[name].setdefault(word, None)
    return {f: tuple(words) for f, words in out.items()}


def words(table: str) -> str:
    """:func:`alternation` of a table of every language (:func:`merged`)."""
    return alternation(merged(table))


def gated(fragments: tuple[str, ...]) -> str:
    """``(?=[…])(?:…)``: the :func:`alternation` of ``fragments`` behind a lookahead of their
    :func:`initials` (the alternation alone when they have none): the same matches, and
    ``re`` refuses a place at one character instead of trying every alternative there.

    >>> gated(("on", "about"))
    '(?=[ao])(?:about|on)'
    """
    first = initials(fragments)
    return (
        f"(?=[{first}])(?:{alternation(fragments)})" if first else f"(?:{alternation(fragments)})"
    )


def alternation(fragments: tuple[str, ...]) -> str:
    """A regular-expression alternation of ``fragments``, longest first, grouped by
    first letter.

    At one position ``re`` takes the first alternative that leads to a match,
    so a longer form (``dr\\.\\s?rer\\.\\s?nat``, ``emeritus\\s+prof``) must come
    before the shorter one it begins with (``dr``, ``emeritus``).

    ``re`` tries an alternation's every alternative in turn at each place it
    scans; when every fragment starts with a letter of its own (no class, no
    group, no optional first letter), the fragments are grouped by that letter,
    each group keeping their order (``h(?:örsaal|all)|r(?:oom|m)``): one test
    of the letter refuses a whole group, and a place is refused after a test per
    group instead of one per fragment (the place-word scan of a line, 1.5 times
    faster). Two groups never match at the same place (their letters differ, also
    ignoring case: letters with other equivalents under ``re.IGNORECASE``, such as
    ``ſ``, ``ı`` or Greek ones, leave the fragments ungrouped), so the matches are
    those of the plain alternation; no group captures.

    >>> print(alternation(("hall", "room", "rm", "hörsaal")))
    h(?:örsaal|all)|r(?:oom|m)
    >>> print(alternation(("(?:the)?room", "hall")))
    (?:the)?room|hall
    """
    ordered = sorted(fragments, key=lambda f: (-len(f), f))
    groups: dict[str, list[str]] = {}
    for fragment in ordered:
        first = _own_letter(fragment)
        if first is None:
            return "|".join(ordered)
        groups.setdefault(first, []).append(fragment[1:])
    return "|".join(
        letter + rests[0] if len(rests) == 1 else f"{letter}(?:{'|'.join(rests)})"
        for letter, rests in groups.items()
    )


#: Lower-case letters of Latin-1 and Latin Extended-A that ``re.IGNORECASE`` makes
#: equivalent to a letter of another case pair (``µ`` ~ ``μ``, ``ı`` ~ ``i``, ``ſ`` ~ ``s``).
_OTHER_EQUIVALENTS = frozenset("\u00b5\u0131\u017f")
_CAPTURE = ("(?P<", "(?P=")


def _own_letter(fragment: str) -> str | None:
    """The letter (or digit) ``fragment`` starts with, when it is a plain character that
    no other first letter can stand for under ``re.IGNORECASE``; else None."""
    c = fragment[:1]
    if not c or not c.isalnum() or c != c.lower() or fragment[1:2] in ("?", "*", "+", "{"):
        return None
    if not c.isascii() and c != c.upper():  # a cased letter beyond ASCII
        if not "\u00c0" <= c <= "\u017e" or c in _OTHER_EQUIVALENTS:
            return None
    if any(mark in fragment for mark in _CAPTURE) or _captures(fragment):
        return None  # a group's number would move with its fragment
    if _top_level_bar(fragment):
        return None  # ``x|y``: its letter is only its first branch's
    return c


def _top_level_bar(fragment: str) -> bool:
    """Whether ``fragment`` has a ``|`` outside its groups and classes.

    Read with C-speed steps (a walk over every character cost 2 ms at start-up on the
    relative-date twin's long fragments): escapes (a backslash and the character after
    it) and then classes (``[`` to the first ``]``) are removed, and the groups' depth
    is counted before each ``|``.
    """
    if "|" not in fragment:
        return False
    import re

    plain = re.sub(r"\[[^\]]*\]?", "", re.sub(r"\\[\s\S]?", "", fragment))
    depth = 0
    for piece in plain.split("|")[:-1]:
        depth += piece.count("(") - piece.count(")")
        if depth == 0:
            return True
    return False


def _captures(fragment: str) -> bool:
    """Whether ``fragment`` opens a numbered group (``(`` not after ``\\``, not followed by ``?``)."""
    opened = fragment.count("(") - fragment.count("\\(")
    return opened - fragment.count("(?") + fragment.count("\\(?") > 0


def initials(fragments: tuple[str, ...]) -> str:
    """The characters, lower-cased and escaped for a class, that a match of any of
    ``fragments`` starts with; ``""`` when one may start otherwise (an escape such as
    ``\\w``, an optional first part, an assertion).

    A lookahead of them (``(?=[dmp])``) before an :func:`alternation` lets ``re`` refuse
    most places at one character instead of trying every alternative there. Read from
    the fragments' text (a letter, a group ``(?:…|…)`` or a class of letters, not
    optional), without ``re``'s parser: it runs at a pattern's first use.

    >>> initials((r"prof(?:essor)?\\.?", r"dr\\.?", r"(?:assoc|full)\\s+prof", "[Mm]me"))
    'adfmp'
    >>> initials((r"prof", r"\\w+")), initials(("s?he",)), initials(("(?:a|b)?c",))
    ('', '', '')
    """
    import re

    out: set[str] = set()
    for fragment in fragments:
        first = _starts(fragment)
        if not first:
            return ""
        out |= first
    folded = {c.lower() for c in out}
    if any(len(c) != 1 for c in folded):
        return ""
    return "".join(re.escape(c) for c in sorted(folded))


_OPTIONAL = ("?", "*", "{")


def _starts(fragment: str) -> set[str] | None:
    """The characters a match of ``fragment`` starts with (see :func:`initials`), or None."""
    out: set[str] = set()
    for branch in branches(fragment):
        c = branch[:1]
        if c.isalpha():
            end = 0
            found = {c}
        elif branch.startswith("(?:"):
            end = group_end(branch)
            inner = _starts(branch[3:end]) if end > 0 else None
            if inner is None:
                return None
            found = inner
        elif c == "[":
            end = branch.find("]")
            letters = branch[1:end]
            if end < 2 or not letters.isalpha():
                return None
            found = set(letters)
        else:
            return None
        if branch[end + 1 : end + 2] in _OPTIONAL:
            return None
        out |= found
    return out or None


def branches(fragment: str) -> list[str]:
    """``fragment`` cut at its top-level ``|`` (not inside a group, a class or an escape).

    >>> branches(r"a(?:b|c)|[|]d|e\\|f")
    ['a(?:b|c)', '[|]d', 'e\\\\|f']
    """
    parts: list[str] = []
    depth, start, i, n = 0, 0, 0, len(fragment)
    while i < n:
        c = fragment[i]
        if c == "\\":
            i += 1
        elif c == "[":
            close = fragment.find("]", i + 2)
            i = close if close > 0 else n
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(fragment[start:i])
            start = i + 1
        i += 1
    parts.append(fragment[start:])
    return parts


def group_end(fragment: str, start: int = 0) -> int:
    """Where the group opened at ``fragment[start]`` closes (-1 when it does not).

    >>> group_end("(?:a|(?:b))c"), group_end("x(?:[)]y)z", 1), group_end("(?:a")
    (10, 8, -1)
    """
    depth, i, n = 0, start, len(fragment)
    while i < n:
        c = fragment[i]
        if c == "\\":
            i += 1
        elif c == "[":
            close = fragment.find("]", i + 2)
            i = close if close > 0 else n
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
