"""bytes -> text: charsets, BOMs, mojibake repair, normalisation, bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.errors import ReadError, SeminormError
from seminorm.read import decode, sniff_text

TEXT = "Séminaire: Déjà vu à 14h00, salle Zürich – “Größe” — 5 €"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32"), "utf-32-le"),
        (b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"), "utf-32-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_charsets(data: bytes, encoding: str) -> None:
    got = decode(data)
    assert got.text == TEXT
    assert got.encoding == encoding
    assert got.notices == ()


def test_declared_charset_is_used() -> None:
    data = "Семинар в 14:00, аудитория 5".encode("koi8-r")
    assert decode(data, "koi8-r").text == "Семинар в 14:00, аудитория 5"


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode("Café".encode("cp1252"), "x-no-such-charset").text == "Café"


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    assert decode("Café".encode(), "iso-8859-1").text == "Café"


def test_latin1_label_means_windows_1252() -> None:
    assert decode(b"\x93quoted\x94 caf\xe9", "iso-8859-1").text == "“quoted” café"


def test_meta_charset_in_html() -> None:
    data = b'<html><head><meta charset="windows-1251"></head><body>' + "Привет".encode("cp1251")
    assert "Привет" in decode(data).text


def test_http_equiv_and_xml_prolog() -> None:
    equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    assert "Привет" in decode(equiv + "Привет".encode("koi8-r")).text
    prolog = b'<?xml version="1.0" encoding="ISO-8859-7"?><p>'
    assert "Καλημέρα" in decode(prolog + "Καλημέρα".encode("iso-8859-7")).text


def test_cyrillic_without_declaration_is_detected() -> None:
    text = "Семинар кафедры: доклад о теории чисел, начало в 14:00, аудитория 512."
    assert decode(text.encode("cp1251")).text == text


@pytest.mark.parametrize(
    "original",
    ["Café déjà vu", "Zürich – “Größe”", "שלום עולם, סמינר", "naïve résumé ’quote’"],
)
def test_mojibake_is_repaired(original: str) -> None:
    # what a program that read UTF-8 as windows-1252 (latin-1 where undefined) wrote
    broken = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in original.encode()
    )
    got = decode(broken.encode("utf-8"))
    assert got.text == original
    assert [n.code for n in got.notices] == ["mojibake-repaired"]


def test_correct_text_is_not_touched() -> None:
    for text in ("Hébreu: שלום", "日本語の講演 14:00", "Ørsted × 2 ÷ 3", "À bientôt, Ñandú"):
        got = decode(text.encode())
        assert got.text == text
        assert got.notices == ()


def test_normalisation() -> None:
    raw = "a\r\nb\rc\u00a0d\u202fe\u2007f\u200bg\ufeffh\u2060i\u00adj\u200dk\u200cl"
    assert decode(raw.encode()).text == "a\nb\nc d e fghij\u200dk\u200cl"


def test_no_unicode_normalisation() -> None:
    decomposed = "Cafe\u0301 ﬁ ①"  # NFD accent, ligature, circled digit stay as they are
    assert decode(decomposed.encode()).text == decomposed


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"PK\x03\x04\x14\x00",
        bytes(range(32)) * 20,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match="binary file, not text"):
        decode(data)


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", "\u00a0\u200b".encode(), b"\xef\xbb\xbf"])
def test_empty_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match="empty input"):
        decode(data)


def test_ascii_and_utf8_do_not_import_heavy_modules() -> None:
    code = (
        "import sys; from seminorm.read import decode; "
        "decode(b'Talk on Tuesday at 4pm'); decode('Café à 14h'.encode()); "
        "print('ftfy' in sys.modules, 'charset_normalizer' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_sniff_text() -> None:
    assert sniff_text("BEGIN:VCALENDAR".encode("utf-16")) == "BEGIN:VCALENDAR"
    assert sniff_text(b"caf\xe9") == "café"
    assert len(sniff_text(b"x" * 100_000, limit=100)) == 100


@pytest.mark.slow
def test_long_line_is_linear() -> None:
    data = ("Ã" * 300_000 + "a" * 300_000).encode()
    assert decode(data).text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_only_raise_seminorm_errors(data: bytes) -> None:
    try:
        got = decode(data)
    except SeminormError:
        return
    assert isinstance(got.text, str)
    assert "\r" not in got.text


_NORMALISE = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u200b": None,
        "\ufeff": None,
        "\u2060": None,
        "\u00ad": None,
    }
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_utf8_text_is_kept_exactly(text: str) -> None:
    try:
        got = decode(text.encode("utf-8"))
    except SeminormError:
        assert not text.translate(_NORMALISE).strip()
        return
    if not got.notices:
        assert got.text == text.translate(_NORMALISE)
