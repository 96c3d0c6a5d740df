"""Open a report in headless Chromium: DOM dump and screenshot, with console errors captured.

Used by the report test (charts really draw, no script errors) and by
``scripts/make_report_screenshot.py``. Chromium is optional: :func:`find_chromium`
returns None when it is not installed and callers skip.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: Flags that keep a headless run offline, quiet and reproducible.
BASE_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--hide-scrollbars", "--mute-audio")

#: Injected before anything else runs: records uncaught errors and console.error calls in the DOM.
_ERROR_PROBE = """<script>(function () {
  var errors = [];
  function keep(msg) { errors.push(String(msg)); document.documentElement.setAttribute(
      "data-console-errors", JSON.stringify(errors)); }
  window.addEventListener("error", function (e) { keep(e.message || "resource failed: " +
      (e.target && (e.target.src || e.target.href))); }, true);
  window.addEventListener("unhandledrejection", function (e) { keep("unhandled rejection: " + e.reason); });
  var original = console.error; console.error = function () {
    keep(Array.prototype.join.call(arguments, " ")); return original.apply(console, arguments); };
})();</script>"""
_CONSOLE_LINE = re.compile(r"CONSOLE\(\d+\)\]? ?\"(?P<msg>.*)\", source:", re.IGNORECASE)


@dataclass
class PageCheck:
    """What the browser saw: the final DOM, script errors, and the number of drawn plotly SVGs."""

    dom: str
    errors: list[str]
    plot_svgs: int


def find_chromium() -> str | None:
    """Path of chromium / chromium-browser / google-chrome on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(browser: str, args: list[str], url: str, timeout: float) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="cartmine-chromium-") as profile:
        command = [browser, *BASE_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                   *args, url]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def check_page(html_path: str | Path, browser: str | None = None, budget_ms: int = 15000,
               timeout: float = 180) -> PageCheck:
    """Load a copy of the page with the error probe, let it run ``budget_ms`` virtual ms, and dump the DOM."""
    browser = browser or find_chromium()
    if browser is None:
        raise FileNotFoundError("no chromium on PATH")
    source = Path(html_path).read_text(encoding="utf-8")
    probed = source.replace("<head>", "<head>" + _ERROR_PROBE, 1)
    with tempfile.TemporaryDirectory(prefix="cartmine-page-") as folder:
        page = Path(folder) / "page.html"
        page.write_text(probed, encoding="utf-8")
        done = _run(browser, [f"--virtual-time-budget={budget_ms}", "--dump-dom"], page.as_uri(), timeout)
    if done.returncode != 0 or not done.stdout:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    errors = [m.group("msg") for m in _CONSOLE_LINE.finditer(done.stderr) if "error" in m.group(0).lower()]
    probe = re.search(r'data-console-errors="([^"]*)"', done.stdout)
    if probe:
        errors += json.loads(html.unescape(probe.group(1)))
    return PageCheck(dom=done.stdout, errors=errors, plot_svgs=len(re.findall(r'class="main-svg"', done.stdout)))


def screenshot(html_path: str | Path, png_path: str | Path, width: int = 1400, height: int = 2400,
               browser: str | None = None, budget_ms: int = 15000, timeout: float = 180) -> Path:
    """A PNG of the top ``width`` x ``height`` pixels of the page once its charts have drawn."""
    browser = browser or find_chromium()
    if browser is None:
        raise FileNotFoundError("no chromium on PATH")
    png_path = Path(png_path).resolve()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    done = _run(browser, [f"--window-size={width},{height}", f"--virtual-time-budget={budget_ms}",
                          f"--screenshot={png_path}"], Path(html_path).resolve().as_uri(), timeout)
    if done.returncode != 0 or not png_path.exists():
        raise RuntimeError(f"chromium screenshot failed ({done.returncode}): {done.stderr[-2000:]}")
    return png_path
