"""The ``seminorm`` console script and ``python -m seminorm``.

Start-up is part of the product (a small file's whole run is under 0.1 s):
the cyclic garbage collector is paused while click and the command line
load, and what they created is then frozen (:func:`gc.freeze`): module
objects live as long as the process, and walking them again and again in
collections cost some 5 ms of every run. The collector runs as usual for
the work itself.
"""

from __future__ import annotations


def main() -> None:
    """Run the command line (``seminorm ...``)."""
    import gc

    gc.disable()
    try:
        from .cli import main as cli_main
    finally:
        gc.freeze()
        gc.enable()
    cli_main()


if __name__ == "__main__":
    main()
