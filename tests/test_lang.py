"""The per-language vocabulary package: every language fills its tables."""

from __future__ import annotations

import pytest

from seminorm import lang

VOCABULARIES = lang.vocabularies()


def test_the_languages_we_read_are_there() -> None:
    codes = {v.code for v in VOCABULARIES}
    assert {"en", "fr", "de", "es", "it"} <= codes


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.code)
def test_every_language_fills_every_table_it_must(vocabulary: lang.Vocabulary) -> None:
    required = () if vocabulary.partial else lang.REQUIRED
    missing = [table for table in required if not getattr(vocabulary, table)]
    assert not missing, f"{vocabulary.code}: empty tables {missing}"
    if vocabulary.months or not vocabulary.partial:
        assert sorted(vocabulary.months) == list(range(1, 13)), vocabulary.code
        assert all(vocabulary.months.values()), vocabulary.code
    if vocabulary.weekdays or not vocabulary.partial:
        assert sorted(vocabulary.weekdays) == list(range(7)), vocabulary.code
        assert all(vocabulary.weekdays.values()), vocabulary.code
    if not vocabulary.partial:
        assert not [f for f in lang.REQUIRED_LABELS if not vocabulary.labels.get(f)], (
            vocabulary.code
        )
    assert set(vocabulary.labels) <= set(lang.FIELDS), vocabulary.code


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.code)
def test_words_are_written_as_the_lookups_expect(vocabulary: lang.Vocabulary) -> None:
    for table in ("months", "weekdays"):
        for words in getattr(vocabulary, table).values():
            for word in words:
                assert word, (vocabulary.code, table)
                assert word == word.lower().strip(), (vocabulary.code, table, word)
    for word in vocabulary.wordlike_months:
        assert any(word in words for v in VOCABULARIES for words in v.months.values()), word


def test_a_word_names_one_month_and_one_weekday() -> None:
    seen: dict[tuple[str, str], int] = {}
    for v in VOCABULARIES:
        for table in ("months", "weekdays"):
            for number, words in getattr(v, table).items():
                for word in words:
                    assert seen.setdefault((table, word), number) == number, (v.code, word)


def test_words_before_a_speaker_fit_the_tail_the_feature_reads() -> None:
    """``learn/features.py`` reads only a line's last 16 characters for ``before_speaker``
    (a word, ``\\W{0,3}``, the end): a word of 13 characters at most, or one ending ``\\w*``."""
    import re._parser as parser

    for fragment in lang.merged("before_speaker"):
        longest = parser.parse(fragment).getwidth()[1]
        assert longest <= 13 or fragment.endswith(r"\w*"), fragment


def test_honorifics_fit_the_tail_the_feature_reads() -> None:
    """``learn/features.py`` reads only a line's last 16 characters for an honorific before a
    name (feature ``honorific``): one of 16 characters at most, or one ending with another
    honorific (``associate professor`` ends with ``professor``)."""
    import re._parser as parser

    words = lang.merged("honorifics")
    shorter = r"prof(?:essor)?\.?"
    assert shorter in words
    for fragment in words:
        longest = parser.parse(fragment).getwidth()[1]
        assert longest <= 16 or fragment.endswith(r"\s+" + shorter), fragment


def test_initials_are_where_every_fragment_starts() -> None:
    import re

    for table in ("honorifics", "refreshment_words", "room_words"):
        words = lang.merged(table)
        first = lang.initials(words)
        assert first, table
        whole = re.compile(rf"(?i)(?:{lang.alternation(words)})")
        gated = re.compile(rf"(?i)(?=[{first}])(?:{lang.alternation(words)})")
        for text in (
            "Prof. Ada",
            "dr. rer. nat. Bo",
            "Assoc. Prof. Cy",
            "coffee",
            "Hörsaal 3",
            "zaal",
        ):
            assert bool(whole.match(text)) == bool(gated.match(text)), (table, text)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.code)
def test_every_word_table_is_a_tuple_of_words(vocabulary: lang.Vocabulary) -> None:
    """``("en")`` is a string, whose letters the merged table would read as words."""
    tables = [n for n, t in lang.Vocabulary.__annotations__.items() if t == "tuple[str, ...]"]
    assert "honorifics" in tables
    assert "conjunctions" in tables
    for table in tables:
        value = getattr(vocabulary, table)
        assert isinstance(value, tuple), (vocabulary.code, table)
        assert all(isinstance(w, str) and w for w in value), (vocabulary.code, table)


def _first_letters(fragment: str) -> set[str] | None:
    """The characters a match of ``fragment`` starts with, from ``re``'s parser (None: unknown)."""
    import re._parser as parser

    out: set[str] = set()

    def first(items: object) -> bool:
        for op, av in items:  # type: ignore[attr-defined]
            name = str(op)
            if name == "LITERAL":
                out.add(chr(av).lower())
                return True
            if name == "IN":
                if any(str(o) != "LITERAL" for o, _ in av):
                    return False
                out.update(chr(a).lower() for _, a in av)
                return True
            if name == "SUBPATTERN":
                return first(av[3])
            if name == "BRANCH":
                return all(first(b) for b in av[1])
            if name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
                return first(av[2])
            return False
        return False

    return out if first(parser.parse(fragment)) else None


def test_initials_hold_every_letter_a_match_can_start_with() -> None:
    """lang.initials reads the fragments' text; ``re``'s parser agrees on every table."""
    import re

    tables = [n for n, t in lang.Vocabulary.__annotations__.items() if t == "tuple[str, ...]"]
    for table in tables:
        words = lang.merged(table)
        got = lang.initials(words)
        if not got:
            continue
        letters = set(re.sub(r"\\(.)", r"\1", got))
        for fragment in words:
            expected = _first_letters(fragment)
            assert expected is not None, (table, fragment)
            assert expected <= letters, (table, fragment)


def _top_level_bar_walk(fragment: str) -> bool:
    """lang._top_level_bar as a walk over the characters (the reference)."""
    depth, i, in_class = 0, 0, False
    while i < len(fragment):
        c = fragment[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _captures_walk(fragment: str) -> bool:
    i = fragment.find("(")
    while i >= 0:
        if (i == 0 or fragment[i - 1] != "\\") and fragment[i + 1 : i + 2] != "?":
            return True
        i = fragment.find("(", i + 1)
    return False


def test_fragment_syntax_readers_agree_with_a_walk():
    """The C-speed readings of a fragment's bars and groups equal a character walk's,
    on every short string of the characters that matter (and on every table)."""
    import itertools

    alphabet = "a|()[]\\?"
    samples = ["".join(p) for n in range(6) for p in itertools.product(alphabet, repeat=n)]
    samples += [
        f for v in lang.vocabularies() for t in ("honorifics", "room_words") for f in getattr(v, t)
    ]
    for fragment in samples:
        assert lang._top_level_bar(fragment) == _top_level_bar_walk(fragment), fragment
        assert lang._captures(fragment) == _captures_walk(fragment), fragment
