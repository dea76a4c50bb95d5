"""Extraction rules, one module per kind of fact.

The rules are the engine's candidate proposers: each takes a text (or a
line, a value) and gives what it finds, with spans; the engine chooses among
them. Their words come from :mod:`seminorm.lang`, their zone knowledge from
:mod:`seminorm.zones`.

``RULE_MODULES`` is the one list of them; ``all_rules()`` imports them and
returns every rule, in order.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
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


#: What the extractors remember of documents: ``(module under seminorm, cached function)``.
DOCUMENT_CACHES = (
    ("rules.dates", "_find_dates"),
    ("rules.times", "_find_times"),
    ("zones.evidence", "_evidence"),
    ("rules.links", "_spans_cached"),
    ("rules.links", "repair_url"),
    ("rules.meetings", "_scan"),
    ("rules.meetings", "_dial_cue"),
    ("rules.zones", "_zone_for_name"),
    ("rules.runs", "_runs"),
    ("rules.people_slot", "_parse_people"),
    ("rules.people_names", "looks_like_name"),
    ("rules.people_names", "is_organization"),
    ("rules.people_names", "name_token"),
    ("rules.people_names", "given_name"),
    ("learn.features", "person_line"),
    ("rules.places", "parse_location"),
    ("rules.places", "find_location_in_prose"),
    ("engine.header", "plausible_name"),
)


def forget_documents() -> None:
    """Clear what the extractors remember of the documents they read.

    The finders keep their results for the last few texts (one document asks
    for them several times), the zone names they looked up and the URLs they
    repaired (:data:`DOCUMENT_CACHES`); the compiled patterns and tables
    stay. Benchmarks call this before each timed run so that a run pays what
    reading a new document costs. Modules not loaded yet hold nothing.
    """
    import sys

    for module, name in DOCUMENT_CACHES:
        loaded = sys.modules.get(f"seminorm.{module}")
        if loaded is not None:
            getattr(loaded, name).cache_clear()
    fold = sys.modules.get(f"{__name__}.fold")
    if fold is not None:
        fold.forget()
