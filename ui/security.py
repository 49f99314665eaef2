"""What stands between the app and other web pages and password guessers: two ASGI middlewares.

- `OriginGuard` refuses any request a browser sends from another origin (its `Origin` header names
  a site other than the one serving the app) unless that origin is listed (`--allow-origin`).
  Gradio's own CORS handling lets any page served from localhost call an app on localhost, with
  the login cookie (which it sets SameSite=None), so without this guard a page on another local
  port could ask, upload into the corpus and rebuild. Requests without an Origin header (scripts,
  the Gradio client, same-origin page loads) are not affected.
- `LoginGuard` slows down and then refuses failed logins, per client address (`LoginThrottle`).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

Scope = dict[str, Any]
ASGIApp = Any


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL or origin, lower case, default ports left out."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class OriginGuard:
    """Passes requests with no Origin header, from the app's own origin, or from `allowed`; answers
    any other with 403 (a websocket is closed). Listed origins get the CORS headers a browser needs
    to read the response."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str] = ()) -> None:
        self.app = app
        self.allowed = {origin_of(origin) for origin in allowed}

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        if origin is None or self._same_site(scope, origin):
            await self.app(scope, receive, send)
            return
        if origin_of(origin) in self.allowed and origin != "null":
            await self.app(scope, receive, _with_cors(send, origin))
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps({"error": f"requests from {origin} are refused; start the app with --allow-origin to allow"})
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [(b"content-type", b"application/json"), (b"vary", b"Origin")],
            }
        )
        await send({"type": "http.response.body", "body": body.encode()})

    @staticmethod
    def _same_site(scope: Scope, origin: str) -> bool:
        host = _header(scope, b"host")
        if host is None or origin == "null":
            return False
        return urlsplit(origin).netloc.lower() == host.lower()


def _with_cors(send: Any, origin: str) -> Any:
    async def sending(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (k, v)
                for k, v in message.get("headers", [])
                if k.lower() not in (b"access-control-allow-origin", b"access-control-allow-credentials")
            ]
            headers += [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"access-control-allow-credentials", b"true"),
                (b"vary", b"Origin"),
            ]
            message = {**message, "headers": headers}
        await send(message)

    return sending


@dataclass(frozen=True)
class LoginLimits:
    """How failed logins are slowed down and limited, per client address."""

    free_failures: int = 3  # failures after which attempts wait (at least one)
    delay_s: float = 1.0  # the first wait, doubling with each further failure
    max_delay_s: float = 30.0
    max_failures: int = 10  # failures within `window_s` after which the client is refused outright
    window_s: float = 600.0


@dataclass
class LoginThrottle:
    """Failed logins per client: how long to wait before answering its next attempt, and whether to
    refuse it. Times are seconds from `time.monotonic()`, passed in so that tests give their own."""

    limits: LoginLimits = field(default_factory=LoginLimits)
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refused_for(self, client: str, now: float) -> float:
        """Seconds until `client` may try again; 0 when it may try now."""
        with self._lock:
            recent = self._recent(client, now)
            if len(recent) < self.limits.max_failures:
                return 0.0
            return float(max(0.0, recent[0] + self.limits.window_s - now))

    def delay(self, client: str, now: float) -> float:
        """Seconds to wait before answering `client`'s next attempt."""
        with self._lock:
            failures = len(self._recent(client, now))
        if failures == 0 or failures < self.limits.free_failures:
            return 0.0
        return float(
            min(self.limits.max_delay_s, self.limits.delay_s * 2 ** (failures - max(self.limits.free_failures, 1)))
        )

    def failed(self, client: str, now: float) -> None:
        with self._lock:
            self._failures[client] = [*self._recent(client, now), now]
            for other in [c for c, times in self._failures.items() if times[-1] + self.limits.window_s < now]:
                del self._failures[other]

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _recent(self, client: str, now: float) -> list[float]:
        return [t for t in self._failures.get(client, []) if t + self.limits.window_s >= now]


class LoginGuard:
    """Watches POST /login: a client with too many recent failures gets 429 without its password
    being checked; otherwise its attempt waits as `LoginThrottle.delay` says, and a failure (any
    answer but 2xx) is counted."""

    def __init__(self, app: ASGIApp, throttle: LoginThrottle) -> None:
        self.app = app
        self.throttle = throttle

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != "/login":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.refused_for(client, time.monotonic())
        if wait > 0:
            body = json.dumps({"detail": f"too many failed logins; try again in {wait:.0f} s"}).encode()
            headers = [(b"content-type", b"application/json"), (b"retry-after", str(int(wait) + 1).encode())]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await asyncio.sleep(self.throttle.delay(client, time.monotonic()))
        status: list[int] = []

        async def watching(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        await self.app(scope, receive, watching)
        if status and 200 <= status[0] < 300:
            self.throttle.succeeded(client)
        else:
            self.throttle.failed(client, time.monotonic())
