"""Case-insensitive scans through a lower-case twin (``seminorm.rules.fold``).

The promise is exact: ``fold.finditer(p, text)`` yields the very
matches of ``p.finditer(text)``. It is checked here on every rule's pattern
and on the whole-text patterns that use it, over texts built from the words
those patterns look for, in every case, with the characters that defeat
lower-casing mixed in.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seminorm.rules
from seminorm.patterns import LazyPattern
from seminorm.rules import fold


def _rule_patterns() -> dict[str, re.Pattern[str]]:
    out: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.iter_modules(seminorm.rules.__path__, "seminorm.rules."):
        module = importlib.import_module(info.name)
        for rule in getattr(module, "RULES", ()):
            p = rule.pattern
            out[rule.name] = p.compiled if isinstance(p, LazyPattern) else p
    from seminorm.rules import links, meetings

    for name in ("URL",):
        out[f"links.{name}"] = getattr(links, name)
    from seminorm.engine import fields

    out["fields.TITLE_CUES"] = fields.TITLE_CUES
    out["fields._MEETING"] = fields._MEETING
    from seminorm.engine import timepick

    for name in ("NOT_THE_TALK", "TALK_CUES", "RESCHEDULED", "WAS"):
        out[f"timepick.{name}"] = getattr(timepick, name)
    from seminorm.rules import when

    out["when._LOW_CONTEXT"] = when._LOW_CONTEXT.compiled
    for table in ("_KIND_BY_URL", "_KIND_BY_CONTEXT"):
        for i, (kind, pattern) in enumerate(getattr(links, table)):
            out[f"links.{table}[{i}]:{kind}"] = pattern
    for name in ("MEETING_ID", "PASSCODE"):
        out[f"meetings.{name}"] = getattr(meetings, name)
    from seminorm.engine import session
    from seminorm.rules import people_names, people_prose

    out["people_prose.SPEAKER_CUE"] = people_prose.SPEAKER_CUE.compiled
    out["people_prose._WEAK_CUE"] = people_prose._WEAK_CUE.compiled
    out["people_prose._VERB"] = people_prose._VERB.compiled
    from seminorm.learn import features

    for name in ("_SERIES_WORD", "_PAGE_CHROME_WORD", "_VERBISH"):
        out[f"features.{name}"] = getattr(features, name).compiled
    out["people_names._ORG_WORDS"] = people_names._ORG_WORDS.compiled
    out["session.SESSION_CUE"] = session.SESSION_CUE.compiled
    from seminorm.engine import candidates

    out["candidates._PLACEISH"] = candidates._PLACEISH.compiled
    out["fields.PLACE_WORDS"] = fields.PLACE_WORDS.compiled
    out["fields.SERIES_WORDS"] = fields.SERIES_WORDS.compiled
    from seminorm.rules import places

    out["places._TALK_CUE"] = places._TALK_CUE.compiled
    return out


PATTERNS = _rule_patterns()
TWINNED = {name: p for name, p in PATTERNS.items() if fold.twin_of(p) is not None}

WORDS = (
    "May", "MAY", "may", "mayo", "Mai", "März", "mars", "Dec.", "DÉCEMBRE", "décembre", "Sept",
    "juin", "Juni", "giugno", "Tuesday", "TUE", "mardi", "Dienstag", "martes", "martedì",
    "at", "AT", "um", "Um", "ab", "alle", "ore", "dalle", "a las", "noon", "Midnight", "minuit",
    "pm", "P.M.", "am", "Uhr", "h", "heure", "o'clock", "CET", "UTC+2", "GMT", "PST",
    "Meeting ID", "meeting id", "Zoom ID", "Webinar ID", "ID:", "Passcode", "PASSWORD",
    "pwd", "Kenncode", "mot de passe", "Code d'accès", "access code",
    "https://", "HTTPS://", "www.", "mailto:", "zoom.us/j/", "Zoom.US/j/", "teams.microsoft.com/l/",
    "meet.google.com/", "@", "epfl.ch", "Speaker:", "Talk by", "Room", "Salle",
    "4", "16", "2021", "04", "12", "2", "812 3456 7890", "402917", "+1 312 555 0187",
    ":", ".", "-", "–", "/", ",", ";", "(", ")", "[", "]", " ", " ", "  ", "\t", "\n", "\n",
    "é", "É", "ü", "Ü", "ß", "ẞ", "ø", "’", "“", "İ", "ı", "ſ", "K", "Σ", "ς", "µ", "Straße",
    "İstanbul", "dıe", "ſeptember", "Δ", "ǅ",
    "Slides", "SLIDES", "video", "YouTube.com/watch?v=", "youtu.be/", ".pdf", ".PDF", "/pdf/",
    "register", "Registration", "RSVP", "calendar", ".ics", "webcal:", "maps.google.com/",
    "goo.gl/maps", "map.example.ch", "arxiv.org/abs/", "doi.org/", "Folien", "diapositives",
    "entitled", "Titled", "title:", "talk on", "speaks about", "presents", "Thema", "sobre",
    "intitulée", "unter dem Titel", "dal titolo", ") -", "):",
    "From ", "FROM ", "from ", "Date: Tue,", "Sent: Mon,", "posted", "Updated", "wrote:",
    "a écrit", "Last modified", "published",
    "Coffee", "REFRESHMENTS", "tea", "Doors open", "the talk", "Seminar", "starts",
    "now on", "Moved to", "postponed until", "was", "WAS", "previously", "statt",
    "with Dr. ", "WITH", "joint ", "Welcome ", "two talks", "Deux exposés", "Lightning Talks",
    "a talk by", "THE LECTURE GIVEN BY", "featuring", "our next speaker is", "vortrag von",
    "Talks by", "the talk", "lecture from", "Presentada por", "tenuta da", "Gastvortrag von",
    "will speak", "SPEAKS", " spricht", "with ", "Avec ", "Mit", "com", "master's defense of",
    "phd defence by", "conduzido por", "présentée par",
    "University", "INSTITUTE", "Dept.", "labs", "Max-Planck", "école", "Inc", "tech",
    "is inviting you to a scheduled", "Join Zoom Meeting", "join our meeting",
)  # fmt: skip

texts = st.lists(st.sampled_from(WORDS), max_size=40).map("".join)


def _same(p: re.Pattern[str], text: str) -> None:
    expected = [(m.span(), m.groups()) for m in p.finditer(text)]
    got = [(m.span(), m.groups()) for m in fold.finditer(p, text)]
    assert got == expected, (p.pattern[:80], text)
    first = fold.search(p, text)
    assert (first.span(), first.groups()) == expected[0] if expected else first is None


def test_most_case_insensitive_rules_have_a_twin() -> None:
    for name in ("date/month-day", "time/prep", "time/at", "time/word", "url", "meeting-passcode"):
        assert name in TWINNED, name
    assert len(TWINNED) >= 10


@pytest.mark.parametrize("name", sorted(TWINNED))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_twin_scan_gives_the_patterns_own_matches(name: str, text: str) -> None:
    _same(TWINNED[name], text)


@pytest.mark.parametrize("name", sorted(TWINNED))
def test_twin_scan_on_the_examples(name: str) -> None:
    cases = [
        "Tuesday, May 4, 2021, 4:00-5:30 PM CET at 16h00, um 16 Uhr",
        "Meeting ID: 812 3456 7890 Passcode: 402917 https://epfl.zoom.us/j/81234567890?pwd=x",
        "4 MAY 2021 · dismay 4 · İstanbul, 3 mai · ſeptember 5 · DÉCEMBRE 12 · µ",
        "",
    ]
    for text in cases:
        _same(TWINNED[name], text)


def test_twins_are_refused_when_they_could_miss() -> None:
    assert fold.lower_twin(re.compile(r"abc")) is None  # case sensitive already
    assert fold.lower_twin(re.compile(r"(?=T\d)x", re.I)) is None  # an upper-case letter
    assert fold.lower_twin(re.compile(r"a(?-i:b)", re.I)) is None
    assert fold.lower_twin(re.compile(r"ſ", re.I)) is None
    twin = fold.lower_twin(re.compile(r"\b(?P<Mon>may)\s+\d", re.I))
    assert twin is not None
    assert twin.pattern == r"(?P<Mon>may)\s+\d"


def test_twins_that_keep_their_boundary() -> None:
    from seminorm.engine import candidates, fields, session
    from seminorm.rules import people_prose

    for p in (
        people_prose.SPEAKER_CUE,
        people_prose._WEAK_CUE,
        candidates._PLACEISH,
        fields.PLACE_WORDS,
        fields.SERIES_WORDS,
        session.SESSION_CUE,
    ):
        twin = fold.twin_of(p)
        assert twin is not None
        assert twin.pattern.startswith("\\b")
    source = r"\b(?:the\s+)?talk\s+by"
    fold.keep_boundary(source)
    twin = fold.lower_twin(re.compile(source, re.I))
    assert twin is not None
    assert twin.pattern == source
    text = "A Talk by X; stalk by Y; THE TALK BY Z"
    assert [m.span() for m in fold.finditer(re.compile(source, re.I), text, twin)] == [
        m.span() for m in re.finditer(source, text, re.I)
    ]


def test_word_characters_stay_word_characters_when_lowered() -> None:
    """Why a twin may keep ``\\b``: lower-casing a text that the twins scan moves no boundary."""
    word = re.compile(r"\w")
    for cp in range(0x110000):
        c = chr(cp)
        low = c.lower()
        if len(low) == 1 and c not in fold.FOLD_EXCEPTIONS:
            assert bool(word.match(c)) == bool(word.match(low)), hex(cp)


def test_texts_that_lower_casing_would_shift_are_scanned_the_plain_way() -> None:
    assert fold.lowered("İstanbul, May 4") is None
    assert fold.lowered("ſeptember") is None
    assert fold.lowered("Zürich, Straße") == "zürich, straße"


def test_exception_tables_match_the_interpreter() -> None:
    casefix = pytest.importorskip("re._casefix")
    import _sre

    extra = casefix._EXTRA_CASES
    members = {chr(k) for k in extra} | {chr(v) for vs in extra.values() for v in vs}
    text_side = set()
    for cp in range(0x110000):
        c = chr(cp)
        low = c.lower()
        simple = _sre.unicode_tolower(cp)
        if len(low) != 1 or ord(low) != simple or (chr(simple) in members and c not in "iIsS"):
            text_side.add(c)
    assert set(fold.FOLD_EXCEPTIONS) == text_side
    assert set(fold.PATTERN_EXCEPTIONS) == members - set("is")


def test_doctests() -> None:
    assert doctest.testmod(fold).failed == 0


RELATIVE_WORDS = (*WORDS, "today", "TODAY", "tomorrow", "Morgen", "morgen", "next", "Next",
                  "this", "prochain", "prochaine", "nächsten", "heute", "stasera", "Thursday",
                  "jeudi", "giovedì", "Giovedi", "tonight", "i dag", "I MORGON", "deze avond",
                  "aujourd’hui", "PROSSIMO", "coming", "Nesta ", "domingo", "MARDI")  # fmt: skip


def _example_texts() -> list[str]:
    from tests.helpers import ROOT, SHARED

    out = []
    for folder in (ROOT / "examples", SHARED / "corpus" / "text", SHARED / "corpus" / "cmu-train"):
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt"))[:150]:
                out.append(path.read_text(encoding="utf-8", errors="replace"))
    return out


EXAMPLE_TEXTS = _example_texts()


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(RELATIVE_WORDS), max_size=30).map("".join))
def test_relative_dates_twin_gives_the_patterns_own_matches(text: str) -> None:
    from seminorm.rules import whendoc

    pattern, twin = whendoc._RELATIVE.compiled, whendoc._RELATIVE_TWIN.compiled
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in fold.finditer(pattern, text, twin)] == expected
    chosen = whendoc.relative_twin(text)  # without the weekday-first branch when it cannot match
    assert [(m.span(), m.groups()) for m in fold.finditer(pattern, text, chosen)] == expected


def test_relative_dates_twin_without_the_weekday_first_branch() -> None:
    from seminorm.rules import whendoc

    assert whendoc.relative_twin("next Monday, mardi 4") is not whendoc._RELATIVE_TWIN.compiled
    assert whendoc.relative_twin("mardi prochain") is whendoc._RELATIVE_TWIN.compiled
    assert whendoc.relative_twin("İ mardi") is whendoc._RELATIVE_TWIN.compiled
    pattern = whendoc._RELATIVE.compiled
    for text in EXAMPLE_TEXTS:
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        got = fold.finditer(pattern, text, whendoc.relative_twin(text))
        assert [(m.span(), m.groups()) for m in got] == expected


def test_threads_reading_different_texts_get_their_own_matches() -> None:
    """``lowered`` remembers one text for the whole process: threads must not mix them up."""
    from concurrent.futures import ThreadPoolExecutor

    pattern = TWINNED["date/month-day"]
    texts = [
        f"Talk on May {d}, then June {d % 28 + 1}; " * (1 + d % 5) + "x" * d for d in range(1, 60)
    ]
    expected = [[m.span() for m in pattern.finditer(t)] for t in texts]

    def scan(i: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for _ in range(20):
            out = [m.span() for m in fold.finditer(pattern, texts[i])]
        return out

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(scan, range(len(texts)))) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(RELATIVE_WORDS), max_size=30).map("".join))
def test_relative_dates_gate_never_hides_a_match(text: str) -> None:
    from seminorm.rules import whendoc

    if whendoc._RELATIVE.search(text):
        assert whendoc._may_hold_relative(text)


PROSE_WORDS = (*WORDS, "in", "In ", "IN", "in the ", "at", "At the ", "dans l'", "Dans la ", "en ",
               "en salle ", "im ", "Im", "in der ", "nell'", "nella ", "nel ", "a la ", "al ",
               "-in ", "x-at ", "Room 3", "room", "Hall", "hörsaal", "Amphithéâtre", "aula",
               "Sala", "Building 12", "Lab", "B-214", "3.14", " ", "באולם", "בחדר", "־ב", "a\t",
               "A\n", "ın ", "İn ", "ſ")  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(PROSE_WORDS), max_size=30).map("".join))
def test_prose_place_twin_gives_the_patterns_own_matches(text: str) -> None:
    from seminorm.rules import places

    pattern, twin = places.PROSE.compiled, places._PROSE_TWIN.compiled
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in fold.finditer(pattern, text, twin)] == expected


def test_prose_place_twin_on_the_examples() -> None:
    from seminorm.rules import places

    pattern, twin = places.PROSE.compiled, places._PROSE_TWIN.compiled
    for text in EXAMPLE_TEXTS:
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in fold.finditer(pattern, text, twin)] == expected
