"""Check an installed cartmine as a new user would meet it: no repository, no ``../shared``.

Run it with the Python of the environment to check, from any folder outside the checkout
(``.ci/run`` does this on a freshly built wheel in a clean virtual environment):

    /tmp/venv/bin/python scripts/check_install.py corpora/sample/articles.jsonl

It fails (exit 1) when cartmine is imported from a source checkout, when ``cartmine info --strict``
reports a degraded mode, when ``cartmine extract`` on the given dump warns, fails or writes no
records, or when the rare diseases below get no DOID (they are outside the curated core, so only
the packaged ontology links them) or the drugs below are not THERAPY mentions.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

DISEASES = {"myotonic dystrophy type 1": "DOID:11722", "Fabry disease": "DOID:14499",
            "Wiskott-Aldrich syndrome": "DOID:9169"}
DRUGS = ("omeprazole", "sertraline", "apixaban")


def check_mentions(failures: list[str], drugs: tuple[str, ...]) -> None:
    import cartmine
    from cartmine.extras import DegradedModeWarning

    text = (f"Patients with {', '.join(DISEASES)} were also taking "
            f"{', '.join(drugs[:-1])} and {drugs[-1]}." if drugs else f"Patients with {', '.join(DISEASES)}.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegradedModeWarning)
        mentions = cartmine.extract(text).to_dict()["mentions"]
    found = {(m["label"], m["text"]): m.get("id") for m in mentions}
    for name, doid in DISEASES.items():
        got = found.get(("DISEASE", name), "no DISEASE mention")
        print(f"  DISEASE {name!r}: {got}")
        if got != doid:
            failures.append(f"{name!r} should link to {doid}, got {got}")
    for drug in drugs:
        ok = ("THERAPY", drug) in found
        print(f"  THERAPY {drug!r}: {'found' if ok else 'MISSING'}")
        if not ok:
            failures.append(f"{drug!r} is not a THERAPY mention")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="a JSONL dump to extract (e.g. corpora/sample/articles.jsonl)")
    parser.add_argument("--drugs", default=",".join(DRUGS), help="comma-separated drug names to expect as THERAPY")
    args = parser.parse_args(argv)
    failures: list[str] = []
    import cartmine

    location = Path(cartmine.__file__).resolve().parent
    print(f"cartmine {cartmine.__version__} from {location}")
    if (location.parent / "setup.cfg").exists():
        failures.append(f"cartmine is imported from a source checkout ({location}), not an installed wheel")
    cli = [sys.executable, "-m", "cartmine"]
    env = {**os.environ, "CARTMINE_SHARED": os.environ.get("CARTMINE_SHARED", "/nonexistent")}
    with tempfile.TemporaryDirectory(prefix="cartmine-check-") as work:
        info = subprocess.run([*cli, "info", "--strict"], cwd=work, env=env, capture_output=True, text=True)
        print(info.stdout)
        if info.returncode != 0:
            failures.append(f"cartmine info --strict exited {info.returncode}: {info.stderr.strip()}")
        out = Path(work) / "out"
        run = subprocess.run([*cli, "extract", str(args.dump.resolve()), "-o", str(out), "--jsonl"],
                             cwd=work, env=env, capture_output=True, text=True)
        print(run.stderr.strip())
        warned = [line for line in run.stderr.splitlines() if "warning" in line.lower()]
        if warned:
            failures.append(f"cartmine extract warned: {warned}")
        if run.returncode != 0 or not list((out / "records").glob("*.parquet")):
            failures.append(f"cartmine extract exited {run.returncode} or wrote no records")
    print("mentions:")
    check_mentions(failures, tuple(d for d in args.drugs.split(",") if d))
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    print("install check: " + ("FAILED" if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
