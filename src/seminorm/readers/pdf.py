"""PDF announcements and posters: the text layer, read like any text.

A PDF made by a word processor or a poster program carries its text; that
text (page by page, in reading order as ``pypdf`` lays it out) goes through
the text reader (:func:`seminorm.pipeline.parse_bytes`), and the events say ``source.format == "pdf"``. A scanned
flyer holds only images: it is refused with one line ("no text layer"),
since seminorm does not run OCR.

``pypdf`` is an optional extra (``pip install 'seminorm[pdf]'``); without it
a PDF input is one clear error naming the extra. Limits keep a hostile file
bounded: at most :data:`MAX_PAGES` pages and :data:`MAX_CHARS` characters of
text are read.
"""

from __future__ import annotations

from seminorm.errors import ParseError, ReadError

__all__ = ["MAX_CHARS", "MAX_PAGES", "pdf_text"]

#: Announcements and posters are a page or two; a conference book is not one talk.
MAX_PAGES = 50
#: Text kept from a PDF (the text reader's own limits apply after this).
MAX_CHARS = 2_000_000

_MISSING = "reading PDF needs the 'pdf' extra: pip install 'seminorm[pdf]'"


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages separated by blank lines.

    Raises :class:`ReadError` when pypdf is missing or the file cannot be
    read, :class:`ParseError` ("no text layer") when no page holds text.
    """
    try:
        import pypdf
    except ImportError:
        raise ReadError(_MISSING) from None
    import io
    import logging

    # pypdf reports what it repairs through logging; seminorm's messages are its own
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("the PDF is encrypted; save an unprotected copy")
        pages: list[str] = []
        size = 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            pages.append(text)
            size += len(text)
            if size > MAX_CHARS:
                break
    except ReadError:
        raise
    except Exception as e:  # pypdf raises many kinds on a broken file
        message = " ".join(str(e).split())[:200] or type(e).__name__
        raise ReadError(f"cannot read this PDF: {message}") from None
    text = "\n\n".join(p.strip("\n") for p in pages)[:MAX_CHARS]
    if not text.strip():
        raise ParseError("no text layer in this PDF (a scanned image?); seminorm does no OCR")
    return text
