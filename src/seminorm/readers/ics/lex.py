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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from seminorm.patterns import LazyPattern

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


@dataclass(slots=True)
class Prop:
    """One content line: upper-case ``name``, ``params`` as ``(NAME, raw value)``, ``value``."""

    name: str
    params: list[tuple[str, str]]
    value: str

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


@dataclass(slots=True)
class Repairs:
    """What the lexer had to repair, counted by kind (see :data:`REPAIR_TEXT`)."""

    counts: Counter[str] = field(default_factory=Counter)
    mojibake: int = 0

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
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        rep.add("bom")
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", "replace").encode("utf-8")
        rep.add("utf16")
    crlf = data.count(b"\r\n")
    lf, cr = data.count(b"\n") - crlf, data.count(b"\r") - crlf
    if sum(1 for n in (crlf, lf, cr) if n) > 1:  # one style throughout is no repair
        rep.add("line-endings")
    lines = _SPLIT.split(data)
    if lines and lines[-1] == b"":  # the line break that ends the file
        lines.pop()
    return lines


def _unfold(physical: list[bytes], rep: Repairs) -> list[tuple[bytes, int]]:
    """Join folds; return ``(logical line, length of its last physical line)``."""
    logical: list[list[bytes]] = []
    last_len: list[int] = []
    blanks = split = 0
    for raw in physical:
        if not raw.strip(b" \t"):
            if raw == b"" or not logical:
                blanks += 1
                continue
        if raw[:1] in (b" ", b"\t") and logical:
            piece = raw[1:]
            prev = logical[-1][-1]
            if prev and 0x80 <= prev[-1] and piece[:1] and 0x80 <= piece[0] < 0xC0:
                split += 1
            logical[-1].append(piece)
            last_len[-1] = len(raw)
            continue
        logical.append([raw])
        last_len.append(len(raw))
    rep.add("blank-lines", blanks)
    rep.add("split-utf8-folds", split)
    return [(b"".join(parts), n) for parts, n in zip(logical, last_len, strict=True)]


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
        return _lex(data)
    finally:
        if paused:
            gc.enable()


def _lex(data: bytes) -> tuple[list[Component], Repairs]:
    rep = Repairs()
    lines = _unfold(_physical_lines(data, rep), rep)
    roots: list[Component] = []
    stack: list[Component] = []
    open_names: Counter[str] = Counter()
    prev: Prop | None = None
    for raw, last_len in lines:
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
            prev = None
            continue
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
            continue
        name, params, value = parts
        upper = name.upper()
        if name != upper:
            rep.add("lowercase-names")
        if upper in ("BEGIN", "END"):
            prev = None
            comp_name = value.strip().upper()
            if not comp_name:
                rep.add("junk-lines")
                continue
            if upper == "BEGIN":
                _begin(comp_name, stack, roots, rep, open_names)
            else:
                _end(comp_name, stack, rep, open_names)
            continue
        if not stack:
            rep.add("junk-lines")
            prev = None
            continue
        prop = Prop(upper, params, value)
        top = stack[-1]
        top.order.append(("p", len(top.props)))
        top.props.append(prop)
        prev = prop
    rep.add("missing-end", len(stack))
    return roots, rep


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


def _begin(
    name: str, stack: list[Component], roots: list[Component], rep: Repairs, names: Counter[str]
) -> None:
    if name == "VCALENDAR" and stack:
        rep.add("missing-end", len(stack))
        stack.clear()
        names.clear()
    elif name in CALENDAR_COMPONENTS:
        closed = 0
        while stack and stack[-1].name != "VCALENDAR":
            names[stack.pop().name] -= 1
            closed += 1
        rep.add("missing-end", closed)
    comp = Component(name)
    if stack:
        parent = stack[-1]
        parent.order.append(("c", len(parent.children)))
        parent.children.append(comp)
    else:
        if name != "VCALENDAR":
            rep.add("bare-vevent")
        roots.append(comp)
    stack.append(comp)
    names[name] += 1


def _end(name: str, stack: list[Component], rep: Repairs, names: Counter[str]) -> None:
    if names[name] <= 0:  # O(1): never search the stack for a name that is not on it
        rep.add("stray-end")
        return
    while stack:
        comp = stack.pop()
        names[comp.name] -= 1
        if comp.name == name:
            comp.closed = True
            return
        rep.add("missing-end")
