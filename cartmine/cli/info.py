"""``cartmine info``: what this installation runs with (like ``spacy info``).

Prints the version, the pipeline and its disabled components, each model with its path, version
and training data, the Disease Ontology release and concept count, the drug vocabulary size and
any degraded mode with the way out of it. ``--strict`` exits 1 when the installation is degraded
(used by CI on a fresh wheel install).
"""

from __future__ import annotations

import argparse
import json
import sys

from cartmine.installation import Installation, gather


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "info", help="show version, pipeline, models, ontology and degraded modes",
        description="Show what this cartmine installation runs with, and any degraded mode.",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when running in a degraded mode (no NER model, core diseases only, ...)")
    parser.set_defaults(func=run_command)


def run_command(args: argparse.Namespace) -> int:
    info = gather()
    if args.json:
        print(json.dumps(info.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render(info))
    if info.degraded:
        print(f"cartmine info: degraded mode ({len(info.degraded)}), see above", file=sys.stderr)
        return 1 if args.strict else 0
    return 0


def render(info: Installation) -> str:
    """The text report, one "key: value" line per fact, sections separated by blank lines."""
    lines = [
        f"cartmine {info.version}",
        f"  location: {info.location}",
        f"  python {info.python}, spaCy {info.spacy}",
        "",
        "pipeline: " + ", ".join(info.pipeline),
        "  disabled: " + (", ".join(info.disabled) or "none")
        + ("  (enable with cartmine.load(enable=[...]))" if info.disabled else ""),
        "  extras: " + ", ".join(f"{name} {'installed' if ok else 'not installed'}"
                                 for name, ok in info.extras.items()),
        "",
        "models:",
    ]
    for model in info.models:
        lines.append(f"  {model.name}: {model.use}")
        if model.found:
            lines.append(f"    path: {model.path}")
            lines.append(f"    version: {model.version or 'unknown'}")
            lines.append(f"    training data: {model.training_data or 'unknown (see its README.md)'}")
        else:
            lines.append(f"    not found (searched $CARTMINE_MODELS, the checkout's models/, the package): copy "
                         f"models/{model.name}/ of the cartmine repository into a folder and set "
                         "CARTMINE_MODELS to that folder")
    onto = info.ontology
    lines += [
        "",
        f"disease ontology: {onto['concepts']:,} concepts ({'full ontology' if onto['full'] else 'curated core only'})",
        f"  source: {onto['source']}, {onto['path']}",
        f"  release: {onto['release']}",
        "",
    ]
    drugs = info.drugs
    if not drugs.get("installed"):
        lines.append("drug vocabulary: not installed")
    elif "error" in drugs:
        lines.append(f"drug vocabulary: {drugs['error']}")
    else:
        lines.append(f"drug vocabulary: {drugs['drugs']:,} drugs, {drugs['names']:,} names "
                     f"({drugs['package']} {drugs['version']})")
    lines.append("")
    if not info.degraded:
        lines.append("degraded modes: none")
    for item in info.degraded:
        lines.append(f"DEGRADED: {item['mode']}")
        lines.append(f"  to leave it: {item['leave']}")
    return "\n".join(lines)
