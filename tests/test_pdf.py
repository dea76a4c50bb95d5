"""PDF inputs: the text layer goes through the text reader; a scan is refused in one line.

The PDFs are written here, object by object (:func:`make_pdf`), so no file
of unknown origin is needed: one page of Helvetica text, or a page holding
only a drawn rectangle (what a scanned flyer is to a text extractor).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from seminorm.cli import cli
from seminorm.context import Context
from seminorm.detect import Format, detect
from seminorm.errors import ParseError, ReadError
from seminorm.pipeline import parse_bytes

from .conftest import TODAY

FLYER = [
    "Mathematics Colloquium",
    "Speaker: Dr. Ines Valkova (University of Tarnberg)",
    "Title: Random walks on shrinking graphs",
    "Date: Thursday, 16 May 2024, 14:15-15:15",
    "Room: Hall B 204",
]


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: list[str] | None) -> bytes:
    """A one-page PDF 1.4: ``lines`` as text, or (None) only a filled rectangle."""
    if lines is None:
        content = b"0 0 1 rg 72 72 300 400 re f"
    else:
        shown = " T* ".join(f"({_escape(line)}) Tj" for line in lines)
        content = f"BT /F1 12 Tf 16 TL 72 720 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture
def ctx() -> Context:
    return Context(today=TODAY, tz="Europe/Berlin")


def test_a_pdf_is_detected_by_its_content() -> None:
    assert detect(make_pdf(FLYER)) is Format.PDF
    assert detect(b"Talk at 4pm; slides as %PDF later") is Format.TEXT


def test_the_text_layer_of_a_pdf_gives_the_event(ctx: Context) -> None:
    (ev,) = parse_bytes(make_pdf(FLYER), ctx)
    assert ev.source.format == "pdf"
    assert ev.title == "Random walks on shrinking graphs"
    assert [s.name for s in ev.speakers] == ["Ines Valkova"]
    assert ev.start is not None
    assert ev.start.isoformat() == "2024-05-16T14:15:00+02:00"
    assert ev.location is not None
    assert "Hall B 204" in (ev.location.name or "")


def test_a_pdf_without_text_is_one_clear_error(ctx: Context) -> None:
    with pytest.raises(ParseError, match="no text layer"):
        parse_bytes(make_pdf(None), ctx)


def test_a_broken_pdf_is_one_clear_error(ctx: Context) -> None:
    with pytest.raises(ReadError, match="cannot read this PDF"):
        parse_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50, ctx)


def test_without_pypdf_the_error_names_the_extra(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # `import pypdf` raises ImportError
    with pytest.raises(ReadError, match=r"needs the 'pdf' extra: pip install 'seminorm\[pdf\]'"):
        parse_bytes(make_pdf(FLYER), ctx)


def test_the_command_line_reads_a_flyer_and_refuses_a_scan(tmp_path: Path) -> None:
    flyer, scan = tmp_path / "flyer.pdf", tmp_path / "scan.pdf"
    flyer.write_bytes(make_pdf(FLYER))
    scan.write_bytes(make_pdf(None))
    result = CliRunner().invoke(cli, ["parse", str(flyer), str(scan), "-f", "csv", "-q"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{scan}: error: no text layer in this PDF" in result.output
    assert sum("error" in line for line in lines) == 1
    assert any("Random walks on shrinking graphs" in line for line in lines)
