"""The ``cartmine`` command: one sub-module per sub-command, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import importlib
import sys

from cartmine import __version__

#: Sub-command modules, in the order ``cartmine --help`` lists them.
COMMAND_MODULES = ("extract", "evaluate", "evaluate_ner", "aggregate", "query", "report")


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
    return int(args.func(args) or 0)
