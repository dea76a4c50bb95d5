"""Dates and times in every language we read: one example table per language.

The examples are invented, written the way announcements in each language
write a talk's date and time; each gives the start and end ``find_when``
must read (wall-clock, in the zone given or stated).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from seminorm.rules.when import find_when

REFERENCE = date(2024, 2, 1)
TZ = "Europe/Berlin"

# (language, text, start, end, zone); the year, when not written, is the one
# nearest the reference (2024-02-01) that fits the weekday.
CASES = [
    ("en", "Thursday, March 7, 2024, 4:00-5:30 PM", "2024-03-07T16:00", "2024-03-07T17:30", TZ),
    ("en", "Mon 11 March, noon-1pm", "2024-03-11T12:00", "2024-03-11T13:00", TZ),
    ("de", "Montag, 4. März 2024, 17 Uhr, Hörsaal 2", "2024-03-04T17:00", None, TZ),
    ("de", "Dienstag, 16. April 2024, 18 Uhr c.t., Aula", "2024-04-16T18:15", None, TZ),
    ("de", "Vortrag am 7. 3. 2024 um 16 Uhr s.t.", "2024-03-07T16:00", None, TZ),
    ("fr", "Le jeudi 7 mars 2024 à 14h30, salle 12", "2024-03-07T14:30", None, TZ),
    ("fr", "mardi 12 mars de 10h à 11h30", "2024-03-12T10:00", "2024-03-12T11:30", TZ),
    ("fr", "jeudi 14 mars à 18 heures", "2024-03-14T18:00", None, TZ),
    ("es", "el jueves 7 de marzo de 2024 a las 19 horas", "2024-03-07T19:00", None, TZ),
    ("es", "Viernes 8 de marzo, 18:00 hs", "2024-03-08T18:00", None, TZ),
    ("es", "Jueves 14 de marzo de 10 a 12 h", "2024-03-14T10:00", "2024-03-14T12:00", TZ),
    ("it", "giovedì 7 marzo 2024 ore 17, aula magna", "2024-03-07T17:00", None, TZ),
    ("it", "Martedì 12 marzo dalle 15 alle 17", "2024-03-12T15:00", "2024-03-12T17:00", TZ),
    ("it", "Giovedì 14 marzo, h. 17.30", "2024-03-14T17:30", None, TZ),
    ("pt", "quinta-feira, 7 de março de 2024, às 13h30", "2024-03-07T13:30", None, TZ),
    ("pt", "Palestra no dia 20 de outubro de 2022, às 14 horas", "2022-10-20T14:00", None, TZ),
    ("pt", "Sexta-feira, 8 de março, das 10h às 12h", "2024-03-08T10:00", "2024-03-08T12:00", TZ),
    ("nl", "donderdag 7 maart 2024 om 15.30 uur", "2024-03-07T15:30", None, TZ),
    (
        "nl",
        "Lezing op dinsdag 12 maart van 14.00 tot 15.30 uur",
        "2024-03-12T14:00",
        "2024-03-12T15:30",
        TZ,
    ),
    ("sv", "Föreläsning tisdag 12 mars 2024 kl. 18 i sal 3", "2024-03-12T18:00", None, TZ),
    ("sv", "Onsdag 13/3 kl. 11.00–12.30", "2024-03-13T11:00", "2024-03-13T12:30", TZ),
    ("sv", "Seminarium torsdag 14 mars kl 15:15", "2024-03-14T15:15", None, TZ),
    ("ja", "2024年3月8日（金）14:00〜15:30", "2024-03-08T14:00", "2024-03-08T15:30", TZ),
    ("ja", "11月26日(火・祝)12:00〜16:00", "2024-11-26T12:00", "2024-11-26T16:00", TZ),
    ("ja", "日時：2024年3月8日(金) 午後2時30分から", "2024-03-08T14:30", None, TZ),
    (
        "zh",
        "2024年3月8日 晚上八点到九点（北京时间）",
        "2024-03-08T20:00",
        "2024-03-08T21:00",
        "Asia/Shanghai",
    ),
    ("zh", "时间：3月8日（周五）下午3点半", "2024-03-08T15:30", None, TZ),
    ("zh", "3月8日 星期五 14:00-16:00", "2024-03-08T14:00", "2024-03-08T16:00", TZ),
    ("ko", "2024년 3월 8일 (금) 오후 3시", "2024-03-08T15:00", None, TZ),
    ("ko", "3월 8일(금요일) 오전 10시 30분 ~ 12시", "2024-03-08T10:30", "2024-03-08T12:00", TZ),
    ("ko", "일시: 2024. 3. 14.(목) 오후 3시", "2024-03-14T15:00", None, TZ),
]


def _local(v: datetime | date | None) -> str | None:
    if v is None:
        return None
    return v.strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("lang", "text", "start", "end", "zone"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_language_table(lang: str, text: str, start: str, end: str | None, zone: str) -> None:
    found = find_when(text, reference=REFERENCE, default_tz=TZ)
    timed = [w for w in found if not w.all_day]
    assert timed, f"{lang}: no time read in {text!r}"
    w = timed[0]
    assert (_local(w.start), _local(w.end), w.timezone) == (start, end, zone)


def test_every_language_has_examples() -> None:
    assert {c[0] for c in CASES} >= {
        "en",
        "de",
        "fr",
        "es",
        "it",
        "pt",
        "nl",
        "sv",
        "ja",
        "zh",
        "ko",
    }


@pytest.mark.parametrize(
    "text",
    [
        "所要時間は約1時間です",  # a duration, not a time
        "발표 시간은 2시간입니다",  # idem, Korean
        "第3点について",  # "point 3"
        "Tor 5, om 10 dagar",  # Swedish "in 10 days", a gate number
        "we went out 3 times, set 2 aside",  # "out" and "set" need a year to be months
    ],
)
def test_not_times(text: str) -> None:
    assert not [w for w in find_when(text, reference=REFERENCE, default_tz=TZ) if not w.all_day]


@pytest.mark.parametrize(
    "banner",
    [
        "Last updated: 1 March 2024, 09:12",
        "Zuletzt geändert am 1. März 2024, 09:12 Uhr",
        "Publicado em 1 de março de 2024 às 09h12",
        "Pubblicato il 1 marzo 2024 alle 9.12",
        "Gepubliceerd op 1 maart 2024 om 09.12 uur",
        "Publicerad 1 mars 2024 kl. 09.12",
        "更新日：2024年3月1日 09:12",
        "发布时间：2024年3月1日 09:12",
        "작성일 2024년 3월 1일 09:12",
    ],
)
def test_page_stamps_score_low(banner: str) -> None:
    """A page's posting or update stamp, in every language: never the talk's moment."""
    found = [w for w in find_when(banner, reference=REFERENCE, default_tz=TZ) if not w.all_day]
    assert found, banner
    assert all(w.score <= 0.2 for w in found)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Palestrante: Profa. Ana Souza (Universidade Federal)", "speaker"),
        ("Local: Auditório 2", "place"),
        ("Horário: 14h às 16h", "time"),
        ("Spreker: dr. Jan de Vries", "speaker"),
        ("Locatie: Zaal 2", "place"),
        ("Föreläsare: docent Eva Lind", "speaker"),
        ("Plats: Sal 3", "place"),
        ("日時：2024年3月8日（金）14:00〜", "when"),
        ("講師：山田花子（東北大学）", "speaker"),
        ("报告人：王明 教授", "speaker"),
        ("地点：理科楼 101", "place"),
        ("연사: 김민수 교수", "speaker"),
        ("장소: 제1공학관 101호", "place"),
    ],
)
def test_labels_in_the_added_languages(line: str, expected: str) -> None:
    from seminorm.rules.labels import split_label

    found = split_label(line)
    assert found is not None, line
    assert found[0] == expected


def test_zone_phrases_from_the_language_modules() -> None:
    from seminorm.rules.zones import zone_for_name

    assert zone_for_name("北京时间") == "Asia/Shanghai"
    assert zone_for_name("한국시간") == "Asia/Seoul"
    assert zone_for_name("hora de Lisboa") == "Europe/Lisbon"
