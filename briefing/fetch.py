"""Fetching pages and feeds over HTTP, safely, with a cache.

:class:`Fetcher` is what ingest uses to read ``http://`` and ``https://`` inputs and the
articles behind feed items. It is deliberately small and strict, because every URL it is given
comes from the open web (a feed names the links it wants fetched):

* **Only http and https.** ``file:``, ``ftp:``, ``gopher:`` and every other scheme are refused,
  as are URLs with a user name or password in them.
* **Public addresses only** (server-side request forgery). The host is resolved first, and the
  request is refused when any of its addresses is loopback, private, link-local, shared
  (carrier NAT), multicast, reserved or unspecified, IPv4 or IPv6 (IPv4-mapped, 6to4 and
  NAT64 addresses are judged by the IPv4 address inside them). The connection then goes to the
  address that was checked, with the host name sent in ``Host`` and TLS SNI (and the
  certificate checked against it), so a DNS answer that changes between the check and the
  connection cannot swap in another address. Each redirect target is checked the same way.
  ``FetchOptions(allow_private=True)`` (``--allow-private-network``) lifts the address check
  for a trusted network; the scheme check always applies. Proxy settings from the environment
  are not used: a proxy would make the address check meaningless.
* **Bounded**: a connect timeout and a total time limit per request, a size limit (the body is
  streamed and the download stopped at the limit, after decompression, so a compressed bomb is
  stopped too), at most ``max_redirects`` redirects, and ``retries`` retries with exponential
  backoff on 429, 5xx and failed connections (``Retry-After`` is honoured up to a cap).
* **Honest**: the ``User-Agent`` names briefing, its version and its home page.

Failures raise :class:`FetchError`, an :class:`~briefing.errors.ArticleError`: one line naming
the URL and the reason, so the caller records the URL as skipped and the run goes on.

The HTTP cache (:class:`HttpCache`, in ``ROOT/http/`` of the cache root) keeps each body with
its ``ETag``, ``Last-Modified`` and fetch time. A page that is in the cache is asked for with
``If-None-Match``/``If-Modified-Since``; a ``304 Not Modified`` answer reuses the stored body,
so an unchanged page is never downloaded twice. A feed (an RSS, Atom, XML or OPML response)
fetched less than ``feed_fresh_minutes`` ago is reused without asking at all.

Defaults, and the environment variables that change them (sizes take K, M or G):

==========================  ==================================  ==========
option                      environment variable                default
==========================  ==================================  ==========
``timeout`` (total)         ``BRIEFING_FETCH_TIMEOUT``           30 s
``connect_timeout``         ``BRIEFING_FETCH_CONNECT_TIMEOUT``   10 s
``max_bytes``               ``BRIEFING_FETCH_MAX_BYTES``         10 MiB
``max_redirects``           ``BRIEFING_FETCH_MAX_REDIRECTS``     5
``retries``                 ``BRIEFING_FETCH_RETRIES``           2
``feed_fresh_minutes``      ``BRIEFING_FEED_FRESH_MINUTES``      10
``cache_max_bytes``         ``BRIEFING_HTTP_CACHE_MAX_BYTES``    500 MiB
==========================  ==================================  ==========
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import ipaddress
import json
import os
import re
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from briefing import __version__, shards
from briefing.errors import ArticleError, UsageError

if TYPE_CHECKING:
    import urllib3

__all__ = [
    "ENV_VARS",
    "USER_AGENT",
    "FetchError",
    "FetchOptions",
    "Fetcher",
    "HttpCache",
    "Response",
    "check_address",
    "check_url",
]

PROJECT_URL = "https://pypi.org/project/newsbriefing/"
USER_AGENT = f"briefing/{__version__} (+{PROJECT_URL})"

#: FetchOptions field → the environment variable that sets it.
ENV_VARS: dict[str, str] = {
    "timeout": "BRIEFING_FETCH_TIMEOUT",
    "connect_timeout": "BRIEFING_FETCH_CONNECT_TIMEOUT",
    "max_bytes": "BRIEFING_FETCH_MAX_BYTES",
    "max_redirects": "BRIEFING_FETCH_MAX_REDIRECTS",
    "retries": "BRIEFING_FETCH_RETRIES",
    "feed_fresh_minutes": "BRIEFING_FEED_FRESH_MINUTES",
    "cache_max_bytes": "BRIEFING_HTTP_CACHE_MAX_BYTES",
}
_SIZES = ("max_bytes", "cache_max_bytes")

_RETRY_STATUSES = frozenset([429, 500, 502, 503, 504])
_REDIRECT_STATUSES = frozenset([301, 302, 303, 307, 308])
# A server asking for a longer wait than this is not waited for: the run has other work.
_MAX_RETRY_AFTER = 10.0
_CHUNK = 64 * 1024
_PRIVATE_HINT = "briefing fetches only public addresses unless --allow-private-network is given"


class FetchError(ArticleError):
    """A URL could not be fetched: refused, unreachable, too big, too slow or an HTTP error.

    ``input_name`` is the URL and ``reason`` one line saying what went wrong.
    """


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch: safety switches, limits and the HTTP cache. See the module docs."""

    allow_private: bool = False
    timeout: float = 30.0
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    # The HTTP cache folder (``ROOT/http``); None: no cache.
    cache_dir: Path | None = None
    cache_max_bytes: int = 500 * 1024 * 1024
    feed_fresh_minutes: float = 10.0
    user_agent: str = USER_AGENT
    # Extra certificate authorities to trust (a PEM file), e.g. a company's own.
    ca_file: Path | None = None

    def __post_init__(self) -> None:
        for name in ("timeout", "connect_timeout"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise UsageError(
                    f"fetch {name} must be a positive number of seconds, not {value!r}"
                )
        for name in ("max_bytes", "cache_max_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise UsageError(f"fetch {name} must be a positive whole number, not {value!r}")
        for name in ("max_redirects", "retries"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise UsageError(f"fetch {name} must be a whole number >= 0, not {value!r}")
        if self.backoff < 0 or self.feed_fresh_minutes < 0:
            raise UsageError("fetch backoff and feed_fresh_minutes must not be negative")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> FetchOptions:
        """The defaults, changed by any ``BRIEFING_FETCH_*`` variable that is set, then by
        ``overrides``. Raises :class:`~briefing.errors.UsageError` naming a bad variable."""
        from briefing.limits import parse_size

        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, variable in ENV_VARS.items():
            raw = env.get(variable, "").strip()
            if not raw:
                continue
            try:
                if name in _SIZES:
                    values[name] = parse_size(raw)
                elif name in ("max_redirects", "retries"):
                    values[name] = int(raw)
                else:
                    values[name] = float(raw)
            except ValueError:
                kind = "a size (e.g. 10M)" if name in _SIZES else "a number"
                raise UsageError(f"{variable}={raw!r} is not {kind}") from None
        values.update(overrides)
        return cls(**values)


# --- URL and address checks -------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # as in the URL, without brackets, lower case
    port: int
    path: str  # path and query, never empty

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def check_url(url: str) -> _Target:
    """Split an http(s) URL into what a request needs; raise :class:`FetchError` for any
    other scheme, a missing host, credentials in the URL or a bad port."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"'{scheme}:' URLs" if scheme else "URLs without http:// or https://"
        raise FetchError(url, f"refused: {what} are never fetched; only http and https are")
    if parts.username is not None or parts.password is not None:
        raise FetchError(url, "refused: URLs with a user name or password are not fetched")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError(url, "not a valid URL (no host name)")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(scheme, host, port or (443 if scheme == "https" else 80), path)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), else itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def check_address(address: str) -> str | None:
    """What kind of non-public address ``address`` is (``"a loopback address"``), or ``None``
    when it is a public one that may be fetched from."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    inner = _embedded_ipv4(ip)
    # The embedded IPv4 address first: it says what the address really reaches.
    for candidate in dict.fromkeys([inner, ip]):
        for attribute, what in (
            ("is_unspecified", "an unspecified"),
            ("is_loopback", "a loopback"),
            ("is_link_local", "a link-local"),
            ("is_multicast", "a multicast"),
            ("is_reserved", "a reserved"),
            ("is_private", "a private"),
        ):
            if getattr(candidate, attribute):
                return f"{what} address"
        if not candidate.is_global:
            return "not a public address"
    return None


def _resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def _addresses(url: str, target: _Target, allow_private: bool) -> list[str]:
    """The addresses to connect to, checked; raises :class:`FetchError`."""
    try:
        addresses = _resolve(target.host, target.port)
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise FetchError(url, f"cannot resolve host {target.host!r}: {reason}") from None
    if not addresses:
        raise FetchError(url, f"cannot resolve host {target.host!r}")
    if not allow_private:
        for address in addresses:
            problem = check_address(address)
            if problem:
                # One bad answer is enough: a name that resolves to both a public and an
                # internal address is how DNS rebinding attacks start.
                where = address if address == target.host else f"{target.host} ({address})"
                raise FetchError(url, f"refused: {where} is {problem}; {_PRIVATE_HINT}")
    return addresses


# --- responses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """A fetched (or cached) response: always a 2xx status with its whole body."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: float = 0.0
    from_cache: bool = False

    @property
    def media_type(self) -> str:
        """The media type without parameters, lower case (``text/html``)."""
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset named in ``Content-Type``, if any."""
        match = re.search(r";\s*charset\s*=\s*[\"']?([\w.:-]+)", self.content_type, re.I)
        return match.group(1).lower() if match else None

    def text(self) -> str:
        """The body as text: in the charset the server declared when that decodes cleanly,
        else as :func:`briefing.ingest.decode` guesses. Raises :class:`ValueError` for a binary
        body."""
        from briefing.ingest import decode

        data = self.body
        charset = self.charset
        if charset is None and "html" in self.media_type:
            # No charset in the header: a page names its own in a <meta> tag near the top.
            found = _META_CHARSET.search(data[:4096])
            charset = found.group(1).decode("ascii").lower() if found else None
        if charset and charset not in ("utf-8", "utf8"):
            try:
                # Re-encoded so that decode's checks (binary data, newlines, NFC) still apply.
                data = data.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                data = self.body
        return decode(data)


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _is_feed_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media.endswith(("rss+xml", "atom+xml", "rdf+xml", "/xml", "opml", "x-opml"))


# --- the cache --------------------------------------------------------------------------------

_CACHE_FORMAT = 1
_CACHE_SUFFIX = ".http"


class HttpCache:
    """Response bodies on disk, keyed by URL, safe for several runs at once.

    An entry is one file: a line of JSON (URL, validators, fetch time, body length and hash)
    and then the body. Entries are written to a temporary file and renamed into place; an entry
    that does not read back whole (truncated, corrupt, another version's) is a miss.
    """

    def __init__(self, root: Path, max_bytes: int = 500 * 1024 * 1024) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.written = 0

    def _path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / key[:2] / (key + _CACHE_SUFFIX)

    def get(self, url: str) -> Response | None:
        """The stored response for ``url``, or ``None`` (missing or unreadable)."""
        path = self._path(url)
        try:
            with path.open("rb") as handle:
                head = handle.readline(64 * 1024)
                meta = json.loads(head)
                body = handle.read(int(meta["length"]) + 1)
            if (
                meta.get("format") != _CACHE_FORMAT
                or meta.get("url") != url
                or len(body) != meta["length"]
                or hashlib.sha256(body).hexdigest() != meta["sha256"]
            ):
                raise ValueError("corrupt entry")
            return Response(
                url=url,
                final_url=str(meta["final_url"]),
                status=int(meta["status"]),
                content_type=str(meta["content_type"]),
                body=body,
                etag=meta.get("etag"),
                last_modified=meta.get("last_modified"),
                fetched_at=float(meta["fetched_at"]),
                from_cache=True,
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # Someone else's half-written or damaged entry: a miss, and out of the way.
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def put(self, response: Response) -> None:
        """Store ``response`` (atomically; a failure to write is ignored, it is only a cache)."""
        meta = {
            "format": _CACHE_FORMAT,
            "url": response.url,
            "final_url": response.final_url,
            "status": response.status,
            "content_type": response.content_type,
            "etag": response.etag,
            "last_modified": response.last_modified,
            "fetched_at": response.fetched_at,
            "length": len(response.body),
            "sha256": hashlib.sha256(response.body).hexdigest(),
        }
        path = self._path(response.url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shards.write_atomic(
                path,
                json.dumps(meta).encode("utf-8") + b"\n",
                response.body,
                suffix=_CACHE_SUFFIX,
            )
        except OSError:
            return
        self.written += len(response.body)

    def prune(self, max_bytes: int | None = None) -> int:
        """Remove the oldest entries until the cache is under 80% of ``max_bytes`` (when it is
        over ``max_bytes``); returns how many were removed. Stale temporary files go too."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        files = (e for e in shards.sharded_files(self.root) if e.name.endswith(_CACHE_SUFFIX))
        removed, _temps = shards.prune(files, limit)
        return removed


# --- the fetcher ------------------------------------------------------------------------------


class Fetcher:
    """Fetches URLs under :class:`FetchOptions`; use as a context manager (closing it keeps the
    cache within its size bound)."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.cache = (
            HttpCache(self.options.cache_dir, self.options.cache_max_bytes)
            if self.options.cache_dir is not None
            else None
        )
        #: Requests actually sent (not answered from the cache), for reports and tests.
        self.requests = 0

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Keep the cache under its bound (only when this fetcher wrote to it)."""
        if self.cache is not None and self.cache.written:
            self.cache.prune()
            self.cache.written = 0

    def fetch(self, url: str, *, fresh_minutes: float | None = None) -> Response:
        """GET ``url`` and return its 2xx response, following checked redirects.

        A cached copy younger than ``fresh_minutes`` (default: ``feed_fresh_minutes`` for a
        feed, none for a page) is returned without a request; an older one is revalidated.
        Raises :class:`FetchError`.
        """
        target = check_url(url)  # even a cached URL must be one we would fetch
        cached = self.cache.get(url) if self.cache is not None else None
        if cached is not None and not self.options.allow_private:
            # A page cached by a run that allowed private addresses must not reach a run that
            # does not: check the address as if fetching.
            _addresses(url, target, allow_private=False)
        if cached is not None:
            if fresh_minutes is None and _is_feed_type(cached.content_type):
                fresh_minutes = self.options.feed_fresh_minutes
            age = time.time() - cached.fetched_at
            if fresh_minutes and 0 <= age < fresh_minutes * 60:
                return cached
        response = self._get(url, target, cached)
        if self.cache is not None:
            # A 304 is stored too: its new fetch time restarts the freshness window.
            self.cache.put(dataclasses.replace(response, from_cache=False))
        return response

    def _get(self, url: str, target: _Target, cached: Response | None) -> Response:
        """Follow redirects from ``url``; a 304 for the original URL returns ``cached``."""
        current, hops = url, 0
        while True:
            conditional = cached if current == url else None
            status, headers, body = self._request(url, current, target, conditional)
            if status in _REDIRECT_STATUSES and headers.get("location"):
                hops += 1
                if hops > self.options.max_redirects:
                    raise FetchError(url, f"more than {self.options.max_redirects} redirects")
                following = urljoin(current, headers["location"].strip())
                try:
                    target = check_url(following)
                except FetchError as exc:
                    raise FetchError(url, f"redirected to {following}: {exc.reason}") from None
                current = following
                continue
            if status == 304 and conditional is not None:
                return dataclasses.replace(
                    conditional,
                    fetched_at=time.time(),
                    etag=headers.get("etag") or conditional.etag,
                    last_modified=headers.get("last-modified") or conditional.last_modified,
                    from_cache=True,
                )
            if not 200 <= status < 300:
                reason = _status_reason(status)
                where = "" if current == url else f" (redirected to {current})"
                raise FetchError(url, f"HTTP {status} {reason}{where}".rstrip())
            return Response(
                url=url,
                final_url=current,
                status=status,
                content_type=headers.get("content-type", ""),
                body=body,
                etag=headers.get("etag"),
                last_modified=headers.get("last-modified"),
                fetched_at=time.time(),
            )

    def _request(
        self, url: str, current: str, target: _Target, cached: Response | None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request (with retries) to ``current``; ``url`` names the input in errors."""
        options = self.options
        prefix = "" if current == url else f"redirected to {current}: "
        try:
            addresses = _addresses(current, target, options.allow_private)
        except FetchError as exc:
            raise FetchError(url, prefix + exc.reason) from None
        headers = {
            "Host": target.host_header,
            "User-Agent": options.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
            "application/atom+xml,application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        }
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        attempt = 0
        while True:
            try:
                status, response_headers, body = self._once(url, target, addresses, headers)
            except _Retryable as exc:
                problem, wait = exc.problem, None
            else:
                if status not in _RETRY_STATUSES:
                    return status, response_headers, body
                problem = f"HTTP {status} {_status_reason(status)}".rstrip()
                wait = _retry_after(response_headers.get("retry-after"))
            if attempt >= options.retries:
                tries = f" after {attempt + 1} tries" if attempt else ""
                raise FetchError(url, f"{prefix}{problem}{tries}")
            delay = options.backoff * (2**attempt)
            time.sleep(min(_MAX_RETRY_AFTER, max(delay, wait or 0.0)))
            attempt += 1

    def _once(
        self, url: str, target: _Target, addresses: list[str], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """One GET, trying each checked address until one connects."""
        import urllib3
        from urllib3.exceptions import (
            ConnectTimeoutError,
            HTTPError,
            NewConnectionError,
            ProtocolError,
            ReadTimeoutError,
            SSLError,
        )

        options = self.options
        deadline = time.monotonic() + options.timeout
        last: str = "cannot connect"
        for address in addresses:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            pool = self._pool(target, address)
            self.requests += 1
            try:
                response = pool.urlopen(
                    "GET",
                    target.path,
                    headers=headers,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    decode_content=True,
                    timeout=urllib3.Timeout(
                        connect=min(options.connect_timeout, remaining), read=remaining
                    ),
                )
            except (ConnectTimeoutError, NewConnectionError) as exc:
                last = f"cannot connect to {target.host_header}: {_short(exc)}"
                pool.close()
                continue
            except SSLError as exc:
                pool.close()
                raise FetchError(url, f"TLS error: {_short(exc)}") from None
            except ReadTimeoutError:
                pool.close()
                raise FetchError(
                    url, f"timed out: no answer within {options.timeout:g} seconds"
                ) from None
            except (ProtocolError, HTTPError, OSError) as exc:
                pool.close()
                raise _Retryable(f"connection failed: {_short(exc)}") from None
            try:
                got = {k.lower(): v for k, v in response.headers.items()}
                body = b""
                if response.status not in _REDIRECT_STATUSES and response.status != 304:
                    body = self._read(url, response, got, deadline)
                return response.status, got, body
            finally:
                response.release_conn()
                pool.close()
        raise _Retryable(last)

    def _pool(self, target: _Target, address: str) -> urllib3.HTTPConnectionPool:
        import urllib3

        if target.scheme == "https":
            import ssl

            context = ssl.create_default_context()
            with contextlib.suppress(ImportError, OSError):
                import certifi  # the CA bundle requests uses, when present

                context.load_verify_locations(certifi.where())
            if self.options.ca_file is not None:
                try:
                    context.load_verify_locations(str(self.options.ca_file))
                except (OSError, ssl.SSLError) as exc:
                    raise UsageError(
                        f"CA file {self.options.ca_file}: cannot load it ({_short(exc)})"
                    ) from None
            # Connect to the checked address, but speak TLS (SNI, certificate) to the name.
            return urllib3.HTTPSConnectionPool(
                address,
                target.port,
                maxsize=1,
                retries=False,
                ssl_context=context,
                server_hostname=target.host,
                assert_hostname=target.host,
            )
        return urllib3.HTTPConnectionPool(address, target.port, maxsize=1, retries=False)

    def _read(
        self,
        url: str,
        response: urllib3.BaseHTTPResponse,
        headers: dict[str, str],
        deadline: float,
    ) -> bytes:
        from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

        limit = self.options.max_bytes
        too_big = f"larger than the {_megabytes(limit)} limit (BRIEFING_FETCH_MAX_BYTES)"
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and "content-encoding" not in headers:
            raise FetchError(url, f"response is {_megabytes(int(declared))}, {too_big}")
        parts: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(
                        url, f"timed out: download took over {self.options.timeout:g} seconds"
                    )
                # read1 returns what has arrived: read() would wait for a whole chunk, and a
                # server that trickles bytes could hold it far past the deadline.
                chunk = response.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"response is {too_big}")
                parts.append(chunk)
        except ReadTimeoutError:
            raise FetchError(
                url, f"timed out: no data within {self.options.timeout:g} seconds"
            ) from None
        except DecodeError as exc:
            raise FetchError(url, f"cannot decompress the response: {_short(exc)}") from None
        except (ProtocolError, OSError) as exc:
            raise FetchError(url, f"connection broken while reading: {_short(exc)}") from None
        return b"".join(parts)


class _Retryable(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _status_reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _short(exc: BaseException) -> str:
    """One line of an exception's message, without urllib3's object reprs."""
    text = str(exc.args[-1] if exc.args else exc) or type(exc).__name__
    text = re.sub(r"<[^>]*object at 0x[0-9a-f]+>:?\s*", "", text)
    return " ".join(text.split())[:200]
