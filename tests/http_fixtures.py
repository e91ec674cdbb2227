"""A local HTTP server for the fetch and feed tests: nothing touches the internet.

``LocalServer`` listens on 127.0.0.1 on a free port, in a thread, and answers the routes a test
adds (status sequences for retries, delays for timeouts, ETags for conditional requests). It
records every request, so tests can count what was really sent. Because it is on loopback,
tests pass ``FetchOptions(allow_private=True)`` to reach it; the SSRF tests check that without
it nothing is sent.

Import it from a test as ``from http_fixtures import LocalServer`` (pytest puts ``tests/`` on
the import path).
"""

from __future__ import annotations

import gzip
import http.server
import ssl
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    # Statuses for successive requests; the last one repeats.
    statuses: list[int] = field(default_factory=lambda: [200])
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    content_length: bool = True  # False: close-delimited body


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    status: int


class LocalServer:
    """A threaded HTTP server on 127.0.0.1; use as a context manager."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._calls: Counter[str] = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            # HTTPS: the handshake runs when a connection is accepted.
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        # A short poll so that shutting the server down after each test is quick.
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **options: object) -> str:
        """Serve ``body`` at ``path`` (see :class:`Route` for options); returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.add(path, statuses=[status], headers={"Location": location})

    def hits(self, path: str) -> int:
        """Requests the server received for ``path``."""
        return sum(1 for seen in self.requests if seen.path == path)

    def _answer(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        path = handler.path
        route = self.routes.get(path)
        with self._lock:
            call = self._calls[path]
            self._calls[path] += 1
        headers = {k.lower(): v for k, v in handler.headers.items()}
        if route is None:
            status, body, extra = 404, b"<html><body><h1>Not found</h1></body></html>", {}
            content_type = "text/html"
        else:
            if route.delay:
                time.sleep(route.delay)
            status = route.statuses[min(call, len(route.statuses) - 1)]
            body, extra, content_type = route.body, dict(route.headers), route.content_type
            if route.etag:
                extra["ETag"] = route.etag
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
            unchanged = (route.etag and headers.get("if-none-match") == route.etag) or (
                route.last_modified and headers.get("if-modified-since") == route.last_modified
            )
            if status == 200 and unchanged:
                status, body = 304, b""
            if route.gzip:
                body = gzip.compress(body)
                extra["Content-Encoding"] = "gzip"
        self.requests.append(Seen(path, headers, status))
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            for key, value in extra.items():
                handler.send_header(key, value)
            if route is not None and not route.content_length:
                handler.send_header("Connection", "close")
                handler.close_connection = True
            else:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a size limit or a timeout): that is the test


def article_page(title: str, paragraphs: list[str], *, site: str = "Harbour Times") -> str:
    """A realistic article page: navigation, the article, share buttons and a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<script>window.analytics = {{track: function() {{}}}};</script></head>
<body><nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<main><article><h1>{title}</h1>
{body}
<div class="share">Share this article</div>
</article></main>
<aside class="related"><h2>Related</h2><a href="/other">Another story</a></aside>
<footer>© 2026 {site}. All rights reserved.</footer></body></html>"""
