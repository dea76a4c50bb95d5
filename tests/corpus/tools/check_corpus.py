#!/usr/bin/env python3
"""Check the corpus TOML files: syntax, keys, values, and weekday/date agreement.

    .venv/bin/python tests/corpus/tools/check_corpus.py

Every weekday written next to a date in a case's text (English, French,
German, Spanish, Italian; month names or numeric dates) must agree with that
date. A date without a year takes the year of the case's events (else of the
reference date). A case that expects the ``weekday-mismatch`` warning is
allowed one on purpose. Exit 1 when anything is wrong.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

import scoring  # noqa: E402

WARNINGS = set(
    "tz-missing tz-inferred tz-ambiguous tz-dst-mismatch time-conflict end-before-start "
    "date-order-guessed year-inferred weekday-mismatch no-title no-speaker mojibake-repaired "
    "ics-repaired duplicate-event".split()
)
WEEKDAYS = {
    0: "monday mon mo montag lundi lun lunes lunedì lunedi",
    1: "tuesday tue tues tu dienstag di mardi mar martes martedì martedi",
    2: "wednesday wed we mittwoch mi mercredi mer miércoles miercoles mié mercoledì mercoledi",
    3: "thursday thu thur thurs th donnerstag do jeudi jeu jueves jue giovedì giovedi gio",
    4: "friday fri fr freitag vendredi ven viernes vie venerdì venerdi",
    5: "saturday sat sa samstag sonnabend samedi sam sábado sabado sab",
    6: "sunday sun su sonntag so dimanche dim domingo dom domenica",
}
MONTHS = {
    1: "january jan januar jänner janvier janv enero ene gennaio gen",
    2: "february feb februar février fevrier févr febrero febbraio",
    3: "march mar märz maerz mars marzo",
    4: "april apr avril abril aprile",
    5: "may mai mayo maggio mag",
    6: "june jun juni juin junio giugno giu",
    7: "july jul juli juillet juil julio luglio lug",
    8: "august aug août aout agosto ago",
    9: "september sep sept septembre septiembre settembre set",
    10: "october oct oktober okt octobre octubre ottobre ott",
    11: "november nov novembre noviembre",
    12: "december dec dezember dez décembre decembre déc diciembre dic dicembre",
}
WD = {w: i for i, ws in WEEKDAYS.items() for w in ws.split()}
MO = {m: i for i, ms in MONTHS.items() for m in ms.split()}
# longest first so "tues" wins over "tu"
wd_re = "|".join(sorted(map(re.escape, WD), key=len, reverse=True))
mo_re = "|".join(sorted(map(re.escape, MO), key=len, reverse=True))
B = r"(?<![\w])"
E = r"(?![\w])"
PATTERNS = [
    # Tuesday, 4 May 2021 / mardi 4 mai / Dienstag, den 4. Mai / martes 4 de mayo de 2021
    re.compile(
        B + rf"(?P<wd>{wd_re}){E}\.?,?\s+(?:the\s+|den\s+|dem\s+|le\s+|el\s+)?"
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:of\s+|de\s+)?(?P<m>{mo_re}){E}\.?"
        r"(?:,?\s+(?:de\s+)?(?P<y>\d{4}))?",
        re.I,
    ),
    # Tuesday, May 4, 2021
    re.compile(
        B + rf"(?P<wd>{wd_re}){E}\.?,?\s+(?P<m>{mo_re}){E}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        r"(?![\d:.])(?:,?\s+(?P<y>\d{4}))?",
        re.I,
    ),
    # Tue 05/04/2021, Di., 4.5.2021, jeudi 12/03, Thu 2021-05-04
    re.compile(
        B + rf"(?P<wd>{wd_re}){E}\.?,?\s+(?:the\s+|den\s+|le\s+)?"
        r"(?P<num>\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)(?![\d:])",
        re.I,
    ),
    # 4 May 2021 (Tuesday) / 14th March, 2014 (Friday)
    re.compile(
        B + rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(?P<m>{mo_re}){E}\.?,?"
        rf"(?:\s+(?P<y>\d{{4}}))?,?\s*\((?P<wd>{wd_re})\)",
        re.I,
    ),
]
SHORT_AMBIGUOUS = {
    "mo",
    "tu",
    "we",
    "th",
    "fr",
    "sa",
    "su",
    "do",
    "di",
    "mi",
    "so",
    "mar",
    "sam",
    "dom",
    "ven",
    "set",
    "gen",
    "mag",
}


def year_for(month: int, day: int, case: scoring.Case) -> int:
    for ev in case.events:
        s = ev.get("start") or ""
        if len(s) >= 10 and int(s[5:7]) == month and int(s[8:10]) == day:
            return int(s[:4])
    years = [int((ev.get("start") or "0000")[:4]) for ev in case.events if ev.get("start")]
    if years:
        return years[0]
    return int((case.reference_date or "2024-01-01")[:4])


def weekday_problems(case: scoring.Case) -> list[str]:
    out = []
    for pat in PATTERNS:
        for m in pat.finditer(case.text):
            wdname = m.group("wd").lower()
            if wdname in SHORT_AMBIGUOUS and not m.group("wd")[0].isupper():
                continue
            wd = WD[wdname]
            cands: list[date] = []
            try:
                if "num" in pat.groupindex and m.group("num"):
                    num = m.group("num")
                    if "-" in num:
                        cands = [date.fromisoformat(num)]
                    else:
                        parts = [int(x) for x in re.split(r"[./]", num)]
                        a, b = parts[0], parts[1]
                        y = parts[2] if len(parts) > 2 else None
                        if y is not None and y < 100:
                            y += 2000
                        for d_, mo in ((a, b), (b, a)):
                            if 1 <= mo <= 12 and 1 <= d_ <= 31:
                                try:
                                    cands.append(date(y or year_for(mo, d_, case), mo, d_))
                                except ValueError:
                                    pass
                else:
                    mo = MO[m.group("m").lower()]
                    d_ = int(m.group("d"))
                    y = int(m.group("y")) if m.group("y") else year_for(mo, d_, case)
                    cands = [date(y, mo, d_)]
            except ValueError as e:
                out.append(f"bad date {m.group(0)!r}: {e}")
                continue
            if cands and not any(c.weekday() == wd for c in cands):
                out.append(
                    f"weekday does not match: {m.group(0)!r} -> {[c.strftime('%A %Y-%m-%d') for c in cands]}"
                )
    return out


def value_problems(case: scoring.Case) -> list[str]:
    out = []
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", case.label):
        out.append("label is not a slug")
    if case.tz:
        try:
            ZoneInfo(case.tz)
        except Exception:
            out.append(f"bad tz {case.tz}")
    if case.reference_date:
        date.fromisoformat(case.reference_date)
    else:
        out.append("no reference_date")
    if not case.comment:
        out.append("no comment")
    for i, ev in enumerate(case.events):
        for key in ("start", "end"):
            v = ev.get(key)
            if v is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?", v):
                out.append(f"event {i}: bad {key} {v!r}")
        for key in ("start", "end"):
            for v in (ev.get("accept") or {}).get(key, []):
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?", v):
                    out.append(f"event {i}: bad accept.{key} {v!r}")
        if not ev.get("start"):
            out.append(f"event {i}: no start")
        if ev.get("start") and ev.get("end") and ev["end"] <= ev["start"]:
            out.append(f"event {i}: end not after start")
        if ev.get("timezone"):
            try:
                ZoneInfo(ev["timezone"])
            except Exception:
                out.append(f"event {i}: bad timezone {ev['timezone']}")
        if ev.get("status", "confirmed") not in ("confirmed", "cancelled", "tentative"):
            out.append(f"event {i}: bad status")
        for w in ev.get("warnings", []):
            if w not in WARNINGS:
                out.append(f"event {i}: unknown warning {w}")
        for s in ev.get("speakers", []):
            if set(s) - {"name", "affiliation"} or not s.get("name"):
                out.append(f"event {i}: bad speaker {s}")
    return out


def main() -> int:
    cases = scoring.load_cases(HERE)
    bad = 0
    families: dict[str, int] = {}
    for case in cases:
        families[case.family] = families.get(case.family, 0) + 1
        problems = value_problems(case)
        wd = weekday_problems(case)
        allow = any("weekday-mismatch" in (ev.get("warnings") or []) for ev in case.events)
        if wd and not allow:
            problems += wd
        if problems:
            bad += 1
            print(f"{case.family}/{case.label}:")
            for p in problems:
                print("   ", p)
    total = sum(families.values())
    print(
        ", ".join(f"{k}: {v}" for k, v in sorted(families.items())),
        f"— {total} cases,",
        sum(len(c.events) for c in cases),
        "events",
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
