"""The ``cartmine`` command: one sub-module per sub-command, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import importlib
import sys

from cartmine import __version__
from cartmine.extras import MissingExtra

#: Sub-command modules, in the order ``cartmine --help`` lists them.
COMMAND_MODULES = ("extract", "evaluate", "evaluate_ner", "aggregate", "query", "report", "info")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cartmine",
        description="Extract CAR-T therapy evidence records from news and abstracts.",
    )
    parser.add_argument("--version", action="version", version=f"cartmine {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"cartmine.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except MissingExtra as exc:  # one line naming the extra, not a traceback
        print(f"cartmine {args.command}: error: {exc}", file=sys.stderr)
        return 2
