"""``python -m cartmine`` runs the command line interface."""

from cartmine.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
