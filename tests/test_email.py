"""E-mail reading: MIME, charsets, forwarded and replied messages, calendar parts, mbox.

Most tests replace the text reader with a recorder, so that they check what
the e-mail reader hands over (the body text and the hints) independently of
the extraction rules; the integration tests at the end use the real reader.
"""

from __future__ import annotations

import base64
import email.utils
import importlib.util
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seminorm.context import Context
from seminorm.errors import ParseError, SeminormError
from seminorm.model import Event, Link, Online, Speaker
from seminorm.readers import Hints
from seminorm.readers.email import clean_body, clean_subject, parse_email, split_mbox

FIXTURES = Path(__file__).parent / "fixtures" / "email"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "text"
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class Recorder:
    """Stands in for ``parse_text``: records its calls, returns ``result`` or raises."""

    # title and speaker: a complete reading, so the reader tries no other body
    result: list[Event] = field(
        default_factory=lambda: [Event(title="stub", speakers=(Speaker(name="Stub Speaker"),))]
    )
    fail_unless: str | None = None
    calls: list[tuple[str, Hints]] = field(default_factory=list)

    def __call__(self, text: str, ctx: Context, hints: Hints | None = None) -> list[Event]:
        assert hints is not None
        self.calls.append((text, hints))
        if self.fail_unless is not None and self.fail_unless not in text:
            raise ParseError("no date or time found")
        return list(self.result)

    @property
    def text(self) -> str:
        return self.calls[-1][0]

    @property
    def hints(self) -> Hints:
        return self.calls[-1][1]


@pytest.fixture
def rec(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    r = Recorder()
    monkeypatch.setattr("seminorm.engine.parse_text", r)
    return r


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- bodies and hints ---------------------------------------------------------


def test_quoted_printable_windows_1252(rec: Recorder, ctx: Context) -> None:
    events = parse_email(read("qp_cp1252.eml"), ctx)
    assert events[0].source.format == "email"
    assert rec.hints.title == "Séminaire de géométrie – José Müller"
    assert rec.hints.document_date == date(2021, 5, 3)
    assert rec.hints.organizer is not None
    assert rec.hints.organizer.name == "Secrétariat du département"
    assert rec.hints.organizer.email == "secretariat@math.example.fr"
    assert rec.hints.format == "email"
    assert "Orateur : José Müller (Université de Genève)" in rec.text
    assert "“Courbes, surfaces et l’espace des modules”" in rec.text
    assert "14h00–15h00" in rec.text
    assert "algébriques de genre zéro" in rec.text  # soft line break joined
    assert "Tél" not in rec.text  # signature cut


def test_plain_part_preferred(rec: Recorder, ctx: Context) -> None:
    parse_email(read("alternative.eml"), ctx)
    assert "a plain-text body" in rec.text
    assert "HTML body" not in rec.text
    assert "São Paulo" in rec.text
    assert rec.hints.title == "Talk: Learning to rank, Thursday 3pm"


def test_html_part_when_plain_is_a_stub(rec: Recorder, ctx: Context) -> None:
    parse_email(read("html_only.eml"), ctx)
    assert "cannot display HTML" not in rec.text
    assert "Speaker: Dr. Renée Dubois (CERN)" in rec.text
    assert "Join <https://us02web.zoom.us/j/81234567890?pwd=QWERTY>" in rec.text
    assert ("Join", "https://us02web.zoom.us/j/81234567890?pwd=QWERTY") in rec.hints.links
    assert rec.hints.title == "Colloquium on dark matter"
    assert rec.hints.document_date == date(2021, 5, 12)


def test_bom_and_blank_lines_before_the_headers(rec: Recorder, ctx: Context) -> None:
    parse_email(b"\xef\xbb\xbf\r\n\r\nFrom: a@b.org\r\nSubject: Knots\r\n\r\nTalk at 4pm", ctx)
    assert rec.hints.title == "Knots"
    assert rec.text == "Talk at 4pm"


def test_headers_are_read_as_strings_and_decoded_once(rec: Recorder, ctx: Context) -> None:
    """compat32: no header is parsed into an object; Subject, Date and From are decoded here."""
    from seminorm.readers.email.headers import bounded_policy

    data = (
        b"From: =?utf-8?q?Lee=2C_Zo=C3=AB?= <z.lee@example.org>\n"
        b"Subject: =?utf-8?q?[kolloq-l]_Vortrag_=C3=BCber?=\n =?utf-8?q?_Knotenfl=C3=A4chen?=\n"
        b"Date: Tue, 4 May 2021 23:30:00 -0700\n"
        b'Content-Type: text/plain; charset="utf-8"\n\nTalk at 4pm.\n'
    )
    assert type(email.message_from_bytes(data, policy=bounded_policy())["content-type"]) is str
    parse_email(data, ctx)
    assert rec.hints.title == "Vortrag über Knotenflächen"
    assert rec.hints.document_date == date(2021, 5, 4)
    assert rec.hints.organizer is not None
    assert (rec.hints.organizer.name, rec.hints.organizer.email) == (
        "Lee, Zoë",
        "z.lee@example.org",
    )


def test_from_with_the_name_in_a_comment(rec: Recorder, ctx: Context) -> None:
    parse_email(b"From: k.ito@example.org (Kenji Ito)\nSubject: x\n\nTalk at 4pm", ctx)
    assert rec.hints.organizer is not None
    assert (rec.hints.organizer.name, rec.hints.organizer.email) == (
        "Kenji Ito",
        "k.ito@example.org",
    )


def test_malformed_encoded_words_stay_as_written(rec: Recorder, ctx: Context) -> None:
    parse_email(b"From: a@b.org\nSubject: =?utf-8?q?Open problems?= in knots\n\nTalk at 4pm", ctx)
    assert rec.hints.title == "=?utf-8?q?Open problems?= in knots"  # no space inside a word


def test_an_ics_attachment_named_with_an_encoded_word(rec: Recorder, ctx: Context) -> None:
    """Outlook writes a non-ASCII attachment name as an RFC 2047 word ("réunion.ics")."""
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:reunion-1@example.org\r\nDTSTAMP:20210501T000000Z\r\n"
        b"DTSTART:20210504T140000Z\r\nSUMMARY:R\xc3\xa9union\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    data = (
        b"From: a@b.org\nSubject: x\nContent-Type: multipart/mixed; boundary=zz\n\n"
        b"--zz\nContent-Type: text/plain\n\nSee the attachment.\n--zz\n"
        b'Content-Type: application/octet-stream; name="=?utf-8?B?csOpdW5pb24uaWNz?="\n'
        b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(ics) + b"--zz--\n"
    )
    events = parse_email(data, ctx)
    assert [ev.uid for ev in events] == ["reunion-1@example.org"]


def test_html_sent_as_text_plain(rec: Recorder, ctx: Context) -> None:
    data = b"From: a@b.org\nSubject: x\n\n<html><body><p>Talk<br>May 4, 4pm</p></body></html>"
    parse_email(data, ctx)
    assert rec.text == "Talk\nMay 4, 4pm"


def test_base64_utf8_and_rfc2047(rec: Recorder, ctx: Context) -> None:
    parse_email(read("base64_utf8.eml"), ctx)
    assert rec.hints.title == "סמינר: Expander graphs"
    assert rec.text.startswith("סמינר המחלקה למתמטיקה\n")
    assert "ברוכים הבאים!" in rec.text


def test_raw_8bit_headers(rec: Recorder, ctx: Context) -> None:
    parse_email(read("raw8bit.eml"), ctx)
    assert rec.hints.title == "Café séminaire"
    assert rec.text == "Séminaire mardi 4 mai 2021 à 14h00."


def test_forwarded_announcement_is_read(rec: Recorder, ctx: Context) -> None:
    parse_email(read("forwarded.eml"), ctx)
    assert rec.hints.title == "Catalysis at interfaces: the Weber lecture"
    assert rec.hints.document_date == date(2021, 5, 13)
    assert "Speaker: Prof. Ingrid Solberg (NTNU)" in rec.text
    assert "Chemistry Events" not in rec.text
    assert "9:05 AM" not in rec.text
    assert "Group assistant" not in rec.text


def test_reply_reads_its_own_text_first_then_the_quote(rec: Recorder, ctx: Context) -> None:
    rec.fail_unless = "Speaker:"
    parse_email(read("reply.eml"), ctx)
    first, second = (text for text, _ in rec.calls)
    assert first == "Thanks, I will be there. Can we record it?\n\nBob"
    assert second.startswith("Glaciers of the Alps\nSpeaker: Carla Neri (ETH Zurich)")
    assert "Thanks" not in second
    assert ">" not in second
    assert "wrote:" not in second
    assert "mailing list" not in second
    assert "3:12 PM" not in second


def test_outlook_reply_with_short_top_keeps_both(rec: Recorder, ctx: Context) -> None:
    parse_email(read("outlook_reply.eml"), ctx)
    assert rec.text.startswith("Change of room")
    assert "Speaker: Sam Ochoa (UT Austin)" in rec.text
    assert "Sent:" not in rec.text
    assert "________" not in rec.text
    assert rec.hints.title == "Labour economics workshop"
    assert rec.hints.document_date == date(2021, 5, 14)


def test_reply_with_long_top_drops_the_original() -> None:
    top = "We meet on Friday, May 21, 2021 at 10:00 in room 5. " * 5
    text = f"{top}\n\n-----Original Message-----\nFrom: a@b.org\nSent: Monday\nSubject: old\n\nOld talk at 9"
    cleaned, subject, when = clean_body(text)
    assert cleaned == top.strip()
    assert subject is None
    assert when is None


@pytest.mark.parametrize(
    "footer",
    [
        "-- \nAnn Smith\nProfessor",
        "--\nYou received this message because you are subscribed to the Google Groups "
        '"talks" group.\nTo unsubscribe from this group, send an email to x@y.org.',
        "_______________________________________________\nTalks mailing list\n"
        "talks@example.org\nhttps://example.org/mailman/listinfo/talks",
        "-- \nThis message has been scanned for viruses and\ndangerous content by "
        "MailScanner, and is\nbelieved to be clean.",
        "Sent from my iPhone",
    ],
)
def test_footers_are_cut(footer: str) -> None:
    assert clean_body(f"Talk on Tuesday at 4pm.\n\n{footer}\n")[0] == "Talk on Tuesday at 4pm."


def test_bare_dashes_before_meeting_details_are_no_signature() -> None:
    text = "Talk on knots, Tuesday 4pm\n--\nZoom: https://zoom.us/j/1\nMeeting ID: 1 2 3"
    assert clean_body(text)[0] == text


def test_separator_lines_inside_the_text_stay() -> None:
    text = "Talk one\n--\nTalk two\n" + "line\n" * 20
    assert "Talk two" in clean_body(text)[0]


@pytest.mark.parametrize(
    ("subject", "cleaned"),
    [
        ("Re: Fwd: [seminars-l] Talk on knots", "Talk on knots"),
        ("RE: AW: WG: Vortrag", "Vortrag"),
        ("Fw: [math_announce] [Colloquium] Knots", "[Colloquium] Knots"),
        (
            "[Colloquium] Math: March 12th, 2014: Sharp Bounds",
            "[Colloquium] Math: March 12th, 2014: Sharp Bounds",
        ),
        ("Talk:\n  folded   subject", "Talk: folded subject"),
        ("Re: [1/2]", "[1/2]"),
    ],
)
def test_clean_subject(subject: str, cleaned: str) -> None:
    assert clean_subject(subject) == cleaned


# -- mbox ---------------------------------------------------------------------


def test_mbox_with_three_messages(rec: Recorder, ctx: Context) -> None:
    rec.fail_unless = "Speaker:"
    events = parse_email(read("three.mbox"), ctx)
    assert len(events) == 2  # the RSVP reminder has no event and is skipped
    titles = [h.title for _, h in rec.calls]
    assert titles == [
        "Gene regulation in yeast",
        "Reminder: please RSVP for lunch",
        "Protein folding on a budget",
    ]
    assert [h.document_date for _, h in rec.calls] == [
        date(2021, 5, 3),
        date(2021, 5, 4),
        date(2021, 5, 10),
    ]
    assert "\nFrom now on, lunch orders" in rec.calls[1][0]  # >From unescaped


def test_mbox_without_any_event_is_an_error(rec: Recorder, ctx: Context) -> None:
    rec.fail_unless = "no such text"
    with pytest.raises(ParseError, match="no date or time found"):
        parse_email(read("three.mbox"), ctx)


def test_split_mbox_double_envelope() -> None:
    data = (
        b"From seminars Thu May 03 09:00:00 2001 \n"
        b"From seminars-request@lists.example.net Thu May 03 08:59:59 2001\n"
        b"Subject: one\n\nbody\n"
    )
    assert split_mbox(data) == [b"Subject: one\n\nbody\n"]


def test_body_lines_starting_with_from_do_not_split() -> None:
    data = b"From a@b Tue May  4 10:00:00 2021\nSubject: x\n\nFrom 10:00 to 11:00 we meet\n"
    assert len(split_mbox(data)) == 1


# -- calendar parts -----------------------------------------------------------

needs_ics = pytest.mark.skipif(
    importlib.util.find_spec("seminorm.readers.ics") is None, reason="readers/ics.py not there yet"
)


def body_event(start: datetime) -> Event:
    return Event(
        title="Robust statistics seminar",
        speakers=(Speaker(name="Lena Hoffmann", affiliation="Universität Bonn"),),
        start=start,
        timezone="Europe/Berlin",
        online=Online(platform="meet", url="https://meet.google.com/abc-defg-hij"),
        links=(Link(url="https://meet.google.com/abc-defg-hij", kind="meeting"),),
        abstract="Median-of-means estimators achieve sub-Gaussian deviations.",
    )


@needs_ics
def test_invitation_calendar_wins_body_fills(rec: Recorder, ctx: Context) -> None:
    rec.result = [body_event(datetime(2021, 5, 18, 15, tzinfo=BERLIN))]
    (ev,) = parse_email(read("invitation.eml"), ctx)  # the .ics attachment is the same event
    assert ev.uid == "invite-42@example.com"
    assert ev.start == datetime(2021, 5, 18, 15, tzinfo=BERLIN)
    assert ev.timezone == "Europe/Berlin"
    assert ev.title == "Robust statistics seminar"
    assert ev.location is not None
    assert ev.location.name == "Room 3.14"
    assert [s.name for s in ev.speakers] == ["Lena Hoffmann"]
    assert ev.online is not None
    assert ev.online.platform == "meet"
    assert ev.abstract is not None
    assert ev.abstract.startswith("Median-of-means")
    assert ev.organizer is not None
    assert ev.organizer.email == "weber@stat.example.de"
    assert ev.source.format == "email"
    assert not [w for w in ev.warnings if w.code == "time-conflict"]
    assert not [line for line in ev.ics_extra if line.startswith("ATTENDEE")]


@needs_ics
def test_invitation_time_conflict_is_reported(rec: Recorder, ctx: Context) -> None:
    rec.result = [body_event(datetime(2021, 5, 18, 16, tzinfo=BERLIN))]
    (ev,) = parse_email(read("invitation.eml"), ctx)
    assert ev.start == datetime(2021, 5, 18, 15, tzinfo=BERLIN)
    assert [w.code for w in ev.warnings if w.code == "time-conflict"] == ["time-conflict"]


@needs_ics
def test_invitation_without_body_event(rec: Recorder, ctx: Context) -> None:
    rec.fail_unless = "no such text"
    (ev,) = parse_email(read("invitation.eml"), ctx)
    assert ev.uid == "invite-42@example.com"
    assert ev.speakers == ()


@needs_ics
def test_cancel_method_marks_cancelled(rec: Recorder, ctx: Context) -> None:
    data = read("invitation.eml").replace(b"METHOD:REQUEST", b"METHOD:CANCEL")
    data = data.replace(b"method=REQUEST", b"method=CANCEL")
    events = parse_email(data, ctx)
    assert {ev.status for ev in events} == {"cancelled"}


# -- bad input ----------------------------------------------------------------


def test_broken_mime_does_not_crash(rec: Recorder, ctx: Context) -> None:
    parse_email(read("broken.eml"), ctx)
    assert "Seminar on Tuesday May 4, 2021 at 4pm" in rec.text
    assert rec.hints.document_date is None
    assert rec.hints.title == "Bröken header"  # unknown charset name: detected


def test_empty_body_is_a_parse_error(ctx: Context) -> None:
    with pytest.raises(ParseError, match="no date or time found"):
        parse_email(b"From: a@b.org\nSubject: x\nDate: Tue, 4 May 2021 10:00 +0000\n\n", ctx)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=500))
def test_arbitrary_bytes(rec: Recorder, ctx: Context, data: bytes) -> None:
    try:
        parse_email(data, ctx)
    except SeminormError:
        pass


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(sorted(p.name for p in FIXTURES.iterdir())),
    st.integers(min_value=0, max_value=3000),
    st.binary(min_size=1, max_size=20),
)
def test_mutated_fixtures(rec: Recorder, ctx: Context, name: str, at: int, junk: bytes) -> None:
    data = read(name)
    at %= len(data)
    try:
        parse_email(data[:at] + junk + data[at + len(junk) :], ctx)
    except SeminormError:
        pass


@pytest.mark.slow
def test_huge_line_is_linear(rec: Recorder, ctx: Context) -> None:
    body = b"x" * 2_000_000 + b"\n> " + b"y" * 500_000
    parse_email(b"From: a@b.org\nSubject: s\n\n" + body, ctx)


# -- the shared corpus --------------------------------------------------------


def corpus_emails() -> list[Path]:
    return sorted(CORPUS.glob("*.eml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not corpus_emails(), reason="shared corpus not present")
@pytest.mark.parametrize("path", corpus_emails(), ids=lambda p: p.name)
def test_corpus_hints(rec: Recorder, ctx: Context, path: Path) -> None:
    from email import policy
    from email.parser import BytesParser

    data = path.read_bytes()
    msg: Any = BytesParser(policy=policy.default).parsebytes(data)
    parse_email(data, ctx)
    text, hints = rec.calls[0]
    assert hints.title == clean_subject(str(msg["subject"]))
    assert hints.document_date == email.utils.parsedate_to_datetime(str(msg["date"])).date()
    assert hints.organizer is not None
    assert hints.organizer.email
    assert text.strip()
    assert "MailScanner" not in text
    assert "Received:" not in text


# -- integration with the real text reader ------------------------------------

needs_text = pytest.mark.skipif(
    importlib.util.find_spec("seminorm.rules.when") is None, reason="text rules not there yet"
)


@needs_text
@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("forwarded.eml", datetime(2021, 5, 20, 17, tzinfo=ZoneInfo("Europe/Oslo"))),
        ("qp_cp1252.eml", datetime(2021, 5, 4, 14)),
        ("base64_utf8.eml", datetime(2021, 5, 16, 14, tzinfo=ZoneInfo("Asia/Jerusalem"))),
    ],
)
def test_real_events(name: str, start: datetime, ctx: Context) -> None:
    events = parse_email(read(name), ctx)
    assert len(events) == 1
    got = events[0].start
    assert isinstance(got, datetime)
    if start.tzinfo is None:
        assert got.replace(tzinfo=None) == start
    else:
        assert got == start


@needs_text
def test_real_mbox(ctx: Context) -> None:
    events = parse_email(read("three.mbox"), ctx)
    assert [ev.start.day for ev in events if isinstance(ev.start, datetime)] == [5, 12]


@needs_text
@pytest.mark.skipif(not corpus_emails(), reason="shared corpus not present")
@pytest.mark.parametrize("path", corpus_emails(), ids=lambda p: p.name)
def test_real_corpus_does_not_raise(path: Path, ctx: Context) -> None:
    try:
        parse_email(path.read_bytes(), ctx)
    except SeminormError:
        pass


# -- the wrappers other tests use ---------------------------------------------


@pytest.mark.parametrize(
    ("charset", "qp", "with_html"),
    [("windows-1252", True, True), ("utf-8", False, False), ("iso-8859-1", True, False)],
)
def test_as_email_keeps_the_text(
    rec: Recorder, ctx: Context, charset: str, qp: bool, with_html: bool
) -> None:
    from .wrappers import as_email

    text = "Séminaire d’analyse\n\nOrateur : José Müller\nDate : mardi 12 mars 2024, 14h15"
    parse_email(
        as_email(text, subject="Séminaire – 12 mars", charset=charset, qp=qp, with_html=with_html),
        ctx,
    )
    assert rec.text == text
    assert rec.hints.title == "Séminaire – 12 mars"
    assert rec.hints.document_date == date(2024, 3, 11)


def test_html_part_structured_data_becomes_hints(rec: Recorder, ctx: Context) -> None:
    html = (
        '<html><script type="application/ld+json">{"@type": "Event", "name": "Knots",'
        '"startDate": "2024-05-04T16:00:00+02:00"}</script><p>Knots, May 4, 4pm</p></html>'
    )
    data = (
        b"From: a@b.org\nSubject: Talk\nMIME-Version: 1.0\n"
        b"Content-Type: text/html; charset=utf-8\n\n" + html.encode()
    )
    parse_email(data, ctx.__class__(today=ctx.today, tz="Europe/Paris"))
    (st,) = rec.hints.structured
    assert st.title == "Knots"
    assert st.timezone == "Europe/Paris"
