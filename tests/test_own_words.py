"""Examples in the repository are our own writing: no speaker of the corpora is named in it.

The labeled corpora of ``../shared`` name real people (the speakers of real
announcements). Rules, tests, docs and examples use invented names of the same
shape instead; this test reads every speaker name of the gold files and looks
for it in the repository's text files. It skips without ``../shared``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import shared_dir

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("src", "tests", "docs", "examples", "benchmarks")
SUFFIXES = {".py", ".md", ".toml", ".txt", ".ics", ".eml", ".html", ".json", ".tsv", ".mbox", ""}
SKIP = {"node_modules", "__pycache__", ".hypothesis", ".mypy_cache", ".ruff_cache"}


def _gold_names() -> set[str]:
    """Every speaker name of two words or more in the labeled corpora."""
    names: set[str] = set()
    for path in shared_dir("corpus", "text").glob("*.gold.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for event in gold.get("events") or []:
            for speaker in event.get("speakers") or []:
                name = speaker.get("name") if isinstance(speaker, dict) else speaker
                if isinstance(name, str):
                    names.add(name)
    for path in shared_dir("corpus", "cmu-train").glob("*.gold.json"):
        for name in json.loads(path.read_text(encoding="utf-8")).get("speaker") or []:
            # CMU tags are often in capitals; the repository would write the name in title case.
            names.update({name, name.title()})
    return {n.strip() for n in names if len(n.split()) >= 2 and len(n.strip()) >= 7}


def _repository_texts() -> list[tuple[Path, str]]:
    texts: list[tuple[Path, str]] = []
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if SKIP.intersection(path.parts) or not path.is_file() or path.suffix not in SUFFIXES:
                continue
            try:
                texts.append((path, path.read_text(encoding="utf-8")))
            except (UnicodeDecodeError, OSError):
                continue
    texts.append((ROOT / "README.md", (ROOT / "README.md").read_text(encoding="utf-8")))
    return texts


def test_no_corpus_speaker_is_named_in_the_repository() -> None:
    names = _gold_names()
    assert len(names) > 100  # the corpora were read
    found = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path, text in _repository_texts()
        for name in names
        if name in text
    )
    assert not found, "corpus names in the repository (use invented ones):\n" + "\n".join(found)
