"""A small fake Discord (REST under /api/v10 + gateway websocket) on 127.0.0.1.

Why: end-to-end tests run the real bot (discord.py 2.7) against it without the internet. The
fake records every REST call so tests assert on what the bot *did*, pushes gateway events the
way Discord does, and answers only the routes it knows: anything else is recorded and answered
404 so a missing route is loud. Payloads come from tests/fakes/payloads.py.

Drive it: `await fake.dispatch("MESSAGE_CREATE", world.user_message("hi"))`, then
`await fake.wait_for_request("POST", r"/channels/\\d+/messages")`. See README.md here.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes import payloads
from tests.fakes.payloads import Payload, World

_log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
DEFAULT_HEARTBEAT_INTERVAL = 41.25  # seconds, as Discord sends it
DEFAULT_TIMEOUT = 5.0

# Gateway opcodes.
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Interaction callback types.
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
MODAL = 9

EPHEMERAL = 64
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # guild members, presences, message content
LOADING = 128


@dataclass
class RecordedRequest:
    """One REST call as the fake saw it. `path` is relative to /api/v10 and URL-decoded
    (reaction paths carry the emoji itself); `json` is the JSON body, or the `payload_json`
    part of a multipart body (then `files` names the uploaded files)."""

    index: int
    method: str
    path: str
    query: dict[str, str]
    json: Any
    headers: dict[str, str]
    files: tuple[str, ...]
    at: float  # time.monotonic() on arrival
    status: int = 0
    known: bool = True
    response: Any = None
    file_bodies: dict[str, bytes] = field(default_factory=dict)  # uploaded files by name

    def __str__(self) -> str:
        query = "?" + "&".join(f"{k}={v}" for k, v in self.query.items()) if self.query else ""
        return f"#{self.index} {self.method} {self.path}{query} -> {self.status}"


@dataclass
class GatewayFrame:
    """A frame the client sent on the gateway (op, data, arrival time)."""

    op: int
    data: Any
    at: float


@dataclass
class _Connection:
    ws: web.WebSocketResponse
    query: dict[str, str]
    session_id: str = ""
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class FakeDiscordError(AssertionError):
    """Raised when a test asks the fake for something that did not happen (loud on purpose)."""


@dataclass
class _Call:
    """What a route handler gets: the request, its record and the path's named groups."""

    request: web.Request
    record: RecordedRequest
    match: re.Match[str]

    @property
    def body(self) -> Payload:
        return self.record.json or {}

    def __getitem__(self, group: str) -> str:
        return self.match[group]


Handler = Callable[[_Call], Awaitable[web.Response]]


def json_response(data: Any, status: int = 200) -> web.Response:
    """discord.py parses JSON only when Content-Type is exactly application/json (no charset)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def no_content() -> web.Response:
    return web.Response(status=204)


class FakeDiscord:
    """The fake: start it, point discord.py at it (tests/fakes/fixtures.py), drive it."""

    def __init__(
        self,
        world: World | None = None,
        *,
        token: str = "fake-bot-token",
        heartbeat_interval: float = DEFAULT_HEARTBEAT_INTERVAL,
        dispatch_thread_create: bool = True,
    ) -> None:
        self.world = world or World.default()
        self.token = token
        self.reject_token = False  # True: every bot-token call (GET /users/@me first) gets 401
        # True: IDENTIFY with a privileged intent (members, presences, message content) is
        # closed with 4014, as when the intent is off in the Developer Portal.
        self.refuse_privileged_intents = False
        self.heartbeat_interval = heartbeat_interval
        self.dispatch_thread_create = dispatch_thread_create

        self.requests: list[RecordedRequest] = []
        self.gateway_frames: list[GatewayFrame] = []
        self.heartbeats: list[float] = []  # time.monotonic() of each op 1 received
        self.identifies: list[Payload] = []
        self.resumes: list[Payload] = []
        self.gateway_queries: list[dict[str, str]] = []
        self.messages: dict[str, Payload] = {}
        self.commands: dict[str | None, list[Payload]] = {}
        self.interactions: dict[str, Payload] = {}  # by token
        self.interaction_sent_at: dict[str, float] = {}  # by interaction id
        self.original_responses: dict[str, Payload] = {}  # by interaction token
        self.modals: dict[str, Payload] = {}  # forms shown (callback type 9), by interaction id
        self.callbacks: dict[str, RecordedRequest] = {}  # first callback, by interaction id
        self.reactions: list[tuple[str, str, str]] = []  # (channel_id, message_id, emoji)
        self._failures: list[tuple[str, re.Pattern[str], int, Payload]] = []
        self._dm_channels: dict[str, Payload] = {}

        self.seq = 0
        self._claimed: set[int] = set()
        self._answered: set[str] = set()
        self._changed = asyncio.Condition()
        self._connection: _Connection | None = None
        self._connected = asyncio.Condition()
        self._connections: list[_Connection] = []
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._register_routes()

    # --- lifecycle --------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        app.router.add_route("*", "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        for conn in self._connections:
            if not conn.ws.closed:
                await conn.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def api_base(self) -> str:
        """What `discord.http.Route.BASE` must be."""
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """What `DiscordWebSocket.DEFAULT_GATEWAY` must be (as a yarl.URL)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    # --- asserting on REST calls ------------------------------------------------------

    def requests_matching(
        self,
        method: str | None = None,
        path_regex: str = ".*",
        predicate: Callable[[RecordedRequest], bool] | None = None,
    ) -> list[RecordedRequest]:
        """Every recorded request (claimed or not) whose path fully matches `path_regex`."""
        pattern = re.compile(path_regex)
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper())
            and pattern.fullmatch(r.path)
            and (predicate is None or predicate(r))
        ]

    @property
    def unknown_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if not r.known]

    @property
    def request_count(self) -> int:
        return len(self.requests)

    async def wait_for_request(
        self,
        method: str,
        path_regex: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109 (the brief's API)
        predicate: Callable[[RecordedRequest], bool] | None = None,
    ) -> RecordedRequest:
        """The earliest matching request not yet returned by a previous wait (then claimed),
        waiting up to `timeout` seconds for it. Waiting twice for the same route therefore gives
        the first, then the second call. Fails loudly listing what did arrive."""
        pattern = re.compile(path_regex)
        wanted = method.upper()

        def find() -> RecordedRequest | None:
            for r in self.requests:
                if r.index in self._claimed or r.method != wanted or not pattern.fullmatch(r.path):
                    continue
                if predicate is None or predicate(r):
                    return r
            return None

        try:
            async with asyncio.timeout(timeout), self._changed:
                found = await self._changed.wait_for(find)
        except TimeoutError:
            seen = "\n  ".join(str(r) for r in self.requests) or "(none)"
            raise FakeDiscordError(
                f"fake Discord: no {wanted} {path_regex} within {timeout}s. Requests so far:\n"
                f"  {seen}"
            ) from None
        self._claimed.add(found.index)
        return found

    # --- pushing gateway events -------------------------------------------------------

    async def wait_until_connected(self, timeout: float = DEFAULT_TIMEOUT) -> None:  # noqa: ASYNC109
        """Until a client has identified (or resumed) on the gateway."""
        try:
            async with asyncio.timeout(timeout), self._connected:
                await self._connected.wait_for(
                    lambda: self._connection is not None and self._connection.identified.is_set()
                )
        except TimeoutError:
            raise FakeDiscordError(
                f"fake Discord: no client identified on the gateway within {timeout}s"
            ) from None

    async def dispatch(
        self,
        event: str,
        data: Payload,
        *,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    ) -> int:
        """Send a DISPATCH (op 0) event to the connected client; returns its sequence number.
        Messages and interaction targets are remembered so later REST calls can find them."""
        await self.wait_until_connected(timeout)
        conn = self._connection
        assert conn is not None
        self._remember(event, data)
        return await self._send_dispatch(conn, event, data)

    async def send_interaction(self, interaction: Payload) -> Payload:
        """Dispatch INTERACTION_CREATE; returns the payload (its id/token name the callback)."""
        self.interactions[interaction["token"]] = interaction
        self.interaction_sent_at[interaction["id"]] = time.monotonic()
        await self.dispatch("INTERACTION_CREATE", interaction)
        return interaction

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client closes and resumes on a new connection."""
        conn = self._connection
        if conn is None:
            raise FakeDiscordError("fake Discord: no gateway connection to reconnect")
        conn.identified.clear()
        await self._send(conn, {"op": OP_RECONNECT, "d": None})

    def registered_command(
        self, name: str, *, type: int = payloads.CHAT_INPUT, guild_id: str | None = None
    ) -> Payload:
        """A command the bot synced (guild commands of the world's guild first, then global)."""
        scopes = [guild_id] if guild_id else [self.world.guild_id, None]
        for scope in scopes:
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == type:
                    return command
        known = {scope: [c["name"] for c in cmds] for scope, cmds in self.commands.items()}
        raise FakeDiscordError(f"fake Discord: command {name!r} (type {type}) not synced; {known}")

    async def wait_for_heartbeats(self, count: int, timeout: float = DEFAULT_TIMEOUT) -> None:  # noqa: ASYNC109
        """Until `count` heartbeats in all have arrived."""
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(lambda: len(self.heartbeats) >= count)
        except TimeoutError:
            raise FakeDiscordError(
                f"fake Discord: {len(self.heartbeats)} of {count} heartbeats within {timeout}s"
            ) from None

    async def wait_for_answers(
        self, interactions: list[Payload], timeout: float = DEFAULT_TIMEOUT  # noqa: ASYNC109
    ) -> None:
        """Until every interaction in `interactions` has had its callback (cheap for many)."""
        pending = [i["id"] for i in interactions]

        def answered() -> bool:
            while pending and pending[-1] in self.callbacks:
                pending.pop()
            return not pending

        pending.reverse()
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(answered)
        except TimeoutError:
            raise FakeDiscordError(
                f"fake Discord: {len(pending)} of {len(interactions)} interactions unanswered "
                f"after {timeout}s"
            ) from None

    def callback_delay(self, interaction: Payload) -> float:
        """Seconds from dispatching `interaction` to its callback (Discord allows 3)."""
        answered = self.callbacks.get(interaction["id"])
        if answered is None:
            raise FakeDiscordError(f"fake Discord: interaction {interaction['id']} not answered")
        return answered.at - self.interaction_sent_at[interaction["id"]]

    def answer_to(self, interaction: Payload) -> Payload:
        """The message that answered `interaction` (its callback's message), as stored now."""
        found = self.original_responses.get(interaction["token"])
        if found is None:
            raise FakeDiscordError(f"fake Discord: interaction {interaction['id']} has no message")
        return self.messages.get(found["id"], found)

    def edits_of(self, message_id: int | str) -> list[RecordedRequest]:
        """Every PATCH of a channel message (the bot editing it in place), oldest first."""
        return self.requests_matching("PATCH", rf"/channels/\d+/messages/{message_id}")

    def heartbeat_gaps(self) -> list[float]:
        """Seconds between consecutive heartbeats (a busy event loop shows as long gaps)."""
        return [b - a for a, b in zip(self.heartbeats, self.heartbeats[1:], strict=False)]

    # --- gateway ----------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        conn = _Connection(ws=ws, query=dict(request.query))
        self.gateway_queries.append(conn.query)
        self._connections.append(conn)
        async with self._connected:
            self._connection = conn
            self._connected.notify_all()
        await self._send(conn, {"op": OP_HELLO, "d": {"heartbeat_interval": self._interval_ms()}})
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(conn, json.loads(msg.data))
                elif msg.type is WSMsgType.ERROR:
                    break
        finally:
            if self._connection is conn:
                conn.identified.clear()
        return ws

    def _interval_ms(self) -> int:
        return max(1, int(self.heartbeat_interval * 1000))

    async def _on_frame(self, conn: _Connection, frame: Payload) -> None:
        op, data = frame.get("op"), frame.get("d")
        now = time.monotonic()
        self.gateway_frames.append(GatewayFrame(op=op, data=data, at=now))
        if op == OP_HEARTBEAT:
            self.heartbeats.append(now)
            await self._send(conn, {"op": OP_HEARTBEAT_ACK})
            async with self._changed:
                self._changed.notify_all()
        elif op == OP_IDENTIFY:
            await self._on_identify(conn, data)
        elif op == OP_RESUME:
            await self._on_resume(conn, data)
        elif op == OP_REQUEST_MEMBERS:
            await self._on_request_members(conn, data)
        elif op != OP_PRESENCE:
            _log.warning("fake Discord: unhandled gateway op %s", op)

    async def _on_identify(self, conn: _Connection, data: Payload) -> None:
        self.identifies.append(data)
        if self.reject_token or data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if self.refuse_privileged_intents and int(data.get("intents", 0)) & PRIVILEGED_INTENTS:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        conn.session_id = uuid.uuid4().hex
        self.seq = 0
        ready = payloads.ready(
            user_payload=self.world.bot_user,
            application_payload=self.world.application,
            guild_ids=[g["id"] for g in self.world.guilds],
            session_id=conn.session_id,
            resume_gateway_url=self.gateway_url,
        )
        await self._send_dispatch(conn, "READY", ready)
        for guild in self.world.guilds:
            await self._send_dispatch(conn, "GUILD_CREATE", guild)
        await self._mark_identified(conn)

    async def _on_resume(self, conn: _Connection, data: Payload) -> None:
        self.resumes.append(data)
        previous = {c.session_id for c in self._connections if c is not conn}
        if data.get("session_id") in previous and data.get("token") == self.token:
            conn.session_id = data["session_id"]
            await self._send_dispatch(conn, "RESUMED", {})
            await self._mark_identified(conn)
        else:
            await self._send(conn, {"op": OP_INVALID_SESSION, "d": False})

    async def _on_request_members(self, conn: _Connection, data: Payload) -> None:
        guild = next((g for g in self.world.guilds if g["id"] == str(data.get("guild_id"))), None)
        chunk = {
            "guild_id": str(data.get("guild_id")),
            "members": guild["members"] if guild else [],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await self._send_dispatch(conn, "GUILD_MEMBERS_CHUNK", chunk)

    async def _mark_identified(self, conn: _Connection) -> None:
        async with self._connected:
            conn.identified.set()
            self._connected.notify_all()

    async def _send_dispatch(self, conn: _Connection, event: str, data: Payload) -> int:
        self.seq += 1
        await self._send(conn, {"op": OP_DISPATCH, "t": event, "s": self.seq, "d": data})
        return self.seq

    async def _send(self, conn: _Connection, frame: Payload) -> None:
        frame.setdefault("s", None)
        frame.setdefault("t", None)
        async with conn.send_lock:
            if conn.ws.closed:
                raise FakeDiscordError("fake Discord: the gateway connection is closed")
            await conn.ws.send_str(json.dumps(frame))

    def _remember(self, event: str, data: Payload) -> None:
        """Keep copies, so editing a stored message never changes the test's own dicts."""
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE") and "id" in data:
            self.messages[data["id"]] = copy.deepcopy(data)
        elif event == "INTERACTION_CREATE":
            messages = list(((data.get("data") or {}).get("resolved") or {}).get("messages", {})
                            .values())
            if "message" in data:
                messages.insert(0, data["message"])
            for msg in messages:
                if msg["id"] not in self.messages:  # copy only what is new (cards are big)
                    self.messages[msg["id"]] = copy.deepcopy(msg)

    # --- REST plumbing ----------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = request.path
        path = path[len(API_PREFIX) :] if path.startswith(API_PREFIX + "/") else path
        body, uploads = await self._read_body(request)
        files = tuple(uploads)
        record = RecordedRequest(
            index=len(self.requests),
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            headers=dict(request.headers),
            files=files,
            at=time.monotonic(),
            file_bodies=uploads,
        )
        self.requests.append(record)
        response = await self._route(request, record)
        record.status = response.status
        if isinstance(response.body, bytes) and response.body:
            record.response = json.loads(response.body)
        async with self._changed:
            self._changed.notify_all()
        return response

    async def _read_body(self, request: web.Request) -> tuple[Any, dict[str, bytes]]:
        """The JSON body (or a multipart's payload_json) and any uploaded files by name."""
        if request.content_type == "multipart/form-data":
            form = await request.post()
            files = {
                v.filename: v.file.read() for v in form.values() if isinstance(v, web.FileField)
            }
            raw = form.get("payload_json")
            return (json.loads(raw) if isinstance(raw, str) else None), files
        if not request.can_read_body:
            return None, {}
        text = await request.text()
        try:
            return json.loads(text), {}
        except ValueError:
            return text, {}

    def fail_next(
        self,
        method: str,
        path_regex: str,
        *,
        status: int = 403,
        message: str = "Missing Permissions",
        code: int = 50013,
    ) -> None:
        """Answer the next matching request with an error (once), as Discord does when, say,
        a permission is missing; later requests succeed again."""
        error = payloads.error(message, code)
        self._failures.append((method, re.compile(path_regex), status, error))

    def _planned_failure(self, record: RecordedRequest) -> web.Response | None:
        for index, (method, pattern, status, error) in enumerate(self._failures):
            if method == record.method and pattern.fullmatch(record.path):
                del self._failures[index]
                return json_response(error, status=status)
        return None

    async def _route(self, request: web.Request, record: RecordedRequest) -> web.Response:
        token_free = record.path.startswith(("/interactions/", "/webhooks/"))
        if not token_free and not self._authorized(request):
            return json_response(payloads.error("401: Unauthorized"), status=401)
        if (failure := self._planned_failure(record)) is not None:
            return failure
        for method, pattern, handler in self._routes:
            if method != request.method:
                continue
            match = pattern.fullmatch(record.path)
            if match:
                return await handler(_Call(request, record, match))
        record.known = False
        _log.error("fake Discord: unknown route %s %s", record.method, record.path)
        return json_response(payloads.error("Unknown route (fake)"), status=404)

    def _add(self, method: str, regex: str, handler: Handler) -> None:
        self._routes.append((method, re.compile(regex), handler))

    def _register_routes(self) -> None:
        sf = r"(?P<{}>\d+)"
        ch, msg, app = sf.format("channel"), sf.format("message"), sf.format("app")
        guild, tok = sf.format("guild"), r"(?P<token>[^/]+)"
        self._add("GET", r"/users/@me", self._get_me)
        self._add("GET", r"/oauth2/applications/@me", self._get_application)
        self._add("GET", r"/gateway(/bot)?", self._get_gateway)
        self._add("POST", r"/users/@me/channels", self._create_dm)
        self._add("GET", rf"/channels/{ch}", self._get_channel)
        self._add("PATCH", rf"/channels/{ch}", self._edit_channel)
        self._add("POST", rf"/channels/{ch}/typing", self._typing)
        self._add("GET", rf"/channels/{ch}/messages", self._history)
        self._add("POST", rf"/channels/{ch}/messages", self._create_message)
        self._add("GET", rf"/channels/{ch}/messages/{msg}", self._get_message)
        self._add("PATCH", rf"/channels/{ch}/messages/{msg}", self._edit_message)
        self._add("DELETE", rf"/channels/{ch}/messages/{msg}", self._delete_message)
        reaction = rf"/channels/{ch}/messages/{msg}/reactions/(?P<emoji>[^/]+)/@me"
        self._add("PUT", reaction, self._react)
        self._add("DELETE", reaction, self._react)
        self._add("POST", rf"/channels/{ch}/messages/{msg}/threads", self._thread_from_message)
        self._add("POST", rf"/channels/{ch}/threads", self._thread_without_message)
        self._add("GET", rf"/guilds/{guild}", self._get_guild)
        self._add("GET", rf"/guilds/{guild}/channels", self._get_guild_channels)
        self._add("GET", rf"/guilds/{guild}/members/(?P<user>\d+)", self._get_member)
        self._add("POST", rf"/interactions/(?P<interaction>\d+)/{tok}/callback", self._callback)
        self._add("POST", rf"/webhooks/{app}/{tok}", self._followup)
        original = rf"/webhooks/{app}/{tok}/messages/(?P<message>@original|\d+)"
        self._add("GET", original, self._get_webhook_message)
        self._add("PATCH", original, self._edit_webhook_message)
        self._add("DELETE", original, self._delete_webhook_message)
        commands = rf"/applications/{app}(/guilds/{guild})?/commands"
        self._add("PUT", commands, self._put_commands)
        self._add("GET", commands, self._get_commands)
        self._add("POST", commands, self._upsert_command)

    # --- REST handlers: identity ------------------------------------------------------

    def _authorized(self, request: web.Request) -> bool:
        return not self.reject_token and request.headers.get("Authorization") == f"Bot {self.token}"

    async def _get_me(self, call: _Call) -> web.Response:
        return json_response(self.world.bot_user)

    async def _get_application(self, *_: Any) -> web.Response:
        return json_response(self.world.application)

    async def _get_gateway(self, *_: Any) -> web.Response:
        return json_response(
            {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    # --- REST handlers: channels and messages -----------------------------------------

    def _channel_or_404(self, channel_id: str) -> Payload | web.Response:
        channel = self.world.find_channel(channel_id) or self._dm_channels.get(channel_id)
        if channel is None:
            return json_response(payloads.error("Unknown Channel", 10003), status=404)
        return channel

    def _message_or_404(self, message_id: str) -> Payload | web.Response:
        message = self.messages.get(message_id)
        if message is None:
            return json_response(payloads.error("Unknown Message", 10008), status=404)
        return message

    async def _create_dm(self, call: _Call) -> web.Response:
        recipient_id = str((call.body).get("recipient_id"))
        member = self.world.find_member(recipient_id)
        recipient = member["user"] if member else payloads.user(id=recipient_id, username="someone")
        channel = payloads.dm_channel(recipient=recipient)
        self._dm_channels[channel["id"]] = channel
        return json_response(channel)

    async def _get_channel(self, call: _Call) -> web.Response:
        channel = self._channel_or_404(call["channel"])
        return channel if isinstance(channel, web.Response) else json_response(channel)

    async def _edit_channel(self, call: _Call) -> web.Response:
        channel = self._channel_or_404(call["channel"])
        if isinstance(channel, web.Response):
            return channel
        body = call.body
        for key in ("name", "topic", "rate_limit_per_user"):
            if key in body:
                channel[key] = body[key]
        if "thread_metadata" in channel:
            for key in ("archived", "locked", "auto_archive_duration"):
                if key in body:
                    channel["thread_metadata"][key] = body[key]
        return json_response(channel)

    async def _typing(self, call: _Call) -> web.Response:
        channel = self._channel_or_404(call["channel"])
        return channel if isinstance(channel, web.Response) else no_content()

    async def _history(self, call: _Call) -> web.Response:
        limit = int(call.request.query.get("limit", "50"))
        in_channel = [msg for msg in self.messages.values() if msg["channel_id"] == call["channel"]]
        newest_first = sorted(in_channel, key=lambda msg: int(msg["id"]), reverse=True)
        return json_response(newest_first[:limit])

    def _bot_message(
        self, channel: Payload, body: Payload, files: tuple[str, ...] = (), **extra: Any
    ) -> Payload:
        """A message the bot (or its interaction webhook) posted, echoing what it sent."""
        guild_id = channel.get("guild_id")
        reference = body.get("message_reference")
        message = payloads.message(
            channel_id=channel["id"],
            author=self.world.bot_user,
            guild_id=guild_id,
            member_payload=self.world.bot_member if guild_id else None,
            content=body.get("content") or "",
            embeds=[{"type": "rich", **e} for e in body.get("embeds") or []],
            components=body.get("components") or [],
            flags=body.get("flags") or 0,
            attachments=[payloads.attachment(filename=name) for name in files],
            message_reference=(
                {"channel_id": channel["id"], "guild_id": guild_id, **reference}
                if reference
                else None
            ),
            **extra,
        )
        if reference and str(reference.get("message_id")) in self.messages:
            message["referenced_message"] = self.messages[str(reference["message_id"])]
        self.messages[message["id"]] = message
        return message

    async def _create_message(self, call: _Call) -> web.Response:
        channel = self._channel_or_404(call["channel"])
        if isinstance(channel, web.Response):
            return channel
        body = call.body
        if not (
            body.get("content") or body.get("embeds") or call.record.files or body.get("components")
        ):
            return json_response(payloads.error("Cannot send an empty message", 50006), status=400)
        return json_response(self._bot_message(channel, body, call.record.files))

    async def _get_message(self, call: _Call) -> web.Response:
        message = self._message_or_404(call["message"])
        return message if isinstance(message, web.Response) else json_response(message)

    def _apply_edit(self, message: Payload, body: Payload) -> Payload:
        if "content" in body:
            message["content"] = body["content"] or ""
        if "embeds" in body:
            message["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            message["components"] = body["components"] or []
        if "flags" in body and body["flags"] is not None:
            message["flags"] = body["flags"]
        message["edited_timestamp"] = payloads.iso_now()
        return message

    async def _edit_message(self, call: _Call) -> web.Response:
        message = self._message_or_404(call["message"])
        if isinstance(message, web.Response):
            return message
        return json_response(self._apply_edit(message, call.body))

    async def _delete_message(self, call: _Call) -> web.Response:
        message = self._message_or_404(call["message"])
        if isinstance(message, web.Response):
            return message
        del self.messages[call["message"]]
        return no_content()

    async def _react(self, call: _Call) -> web.Response:
        message = self._message_or_404(call["message"])
        if isinstance(message, web.Response):
            return message
        entry = (call["channel"], call["message"], call["emoji"])
        if call.request.method == "PUT":
            self.reactions.append(entry)
        elif entry in self.reactions:
            self.reactions.remove(entry)
        return no_content()

    async def _new_thread(self, parent: Payload, body: Payload, thread_id: str | None) -> Payload:
        created = payloads.thread(
            id=thread_id,
            guild_id=parent["guild_id"],
            parent_id=parent["id"],
            owner_id=self.world.bot_user["id"],
            name=body.get("name") or "thread",
            private=body.get("type") == payloads.PRIVATE_THREAD,
            auto_archive_duration=body.get("auto_archive_duration") or 1440,
        )
        guild = next(g for g in self.world.guilds if g["id"] == parent["guild_id"])
        guild["threads"].append(created)
        if (
            self.dispatch_thread_create
            and self._connection
            and self._connection.identified.is_set()
        ):
            await self._send_dispatch(
                self._connection, "THREAD_CREATE", payloads.thread_create(created)
            )
        return created

    async def _thread_from_message(self, call: _Call) -> web.Response:
        parent = self._channel_or_404(call["channel"])
        if isinstance(parent, web.Response):
            return parent
        message = self._message_or_404(call["message"])
        if isinstance(message, web.Response):
            return message
        if self.world.find_channel(call["message"]) is not None:
            return json_response(
                payloads.error("A thread has already been created for this message", 160004),
                status=400,
            )
        created = await self._new_thread(parent, call.body, thread_id=call["message"])
        message["thread"] = created
        return json_response(created)

    async def _thread_without_message(self, call: _Call) -> web.Response:
        parent = self._channel_or_404(call["channel"])
        if isinstance(parent, web.Response):
            return parent
        return json_response(await self._new_thread(parent, call.body, thread_id=None))

    # --- REST handlers: guilds --------------------------------------------------------

    def _guild(self, guild_id: str) -> Payload | None:
        return next((g for g in self.world.guilds if g["id"] == guild_id), None)

    async def _get_guild(self, call: _Call) -> web.Response:
        guild = self._guild(call["guild"])
        if guild is None:
            return json_response(payloads.error("Unknown Guild", 10004), status=404)
        skip = {"members", "channels", "threads", "presences", "voice_states"}
        return json_response({k: v for k, v in guild.items() if k not in skip})

    async def _get_guild_channels(self, call: _Call) -> web.Response:
        guild = self._guild(call["guild"])
        if guild is None:
            return json_response(payloads.error("Unknown Guild", 10004), status=404)
        return json_response(guild["channels"])

    async def _get_member(self, call: _Call) -> web.Response:
        guild = self._guild(call["guild"])
        found = guild and next(
            (x for x in guild["members"] if x["user"]["id"] == call["user"]), None
        )
        if not found:
            return json_response(payloads.error("Unknown Member", 10007), status=404)
        return json_response(found)

    # --- REST handlers: interactions and webhooks -------------------------------------

    def _interaction_or_404(self, token: str) -> Payload | web.Response:
        interaction = self.interactions.get(token)
        if interaction is None:
            return json_response(payloads.error("Unknown Webhook", 10015), status=404)
        return interaction

    async def _callback(self, call: _Call) -> web.Response:
        interaction = self.interactions.get(call["token"])
        if interaction is None or interaction["id"] != call["interaction"]:
            return json_response(payloads.error("Unknown interaction", 10062), status=404)
        if call["token"] in self._answered:
            return json_response(
                payloads.error("Interaction has already been acknowledged.", 40060), status=400
            )
        self._answered.add(call["token"])
        self.callbacks[interaction["id"]] = call.record
        body = call.body
        kind, data = body.get("type"), body.get("data") or {}
        channel = interaction["channel"]
        message: Payload | None = None
        if kind == CHANNEL_MESSAGE:
            message = self._interaction_message(interaction, channel, data, call.record.files)
        elif kind == DEFERRED_CHANNEL_MESSAGE:
            flags = (data.get("flags") or 0) | LOADING
            message = self._interaction_message(interaction, channel, {"flags": flags})
        elif kind == MODAL:
            self.modals[interaction["id"]] = data
        elif kind in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE) and "message" in interaction:
            target = self.messages.get(interaction["message"]["id"], interaction["message"])
            message = self._apply_edit(target, data) if kind == UPDATE_MESSAGE else target
        if message is not None:
            self.original_responses[call["token"]] = message
        reply = payloads.interaction_callback(
            interaction_payload=interaction,
            callback_type=kind,
            response_message=message if kind != DEFERRED_UPDATE_MESSAGE else None,
        )
        if call.record.query.get("with_response") in ("1", "true", "True"):
            return json_response(reply)
        return no_content()

    def _interaction_message(
        self, interaction: Payload, channel: Payload, body: Payload, files: tuple[str, ...] = ()
    ) -> Payload:
        user = interaction.get("member", {}).get("user") or interaction.get("user") or {}
        metadata = {
            "id": interaction["id"],
            "type": interaction["type"],
            "user": user,
            "authorizing_integration_owners": interaction.get("authorizing_integration_owners", {}),
        }
        return self._bot_message(
            channel,
            body,
            files,
            webhook_id=self.world.application_id,
            application_id=self.world.application_id,
            interaction_metadata=metadata,
        )

    async def _followup(self, call: _Call) -> web.Response:
        interaction = self._interaction_or_404(call["token"])
        if isinstance(interaction, web.Response):
            return interaction
        if call["token"] not in self._answered:
            return json_response(payloads.error("Unknown Webhook", 10015), status=404)
        original = self.original_responses.get(call["token"])
        if original is not None and original.get("flags", 0) & LOADING:
            # Discord: the first follow-up after a deferral edits the "thinking…" message and
            # keeps ITS visibility; the follow-up's own ephemeral flag is ignored.
            body = dict(call.body)
            body["flags"] = original["flags"] & ~LOADING
            message = self._apply_edit(original, body)
        else:
            channel = interaction["channel"]
            message = self._interaction_message(interaction, channel, call.body, call.record.files)
        if call.request.query.get("wait") in ("1", "true", "True"):
            return json_response(message)
        return no_content()

    def _webhook_target(self, call: _Call) -> Payload | web.Response:
        interaction = self._interaction_or_404(call["token"])
        if isinstance(interaction, web.Response):
            return interaction
        if call["message"] == "@original":
            found = self.original_responses.get(call["token"])
            if found is None:
                return json_response(payloads.error("Unknown Message", 10008), status=404)
            return found
        return self._message_or_404(call["message"])

    async def _get_webhook_message(self, call: _Call) -> web.Response:
        target = self._webhook_target(call)
        return target if isinstance(target, web.Response) else json_response(target)

    async def _edit_webhook_message(self, call: _Call) -> web.Response:
        target = self._webhook_target(call)
        if isinstance(target, web.Response):
            return target
        body = dict(call.body)
        if target.get("flags", 0) & LOADING:
            body["flags"] = (target["flags"] & ~LOADING) | (body.get("flags") or 0)
        return json_response(self._apply_edit(target, body))

    async def _delete_webhook_message(self, call: _Call) -> web.Response:
        target = self._webhook_target(call)
        if isinstance(target, web.Response):
            return target
        self.messages.pop(target["id"], None)
        if call["message"] == "@original":
            self.original_responses.pop(call["token"], None)
        return no_content()

    # --- REST handlers: application commands ------------------------------------------

    def _registered(self, command: Payload, scope: str | None) -> Payload:
        """Keep the id of an existing command with the same name and type (as Discord does)."""
        for existing in self.commands.get(scope, []):
            if existing["name"] == command["name"] and existing["type"] == command.get("type", 1):
                return {
                    **payloads.application_command(
                        command, application_id=self.world.application_id, guild_id=scope
                    ),
                    "id": existing["id"],
                }
        return payloads.application_command(
            command, application_id=self.world.application_id, guild_id=scope
        )

    async def _put_commands(self, call: _Call) -> web.Response:
        scope = call["guild"]
        registered = [self._registered(c, scope) for c in (call.record.json or [])]
        self.commands[scope] = registered
        return json_response(registered)

    async def _get_commands(self, call: _Call) -> web.Response:
        return json_response(self.commands.get(call["guild"], []))

    async def _upsert_command(self, call: _Call) -> web.Response:
        scope = call["guild"]
        command = self._registered(call.body, scope)
        others = [c for c in self.commands.get(scope, []) if c["id"] != command["id"]]
        self.commands[scope] = [*others, command]
        return json_response(command, status=201)
