"""Placeholder: the 'report' sub-command is being written."""

from __future__ import annotations


def register(subparsers) -> None:  # noqa: ANN001 - argparse internals
    return None
