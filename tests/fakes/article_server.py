"""A local article server for tests: real HTTP on 127.0.0.1, no internet.

Routes can be added at any time (even while the server runs), because one catch-all handler
looks them up per request. Every request is recorded so a test can assert what the bot sent.

    async with ArticleServer() as server:
        server.add_file("/seed", fixtures_dir / "seed" / "article.html")
        page = await fetcher.fetch(server.url("/seed"))

``add_common_routes`` registers the pages most fetch tests need (redirects, slow, oversize,
gzip bomb, PDF, broken charset…); see its docstring for the paths.
"""

from __future__ import annotations

import asyncio
import mimetypes
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class RecordedRequest:
    """What a client sent, for assertions (``headers`` keys keep their original case)."""

    method: str
    path: str
    query_string: str
    headers: dict[str, str]


class ArticleServer:
    """An aiohttp web server on 127.0.0.1 with an ephemeral port and editable routes."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port: int | None = None
        self.requests: list[RecordedRequest] = []
        self._routes: dict[str, Handler] = {}
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()

    # lifecycle ---------------------------------------------------------------------------
    async def start(self) -> ArticleServer:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        self._closing.set()  # releases handlers that wait "forever"
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> ArticleServer:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # addresses ---------------------------------------------------------------------------
    @property
    def origin(self) -> str:
        if self.port is None:
            raise RuntimeError("ArticleServer is not started")
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server (``path`` starts with ``/``)."""
        return f"{self.origin}{path}"

    def hits(self, path: str) -> int:
        """How many requests reached ``path``."""
        return sum(1 for request in self.requests if request.path == path)

    # routes ------------------------------------------------------------------------------
    def add_route(self, path: str, handler: Handler) -> None:
        """Serve ``path`` (exact match, query ignored) with an aiohttp handler."""
        self._routes[path] = handler

    def add_page(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Serve fixed bytes (str is UTF-8 encoded) with exactly this Content-Type header."""
        payload = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.Response:
            response = web.Response(body=payload, status=status, headers=headers)
            response.headers["Content-Type"] = content_type
            return response

        self.add_route(path, handler)

    def add_file(self, path: str, file: Path, content_type: str | None = None) -> None:
        """Serve one file; the type is guessed from its name unless given."""
        guessed = content_type or _guess_type(file)
        self.add_page(path, file.read_bytes(), content_type=guessed)

    def serve_dir(self, prefix: str, folder: Path) -> None:
        """Serve every file under ``folder`` at ``prefix/<relative path>`` (read per request)."""
        root = folder.resolve()

        async def handler(request: web.Request) -> web.StreamResponse:
            relative = request.path[len(prefix) :].lstrip("/")
            target = (root / relative).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                raise web.HTTPNotFound()
            response = web.Response(body=target.read_bytes())
            response.headers["Content-Type"] = _guess_type(target)
            return response

        self._routes[prefix.rstrip("/") + "/*"] = handler

    def add_redirect(self, path: str, location: str, status: int = 302) -> None:
        """Answer ``path`` with a redirect to ``location`` (absolute or relative)."""

        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status, headers={"Location": location})

        self.add_route(path, handler)

    def add_slow(self, path: str, delay: float | None = None) -> None:
        """Send nothing for ``delay`` seconds (None: until the server closes), then a page."""

        async def handler(request: web.Request) -> web.Response:
            await self._wait(delay)
            return web.Response(text="<html><body>late</body></html>", content_type="text/html")

        self.add_route(path, handler)

    def add_trickle(self, path: str, interval: float = 0.05) -> None:
        """Send headers at once, then one byte per ``interval`` until the client gives up."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
            await response.prepare(request)
            try:
                await response.write(b"<html><body>")
                while not self._closing.is_set():
                    await response.write(b"x")
                    await self._wait(interval)
            except (ConnectionError, RuntimeError):
                pass  # the client gave up, which is what the test wants
            return response

        self.add_route(path, handler)

    def add_stream(
        self,
        path: str,
        total_bytes: int,
        content_type: str = "text/html; charset=utf-8",
        declared_length: int | None = None,
        chunk: bytes = b"<p>" + b"a" * 1021,
    ) -> None:
        """Stream ``total_bytes`` (chunked unless ``declared_length`` is given)."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": content_type})
            if declared_length is not None:
                response.content_length = declared_length
            await response.prepare(request)
            sent = 0
            try:
                while sent < total_bytes:
                    piece = chunk[: total_bytes - sent]
                    await response.write(piece)
                    sent += len(piece)
            except (ConnectionError, RuntimeError):
                return response  # the client hung up, as a capped reader should
            await response.write_eof()
            return response

        self.add_route(path, handler)

    def add_gzip_bomb(
        self, path: str, inflated_megabytes: int = 1024, declare_length: bool = False
    ) -> None:
        """A valid gzip stream of zeros that inflates to ``inflated_megabytes`` MB.

        Only about 1 KB per inflated MB crosses the wire, so a reader that inflates it all
        would take seconds and a gigabyte of memory; a capped reader stops almost at once.
        With ``declare_length`` the (small, truthful) compressed Content-Length is sent, the
        way a bomb slips past a reader that only checks that header.
        """

        async def handler(request: web.Request) -> web.StreamResponse:
            first, repeat = _gzip_zero_blocks()
            response = web.StreamResponse(
                headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
            )
            if declare_length:
                response.content_length = len(first) + len(repeat) * (inflated_megabytes - 1)
            await response.prepare(request)
            try:
                await response.write(first)
                for _ in range(inflated_megabytes - 1):
                    await response.write(repeat)
            except (ConnectionError, RuntimeError):
                return response
            await response.write_eof()
            return response

        self.add_route(path, handler)

    # internals ---------------------------------------------------------------------------
    async def _wait(self, delay: float | None) -> None:
        try:
            async with asyncio.timeout(delay):
                await self._closing.wait()
        except TimeoutError:
            pass

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path,
                query_string=request.query_string,
                headers=dict(request.headers),
            )
        )
        handler = self._routes.get(request.path) or self._prefix_handler(request.path)
        if handler is None:
            response = web.Response(status=404, text="<html><body>Not here</body></html>")
            response.headers["Content-Type"] = "text/html; charset=utf-8"
            return response
        return await handler(request)

    def _prefix_handler(self, path: str) -> Handler | None:
        for key, handler in self._routes.items():
            if key.endswith("/*") and path.startswith(key[:-1]):
                return handler
        return None


def _guess_type(file: Path) -> str:
    guessed, _ = mimetypes.guess_type(file.name)
    guessed = guessed or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


@cache
def _gzip_zero_blocks() -> tuple[bytes, bytes]:
    """Gzip header + first MB of zeros, and a block that inflates to one more MB of zeros.

    After a full flush the compressor forgets its history, so compressing the same megabyte
    again yields identical bytes: repeating that block makes an arbitrarily long valid stream.
    """
    zeros = bytes(_MEGABYTE)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first, repeat


def add_common_routes(server: ArticleServer, fixtures_dir: Path) -> None:
    """Register the pages fetch tests rely on.

    ``/seed`` the seed article · ``/fixtures/…`` any fixture file · ``/plain`` text/plain ·
    ``/latin1`` an ISO-8859-1 page · ``/meta-charset`` charset only in <meta> (windows-1252) ·
    ``/broken-charset`` an unknown charset label · ``/bad-bytes`` invalid UTF-8 ·
    ``/bom`` UTF-16 with a BOM · ``/no-type`` HTML without Content-Type · ``/pdf`` a PDF ·
    ``/image`` a PNG · ``/missing`` 404 · ``/redirect/N`` N redirects ending at ``/seed`` ·
    ``/loop-a`` ↔ ``/loop-b`` a redirect loop · ``/to-private`` → http://10.0.0.1/ ·
    ``/to-private6`` → http://[::1]/ · ``/to-metadata`` → http://169.254.169.254/ ·
    ``/to-decimal`` → the seed page via http://2130706433:PORT/ · ``/to-ftp`` → ftp:// ·
    ``/slow`` headers never come · ``/trickle`` body never ends · ``/oversize`` 6 MB chunked ·
    ``/oversize-declared`` 6 MB with Content-Length · ``/gzip-bomb`` 1 GB of zeros gzipped ·
    ``/gzip-bomb-declared`` 64 MB of zeros gzipped, with its small compressed Content-Length.
    """
    server.add_file("/seed", fixtures_dir / "seed" / "article.html")
    server.serve_dir("/fixtures", fixtures_dir)
    server.add_page(
        "/plain", "Plain words about 12 claims.\n", content_type="text/plain; charset=utf-8"
    )
    server.add_page(
        "/latin1",
        "<html><body><p>Caf\u00e9 na\u00efve \u00a35</p></body></html>".encode("iso-8859-1"),
        content_type="text/html; charset=ISO-8859-1",
    )
    server.add_page(
        "/meta-charset",
        b'<html><head><meta charset="windows-1252"></head>'
        b"<body><p>\x93Quoted\x94 \x80 5</p></body></html>",
        content_type="text/html",
    )
    server.add_page(
        "/broken-charset",
        "<html><body><p>Ünïcödé survives</p></body></html>",
        content_type="text/html; charset=no-such-charset-x",
    )
    server.add_page(
        "/bad-bytes",
        b"<html><body><p>good \xff\xfe\xfa bytes</p></body></html>",
        content_type="text/html; charset=utf-8",
    )
    server.add_page(
        "/bom",
        "\ufeff<html><body><p>UTF-16 \u00e9t\u00e9</p></body></html>".encode("utf-16-le"),
        content_type="text/html",
    )
    server.add_page("/no-type", b"<!DOCTYPE html><html><body>untyped</body></html>", "")
    server.add_page("/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf")
    server.add_page("/image", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    server.add_page("/missing", "<html><body>Gone</body></html>", status=404)
    for hops in range(1, 8):
        target = "/seed" if hops == 1 else f"/redirect/{hops - 1}"
        server.add_redirect(f"/redirect/{hops}", target)
    server.add_redirect("/loop-a", "/loop-b")
    server.add_redirect("/loop-b", "/loop-a")
    server.add_redirect("/to-private", "http://10.0.0.1/")
    server.add_redirect("/to-private6", "http://[::1]/")
    server.add_redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
    server.add_redirect("/to-ftp", "ftp://example.com/file")

    async def to_decimal(request: web.Request) -> web.Response:
        return web.Response(
            status=301, headers={"Location": f"http://2130706433:{server.port}/seed"}
        )

    server.add_route("/to-decimal", to_decimal)
    server.add_slow("/slow")
    server.add_trickle("/trickle")
    server.add_stream("/oversize", 6 * _MEGABYTE)
    server.add_stream("/oversize-declared", 6 * _MEGABYTE, declared_length=6 * _MEGABYTE)
    server.add_gzip_bomb("/gzip-bomb")
    server.add_gzip_bomb("/gzip-bomb-declared", inflated_megabytes=64, declare_length=True)
