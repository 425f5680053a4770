"""A page on the local article server that answers conditional requests like a real site.

``ConditionalPage`` serves a body with an ``ETag`` and a ``Last-Modified`` header and answers
``304 Not Modified`` when the request's ``If-None-Match`` (or, without it, ``If-Modified-Since``)
matches the current version. A test edits the page (``change``) or breaks it (``fail_with``) and
counts what reached it, so it can tell a re-check that re-read the page from one that did not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from aiohttp import web

from tests.fakes.article_server import ArticleServer

EPOCH = datetime(2025, 6, 16, 9, 0, tzinfo=UTC)


@dataclass
class ConditionalPage:
    """One article whose versions a test controls; ``served`` counts 200s, ``not_modified`` 304s."""

    body: str
    version: int = 1
    status: int = 200
    send_etag: bool = True
    send_last_modified: bool = True
    served: int = 0
    not_modified: int = 0
    conditional_headers: list[dict[str, str]] = field(default_factory=list)

    @property
    def etag(self) -> str:
        return f'"v{self.version}"'

    @property
    def last_modified(self) -> str:
        return format_datetime(EPOCH + timedelta(hours=self.version), usegmt=True)

    def change(self, body: str) -> None:
        """A new version of the page: new text, new ETag, a later Last-Modified."""
        self.body = body
        self.version += 1
        self.status = 200

    def fail_with(self, status: int) -> None:
        self.status = status

    def _unchanged(self, request: web.Request) -> bool:
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            return if_none_match.strip() in (self.etag, f"W/{self.etag}")
        since = request.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return parsedate_to_datetime(since) >= EPOCH + timedelta(hours=self.version)
        except (TypeError, ValueError):
            return False

    async def handle(self, request: web.Request) -> web.Response:
        self.conditional_headers.append(
            {k: v for k, v in request.headers.items() if k.lower().startswith("if-")}
        )
        if self.status != 200:
            response = web.Response(status=self.status, text="<html><body>Gone</body></html>")
            response.headers["Content-Type"] = "text/html; charset=utf-8"
            return response
        headers = {}
        if self.send_etag:
            headers["ETag"] = self.etag
        if self.send_last_modified:
            headers["Last-Modified"] = self.last_modified
        if self._unchanged(request):
            self.not_modified += 1
            return web.Response(status=304, headers=headers)
        self.served += 1
        response = web.Response(body=self.body.encode("utf-8"), headers=headers)
        response.headers["Content-Type"] = "text/html; charset=utf-8"
        return response


def add_conditional_page(server: ArticleServer, path: str, body: str) -> ConditionalPage:
    """Serve ``body`` at ``path`` as a :class:`ConditionalPage` and return it for editing."""
    page = ConditionalPage(body)
    server.add_route(path, page.handle)
    return page
