"""The one multilingual label table: ``Speaker:``, ``Lieu :``, ``**Titel:**``.

Announcements label their fields in many languages and many typographies.
:data:`LABELS` maps each field the text reader knows to the words that name
it (the ``labels`` tables of :mod:`seminorm.lang`, every language merged);
:func:`split_label` reads one line and says which field it labels and what
value follows.

Three shapes are recognised, in this order (one rule each):

* ``label-colon``: ``Speaker: Ada``, ``SPEAKER : Ada``, ``**Title:** X``,
  ``• Date: 04/24/2009``, ``Lecturer(s): …``;
* ``label-alone``: the label alone on its line (``Speaker`` or ``Speaker:``),
  its value on the following lines; only for the fields that are commonly
  written that way (a line ``Zoom`` is a value, not a label);
* ``label-dash``: ``Speaker - Ada``, only for a few unambiguous words and
  with a capitalised label (``Data - driven models`` is a title, not a date).

Deliberately not labels: ``Subject:`` (in a forwarded e-mail it is the header
of the message, not the talk's title), bare ``Seminar:`` / ``Colloquium:``
(``Colloquium: Ada Lovelace`` names the speaker; the text reader splits such
lines itself), ``Note:`` and any other word not in the table.

>>> split_label("**Speaker:** Ada Lovelace (Cambridge)")
('speaker', 'Ada Lovelace (Cambridge)')
>>> split_label("Lieu : Salle 2")
('place', 'Salle 2')
>>> split_label("Abstract")
('abstract', '')
>>> split_label("Note: the talk is in English") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from seminorm.patterns import LazyPattern

from ..lang import merged_labels, words
from .base import Rule


def _words(spec: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in spec.split("|") if w.strip())


#: Field name -> the words that label it (matched case-insensitively), from
#: every language of :mod:`seminorm.lang`.
LABELS: dict[str, tuple[str, ...]] = merged_labels()
#: Fields whose label may stand alone on a line with the value below it.
ALONE_FIELDS = frozenset(
    {
        "title",
        "speaker",
        "date",
        "time",
        "when",
        "place",
        "abstract",
        "host",
        "bio",
        "affiliation",
        "registration",
    }
)
#: Words that stay labels only with a colon (they are ordinary words alone).
_COLON_ONLY = frozenset(
    w.casefold()
    for w in _words(
        "Panel|Tutor|Vocal|Presidente|Presidenta|Secretario|Secretaria|Tribunal|Hybrid|Gast|Presenta|Modera|Introduce|Coordina|Leitung|Organiza|"
        "Talk|Virtual|Lokal|Guest|By|Data|Day|Tag|Jour|Link|Local|Tema|Sede|Online|Stream|"
        "Teams|Contact|Candidate|Candidat|Schedule|Inhalt|Description|Summary|Organisation|"
        "Institut|Université|University|Lien|Zugang|Register|Reihe|Serie|Cycle|Thème|Sujet|"
        "Chair|Responsable|Referente|Termin|Length|Länge"
    )
)
#: Words that may be followed by `` - value`` (``Speaker - Ada``).
_DASH_OK = frozenset(
    w.casefold()
    for w in _words(
        "Speaker|Speakers|Title|Titre|Titel|Titolo|Título|Topic|Date|Datum|Fecha|Time|Heure|"
        "Zeit|Place|Room|Venue|Location|Lieu|Salle|Ort|Raum|Abstract|Résumé|Orateur|Referent|"
        "Relatore|Ponente|Lecturer|Presenter"
    )
)

_FIELD_OF: dict[str, str] = {}
for _name, _labels in LABELS.items():
    for _w in _labels:
        _FIELD_OF.setdefault(_w.casefold(), _name)


_DECOR = r"[ \t>#*•·▪◦‣∙●○■□►▶\-–—_|]{0,12}"
_EMPH = r"[*_]{0,3}"
# A label is looked up in the table, not spelled out in the pattern: compiling an
# alternation of every word costs tens of milliseconds at start-up.
_LABEL = r"(?P<label>[^\W\d_][^:：\n*_]{0,60}?)"
_PLURAL = LazyPattern(r"\s?\((?:s|e|in|r|es)\)")
_JOINER = LazyPattern(lambda: rf"\s*(?:/|&|\+|,|\b(?:{words('conjunctions')})\b)\s*")
_WHEN_PARTS = frozenset({"date", "time", "when"})

COLON = LazyPattern(
    rf"^{_DECOR}{_EMPH}{_LABEL}{_EMPH}[ \t]{{0,20}}[:：]{_EMPH}[ \t]*(?P<value>[^\n]*)$", re.M
)
ALONE = LazyPattern(rf"^{_DECOR}{_EMPH}{_LABEL}{_EMPH}[ \t]*[:：]?{_EMPH}[ \t]*$", re.M)
DASH = LazyPattern(
    rf"^{_DECOR}{_EMPH}(?P<label>[^\W\d_]{{2,20}}){_EMPH}[ \t]{{1,20}}[-–—][ \t]{{1,5}}(?P<value>[^\n]*)$",
    re.M,
)


def _key(label: str) -> str:
    key = " ".join(label.replace("’", "'").split()).casefold()
    return _PLURAL.sub("", key).strip()


def field_of(label: str) -> str | None:
    """The field a label names, or None; two labels (``Date / Time``) may make ``when``.

    >>> field_of("Orateur"), field_of("HÖRSAAL"), field_of("Note"), field_of("Date & Location")
    ('speaker', 'place', None, 'when')
    """
    key = _key(label)
    found = _FIELD_OF.get(key) or _FIELD_OF.get(key.replace("-", " "))
    if found or len(key) > 60:
        return found
    parts = _JOINER.split(key, maxsplit=1)
    if len(parts) != 2:
        return None
    first, second = (_FIELD_OF.get(x) or _FIELD_OF.get(x.replace("-", " ")) for x in parts)
    if first is None or second is None:
        return None
    pair = {first, second}
    if pair <= _WHEN_PARTS or (pair & _WHEN_PARTS and "place" in pair):
        return "when"
    return first


def _clean_value(value: str) -> str:
    v = value.strip().strip("*_").strip()
    return " ".join(v.split()) if "\t" in v else v


_GENDER_SUFFIX_COLON = LazyPattern(r"^(?:in|innen)[:：]\s*")


def _colon(m: re.Match[str]) -> tuple[str, str] | None:
    field = field_of(m.group("label"))
    if field is None:
        return None
    raw = m.group("value")
    if m.string[m.start("value") - 1 : m.start("value")] in ":：":  # ``Referent:in: …``
        raw = _GENDER_SUFFIX_COLON.sub("", raw)
    value = _clean_value(raw)
    if value.startswith("//"):  # ``Link://…`` is a URL, not a label
        return None
    return field, value


def _alone(m: re.Match[str]) -> tuple[str, str] | None:
    label = m.group("label")
    field = field_of(label)
    if field is None or field not in ALONE_FIELDS or _key(label) in _COLON_ONLY:
        return None
    return field, ""


def _dash(m: re.Match[str]) -> tuple[str, str] | None:
    label = m.group("label")
    if label.casefold() not in _DASH_OK or not label[:1].isupper():
        return None
    field = field_of(label)
    value = _clean_value(m.group("value"))
    if field is None or not value:
        return None
    return field, value


RULES: tuple[Rule[tuple[str, str]], ...] = (
    Rule(
        "label-colon",
        COLON,
        _colon,
        examples=(
            ("Speaker: Ada Lovelace", ("speaker", "Ada Lovelace")),
            (
                "*SPEAKER:* Boris Kaplinsky, Saint-Hilaire University",
                ("speaker", "Boris Kaplinsky, Saint-Hilaire University"),
            ),
            (
                "Title   : Bounded Growth Parabolic Question",
                ("title", "Bounded Growth Parabolic Question"),
            ),
            ("• Date: 04/24/2009", ("date", "04/24/2009")),
            ("Lecturer(s):", ("speaker", "")),
            ("Code d’accès : 1234", ("passcode", "1234")),
        ),
        counterexamples=("Note: the talk is in English", "https://example.org/x", "10:30 - 11:30"),
    ),
    Rule(
        "label-alone",
        ALONE,
        _alone,
        examples=(
            ("Speaker", ("speaker", "")),
            ("ABSTRACT", ("abstract", "")),
            ("Lieu :", ("place", "")),
            ("**Referent**", ("speaker", "")),
        ),
        counterexamples=("Zoom", "Talk", "Seminar", "Speaker notes"),
    ),
    Rule(
        "label-dash",
        DASH,
        _dash,
        examples=(
            ("Speaker - Ada Lovelace (Cambridge)", ("speaker", "Ada Lovelace (Cambridge)")),
            ("Room – HG F 5", ("place", "HG F 5")),
        ),
        counterexamples=("Data - driven models of learning", "speaker - x", "Zoom - link below"),
    ),
)


def split_label(line: str) -> tuple[str, str] | None:
    """Read a labeled line: ``(field, value after the label)``, else None.

    The value is ``""`` when the label stands alone (its value is on the next
    lines). Bullets, quote marks and markdown emphasis around the label are
    ignored; a URL, a time (``10:30``) or a word outside :data:`LABELS` is
    never a label.

    >>> split_label("- Speaker: [Oren Talmi](https://oren.example/) (Cornell)")
    ('speaker', '[Oren Talmi](https://oren.example/) (Cornell)')
    >>> split_label("Referentin: Prof. Dr. Anna Weber")
    ('speaker', 'Prof. Dr. Anna Weber')
    >>> split_label("Hosted by: Jane Doe")
    ('host', 'Jane Doe')
    >>> split_label("10:30 coffee") is None, split_label("https://zoom.us/j/1") is None
    (True, True)
    """
    s = line.strip()
    if not s or len(s) > 5000 or "\n" in s:
        s = s.split("\n", 1)[0][:5000] if s else s
        if not s:
            return None
    for rule, may_match in zip(RULES, _MAY_MATCH, strict=True):
        if not may_match(s):
            continue
        m = rule.pattern.match(s)
        if m is not None:
            value = rule.extract(m)
            if value is not None:
                return value
    return None


def _alone_may_match(s: str) -> bool:
    """``ALONE`` allows only ``*_ \t:：`` after the label, and at most 12 + 3 + 61
    characters up to the label's end."""
    return len(s.rstrip("*_ \t:：")) <= 76


#: What each rule's match needs, tested first (cheap, in C): a colon, a short
#: line, a dash. ``tests/test_rules_labels.py`` checks them against the rules.
_MAY_MATCH: tuple[Callable[[str], bool], ...] = (
    lambda s: ":" in s or "：" in s,
    _alone_may_match,
    lambda s: "-" in s or "–" in s or "—" in s,
)
