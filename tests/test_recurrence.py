"""A weekly time with no date is one recurring event (issue 13; engine/recur.py, rules/weekly.py).

Invented texts in several languages: the rule, the first occurrence on or
after the reference date, the ``recurrence-inferred`` warning, provenance,
and the JSON and ICS outputs carrying the rule. A text with dated
occurrences keeps them and infers no rule.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

import seminorm
from seminorm.errors import NoEventError
from seminorm.rules.times import find_times
from seminorm.rules.weekly import find_weekly

REF = date(2025, 2, 1)  # a Saturday

CASES = [
    (
        "en every",
        "Reading Group in Knot Theory\n\nWe meet every Wednesday at 4 pm in Room 214.\n",
        "FREQ=WEEKLY;BYDAY=WE",
        "2025-02-05T16:00:00+01:00",
    ),
    (
        "en plural with a range",
        "Data Science Coffee\nWednesdays, 4-5 pm, Lounge B\nAll welcome.\n",
        "FREQ=WEEKLY;BYDAY=WE",
        "2025-02-05T16:00:00+01:00",
    ),
    (
        "en time before the day",
        "Journal club on soft matter: at 11:00 every Friday, Room C3.\n",
        "FREQ=WEEKLY;BYDAY=FR",
        "2025-02-07T11:00:00+01:00",
    ),
    (
        "en every other",
        "Quantum lunch seminar - every other Tuesday at noon, Seminar Room 2.\n",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "2025-02-04T12:00:00+01:00",
    ),
    (
        "en two days",
        "Beginners' Latin circle\nMondays and Thursdays, 10:00-11:30, Library annex\n",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "2025-02-03T10:00:00+01:00",
    ),
    (
        "de jeden, c.t.",
        "Lesekreis Algebraische Geometrie\n\nWir treffen uns jeden Donnerstag um 17 Uhr c.t. in Raum 3.12.\n",
        "FREQ=WEEKLY;BYDAY=TH",
        "2025-02-06T17:15:00+01:00",
    ),
    (
        "de plural adverb",
        "Oberseminar Numerik\nmittwochs 16:15 Uhr, Hörsaal 5\n",
        "FREQ=WEEKLY;BYDAY=WE",
        "2025-02-05T16:15:00+01:00",
    ),
    (
        "fr les mardis",
        "Groupe de travail en probabilités\n\nNous nous retrouvons les mardis à 14h en salle 105.\n",
        "FREQ=WEEKLY;BYDAY=TU",
        "2025-02-04T14:00:00+01:00",
    ),
    (
        "es todos los",
        "Taller de lectura de física\nTodos los martes a las 16:00 en el aula 12.\n",
        "FREQ=WEEKLY;BYDAY=TU",
        "2025-02-04T16:00:00+01:00",
    ),
    (
        "it ogni",
        "Gruppo di lettura di logica\nCi vediamo ogni giovedì alle 17 in aula 4.\n",
        "FREQ=WEEKLY;BYDAY=TH",
        "2025-02-06T17:00:00+01:00",
    ),
    (
        "sv varje",
        "Läsecirkel i kombinatorik\nVi träffas varje onsdag kl. 15.00 i sal 3.\n",
        "FREQ=WEEKLY;BYDAY=WE",
        "2025-02-05T15:00:00+01:00",
    ),
    (
        "nl elke",
        "Leesgroep statistiek\nElke woensdag om 16.00 uur in zaal 2.\n",
        "FREQ=WEEKLY;BYDAY=WE",
        "2025-02-05T16:00:00+01:00",
    ),
]


@pytest.mark.parametrize(("name", "text", "rule", "start"), CASES, ids=[c[0] for c in CASES])
def test_weekly_time_without_date_is_one_recurring_event(
    name: str, text: str, rule: str, start: str
) -> None:
    [ev] = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    assert ev.rrule == rule
    assert ev.start.isoformat() == start  # type: ignore[union-attr]
    codes = [w.code for w in ev.warnings]
    assert "recurrence-inferred" in codes
    [note] = [w for w in ev.warnings if w.code == "recurrence-inferred"]
    assert rule in note.message
    assert note.field == "rrule"
    assert ev.provenance["rrule"].inferred
    assert ev.provenance["rrule"].source == ev.provenance["start"].source


def test_the_reference_date_itself_when_it_is_that_weekday() -> None:
    [ev] = seminorm.parse(
        "Chess club: every Saturday at 10:00, Room 1.\n", tz="UTC", reference_date=REF
    )
    assert ev.start.isoformat() == "2025-02-01T10:00:00+00:00"  # type: ignore[union-attr]


def test_dated_occurrences_win_and_no_rule_is_inferred() -> None:
    text = (
        "Knot Theory Seminar\nAll talks every Wednesday at 4 pm in Room 214.\n\n"
        "February 5: Ilse Varnum - Braids and their closures\n"
        "February 12: Tomas Brell - Quandles for beginners\n"
    )
    evs = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    assert [e.start.isoformat() for e in evs] == [  # type: ignore[union-attr]
        "2025-02-05T16:00:00+01:00",
        "2025-02-12T16:00:00+01:00",
    ]
    assert all(e.rrule is None for e in evs)
    assert not any(w.code == "recurrence-inferred" for e in evs for w in e.warnings)


def test_one_dated_talk_with_a_weekly_phrase_stays_that_talk() -> None:
    text = (
        "Topology seminar (every Wednesday at 4 pm)\n"
        "This week, 12 February 2025: Ilse Varnum on braids.\n"
    )
    [ev] = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    assert ev.rrule is None
    assert ev.start.isoformat() == "2025-02-12T16:00:00+01:00"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Wednesday at 4 pm we will discuss the draft.\n",  # one Wednesday, not every one
        "Thurs 4pm: bring your laptop.\n",  # an abbreviation is no plural
        "We meet every Wednesday. The next talk starts at 4 pm.\n",  # the time is another sentence's
    ],
)
def test_no_rule_without_a_recurring_weekday_and_its_time(text: str) -> None:
    assert find_weekly(text, find_times(text)) == []
    with pytest.raises(NoEventError):
        seminorm.parse(text, tz="UTC", reference_date=REF)


def test_json_and_ics_outputs_carry_the_rule() -> None:
    evs = seminorm.parse(
        "Reading Group in Knot Theory\nWe meet every Wednesday at 4 pm in Room 214.\n",
        tz="Europe/Berlin",
        reference_date=REF,
    )
    [out] = json.loads(seminorm.to_json(evs))
    assert out["rrule"] == "FREQ=WEEKLY;BYDAY=WE"
    assert out["start"] == "2025-02-05T16:00:00+01:00"
    assert "recurrence-inferred" in [w["code"] for w in out["warnings"]]
    ics = seminorm.to_ics(evs).decode()
    assert "\r\nRRULE:FREQ=WEEKLY;BYDAY=WE\r\n" in ics
    assert "\r\nDTSTART;TZID=Europe/Berlin:20250205T160000\r\n" in ics
    [again] = seminorm.parse(ics.encode())
    assert again.rrule == "FREQ=WEEKLY;BYDAY=WE"
    assert again.start == evs[0].start


def test_the_recurring_event_imports_in_every_client() -> None:
    from .client_checks import assert_clients_agree

    evs = seminorm.parse(
        "Lesekreis Algebraische Geometrie\nJeden zweiten Donnerstag um 17 Uhr in Raum 3.12.\n",
        tz="Europe/Berlin",
        reference_date=REF,
    )
    assert evs[0].rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    assert_clients_agree(seminorm.to_ics(evs), 1)


DAILY = [
    (
        "en",
        "Distinguished Lecture Series\n\nProf. Ilse Varnum (Lakeside University) gives five "
        "lectures on random tilings, March 10 - 14, 2025, daily from 10 to 11:30 am in Room 214.\n",
    ),
    (
        "de",
        "Gastvorlesungen\n\nVom 10.-14. März 2025, täglich 10-11:30 Uhr, hält Prof. Omar Castell "
        "eine Vorlesungsreihe in Hörsaal 2.\n",
    ),
    (
        "fr",
        "Cours Peccot\n\nDu 10 au 14 mars 2025, tous les jours de 10h à 11h30, salle 105 : "
        "Rita Oyelaran, « Pavages aléatoires ».\n",
    ),
]


@pytest.mark.parametrize(("lang", "text"), DAILY, ids=[d[0] for d in DAILY])
def test_a_daily_range_is_one_event_a_day(lang: str, text: str) -> None:
    evs = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    assert [(e.start.isoformat(), e.end.isoformat()) for e in evs] == [  # type: ignore[union-attr]
        (f"2025-03-{d}T10:00:00+01:00", f"2025-03-{d}T11:30:00+01:00") for d in range(10, 15)
    ]
    assert len({e.uid for e in evs}) == 5
    assert all(e.rrule is None for e in evs)
    assert "day 5 of the daily range" in evs[4].provenance["start"].rule


def test_a_daily_range_across_a_clock_change_keeps_its_wall_time() -> None:
    text = "Lecture week: March 28 - 31, 2025, daily at 10:00 in Room 1.\n"
    evs = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    assert [e.start.isoformat() for e in evs] == [  # type: ignore[union-attr]
        "2025-03-28T10:00:00+01:00",
        "2025-03-29T10:00:00+01:00",
        "2025-03-30T10:00:00+02:00",
        "2025-03-31T10:00:00+02:00",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a workshop over several days with one opening talk: no daily cue
        "Workshop on Sea Ice, March 10 - 14, 2025. Opening lecture at 10 am in Room 214.\n",
        # a range of more than a month is a term, not a daily series
        "Course: March 1 - May 30, 2025, daily at 10:00 in Room 1.\n",
    ],
)
def test_no_daily_series_without_its_cue_or_over_a_long_range(text: str) -> None:
    assert len(seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)) == 1
