"""``python -m seminorm``: the same command line as the ``seminorm`` script."""

from seminorm.cli import main

if __name__ == "__main__":
    main()
