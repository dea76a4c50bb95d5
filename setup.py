"""Build step: the stages' regular expressions compiled next to the code.

``build_py`` (run by ``pip install`` and by a wheel build) writes
``seminorm/data/patterns-<interpreter tag>.marshal``: the compiled form of
every pattern the stages declare, for this interpreter only, beside the
modules it belongs to (see ``src/seminorm/patterns.py``). An editable
install writes it into ``src/seminorm/data/``. A build that cannot make it
still succeeds: seminorm then compiles each pattern on first use.

It also writes ``seminorm/data/windows-zones.tsv``: icalendar's table of
Windows zone names (``seminorm.zones.tzid.write_windows_table``; icalendar is
a build requirement for it), read at run time instead of importing icalendar.
"""

from __future__ import annotations

import os
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py

#: Modules whose patterns are compiled at build time: every stage (those whose
#: dependencies are missing in the build environment are skipped).
_SCRIPT = """
import importlib, pkgutil, sys
sys.path.insert(0, sys.argv[1])
import seminorm
from seminorm import patterns
from seminorm.rules import fold
names = [m.name for m in pkgutil.walk_packages(seminorm.__path__, "seminorm.")
         if m.name.rsplit(".", 1)[-1] not in ("__main__", "cli", "batch", "forkpool", "pool")]
print(patterns.build_table(sys.argv[2], names, fold.twin_of), "patterns precompiled")
from seminorm.zones import tzid
try:
    print(tzid.write_windows_table(sys.argv[2]), "Windows zone names written")
except ImportError as exc:  # without icalendar: seminorm reads icalendar's module at run time
    print("Windows zone names not written:", exc)
"""


class BuildWithPatterns(build_py):
    def run(self) -> None:
        super().run()
        here = os.path.dirname(os.path.abspath(__file__))
        if getattr(self, "editable_mode", False):
            source, target = os.path.join(here, "src"), os.path.join(here, "src", "seminorm")
        else:
            source = self.build_lib
            target = os.path.join(self.build_lib, "seminorm")
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, source, target],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            print(f"seminorm: patterns not precompiled: {done.stderr.strip()}", file=sys.stderr)
        else:
            for line in done.stdout.strip().splitlines():
                print(f"seminorm: {line}")


setup(cmdclass={"build_py": BuildWithPatterns})
