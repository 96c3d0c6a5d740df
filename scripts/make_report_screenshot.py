"""Render ``cartmine report`` for RECORDS and save a screenshot of it (docs/report.png).

Usage: python scripts/make_report_screenshot.py RECORDS docs/report.png [--width 1400 --height 2400]

RECORDS is any ``cartmine extract`` output (results JSONL, records Parquet or an
output folder). Needs chromium (or chromium-browser) on PATH; the screenshot is
taken headless and offline, exactly as a reader would see the saved page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cartmine.aggregation.headless import check_page, find_chromium, screenshot
from cartmine.aggregation.report import write_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", help="cartmine extract output")
    parser.add_argument("png", help="screenshot to write, e.g. docs/report.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--title", default="cartmine evidence report")
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("error: chromium is not on PATH (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="cartmine-report-") as folder:
        page = write_report(args.records, Path(folder) / "report.html", title=args.title)
        check = check_page(page)
        if check.errors:
            print(f"error: the report logs errors in the browser: {check.errors}", file=sys.stderr)
            return 1
        screenshot(page, args.png, width=args.width, height=args.height)
    print(f"wrote {args.png} ({check.plot_svgs} plot layers drawn)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
