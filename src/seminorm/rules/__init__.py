"""Extraction rules, one module per kind of fact.

``RULE_MODULES`` is the one list of them; ``all_rules()`` imports them and
returns every rule, in order.
"""

from __future__ import annotations

import importlib
from typing import Any

RULE_MODULES = (
    "dates",
    "times",
    "zones",
    "labels",
    "people",
    "places",
    "meetings",
    "links",
)


def all_rules() -> list[tuple[str, Any]]:
    """Every rule of every module, as ``(module name, rule)`` pairs."""
    out: list[tuple[str, Any]] = []
    for name in RULE_MODULES:
        try:
            mod = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            continue
        out.extend((name, rule) for rule in getattr(mod, "RULES", ()))
    return out


def forget_documents() -> None:
    """Clear what the extractors remember of the documents they read.

    The finders keep their results for the last few texts (one document asks
    for them several times) and the zone names they looked up; the compiled
    patterns and tables stay. Benchmarks call this before each timed run so
    that a run pays what reading a new document costs.
    """
    import sys

    for module, names in (
        ("dates", ("_find_dates",)),
        ("times", ("_find_times",)),
        ("evidence", ("_evidence",)),
        ("links", ("_spans_cached", "repair_url")),
        ("meetings", ("_scan", "_dial_cue")),
        ("zones", ("_zone_for_name",)),
    ):
        mod = sys.modules.get(f"{__name__}.{module}")
        for name in names:
            cached = getattr(mod, name, None)
            if cached is not None:
                cached.cache_clear()
    fold = sys.modules.get(f"{__name__}.fold")
    if fold is not None:
        fold.forget()
