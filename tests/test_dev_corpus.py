"""The shared dev corpus, scored by its own scorer (``../shared/tools/score.py``).

A ratchet, not a target: the floor is a little under the figure the code
reaches today, so that a change that loses ground on real documents fails.
Skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import json

from .helpers import shared_score

# The corpus grew from 14 to 45 documents nobody wrote for this project; the
# floors are a little under what the code reaches on all 45 (macro-F1 0.654 and
# 4 documents without usable output at first; 0.711 and 1 after the languages
# and the talk's-time rules; 0.766 with the learned speaker and place scorer;
# events matched 113 of 181 gold at first, 176 of 178 output (macro-F1 0.858)
# after segmentation by occurrences) and rise as extraction improves. Per field,
# the fields the learned scorer chooses (speaker 0.705, affiliation 0.607, location
# 0.469 with it at first; 0.836, 0.754, 0.552 once the segmentation found more events;
# 0.846, 0.778 with sessions split into their talks: events 180 of 181, 180 output;
# speaker 0.865 with the wider speaker candidates and name features, 0.897 with the
# evidence features;
# 181 of 181 events with two same-day talks cut by their own times;
# location 0.857 with the parts of date lines and a listing's standing place proposed;
# title 0.815 chosen by learned scores, 0.774 in the reading order; location 0.888 with
# places across line breaks and bare room numbers, 0.905 with series names in an
# ICS LOCATION read as the series, 0.908 with the place's edges on its line; title 0.870 with quotations read in the whole line,
# titles wrapped over two lines and ICS SUMMARYs that are the speaker's line, 0.914
# with a schedule table's talk column read as titles; affiliation 0.825 with the
# institution right after a speaker's name in prose, 'Dr X (Institute)'; speaker 0.960,
# affiliation 0.967 with the affiliation written next to a chosen name, links on names
# and speaker cues in pt/nl/sv); online_url 0.933 and passcode 1.000 with Zoom's China
# domain and the Chinese meeting platforms read as online meetings (macro-F1 0.972).
MACRO_F1_FLOOR = 0.96
# The time fields (start 0.981, end 0.983, timezone 0.986, instant 0.986 with the
# languages, datelines, stamps and UTC feeds read; 0.997, 0.991, 0.997, 0.997 with
# every talk of a session found).
FIELD_FLOORS = {
    "title": 0.94,  # 0.928 with programme items' labels cut, 0.957 with chrome, terms, places refused
    "speaker": 0.94,
    "affiliation": 0.95,
    "location": 0.90,
    "start": 0.98,
    "end": 0.97,
    "timezone": 0.98,
    "instant": 0.98,
    "online_url": 0.90,
    "meeting_id": 0.93,
    "passcode": 0.95,
}
FAILED_DOCS_CEILING = 1
#: events matched / gold events (every talk of a listing found) and / output events
EVENTS_FOUND_FLOOR = 0.99
EVENTS_RIGHT_FLOOR = 0.99


def test_dev_corpus_score() -> None:
    figures = shared_score("score.py", "corpus", "text", timeout=300)
    print(json.dumps(figures["fields"], indent=1))
    assert figures["failed_docs"] <= FAILED_DOCS_CEILING
    assert figures["macro_f1"] >= MACRO_F1_FLOOR, figures
    for name, floor in FIELD_FLOORS.items():
        assert figures["fields"][name]["f1"] >= floor, (name, figures["fields"][name])
    matched = figures["matched_events"]
    assert matched / figures["gold_events"] >= EVENTS_FOUND_FLOOR, figures
    assert matched / max(figures["out_events"], 1) >= EVENTS_RIGHT_FLOOR, figures
