"""``readers.segment.clean`` skips its regular expressions on lines that cannot
need them; it must give what running them always gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.readers import segment


def _plain_clean(line: str) -> str:
    s = segment._DECOR.sub("", line, count=1)
    if "](" in s:
        s = segment._MD_LINK.sub(r"\1", s)
    s = segment._EMPH.sub("", s)
    return " ".join(s.split())


BITS = (" ", "\t", "\u00a0", "\u3000", "*", "**", "_", "__", "-", "–", "•", "#", ">", "|",
        "Speaker:", "Ada", "[Ada](https://x.org/a)", "(", ")", "a_b", "x*y", "\n")  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(line=st.lists(st.sampled_from(BITS), max_size=12).map("".join))
def test_clean_is_the_plain_clean(line: str) -> None:
    assert segment.clean(line) == _plain_clean(line)


def test_decor_marks_and_white_space_are_what_decor_can_start_with() -> None:
    first = re.compile(segment._DECOR.pattern.replace("{0,12}", ""))
    for cp in range(0x110000):
        c = chr(cp)
        assert bool(first.match(c)) == (c.isspace() or c in segment._DECOR_MARKS), hex(cp)
