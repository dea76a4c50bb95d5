"""Format detection by content."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.detect import Format, detect

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

MESSAGE = b"""\
Return-Path: <seminars@example.edu>
Received: from mail.example.edu by mx.example.org; Tue, 4 May 2021 10:00:00 +0200
Message-ID: <abc@example.edu>
From: Seminar Office <seminars@example.edu>
To: list@example.edu
Subject: Talk on Tuesday
Date: Tue, 4 May 2021 10:00:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Speaker: Ann
"""


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (ICS, Format.ICS),
        (ICS.lower(), Format.ICS),
        (b"\xef\xbb\xbf\r\n\r\n  " + ICS, Format.ICS),
        (ICS.decode().encode("utf-16"), Format.ICS),
        (ICS.decode().encode("utf-16-be"), Format.ICS),
        (b"BEGIN:VEVENT\nDTSTART:20210504T100000Z\nEND:VEVENT\n", Format.ICS),
        (b"Exported calendar\n\n" + ICS, Format.ICS),
        (b"BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\n", Format.ICS),
        (b"BEGIN:VCARD\nFN:Ann\nEND:VCARD\n", Format.TEXT),
        (MESSAGE, Format.EMAIL),
        (MESSAGE.replace(b"\n", b"\r\n"), Format.EMAIL),
        (b"From seminars@example.edu Tue May  4 10:00:00 2021\n" + MESSAGE, Format.EMAIL),
        (
            b"From seminars Thu May 03 09:00:00 2001 \n"
            b"From seminars-request@lists.example.net Thu May 03 08:59:59 2001\n"
            b"Received: from list by listserv1.es.net\n\tid 14ug8L; Tue, 1 May 2001\n"
            b"Subject: Seminar\n\nbody\n",
            Format.EMAIL,
        ),
        (
            b"From: Ann Smith <ann@example.org>\nTo: bob@example.org\n"
            b"Subject: Talk\n\nSpeaker: Ann\n",
            Format.EMAIL,
        ),
        (b"Delivered-To: x@example.org\nSubject: Talk\n\nhello", Format.EMAIL),
        (b"<!DOCTYPE html>\n<html><body><p>Talk</p></body></html>", Format.HTML),
        (b"<html><p>Talk", Format.HTML),
        (b"  <HTML>\n<BODY>Talk</BODY>", Format.HTML),
        (b"<div><p>Talk</p><p>Tuesday<br>4pm</p></div>", Format.HTML),
        ("<!doctype html><p>Séminaire</p>".encode("utf-16"), Format.HTML),
        (b"Seminar on Tuesday, May 4, 2021 at 4pm", Format.TEXT),
        (b"", Format.TEXT),
    ],
)
def test_detect(data: bytes, fmt: Format) -> None:
    assert detect(data) is fmt


@pytest.mark.parametrize(
    "text",
    [
        "Date: May 4\nSubject: talk on knots\n\nSpeaker: Ann",
        "Subject: Seminar\nDate: Tuesday, 4 May 2021\nTime: 4pm\n",
        "From: the Math Department\nDate: May 4\n\nTalk",
        "Title: On knots\nSpeaker: Ann\nDate: May 4, 2021\n",
        "From: Ann <ann@example.org>\nSpeaker: Ann\nDate: May 4\n",
        "From May 4 to May 6, 2021 the workshop takes place.\nDate: May 4\n",
        "Seminar\n\nFrom: Ann <ann@example.org>\nDate: Tue, 4 May 2021\nSubject: x\n",
        "Join us! <a href='x'>here</a> at 4pm",
        "Zoom link <https://zoom.us/j/123> and <mailto:a@b.org>",
        "Dial-in:\nBEGIN meeting at 4pm\n",
    ],
)
def test_stays_text(text: str) -> None:
    assert detect(text.encode()) is Format.TEXT


def test_forwarded_headers_inside_a_message_keep_it_email() -> None:
    data = MESSAGE + b"\n---------- Forwarded message ---------\nFrom: x <x@y.z>\n"
    assert detect(data) is Format.EMAIL


def test_calendar_part_inside_a_message_stays_email() -> None:
    data = MESSAGE.replace(b"text/plain", b"text/calendar") + b"\n" + ICS
    assert detect(data) is Format.EMAIL


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    assert isinstance(detect(data), Format)


@pytest.mark.slow
def test_huge_single_line_is_fast() -> None:
    assert detect(b"From: " + b"a" * 2_000_000) is Format.TEXT
    assert detect(b"<" * 2_000_000) is Format.TEXT
