"""Bytes to a tree of iCalendar components, repairing what real files get wrong.

The lexer works on bytes first, so that a fold that splits a UTF-8 character
is joined before anything is decoded:

1. BOM removed (UTF-8; UTF-16 is decoded and re-encoded);
2. lines split on CRLF, bare LF or a lone CR; blank lines dropped;
3. a line starting with a space or tab is a fold and joins the previous line;
4. each logical line decoded as UTF-8, else cp1252 (latin-1 for the rest),
   and mojibake repaired with ftfy where a line looks like it;
5. each line read as ``NAME[;PARAM=...]:value``; a line that has not that
   shape (a continuation that lost its leading space) joins the previous
   text property, or is dropped after a structured one;
6. ``BEGIN``/``END`` build the tree with a stack: a missing ``END`` is
   implied when the next ``BEGIN:VEVENT`` (or the end of the file) comes,
   a stray ``END`` is ignored.

Every step is linear in the size of the input, and the tree is built and
walked without recursion. Each repair is counted in :class:`Repairs`.

>>> comps, rep = lex(b"BEGIN:VEVENT\\nsummary:Hi\\nDTSTART:20240504T160000")
>>> comps[0].name, comps[0].props[0].name, comps[0].props[0].value
('VEVENT', 'SUMMARY', 'Hi')
>>> sorted(rep.counts)
['bare-vevent', 'lowercase-names', 'missing-end']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from seminorm.patterns import LazyPattern
from seminorm.plain import Plain

#: Components that stand on their own in a calendar and never nest in each other.
CALENDAR_COMPONENTS = frozenset(
    {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"}
)

#: Properties whose value is free text: a line that lost its fold joins them.
TEXT_PROPERTIES = frozenset(
    {"DESCRIPTION", "SUMMARY", "LOCATION", "COMMENT", "CONTACT", "RESOURCES", "CATEGORIES"}
    | {"X-ALT-DESC", "STYLED-DESCRIPTION", "NAME", "X-WR-CALDESC", "X-WR-CALNAME"}
)

#: Property names of RFC 5545, 7986, 9073 and 9253 (any other name that is
#: not ``X-`` and comes after a text property is taken as lost text).
KNOWN_PROPERTIES = frozenset(
    {"ACTION", "ATTACH", "ATTENDEE", "BEGIN", "CALSCALE", "CATEGORIES", "CLASS", "COMMENT"}
    | {"COMPLETED", "CONTACT", "CREATED", "DESCRIPTION", "DTEND", "DTSTAMP", "DTSTART", "DUE"}
    | {"DURATION", "END", "EXDATE", "EXRULE", "FREEBUSY", "GEO", "LAST-MODIFIED", "LOCATION"}
    | {"METHOD", "ORGANIZER", "PERCENT-COMPLETE", "PRIORITY", "PRODID", "RDATE", "RECURRENCE-ID"}
    | {"RELATED-TO", "REPEAT", "REQUEST-STATUS", "RESOURCES", "RRULE", "SEQUENCE", "STATUS"}
    | {"SUMMARY", "TRANSP", "TRIGGER", "TZID", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "TZURL"}
    | {"UID", "URL", "VERSION", "COLOR", "CONFERENCE", "IMAGE", "NAME", "REFRESH-INTERVAL"}
    | {"SOURCE", "PARTICIPANT-TYPE", "CALENDAR-ADDRESS", "LOCATION-TYPE", "RESOURCE-TYPE"}
    | {"STRUCTURED-DATA", "STYLED-DESCRIPTION", "ACKNOWLEDGED", "PROXIMITY", "CONCEPT", "LINK"}
    | {"REFID", "TZUNTIL", "TZID-ALIAS-OF", "BUSYTYPE", "AALARM", "DALARM", "ESTIMATED-DURATION"}
)

_SPLIT = LazyPattern(rb"\r\n|\r|\n")
#: ``NAME;P=v;Q=w:value`` without quotes; each parameter starts with ``;``, which no
#: part of it may hold, so the match cannot backtrack.
_SIMPLE = LazyPattern(
    r"([A-Za-z0-9][A-Za-z0-9-]{0,200})((?:;[A-Za-z0-9-]{1,100}=[^\";:]{0,2000}){0,100}):(.*)", re.S
)
_NAME = LazyPattern(r"[ \t]*([A-Za-z0-9][A-Za-z0-9_-]{0,200})[ \t]*(?=[;:])")
_MOJIBAKE_HINT = LazyPattern(
    "[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


class Prop(Plain):
    """One content line: upper-case ``name``, ``params`` as ``(NAME, raw value)``, ``value``."""

    __slots__ = ("name", "params", "value")

    def __init__(self, name: str, params: list[tuple[str, str]], value: str) -> None:
        self.name = name
        self.params = params
        self.value = value

    def param(self, name: str) -> str | None:
        """The first value of parameter ``name``, without quotes."""
        for key, raw in self.params:
            if key == name:
                return raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw
        return None

    def line(self, tzids: dict[str, str | None] | None = None) -> str:
        """The content line ``NAME;PARAMS:value``; TZID values are mapped through ``tzids``.

        A TZID that maps to ``None`` (no zone could be found) is left out.
        """
        parts = [self.name]
        for key, raw in self.params:
            if key == "TZID" and tzids is not None:
                mapped = tzids.get(unquote(raw).strip(), unquote(raw))
                if mapped is None:
                    continue
                raw = mapped
            parts.append(f"{key}={raw}")
        return ";".join(parts) + ":" + self.value


class Component:
    """A component: its properties and sub-components, in source order.

    ``order`` holds ``("p", index)`` or ``("c", index)`` entries: the source
    order of properties and sub-components together. (A plain class: the
    lexer makes one per BEGIN line, and this is much cheaper than a dataclass.)
    """

    __slots__ = ("children", "closed", "junk", "name", "order", "props")

    def __init__(self, name: str) -> None:
        self.name = name
        self.props: list[Prop] = []
        self.children: list[Component] = []
        self.order: list[tuple[str, int]] = []
        self.closed = False
        #: Lines inside it that could not be read (a VEVENT of only such lines still counts).
        self.junk = 0

    def first(self, name: str) -> Prop | None:
        """The first property called ``name``."""
        return next((p for p in self.props if p.name == name), None)

    def walk_props(self, name: str) -> Iterator[Prop]:
        """Every property called ``name`` in this component and those inside it."""
        for comp in self.walk():
            yield from (p for p in comp.props if p.name == name)

    def walk(self) -> Iterator[Component]:
        """This component and every component inside it, depth first, without recursion."""
        stack = [self]
        while stack:
            comp = stack.pop()
            yield comp
            stack.extend(reversed(comp.children))

    def lines(
        self,
        tzids: dict[str, str | None] | None = None,
        clean: Callable[[Prop], Prop | None] | None = None,
    ) -> list[str]:
        """The component as content lines ``BEGIN:…`` to ``END:…``, without recursion.

        ``clean`` may repair each property, or drop it by returning None.
        """
        out: list[str] = []
        stack: list[tuple[Component, int]] = [(self, 0)]
        out.append(f"BEGIN:{self.name}")
        while stack:
            comp, pos = stack.pop()
            if pos >= len(comp.order):
                out.append(f"END:{comp.name}")
                continue
            stack.append((comp, pos + 1))
            kind, index = comp.order[pos]
            if kind == "p":
                prop: Prop | None = comp.props[index]
                if clean is not None and prop is not None:
                    prop = clean(prop)
                if prop is not None:
                    out.append(prop.line(tzids))
            else:
                child = comp.children[index]
                out.append(f"BEGIN:{child.name}")
                stack.append((child, 0))
        return out


class Repairs(Plain):
    """What the lexer had to repair, counted by kind (see :data:`REPAIR_TEXT`)."""

    __slots__ = ("counts", "mojibake")

    def __init__(self, counts: Counter[str] | None = None, mojibake: int = 0) -> None:
        self.counts: Counter[str] = Counter() if counts is None else counts
        self.mojibake = mojibake

    def add(self, kind: str, n: int = 1) -> None:
        if n:
            self.counts[kind] += n


#: How each repair kind is reported in the ``ics-repaired`` warning.
REPAIR_TEXT = {
    "bom": "removed a byte-order mark",
    "utf16": "decoded UTF-16",
    "line-endings": "normalized mixed line endings",
    "blank-lines": "dropped {n} blank line{s}",
    "split-utf8-folds": "joined {n} fold{s} that split a UTF-8 character",
    "non-utf8-lines": "decoded {n} non-UTF-8 line{s} as cp1252/latin-1",
    "lowercase-names": "upper-cased {n} lower-case name{s}",
    "lost-folds": "joined {n} continuation line{s} that lost their leading space",
    "junk-lines": "dropped {n} line{s} that are not content lines",
    "name-equals": "read {n} NAME=value line{s} as NAME:value",
    "misplaced-quote": (
        "read {n} line{s} whose parameter quote closed after the value "
        '(NAME;TZID="zone:value") as NAME;TZID=zone:value'
    ),
    "missing-end": "closed {n} component{s} that had no END line",
    "stray-end": "ignored {n} END line{s} without a BEGIN",
    "bare-vevent": "read components outside any VCALENDAR",
    "control-chars": "removed control characters from {n} line{s}",
}


def describe(rep: Repairs) -> list[str]:
    """Phrases for the repairs made, in a stable order."""
    return [
        REPAIR_TEXT[kind].format(n=rep.counts[kind], s="" if rep.counts[kind] == 1 else "s")
        for kind in REPAIR_TEXT
        if rep.counts[kind]
    ]


def unquote(raw: str) -> str:
    """A parameter value without its surrounding double quotes."""
    return raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw


def _physical_lines(data: bytes, rep: Repairs) -> list[bytes]:
    data = _without_bom(data, rep)
    crlf = data.count(b"\r\n")
    lf, cr = data.count(b"\n") - crlf, data.count(b"\r") - crlf
    _endings(rep, crlf, lf, cr)
    lines = _SPLIT.split(data)
    if lines and lines[-1] == b"":  # the line break that ends the file
        lines.pop()
    return lines


def _without_bom(data: bytes, rep: Repairs) -> bytes:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        rep.add("bom")
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", "replace").encode("utf-8")
        rep.add("utf16")
    return data


def _endings(rep: Repairs, crlf: int, lf: int, cr: int) -> None:
    if sum(1 for n in (crlf, lf, cr) if n) > 1:  # one style throughout is no repair
        rep.add("line-endings")


def physical_stream(chunks: Iterable[bytes], rep: Repairs) -> Iterator[bytes]:
    """:func:`_physical_lines` of the concatenated ``chunks``, read piece by piece.

    A line break is never cut in two (a chunk ending in CR waits for the next
    one, which may start with LF); a UTF-16 file is decoded whole.

    >>> list(physical_stream([b"A\\r", b"\\nB\\n", b"C"], Repairs()))
    [b'A', b'B', b'C']
    """
    it = iter(chunks)
    first = b""
    for first in it:
        if first:
            break
    if first[:2] in (b"\xff\xfe", b"\xfe\xff"):  # rare: decoded whole
        yield from _physical_lines(first + b"".join(it), rep)
        return
    first = _without_bom(first, rep)
    counts = [0, 0, 0]
    carry = b""
    for chunk in chain([first], it):
        data = carry + chunk
        tail = b""
        if data.endswith(b"\r"):
            data, tail = data[:-1], b"\r"
        lines = _SPLIT.split(data)
        carry = lines.pop() + tail
        done = len(data) - len(carry) + len(tail)
        _count(data[:done], counts)
        yield from lines
    _count(carry, counts)
    _endings(rep, *counts)
    lines = _SPLIT.split(carry)
    if lines and lines[-1] == b"":
        lines.pop()
    yield from lines


def _count(data: bytes, counts: list[int]) -> None:
    crlf = data.count(b"\r\n")
    counts[0] += crlf
    counts[1] += data.count(b"\n") - crlf
    counts[2] += data.count(b"\r") - crlf


def _unfold(physical: Iterable[bytes], rep: Repairs) -> Iterator[tuple[bytes, int]]:
    """Join folds; yield ``(logical line, length of its last physical line)``."""
    parts: list[bytes] = []
    last_len = 0
    blanks = split = 0
    for raw in physical:
        if not raw.strip(b" \t"):
            if raw == b"" or not parts:
                blanks += 1
                continue
        if raw[:1] in (b" ", b"\t") and parts:
            piece = raw[1:]
            prev = parts[-1]
            if prev and 0x80 <= prev[-1] and piece[:1] and 0x80 <= piece[0] < 0xC0:
                split += 1
            parts.append(piece)
            last_len = len(raw)
            continue
        if parts:
            yield b"".join(parts), last_len
        parts = [raw]
        last_len = len(raw)
    if parts:
        yield b"".join(parts), last_len
    rep.add("blank-lines", blanks)
    rep.add("split-utf8-folds", split)


def _decode(line: bytes, rep: Repairs) -> str:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        rep.add("non-utf8-lines")
        try:
            text = line.decode("cp1252")
        except UnicodeDecodeError:
            text = line.decode("latin-1")
    if "\x00" in text or "\x7f" in text:
        rep.add("control-chars")
        text = text.replace("\x00", "").replace("\x7f", "")
    if _MOJIBAKE_HINT.search(text):
        fixed = _fix_mojibake(text)
        if fixed != text:
            rep.mojibake += 1
            text = fixed
    return text


def _fix_mojibake(text: str) -> str:
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy is a dependency
        return text
    return str(ftfy.fix_encoding(text))


def split_line(text: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """Read ``NAME;P=v;Q="w":value``; None when the line has not that shape.

    >>> split_line('DTSTART;TZID="Eastern: US":20240504T160000')
    ('DTSTART', [('TZID', '"Eastern: US"')], '20240504T160000')
    >>> split_line("just some words") is None
    True
    """
    fast = _SIMPLE.match(text)
    if fast is not None:  # no quotes: the common case, read in one step
        name, raw, value = fast.groups()
        if not raw:
            return name, [], value
        pairs = [item.partition("=") for item in raw[1:].split(";")]
        return name, [(k.strip().upper(), v.strip()) for k, _, v in pairs], value
    m = _NAME.match(text)
    if m is None:
        return None
    name = m.group(1)
    pos = m.end()
    params: list[tuple[str, str]] = []
    n = len(text)
    while pos < n and text[pos] == ";":
        eq = text.find("=", pos + 1)
        colon = text.find(":", pos + 1)
        if eq < 0 or (0 <= colon < eq):
            # a parameter without a value (";VALUE:..."): keep its name
            end = colon if colon >= 0 else n
            semi = text.find(";", pos + 1, end)
            stop = semi if semi >= 0 else end
            key = text[pos + 1 : stop].strip()
            if key:
                params.append((key.upper(), ""))
            pos = stop
            continue
        key = text[pos + 1 : eq].strip().upper()
        pos = eq + 1
        start = pos
        while pos < n:
            ch = text[pos]
            if ch == '"':
                close = text.find('"', pos + 1)
                if close < 0:  # unbalanced quote: the value starts at the last colon
                    last = text.rfind(":")
                    if last <= pos:
                        return None
                    params.append((key, text[start:last]))
                    return name, params, text[last + 1 :]
                pos = close + 1
                continue
            if ch in ";:":
                break
            pos += 1
        params.append((key, text[start:pos].strip()))
    if pos >= n or text[pos] != ":":
        return None
    return name, params, text[pos + 1 :]


def lex(data: bytes) -> tuple[list[Component], Repairs]:
    """Return the top-level components of ``data`` (VCALENDARs, or bare VEVENTs) and the repairs.

    The tree holds no reference cycles, so the cyclic garbage collector is
    paused while it is built (it would otherwise re-scan the growing tree and
    make large inputs cost more than linear time).
    """
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        lexer = Lexer()
        for raw, last_len in _unfold(_physical_lines(data, lexer.rep), lexer.rep):
            lexer.feed(raw, last_len)
        lexer.finish()
        return lexer.roots, lexer.rep
    finally:
        if paused:
            gc.enable()


def lex_stream(chunks: Iterable[bytes]) -> Lexer:
    """A lexer that reads ``chunks`` lazily and hands out each VEVENT once it is complete.

    Iterate :meth:`Lexer.events` for ``(VEVENT, index of its VCALENDAR in
    roots, or -1 for a bare one)``; the VEVENTs are not kept in the tree
    (``roots`` keeps the calendars, their properties and VTIMEZONEs), so memory
    holds one event at a time. The same components and repairs as :func:`lex`.
    """
    return Lexer(detach=True, chunks=chunks)


class Lexer:
    """The lexer's state: the stack of open components, the roots, the repairs."""

    def __init__(self, detach: bool = False, chunks: Iterable[bytes] = ()) -> None:
        self.rep = Repairs()
        self.roots: list[Component] = []
        self.stack: list[Component] = []
        self.names: Counter[str] = Counter()
        self.prev: Prop | None = None
        self.detach = detach
        self.chunks = chunks
        #: VEVENTs complete and not yet handed out (detach mode).
        self.ready: list[tuple[Component, int]] = []
        #: Other calendar components seen in detach mode (VTODO...), by name.
        self.others: Counter[str] = Counter()

    def events(self) -> Iterator[tuple[Component, int]]:
        """Each VEVENT of the chunks as soon as it is complete (detach mode)."""
        for raw, last_len in _unfold(physical_stream(self.chunks, self.rep), self.rep):
            self.feed(raw, last_len)
            if self.ready:
                yield from self.ready
                self.ready.clear()
        self.finish()
        yield from self.ready
        self.ready.clear()

    def finish(self) -> None:
        self.rep.add("missing-end", len(self.stack))
        while self.stack:
            self._pop()

    def _pop(self) -> Component:
        comp = self.stack.pop()
        self.names[comp.name] -= 1
        if self.detach and comp.name == "VEVENT":
            root = len(self.roots) - 1 if self.stack else -1
            self.ready.append((comp, root))
        return comp

    def feed(self, raw: bytes, last_len: int) -> None:
        """Read one logical line."""
        rep, stack, prev = self.rep, self.stack, self.prev
        text = _decode(raw, rep)
        parts = split_line(text)
        if parts is not None:
            name = parts[0]
            upper = name.upper()
            if (
                prev is not None
                and prev.name in TEXT_PROPERTIES
                and upper not in KNOWN_PROPERTIES
                and not upper.startswith("X-")
                and (name != upper or parts[2][:1] == " ")
                and name not in ("BEGIN", "END")
            ):
                parts = None  # "Title: ..." inside a DESCRIPTION that lost its folding
        if parts is None:
            parts = _known_with_equals(text)
            if parts is not None:
                rep.add("name-equals")
        if parts is None:
            parts = _misplaced_quote(text)
            if parts is not None:
                rep.add("misplaced-quote")
        if parts is None and _starts_like_property(text):
            rep.add("junk-lines")  # a property line is never a continuation of text
            if stack:
                stack[-1].junk += 1
            self.prev = None
            return
        if parts is None:
            if (
                prev is not None
                and stack
                and (prev.name in TEXT_PROPERTIES or prev.name.startswith("X-"))
            ):
                if last_len >= 70:  # a fold at 75 octets that lost its space
                    prev.value += text
                else:  # a raw line break inside the text
                    prev.value += "\\n" + text.lstrip(" \t")
                rep.add("lost-folds")
            elif text.strip():
                rep.add("junk-lines")
                if stack:
                    stack[-1].junk += 1
            return
        name, params, value = parts
        upper = name.upper()
        if name != upper:
            rep.add("lowercase-names")
        if upper in ("BEGIN", "END"):
            self.prev = None
            comp_name = value.strip().upper()
            if not comp_name:
                rep.add("junk-lines")
                return
            if upper == "BEGIN":
                self._begin(comp_name)
            else:
                self._end(comp_name)
            return
        if not stack:
            rep.add("junk-lines")
            self.prev = None
            return
        prop = Prop(upper, params, value)
        top = stack[-1]
        top.order.append(("p", len(top.props)))
        top.props.append(prop)
        self.prev = prop

    def _begin(self, name: str) -> None:
        stack, rep = self.stack, self.rep
        if name == "VCALENDAR" and stack:
            rep.add("missing-end", len(stack))
            while stack:
                self._pop()
        elif name in CALENDAR_COMPONENTS:
            closed = 0
            while stack and stack[-1].name != "VCALENDAR":
                self._pop()
                closed += 1
            rep.add("missing-end", closed)
        comp = Component(name)
        detached = self.detach and name in CALENDAR_COMPONENTS and name != "VTIMEZONE"
        if detached and name != "VEVENT":
            self.others[name] += 1
        if stack:
            if not detached:
                parent = stack[-1]
                parent.order.append(("c", len(parent.children)))
                parent.children.append(comp)
        else:
            if name != "VCALENDAR":
                rep.add("bare-vevent")
            if not detached:
                self.roots.append(comp)
        stack.append(comp)
        self.names[name] += 1

    def _end(self, name: str) -> None:
        if self.names[name] <= 0:  # O(1): never search the stack for a name that is not on it
            self.rep.add("stray-end")
            return
        while self.stack:
            comp = self._pop()
            if comp.name == name:
                comp.closed = True
                return
            self.rep.add("missing-end")


_NAME_EQ = LazyPattern(r"([A-Za-z-]{2,40})=(.*)")
#: ``DTSTART;TZID="W. Europe Standard Time:20210315T093000"``: the quote closes after the value.
_MISPLACED_QUOTE = LazyPattern(
    r'([A-Za-z0-9][A-Za-z0-9-]{0,200})((?:;[A-Za-z0-9-]{1,100}=[^";:]{0,2000}){0,100})'
    r';([A-Za-z0-9-]{1,100})="([^"]{1,200}):([^":]{0,2000})"[ \t]*'
)


def _misplaced_quote(text: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """``NAME;P="v:value"`` read as ``NAME;P=v:value`` (a known property only).

    >>> _misplaced_quote('DTSTART;TZID="W. Europe Standard Time:20210315T093000"')
    ('DTSTART', [('TZID', 'W. Europe Standard Time')], '20210315T093000')
    """
    m = _MISPLACED_QUOTE.fullmatch(text)
    if m is None or m.group(1).upper() not in KNOWN_PROPERTIES - {"BEGIN", "END"}:
        return None
    name, raw, key, param, value = m.groups()
    pairs = [item.partition("=") for item in raw[1:].split(";")] if raw else []
    params = [(k.strip().upper(), v.strip()) for k, _, v in pairs]
    params.append((key.upper(), param.strip()))
    return name, params, value


def _starts_like_property(text: str) -> bool:
    """The line starts with a known property's name and ``;`` (``DTSTART;TZID=...``).

    Such a line is a broken property, never text that lost its fold.
    """
    m = _NAME.match(text)
    if m is None or text[m.end() : m.end() + 1] != ";":
        return False
    return m.group(1).upper() in KNOWN_PROPERTIES - {"BEGIN", "END"}


def _known_with_equals(text: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """``ORGANIZER="mailto:a@b"``: a known property written with ``=`` for ``:``."""
    m = _NAME_EQ.fullmatch(text)
    if m is None or m.group(1).upper() not in KNOWN_PROPERTIES - {"BEGIN", "END"}:
        return None
    return m.group(1), [], unquote(m.group(2).strip())
