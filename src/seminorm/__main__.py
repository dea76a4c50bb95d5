"""The ``seminorm`` console script and ``python -m seminorm``.

Start-up is part of the product (a small file's whole run is meant to cost
less than a tool that only prints a file, SPEC section 8). A plain
``seminorm parse ...`` is run by :mod:`seminorm.quick` without loading
click; every other invocation (and any ``parse`` whose arguments it does
not read itself) goes to the command line, :mod:`seminorm.cli`. The cyclic
garbage collector is paused while that module loads, and what it loaded is
then frozen (:func:`gc.freeze`): module objects live as long as the process,
and walking them again and again in collections cost some 5 ms of every
run. The collector runs as usual for the work itself.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line (``seminorm ...``)."""
    import gc

    gc.disable()
    try:
        from .quick import main as quick_main
    finally:
        gc.freeze()
        gc.enable()
    code = quick_main(sys.argv[1:])
    if code is not None:
        import signal

        # as the command line does: no late Ctrl-C turns a finished run into a crash
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise SystemExit(code)
    gc.disable()
    try:
        from .cli import main as cli_main
    finally:
        gc.freeze()
        gc.enable()
    cli_main()


if __name__ == "__main__":
    main()
