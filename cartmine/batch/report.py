"""Run summaries and what the user sees on stderr while a batch runs.

The progress bar (tqdm, documents/s) is shown only on a terminal and never with
``--quiet``, so logs and pipes stay clean; error lines are capped so a dump with
thousands of bad lines does not flood the terminal (all of them are in the
errors file).
"""

from __future__ import annotations

from dataclasses import dataclass

from tqdm import tqdm

from cartmine.batch.options import RunOptions
from cartmine.batch.outcomes import Outcome, describe, error_entries
from cartmine.result import DocumentResult


@dataclass
class RunSummary:
    """Counts over the whole output (resumed shards included) and this run's speed."""

    output: str
    documents: int = 0
    records: int = 0
    mentions: int = 0
    failed_documents: int = 0
    unreadable: int = 0
    seconds: float = 0.0
    processed: int = 0  # documents extracted by this run (not skipped as already done)
    skipped_shards: int = 0

    @property
    def ok(self) -> bool:
        return not (self.failed_documents or self.unreadable)

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        resumed = f", {self.skipped_shards} shard(s) already done" if self.skipped_shards else ""
        return (f"{self.documents:,} documents ({self.failed_documents:,} failed), {self.records:,} records, "
                f"{self.mentions:,} mentions, {self.unreadable:,} unreadable input(s); "
                f"{self.seconds:.1f} s, {self.docs_per_second:.1f} docs/s{resumed} -> {self.output}")

    def count(self, outcome: Outcome) -> None:
        """Add one outcome to the counts."""
        if isinstance(outcome, DocumentResult):
            self.documents += 1
            self.records += len(outcome.records)
            self.mentions += len(outcome.mentions)
            self.failed_documents += bool(outcome.errors)
        else:
            self.unreadable += 1


class Reporter:
    """Progress bar and error lines on stderr (the bar only on a terminal)."""

    def __init__(self, options: RunOptions, initial: int = 0) -> None:
        self.options = options
        show = options.progress and not options.quiet and options.log.isatty()
        self.bar = tqdm(total=None, initial=initial, unit="doc", file=options.log, disable=not show,
                        dynamic_ncols=True, desc="extract")
        self.reported = 0
        self.duplicates = DuplicateIds()

    def outcome(self, outcome: Outcome) -> None:
        for entry in error_entries(outcome):
            self.reported += 1
            if self.reported <= self.options.max_reported:
                self.bar.write(f"error: {describe(entry)}", file=self.options.log)
            elif self.reported == self.options.max_reported + 1:
                self.bar.write("error: further errors are not shown here", file=self.options.log)
        if isinstance(outcome, DocumentResult):
            self.duplicates.add(outcome.doc_id)
            self.bar.update(1)

    def close(self) -> None:
        self.bar.close()
        if self.duplicates.count:  # shown even with --quiet: the output's ids are not unique
            print(f"warning: {self.duplicates.line()}", file=self.options.log)


class DuplicateIds:
    """Counts documents whose id was already seen in this run (the contract wants unique ids).

    Duplicates are still extracted (dropping one would lose data silently); the user is told how
    many there are. Ids are kept as 64-bit hashes (about 70 bytes per document), so a run over
    millions of abstracts stays cheap; a hash collision could at worst add one false count.
    """

    def __init__(self) -> None:
        self._seen: set[int] = set()
        self.count = 0
        self.first: str | None = None

    def add(self, doc_id: str) -> None:
        key = hash(doc_id)
        if key in self._seen:
            self.count += 1
            self.first = self.first or doc_id
        else:
            self._seen.add(key)

    def line(self) -> str:
        return (f"{self.count:,} document(s) reuse an id seen earlier in this run (first: {self.first!r}); "
                "they were extracted, but ids in the output are not unique")
