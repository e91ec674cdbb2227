"""The HTTP fetcher: SSRF refusals, limits, redirects, retries and the HTTP cache.

Every request goes to a server the test starts on 127.0.0.1 (see ``http_fixtures``), so the
tests that fetch pass ``allow_private=True``; the refusal tests check that without it nothing
is sent. Nothing touches the internet.
"""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import urllib3.util.connection
from click.testing import CliRunner
from http_fixtures import LocalServer, article_page

from briefing import __version__, fetch
from briefing.cli import cli
from briefing.errors import ArticleError, UsageError
from briefing.fetch import Fetcher, FetchError, FetchOptions, HttpCache, check_address
from briefing.ingest import ingest
from briefing.models import Article, Skipped

LOCAL = FetchOptions(allow_private=True, backoff=0.01, timeout=10)

PORT_DEAL = article_page(
    "Ferry operator and dockworkers sign three-year pay deal",
    [
        "BERGEN — Coastline Ferries and the Norwegian dockworkers' union signed a three-year "
        "pay agreement early on Saturday, ending a dispute that had halted sailings on four "
        "routes for most of the week.",
        "Under the deal, wages rise by 4.5 per cent this year and by 3 per cent in each of the "
        "next two years, and night shifts will be paid at one and a half times the day rate.",
        '"Nobody got everything they wanted, which is usually the sign of a fair deal," said '
        "union leader Per Aasen after talks that ran for nineteen hours.",
        "Coastline Ferries said all routes would run to the normal timetable from Sunday "
        "morning, and estimated that the strike had cost it about 40 million kroner.",
    ],
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


# --- server-side request forgery --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:{port}/page", "127.0.0.1 is a loopback address"),
        ("http://localhost:{port}/page", "localhost (127.0.0.1) is a loopback address"),
        ("http://[::1]:{port}/page", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]:{port}/page", "is a loopback address"),
        ("http://2130706433:{port}/page", "(127.0.0.1) is a loopback address"),
        ("http://10.20.30.40/admin", "10.20.30.40 is a private address"),
        ("http://192.168.1.1/", "192.168.1.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://0.0.0.0:{port}/", "0.0.0.0 is an unspecified address"),
        ("http://224.0.0.251/", "224.0.0.251 is a multicast address"),
    ],
)
def test_private_addresses_are_refused_without_the_flag(
    server: LocalServer, url: str, expected: str
) -> None:
    server.add("/page", PORT_DEAL)
    url = url.format(port=server.port)
    with Fetcher(FetchOptions()) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    message = str(info.value)
    assert message.startswith(f"{url}: refused: ")
    assert expected in message
    assert "--allow-private-network" in message
    assert "\n" not in message
    assert server.requests == []  # refused before anything was sent


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("file:///etc/passwd", "'file:' URLs are never fetched"),
        ("ftp://ftp.example.org/pub/news.txt", "'ftp:' URLs are never fetched"),
        ("gopher://example.org/1", "'gopher:' URLs are never fetched"),
        ("javascript:alert(1)", "'javascript:' URLs are never fetched"),
        ("//example.org/news", "URLs without http:// or https://"),
        ("http://user:secret@example.org/", "with a user name or password"),
    ],
)
def test_other_schemes_are_refused_even_when_private_addresses_are_allowed(
    url: str, expected: str
) -> None:
    with pytest.raises(FetchError, match="refused") as info:
        Fetcher(LOCAL).fetch(url)
    assert expected in str(info.value)
    assert isinstance(info.value, ArticleError)  # a per-article failure: the run goes on


def test_address_classification() -> None:
    assert check_address("93.184.216.34") is None
    assert check_address("2606:4700:4700::1111") is None
    assert check_address("127.0.0.53") == "a loopback address"
    assert check_address("172.16.5.4") == "a private address"
    assert check_address("100.64.0.1") == "not a public address"  # carrier-grade NAT
    assert check_address("fd12:3456::1") == "a private address"
    assert check_address("::ffff:10.0.0.1") == "a private address"
    assert check_address("2002:7f00:1::") == "a loopback address"  # 6to4 wrapping 127.0.0.1
    assert check_address("64:ff9b::a9fe:a9fe") == "a link-local address"  # NAT64 169.254.x
    assert check_address("240.0.0.1") == "a reserved address"


@pytest.fixture
def public_dns(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Pretend news.example is a public host (93.184.216.34) and internal.example a private
    one; connections to the public address really go to the local server. Returns the
    addresses connected to."""
    names = {"news.example": "93.184.216.34", "internal.example": "10.0.0.7"}
    dialled: list[tuple[str, int]] = []

    def resolve(host: str, port: int) -> list[str]:
        if host in names:
            return [names[host]]
        raise OSError(-2, "Name or service not known")

    real = urllib3.util.connection.create_connection

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
        dialled.append(address)
        if address[0] == "93.184.216.34":
            address = ("127.0.0.1", server.port)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(fetch, "_resolve", resolve)
    monkeypatch.setattr(urllib3.util.connection, "create_connection", create_connection)
    return dialled


def test_connects_to_the_checked_address_with_the_right_host(
    server: LocalServer, public_dns: list[tuple[str, int]]
) -> None:
    server.add("/story", PORT_DEAL)
    response = Fetcher(FetchOptions()).fetch("http://news.example/story")
    assert b"Coastline Ferries" in response.body
    # The address that was checked is the one dialled (no second DNS lookup to rebind), and
    # the server still sees the name it is known by.
    assert public_dns == [("93.184.216.34", 80)]
    assert server.requests[0].headers["host"] == "news.example"


def test_redirect_from_public_to_private_is_refused(
    server: LocalServer, public_dns: list[tuple[str, int]]
) -> None:
    server.redirect("/go", "http://internal.example/admin")
    server.redirect("/local", "file:///etc/passwd")
    with pytest.raises(FetchError) as info:
        Fetcher(FetchOptions()).fetch("http://news.example/go")
    assert str(info.value) == (
        "http://news.example/go: redirected to http://internal.example/admin: refused: "
        "internal.example (10.0.0.7) is a private address; briefing fetches only public "
        "addresses unless --allow-private-network is given"
    )
    assert public_dns == [("93.184.216.34", 80)]  # nothing was sent to 10.0.0.7
    with pytest.raises(FetchError, match="redirected to file:///etc/passwd: refused: 'file:'"):
        Fetcher(FetchOptions()).fetch("http://news.example/local")


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate (and its key) for ``name``, made with the openssl tool."""
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec"),
            *("-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-nodes", "-days", "2", "-keyout", str(key), "-out", str(cert)),
            *("-subj", f"/CN={name}"),
            *("-addext", f"subjectAltName=DNS:{name}"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl tool")
def test_https_checks_the_certificate_against_the_host_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = _certificate(tmp_path, "news.example")
    other, _ = _certificate(tmp_path, "other.example")
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    names: list[str | None] = []
    tls.sni_callback = lambda sock, name, context: names.append(name)  # type: ignore[assignment,misc,return-value]
    with LocalServer(tls=tls) as server:
        server.add("/story", PORT_DEAL)
        monkeypatch.setattr(fetch, "_resolve", lambda host, port: ["93.184.216.34"])
        real = urllib3.util.connection.create_connection

        def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
            assert address[0] == "93.184.216.34"
            return real(("127.0.0.1", server.port), *args, **kwargs)

        monkeypatch.setattr(urllib3.util.connection, "create_connection", create_connection)
        trusted = FetchOptions(ca_file=cert, retries=0)
        response = Fetcher(trusted).fetch("https://news.example/story")
        assert b"Coastline Ferries" in response.body
        assert names == ["news.example"]  # SNI names the host, not the address dialled
        assert server.requests[0].headers["host"] == "news.example"
        # A certificate nobody vouches for, or one for another name, is refused.
        with pytest.raises(FetchError, match="TLS error"):
            Fetcher(FetchOptions(retries=0)).fetch("https://news.example/story")
        with pytest.raises(FetchError, match="TLS error"):
            Fetcher(FetchOptions(ca_file=other, retries=0)).fetch("https://news.example/story")
        assert len(server.requests) == 1


# --- fetching ---------------------------------------------------------------------------------


def test_fetches_a_page_with_an_honest_user_agent(server: LocalServer) -> None:
    url = server.add("/news/ferry.html", PORT_DEAL)
    response = Fetcher(LOCAL).fetch(url)
    assert response.status == 200
    assert response.media_type == "text/html"
    assert "Per Aasen" in response.text()
    agent = server.requests[0].headers["user-agent"]
    assert agent.startswith(f"briefing/{__version__} (+http")


def test_declared_charset_is_used(server: LocalServer) -> None:
    page = article_page("Café owners protest", ["Le café de la gare ferme à Noël."])
    url = server.add("/fr", page.encode("iso-8859-1"), content_type="text/html; charset=ISO-8859-1")
    text = Fetcher(LOCAL).fetch(url).text()
    assert "Le café de la gare ferme à Noël." in text
    # Without a charset in the header, the page's own <meta charset> is used.
    japanese = article_page("港の合併", ["二つの港が合併に合意した。"]).replace(
        "utf-8", "shift_jis"
    )
    url = server.add(
        "/ja", japanese.encode("shift_jis", errors="replace"), content_type="text/html"
    )
    assert "二つの港が合併に合意した。" in Fetcher(LOCAL).fetch(url).text()


def test_redirects_are_followed_and_bounded(server: LocalServer) -> None:
    server.add("/final", PORT_DEAL)
    server.redirect("/a", "/b", 301)
    server.redirect("/b", server.url("/final"), 308)
    response = Fetcher(LOCAL).fetch(server.url("/a"))
    assert response.final_url == server.url("/final")
    assert b"Coastline" in response.body

    server.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        Fetcher(FetchOptions(allow_private=True, max_redirects=3)).fetch(server.url("/loop"))
    assert server.hits("/loop") == 4  # the first request and three redirects, then it stops


def test_slow_server_times_out(server: LocalServer) -> None:
    url = server.add("/slow", PORT_DEAL, delay=3.0)
    options = FetchOptions(allow_private=True, timeout=0.5, retries=0)
    with pytest.raises(FetchError, match=r"/slow: timed out"):
        Fetcher(options).fetch(url)


def test_size_limit_stops_the_download(server: LocalServer) -> None:
    big = b"<p>" + b"The port authority published its annual figures. " * 5000 + b"</p>"
    declared = server.add("/declared", big)
    streamed = server.add("/streamed", big, content_length=False)
    bomb = server.add("/bomb", b"\0" * (8 * 1024 * 1024), gzip=True)
    options = FetchOptions(allow_private=True, max_bytes=100_000)
    for url in (declared, streamed, bomb):
        with pytest.raises(FetchError, match=r"larger than the 98 KB limit") as info:
            Fetcher(options).fetch(url)
        assert str(info.value).startswith(url)
    # Under the limit, the compressed page arrives whole and decompressed.
    page = server.add("/gzipped", PORT_DEAL, gzip=True)
    assert Fetcher(options).fetch(page).body == PORT_DEAL.encode()


def test_retries_on_503_then_succeeds(server: LocalServer) -> None:
    url = server.add("/flaky", PORT_DEAL, statuses=[503, 503, 200])
    response = Fetcher(FetchOptions(allow_private=True, retries=2, backoff=0.01)).fetch(url)
    assert b"Coastline" in response.body
    assert server.hits("/flaky") == 3


def test_retries_are_bounded(server: LocalServer) -> None:
    url = server.add("/down", statuses=[503], headers={"Retry-After": "0"})
    with pytest.raises(FetchError, match="HTTP 503 Service Unavailable after 2 tries"):
        Fetcher(FetchOptions(allow_private=True, retries=1, backoff=0.01)).fetch(url)
    assert server.hits("/down") == 2
    throttled = server.add("/busy", PORT_DEAL, statuses=[429, 200], headers={"Retry-After": "0"})
    assert Fetcher(LOCAL).fetch(throttled).status == 200


def test_404_is_not_retried(server: LocalServer) -> None:
    with pytest.raises(FetchError, match=r"/gone: HTTP 404 Not Found$"):
        Fetcher(LOCAL).fetch(server.url("/gone"))
    assert server.hits("/gone") == 1


def test_a_refused_connection_is_a_clear_error() -> None:
    with LocalServer() as gone:
        url = gone.url("/page")
    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1:"):
        Fetcher(FetchOptions(allow_private=True, retries=1, backoff=0.01)).fetch(url)


def test_failed_url_is_skipped_and_the_run_goes_on(server: LocalServer) -> None:
    good = server.add("/news/ferry.html", PORT_DEAL)
    items = list(ingest([server.url("/missing.html"), good], fetch=LOCAL))
    skipped = [i for i in items if isinstance(i, Skipped)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [s.input for s in skipped] == [server.url("/missing.html")]
    assert skipped[0].reason == "HTTP 404 Not Found"
    [article] = articles
    assert article.input == good
    assert article.title == "Ferry operator and dockworkers sign three-year pay deal"
    assert "Coastline Ferries" in article.text and "All rights reserved" not in article.text


def test_options_from_the_environment() -> None:
    options = FetchOptions.from_env(
        {"BRIEFING_FETCH_MAX_BYTES": "2M", "BRIEFING_FETCH_TIMEOUT": "7.5"}, retries=0
    )
    assert (options.max_bytes, options.timeout, options.retries) == (2 * 1024 * 1024, 7.5, 0)
    with pytest.raises(UsageError, match="BRIEFING_FETCH_TIMEOUT='soon' is not a number"):
        FetchOptions.from_env({"BRIEFING_FETCH_TIMEOUT": "soon"})
    with pytest.raises(UsageError, match="timeout must be a positive number"):
        FetchOptions(timeout=0)


# --- the HTTP cache ---------------------------------------------------------------------------


def test_unchanged_page_is_not_downloaded_twice(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/news/ferry.html", PORT_DEAL, etag='"v1"')
    options = FetchOptions(allow_private=True, cache_dir=tmp_path / "http")
    with Fetcher(options) as first:
        assert not first.fetch(url).from_cache
    with Fetcher(options) as second:  # the next run
        again = second.fetch(url)
    assert again.from_cache and again.body == PORT_DEAL.encode()
    assert [s.status for s in server.requests] == [200, 304]
    assert server.requests[1].headers["if-none-match"] == '"v1"'

    dated = server.add("/dated", PORT_DEAL, last_modified="Sat, 28 Nov 2026 07:40:00 GMT")
    Fetcher(options).fetch(dated)
    assert Fetcher(options).fetch(dated).from_cache
    assert server.requests[-1].headers["if-modified-since"] == "Sat, 28 Nov 2026 07:40:00 GMT"
    assert server.requests[-1].status == 304


def test_a_feed_is_fresh_for_some_minutes(server: LocalServer, tmp_path: Path) -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    url = server.add("/feed.xml", feed, content_type="application/rss+xml", etag='"f1"')
    options = FetchOptions(allow_private=True, cache_dir=tmp_path, feed_fresh_minutes=10)
    Fetcher(options).fetch(url)
    assert Fetcher(options).fetch(url).from_cache
    assert server.hits("/feed.xml") == 1  # fresh: not even a conditional request
    stale = FetchOptions(allow_private=True, cache_dir=tmp_path, feed_fresh_minutes=0)
    assert Fetcher(stale).fetch(url).from_cache
    assert [s.status for s in server.requests] == [200, 304]


def test_cached_private_page_is_not_served_without_the_flag(
    server: LocalServer, tmp_path: Path
) -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    url = server.add("/internal.xml", feed, content_type="application/rss+xml")
    Fetcher(FetchOptions(allow_private=True, cache_dir=tmp_path)).fetch(url)
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        Fetcher(FetchOptions(cache_dir=tmp_path)).fetch(url)


def test_corrupt_cache_entry_is_ignored(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/news/ferry.html", PORT_DEAL, etag='"v1"')
    options = FetchOptions(allow_private=True, cache_dir=tmp_path)
    Fetcher(options).fetch(url)
    [entry] = [p for p in tmp_path.rglob("*.http")]
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])  # a run killed mid-copy, or a full disk
    response = Fetcher(options).fetch(url)
    assert response.body == PORT_DEAL.encode() and not response.from_cache
    assert "if-none-match" not in server.requests[-1].headers  # a miss: asked for in full
    assert HttpCache(tmp_path).get(url) is not None  # and stored whole again
    entry.write_bytes(b"not json\n" + data)
    assert HttpCache(tmp_path).get(url) is None


def test_cache_entries_are_written_atomically_and_bounded(
    server: LocalServer, tmp_path: Path
) -> None:
    urls = [server.add(f"/p{i}", f"<p>{'x' * 5000} {i}</p>") for i in range(6)]
    options = FetchOptions(allow_private=True, cache_dir=tmp_path, cache_max_bytes=20_000)
    with Fetcher(options) as fetcher:
        for n, url in enumerate(urls):
            fetcher.fetch(url)
            entry = fetcher.cache._path(url) if fetcher.cache else None
            assert entry is not None
            os.utime(entry, (1_000_000 + n, 1_000_000 + n))  # a clear age order
    entries = list(tmp_path.rglob("*.http"))
    assert sum(e.stat().st_size for e in entries) <= 20_000
    cache = HttpCache(tmp_path)
    assert cache.get(urls[-1]) is not None and cache.get(urls[0]) is None  # oldest went first
    assert not [p for p in tmp_path.rglob(".tmp-*")]
    meta = json.loads(cache._path(urls[-1]).read_bytes().split(b"\n", 1)[0])
    assert meta["url"] == urls[-1] and meta["length"] == len(f"<p>{'x' * 5000} 5</p>")


def test_ingest_can_run_without_a_cache(server: LocalServer) -> None:
    url = server.add("/news/ferry.html", PORT_DEAL, etag='"v1"')
    for _ in range(2):
        [article] = ingest([url], fetch=LOCAL)
        assert isinstance(article, Article)
    assert [s.status for s in server.requests] == [200, 200]


# --- the command line -------------------------------------------------------------------------

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>{base}/</link>
<item><title>Ferry operator and dockworkers sign three-year pay deal</title>
<link>{base}/news/ferry.html</link><pubDate>Sat, 28 Nov 2026 07:40:00 GMT</pubDate>
<description>Strikes called off after talks through the night.</description></item>
<item><title>Shipyard wins order for six tugboats</title><link>{base}/news/gone.html</link>
<description>A record order.</description></item>
</channel></rss>"""


def test_cli_builds_a_briefing_from_a_feed_url(server: LocalServer, tmp_path: Path) -> None:
    url = server.add(
        "/feed.xml", FEED.format(base=server.url("")), content_type="application/rss+xml"
    )
    server.add("/news/ferry.html", PORT_DEAL, etag='"v1"')
    args = ["build", url, "--no-extract", "--cache-dir", str(tmp_path)]

    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 1
    assert "refused: 127.0.0.1 is a loopback address" in refused.output
    assert "Traceback" not in refused.output
    assert server.requests == []

    result = CliRunner().invoke(cli, [*args, "--allow-private-network"])
    assert result.exit_code == 0, result.output
    assert "Ferry operator and dockworkers sign three-year pay deal" in result.stdout
    assert "nineteen hours" in result.stdout or "Coastline Ferries" in result.stdout
    assert f"skipped {server.url('/news/gone.html')}: cannot fetch the full article: HTTP 404" in (
        result.output
    )
    assert (tmp_path / "http").is_dir()

    again = CliRunner().invoke(cli, [*args, "--allow-private-network", "--fetch-timeout", "5"])
    assert again.exit_code == 0, again.output
    # The feed was fresh and the page unchanged: nothing was downloaded twice.
    assert server.hits("/feed.xml") == 1
    assert [s.status for s in server.requests if s.path == "/news/ferry.html"] == [200, 304]


def test_cli_refuses_other_schemes_as_inputs() -> None:
    result = CliRunner().invoke(cli, ["build", "file:///etc/passwd", "--no-cache"])
    assert result.exit_code == 1
    assert "error: file:///etc/passwd: 'file:' URLs are not read" in result.output
    assert "root:" not in result.output
