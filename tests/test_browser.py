"""The HTML page and the e-mail's HTML part in a real browser: headless Chromium (Debian's
``chromium`` package), driven over the DevTools protocol on a pipe, so nothing listens on a port
and no Python package beyond the standard library is needed.

Each page must load with no console errors and no network requests, have a language and a
title, keep its headings in order, give every piece of text enough contrast (WCAG AA) in light
and dark mode, and read well at phone width. Screenshots are saved under the test's temporary
folder, and also in ``$BRIEFING_SCREENSHOTS`` when that is set (CI keeps them as artefacts).
"""

from __future__ import annotations

import base64
import dataclasses
import fcntl
import itertools
import json
import os
import queue
import shutil
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_briefing import sample_briefing

from briefing.mail import render_email
from briefing.models import Briefing, Source
from briefing.render import render

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
TIMEOUT = 60.0

MISSING = (
    f"headless Chromium not found at {CHROMIUM}; install Debian's chromium package "
    "(apt-get install chromium) or set BRIEFING_CHROMIUM to run the browser tests"
)
# On a developer's machine a missing browser skips these tests; in CI (CI=true) it fails them,
# so that a CI machine without Chromium cannot pass without running them.
pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK) and not os.environ.get("CI"), reason=MISSING
)


class DevTools:
    """A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``.

    Chromium reads NUL-terminated JSON commands on its fd 3 and writes replies and events on
    its fd 4. A reader thread queues what arrives; :meth:`call` waits for its reply and keeps
    every event in :attr:`events`.
    """

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium's ends move above fd 9 first, so that placing them on 3 and 4 below cannot
        # overwrite one with the other.
        to_browser_r, from_browser_w = (_above_9(fd) for fd in (to_browser_r, from_browser_w))
        flags = [
            "--headless",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--metrics-recording-only",
            "--mute-audio",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            "--lang=en-GB",
            # Any host name resolves to nothing: a page that tried the network could not wait
            # on DNS, and the request would still be seen below.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium's sandbox refuses to run as root
        # The shell moves our pipe ends to the fds Chromium expects (3 and 4).
        command = " ".join(
            [
                "exec",
                *(_quote(a) for a in [executable, *flags, "about:blank"]),
                f"3<&{to_browser_r}",
                f"4>&{from_browser_w}",
            ]
        )
        self.process = subprocess.Popen(
            # bash, not sh: dash cannot name a file descriptor above 9.
            ["bash", "-c", command],
            pass_fds=(to_browser_r, from_browser_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._replies: dict[int, dict[str, Any]] = {}
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self) -> None:
        # Chromium logs freely to stderr (D-Bus, GPU); reading it keeps the pipe from filling.
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if os.environ.get("CDP_DEBUG"):
                print("chromium:", line.decode(errors="replace").rstrip())

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                self._inbox.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                self._inbox.put(json.loads(raw))

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its result (an error reply fails the test)."""
        self._next_id += 1
        number = self._next_id
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while number not in self._replies:
            self._pump(deadline, f"a reply to {method}")
        reply = self._replies.pop(number)
        if "error" in reply:
            pytest.fail(f"DevTools {method} failed: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def wait_for(self, method: str, since: int) -> dict[str, Any]:
        """Wait for event ``method`` among the events from index ``since`` on."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events[since:]:
                if event.get("method") == method:
                    return event
            self._pump(deadline, method)

    def _pump(self, deadline: float, waiting_for: str) -> None:
        try:
            message = self._inbox.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"Chromium sent no {waiting_for} within {TIMEOUT:g} s")
        if message is None:
            pytest.fail(
                f"Chromium exited (code {self.process.poll()}) while waiting for {waiting_for}"
            )
        if "id" in message:
            self._replies[message["id"]] = message
        else:
            self.events.append(message)

    def close(self) -> None:
        try:
            os.write(
                self._to_browser, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0"
            )
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._to_browser)


def _above_9(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


@dataclasses.dataclass
class Visit:
    """What loading a page showed: the checks' results, problems seen, and screenshots."""

    report: dict[str, Any]
    console_errors: list[str]
    requests: list[str]
    dialogs: list[str]
    screenshot: Path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{MISSING} (.ci/run must install it)")
    tools = DevTools(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield tools
    finally:
        tools.close()


# The checks that run inside the page. Text contrast follows WCAG 2.x: 4.5:1, or 3:1 for large
# text (24px, or 18.66px bold); the background is the nearest opaque one behind the text.
CHECKS_JS = r"""
(() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const canvas = parse(getComputedStyle(document.documentElement).backgroundColor)[3] > 0
    ? null
    : (matchMedia('(prefers-color-scheme: dark)').matches &&
       getComputedStyle(document.documentElement).colorScheme.includes('dark')
         ? [18, 18, 18, 1] : [255, 255, 255, 1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : (canvas || [255, 255, 255, 1]);
    while (layers.length) bg = over(layers.pop(), bg);
    return bg;
  };
  const shown = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const texts = [...document.body.querySelectorAll('*')].filter(el =>
    [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && shown(el));
  const lowContrast = [];
  const smallText = [];
  const overflowing = [];
  for (const el of texts) {
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const bold = Number(s.fontWeight) >= 700;
    const bg = background(el);
    const fg = over(parse(s.color), bg);
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const got = ratio(fg, bg);
    const sample = el.textContent.trim().slice(0, 40);
    if (got < need) lowContrast.push(`${el.tagName.toLowerCase()} "${sample}": ${got.toFixed(2)} < ${need}`);
    if (size < 12) smallText.push(`${el.tagName.toLowerCase()} "${sample}": ${size}px`);
    const r = el.getBoundingClientRect();
    if (r.right > screen.width + 1 || r.left < -1) overflowing.push(`${el.tagName.toLowerCase()} "${sample}"`);
  }
  // The reading text is the list items (summary lines, actors, sources): their median size.
  const body = [...document.querySelectorAll('li')].filter(shown)
    .map(e => parseFloat(getComputedStyle(e).fontSize)).sort((a, b) => a - b);
  return {
    lang: document.documentElement.lang,
    title: document.title,
    headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(shown).map(h => Number(h.tagName[1])),
    innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    bodyFont: body.length ? body[Math.floor(body.length / 2)] : 0,
    lowContrast, smallText, overflowing,
    textCount: texts.length,
    scripts: document.scripts.length,
  };
})()
"""


def visit(
    browser: DevTools,
    page: Path,
    shots: Path,
    *,
    width: int,
    height: int,
    mobile: bool,
    dark: bool = False,
) -> Visit:
    """Open ``page`` in a fresh tab with the given viewport and colour scheme, run the checks."""
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    try:
        since = len(browser.events)
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable", session)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=2 if mobile else 1,
            mobile=mobile,
        )
        browser.call(
            "Emulation.setEmulatedMedia",
            session,
            features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
        )
        url = page.resolve().as_uri()
        loading = len(browser.events)
        browser.call("Page.navigate", session, url=url)
        browser.wait_for("Page.loadEventFired", loading)
        report = browser.call(
            "Runtime.evaluate", session, expression=CHECKS_JS, returnByValue=True
        )["result"]["value"]
        shot = browser.call(
            "Page.captureScreenshot", session, format="png", captureBeyondViewport=True
        )
        name = f"{page.stem}-{'phone' if mobile else 'desktop'}{'-dark' if dark else ''}.png"
        screenshot = shots / name
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        if os.environ.get("BRIEFING_SCREENSHOTS"):
            keep = Path(os.environ["BRIEFING_SCREENSHOTS"])
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(screenshot, keep / name)
        mine = [e for e in browser.events[since:] if e.get("sessionId") == session]
        console_errors = [
            " ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"])
            for e in mine
            if e["method"] == "Runtime.consoleAPICalled"
            and e["params"]["type"] in ("error", "assert")
        ]
        console_errors += [
            e["params"]["exceptionDetails"].get("text", "exception")
            for e in mine
            if e["method"] == "Runtime.exceptionThrown"
        ]
        console_errors += [
            e["params"]["entry"]["text"]
            for e in mine
            if e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"
        ]
        requests = [
            e["params"]["request"]["url"]
            for e in mine
            if e["method"] == "Network.requestWillBeSent" and e["params"]["request"]["url"] != url
        ]
        dialogs = [
            e["params"]["message"] for e in mine if e["method"] == "Page.javascriptDialogOpening"
        ]
        return Visit(report, console_errors, requests, dialogs, screenshot)
    finally:
        browser.call("Target.closeTarget", targetId=target)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _hostile() -> Briefing:
    """The sample with article text that would run script or fetch things if not escaped."""
    sample = sample_briefing()
    port = sample.stories[0]
    attack = (
        "<script>console.error('xss')</script><img src=x onerror=\"console.error('img')\">"
        "<link rel=stylesheet href=https://cdn.example.com/x.css><style>body{display:none}</style>"
    )
    port = dataclasses.replace(
        port,
        headline=f"Strike ends {attack}",
        summary=(dataclasses.replace(port.summary[0], text=f"Deal {attack}"), *port.summary[1:]),
        sources=(
            Source("a", f"Title {attack}", "javascript:alert(1)", "Reuters", "2024-05-14"),
            Source("b", "Relative", "//evil.example.com/x", None, None),
        ),
    )
    return dataclasses.replace(
        sample, title=f"Briefing {attack}", stories=(port, *sample.stories[1:])
    )


def _pages(folder: Path) -> dict[str, Path]:
    pages = {
        "page": render(sample_briefing(), "html"),
        "hostile-page": render(_hostile(), "html"),
        "email": render_email(sample_briefing()).html,
        "hostile-email": render_email(_hostile()).html,
    }
    paths = {}
    for name, text in pages.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _pages(tmp_path_factory.mktemp("pages"))


def _assert_clean(result: Visit) -> None:
    assert result.console_errors == []
    assert result.requests == [], "the page must not load anything"
    assert result.dialogs == []
    report = result.report
    assert report["scripts"] == 0
    assert report["lang"] == "en"
    assert report["title"].strip()
    headings = report["headings"]
    assert headings and headings[0] == 1 and headings.count(1) == 1
    for before, after in itertools.pairwise(headings):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}: {headings}"
    assert report["textCount"] > 20
    assert report["lowContrast"] == []


@pytest.mark.parametrize("name", ["page", "hostile-page", "email", "hostile-email"])
def test_desktop_light(
    browser: DevTools, pages: dict[str, Path], tmp_path: Path, name: str
) -> None:
    result = visit(browser, pages[name], tmp_path, width=1280, height=900, mobile=False)
    _assert_clean(result)
    width, height = _png_size(result.screenshot)
    assert width == 1280 and height >= 900
    # A blank page compresses to almost nothing; a page of text does not.
    assert result.screenshot.stat().st_size > 40_000


@pytest.mark.parametrize("name", ["page", "email"])
def test_dark_mode(browser: DevTools, pages: dict[str, Path], tmp_path: Path, name: str) -> None:
    result = visit(browser, pages[name], tmp_path, width=1280, height=900, mobile=False, dark=True)
    _assert_clean(result)


@pytest.mark.parametrize("name", ["page", "email"])
def test_reads_well_at_phone_width(
    browser: DevTools, pages: dict[str, Path], tmp_path: Path, name: str
) -> None:
    result = visit(browser, pages[name], tmp_path, width=375, height=812, mobile=True)
    _assert_clean(result)
    report = result.report
    # The page sets a viewport, so the phone lays it out at its own width...
    assert report["innerWidth"] == 375
    # ...with nothing to scroll sideways and nothing cut off at the edge...
    assert report["scrollWidth"] <= 375
    assert report["overflowing"] == []
    # ...and text large enough to read without zooming.
    assert report["bodyFont"] >= 16
    assert report["smallText"] == []
    width, _ = _png_size(result.screenshot)
    assert width == 750  # 375 CSS pixels at device scale 2


def test_the_checks_catch_a_bad_page(browser: DevTools, tmp_path: Path) -> None:
    """The checks above are not vacuous: a page with each fault is caught on each count."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!doctype html><html><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width'></head><body>"
        "<h1>Briefing</h1><h3>Skipped a level</h3>"
        "<p style='color:#aaa'>Pale grey text that is hard to read on white.</p>"
        "<div style='width:900px'>A fixed-width block wider than any phone.</div>"
        "<p style='font-size:9px'>Tiny print.</p>"
        "<img src='https://example.com/tracker.png' alt=''>"
        "<script>console.error('broken widget')</script>"
        "</body></html>",
        encoding="utf-8",
    )
    result = visit(browser, bad, tmp_path, width=375, height=812, mobile=True)
    report = result.report
    assert result.console_errors and "broken widget" in result.console_errors[0]
    assert result.requests == ["https://example.com/tracker.png"]
    assert report["lang"] == "" and report["title"] == ""
    assert report["headings"] == [1, 3]
    assert [line.split(":")[0] for line in report["lowContrast"]] == [
        'p "Pale grey text that is hard to read on w"'  # the first 40 characters
    ]
    assert report["scrollWidth"] > 375
    assert report["overflowing"] == ['div "A fixed-width block wider than any phone"']
    assert report["smallText"] == ['p "Tiny print.": 9px']
