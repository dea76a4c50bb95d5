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
