"""The ``seminorm`` console script and ``python -m seminorm``.

The compiled-code cache (:mod:`seminorm.codecache`) is set up here, before
the command line and its stages are imported, so that their regular
expressions and dataclasses load from it.
"""

from __future__ import annotations


def main() -> None:
    """Run the command line (``seminorm ...``)."""
    from .codecache import install

    install()
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
