"""The text being read and what its records share: :class:`Doc`.

Also the small helpers every field picker uses (provenance, joined prose).
"""

from __future__ import annotations

import itertools
from functools import cached_property

from seminorm.patterns import LazyPattern

from ..context import Context
from ..model import Provenance
from ..readers import Hints
from .fields import (
    Value,
    labeled,
)
from .lines import Line
from .segment import Record, Segmentation

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rules.timematch import TimeMatch
    from ..rules.when import When
    from ..zones.evidence import ZoneGuess


class Doc:
    """A text being read, with what every record shares.

    A plain class (one per document, never compared): its ``__init__`` is
    loaded with the module, where a dataclass's is compiled at every start.
    """

    def __init__(
        self,
        text: str,
        lines: list[Line],
        whens: list[When],
        seg: Segmentation,
        ctx: Context,
        hints: Hints,
        zone_guess: ZoneGuess | None = None,
        chosen: dict[int, When] | None = None,
        times: list[TimeMatch] | None = None,
    ) -> None:
        self.text = text
        self.lines = lines
        self.whens = whens
        self.seg = seg
        self.ctx = ctx
        self.hints = hints
        self.zone_guess = zone_guess
        self.chosen: dict[int, When] = {} if chosen is None else chosen
        self.times: list[TimeMatch] = [] if times is None else times
        self._prelude: dict[str, list[Value]] | None = None
        #: What a stage computes once per document (``candidates.standing_places``).
        self.memo: dict[str, object] = {}

    def span_text(self, first: int, last: int) -> str:
        return "\n".join(ln.raw for ln in self.lines[first : last + 1])

    @property
    def prelude(self) -> dict[str, list[Value]]:
        if self._prelude is None:
            end = self.seg.prelude_end
            self._prelude = labeled(self.lines, 0, end - 1) if end > 0 else {}
        return self._prelude

    @cached_property
    def flat(self) -> list[str]:
        """Each line's raw text with its white space runs made single spaces."""
        return [" ".join(ln.raw.split()) for ln in self.lines]

    @cached_property
    def starts(self) -> list[int]:
        """The offset in ``text`` where each line starts."""
        out, pos = [], 0
        for ln in self.lines:
            out.append(pos)
            pos += len(ln.raw) + 1
        return out

    @cached_property
    def cuts(self) -> dict[int, list[tuple[int, int]]]:
        """Date and time spans by the index of the line they start on."""
        import bisect

        spans: list[tuple[int, int]] = [tm.span for tm in self.times]
        for w in self.whens:
            parts = [
                sp for sp in (getattr(w, "date_span", None), getattr(w, "time_span", None)) if sp
            ]
            spans.extend(parts or [w.span])
        out: dict[int, list[tuple[int, int]]] = {}
        for sp in spans:
            out.setdefault(bisect.bisect_right(self.starts, sp[0]) - 1, []).append(sp)
        return out

    @cached_property
    def time_offsets(self) -> list[int]:
        """Where each of ``times`` starts (they are in the text's order): for bisection."""
        return [tm.span[0] for tm in self.times]

    @cached_property
    def paired_time_spans(self) -> frozenset[tuple[int, int]]:
        """The spans of the times the date rules paired with a date."""
        return frozenset(w.time_span for w in self.whens if w.time_span is not None)

    @cached_property
    def when_lines(self) -> frozenset[int]:
        """Indexes of every line a date or time touches."""
        import bisect

        out: set[int] = set()
        for first, spans in self.cuts.items():
            for a, b in spans:
                last = bisect.bisect_right(self.starts, max(a, b - 1)) - 1
                out.update(range(first, last + 1))
        return frozenset(out)

    @cached_property
    def whens_by_line(self) -> dict[int, list[When]]:
        out: dict[int, list[When]] = {}
        for w in self.whens:
            out.setdefault(w.line - 1, []).append(w)
        return out

    @cached_property
    def _when_lines_sorted(self) -> list[int] | None:
        nums = [w.line for w in self.whens]
        return nums if all(a <= b for a, b in itertools.pairwise(nums)) else None

    def whens_above(self, first: int) -> list[When]:
        """The candidates on lines before line index ``first``, in the text's order."""
        import bisect

        nums = self._when_lines_sorted
        if nums is None:
            return [w for w in self.whens if w.line - 1 < first]
        return self.whens[: bisect.bisect_left(nums, first + 1)]

    def whens_in(self, first: int, last: int) -> list[When]:
        """The candidates whose line is in ``first..last``, in order."""
        if last - first > len(self.whens):
            return [w for w in self.whens if first <= w.line - 1 <= last]
        return [w for i in range(first, last + 1) for w in self.whens_by_line.get(i, ())]

    @property
    def shared(self) -> bool:
        """Whether records share a prelude (a listing), rather than one talk."""
        return self.seg.shape != "single"


_BLANK_LINE = LazyPattern(r"\n\s*\n")


def join_paragraphs(text: str) -> str:
    """Paragraphs with their wrapped lines joined (prose rules read sentences)."""
    paras = _BLANK_LINE.split(text)
    return "\n\n".join(" ".join(p.split()) for p in paras)


def prose_without_hosts(doc: Doc, rec: Record) -> str:
    keep = []
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label and ln.label[0] in ("host",):
            continue
        keep.append(ln.raw)
    return "\n".join(keep)


def line_provenance(index: int, text: str, rule: str) -> Provenance:
    return Provenance(source=f"line {index + 1}", text=squeezed(text, 200), rule=rule)


def squeezed(text: str, limit: int) -> str:
    """``" ".join(text.split())[:limit]``, without splitting all of a long text.

    The squeezed form of a prefix is a prefix of the squeezed whole, so a
    prefix that squeezes to ``limit`` characters or more is enough.

    >>> squeezed("  a   b\\n c ", 3), squeezed("x" * 10 + " " * 500 + "y", 12)
    ('a b', 'xxxxxxxxxx y')
    """
    head = " ".join(text[: 2 * limit].split())
    if len(head) >= limit or len(text) <= 2 * limit:
        return head[:limit]
    return " ".join(text.split())[:limit]
