"""Build the Disease Ontology lexicon that ships inside the package (``cartmine/resources/disease_ontology/``).

Why: a wheel install has no ``../shared``, and without the ontology cartmine would fall back to its
240-concept curated core. The DO is CC0, so a compact copy may be redistributed.

What is kept: the same four files, in the same formats, that ``cartmine.kb.disease_ontology`` reads
(so the loader has one code path and the results are identical to the full release), trimmed to
what it uses and gzip-compressed (the loader opens ``NAME`` or ``NAME.gz``):

* ``HumanDO.tsv``: ids, labels, parents -- all of it is used, kept as is;
* ``MESHinDO.tsv``: ids and MeSH ids (labels dropped: never read);
* ``allXREFinDO.tsv``: only the identifier systems precise enough to align terms
  (UMLS, NCI, MeSH, ICD-10-CM, Orphanet, GARD, OMIM); labels dropped;
* ``doid-*.obo``: the header and every ``[Term]`` stanza (obsolete ones too: their ids, names and
  ``replaced_by`` map old names onto current concepts) with only the tags the loader reads
  (id, name, synonym, xref of the systems above, is_a, alt_id, replaced_by, is_obsolete);
  definitions, comments, subsets, creation stamps and ``[Typedef]`` stanzas are dropped.

``SOURCE_COMMIT`` is copied and a README states the source and licence. The gzip files carry no
timestamp, so rebuilding from the same release gives byte-identical files.

    python scripts/build_do_lexicon.py                      # from $CARTMINE_SHARED/data/disease-ontology
    python scripts/build_do_lexicon.py --source DIR --output DIR
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:  # run as a plain script: make the package importable
    sys.path.insert(0, str(PROJECT_DIR))

from cartmine.paths import PACKAGED_DO_DIR, shared_dir  # noqa: E402

#: Cross-reference systems the loader uses to align old OBO terms with current ids.
XREF_SYSTEMS = ("UMLS_CUI:", "NCI:", "MESH:", "MSH:", "ICD10CM:", "ORDO:", "GARD:", "OMIM:", "MIM:")
#: OBO tags the loader reads; every other tag line is dropped.
OBO_TAGS = frozenset({"id", "name", "synonym", "xref", "is_a", "alt_id", "replaced_by", "is_obsolete"})

README = """\
# Disease Ontology lexicon (packaged)

A compact copy of the Human Disease Ontology release, so that cartmine normalises diseases to DOIDs
wherever it is installed. Built by `scripts/build_do_lexicon.py` from the release whose commit is in
`SOURCE_COMMIT` (DiseaseOntology/HumanDiseaseOntology on GitHub); rebuild it with that script when
the release changes. Same file formats as the release, trimmed to what `cartmine.kb.disease_ontology`
reads and gzip-compressed:

| file | kept |
|---|---|
{rows}

`$CARTMINE_DO_PATH` points cartmine at another release folder (plain or `.gz` files).

## Licence

The Human Disease Ontology is released under CC0 1.0 (public domain dedication):
https://creativecommons.org/publicdomain/zero/1.0/ . Schriml LM et al., "The Human Disease
Ontology 2022 update", Nucleic Acids Research 50(D1):D1255-D1261.
"""


def tsv_rows(path: Path) -> Iterator[list[str]]:
    """Cells of every line of a DO TSV export, header included."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def plain_lines(path: Path) -> Iterator[str]:
    """Every line of a file, unchanged (HumanDO.tsv is kept whole)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n")


def trim_mesh(path: Path) -> Iterator[str]:
    """MESHinDO.tsv without the (unused) label column's text."""
    for i, cells in enumerate(tsv_rows(path)):
        if i and len(cells) >= 3:
            cells = [cells[0], "", cells[2]]
        yield "\t".join(cells)


def trim_xrefs(path: Path) -> Iterator[str]:
    """allXREFinDO.tsv rows of the precise identifier systems, labels blanked."""
    for i, cells in enumerate(tsv_rows(path)):
        if i == 0:
            yield "\t".join(cells)
        elif len(cells) >= 3 and cells[2].strip('"').startswith(XREF_SYSTEMS):
            yield "\t".join([cells[0], "", cells[2]])


def trim_obo(path: Path) -> Iterator[str]:
    """The OBO header and [Term] stanzas with only the tags the loader reads."""
    stanza = "header"
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("["):
                stanza = line
                if stanza == "[Term]":
                    yield ""
                    yield line
                continue
            if stanza == "header":
                if line.strip():
                    yield line
                continue
            if stanza != "[Term]" or not line.strip():
                continue
            tag, sep, value = line.partition(": ")
            if not sep or tag not in OBO_TAGS:
                continue
            if tag == "xref" and not value.startswith(XREF_SYSTEMS):
                continue
            yield line


def write_gz(lines: Iterable[str], target: Path) -> int:
    """Write lines gzip-compressed with no timestamp (reproducible bytes); returns the size."""
    with (open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
          io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as fh):
        for line in lines:
            fh.write(line + "\n")
    return target.stat().st_size


def build(source: Path, output: Path) -> list[tuple[str, int, int]]:
    """Write the trimmed files; returns (name, source bytes, packaged bytes) per file."""
    obo = next(iter(sorted(source.glob("doid*.obo"))), None)
    if obo is None or not (source / "HumanDO.tsv").is_file():
        raise SystemExit(f"no Disease Ontology release (HumanDO.tsv, doid*.obo) in {source}")
    plan = [
        ("HumanDO.tsv", plain_lines(source / "HumanDO.tsv")),
        ("MESHinDO.tsv", trim_mesh(source / "MESHinDO.tsv")),
        ("allXREFinDO.tsv", trim_xrefs(source / "allXREFinDO.tsv")),
        (obo.name, trim_obo(obo)),
    ]
    output.mkdir(parents=True, exist_ok=True)
    for stale in output.glob("*.gz"):
        stale.unlink()
    sizes = []
    for name, lines in plan:
        sizes.append((name, (source / name).stat().st_size, write_gz(lines, output / f"{name}.gz")))
    commit = (source / "SOURCE_COMMIT").read_text(encoding="utf-8") if (source / "SOURCE_COMMIT").exists() else ""
    (output / "SOURCE_COMMIT").write_text(commit or "unknown\n", encoding="utf-8")
    kept = {
        "HumanDO.tsv": "ids, labels, parents (all)",
        "MESHinDO.tsv": "ids and MeSH ids",
        "allXREFinDO.tsv": "ids and UMLS/NCI/MeSH/ICD-10-CM/Orphanet/GARD/OMIM cross-references",
        obo.name: "header; [Term] id, name, synonym, xref (same systems), is_a, alt_id, replaced_by, is_obsolete",
    }
    rows = "\n".join(f"| `{name}.gz` | {kept[name]} |" for name, _, _ in sizes)
    (output / "README.md").write_text(README.format(rows=rows), encoding="utf-8")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=shared_dir() / "data" / "disease-ontology",
                        help="Disease Ontology release folder (default: $CARTMINE_SHARED/data/disease-ontology)")
    parser.add_argument("--output", type=Path, default=PACKAGED_DO_DIR,
                        help=f"where to write the lexicon (default: {PACKAGED_DO_DIR})")
    args = parser.parse_args(argv)
    total_in = total_out = 0
    for name, size_in, size_out in build(args.source, args.output):
        print(f"{name}: {size_in:,} -> {size_out:,} bytes")
        total_in += size_in
        total_out += size_out
    print(f"total: {total_in:,} -> {total_out:,} bytes in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
