"""Who gets in: the security rules of the phone server, one small middleware each, in order.

host check (DNS rebinding) → limit (the brute-force lock) → auth (token, cookie or Bearer) →
origin check (forged POSTs) → body limit. DESIGN.md, "Who gets in", is the contract.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

MAX_FAILURES = 10
"""Failed attempts in a run before every new one is refused (429) for the rest of the run."""
MAX_BODY = 4096
"""Bytes a request body may hold."""
NOT_IN = "Not signed in. Scan the code on the laptop's screen again.\n"
LOCKED = "Too many failed attempts: this run lets no new phone in. Restart hamtimer for a new code.\n"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Guard:
    """The run's secrets and its count of failed attempts."""

    hosts: frozenset[str]
    """The Host headers accepted: the bound address and port."""
    origin: str
    """The one Origin a POST may come from: http://HOST:PORT."""
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    """In the URL and for `Authorization: Bearer`; new at every run."""
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    """What the cookie holds: the server's own, never the token."""
    cookie: str = "hamtimer"
    failures: int = 0
    on_lock: Callable[[], None] | None = None
    """Told once, when the lock closes."""

    @property
    def locked(self) -> bool:
        return self.failures >= MAX_FAILURES

    def fail(self) -> None:
        self.failures += 1
        if self.failures == MAX_FAILURES and self.on_lock is not None:
            self.on_lock()

    def right_token(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())

    def admitted(self, request: web.Request) -> bool:
        """The request carries the cookie or the Bearer token (compared in constant time)."""
        cookie = request.cookies.get(self.cookie)
        if cookie is not None and hmac.compare_digest(cookie.encode(), self.secret.encode()):
            return True
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and self.right_token(given.strip())


def guard_of(request: web.Request) -> Guard:
    return request.app[GUARD]


GUARD = web.AppKey("guard", Guard)


@web.middleware
async def host_check(request: web.Request, handler: Handler) -> web.StreamResponse:
    """DNS rebinding: the Host header must name the bound address and port."""
    if request.headers.get("Host", "") not in guard_of(request).hosts:
        raise web.HTTPForbidden(text="wrong Host\n")
    return await handler(request)


@web.middleware
async def limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """After MAX_FAILURES failed attempts, every new one is refused; clients already in go on."""
    guard = guard_of(request)
    if guard.locked and not guard.admitted(request):
        raise web.HTTPTooManyRequests(text=LOCKED)
    try:
        return await handler(request)
    except web.HTTPUnauthorized:
        guard.fail()
        raise


@web.middleware
async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    """GET /?token=TOKEN trades the token for the cookie (303 to /); all else needs cookie or Bearer."""
    guard = guard_of(request)
    token = request.query.get("token")
    if request.path == "/" and request.method == "GET" and token is not None:
        if not guard.right_token(token):
            raise web.HTTPUnauthorized(text=NOT_IN)
        response = web.HTTPSeeOther("/")
        response.set_cookie(guard.cookie, guard.secret, httponly=True, samesite="Strict", path="/")
        raise response
    if not guard.admitted(request):
        raise web.HTTPUnauthorized(text=NOT_IN)
    return await handler(request)


@web.middleware
async def origin_check(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A POST must come from the page itself: its Origin is http://HOST:PORT. A browser always
    sends Origin with a POST, so a request without one is a script's: it must carry the token
    (Bearer), never ride on the cookie alone."""
    if request.method == "POST":
        guard, origin = guard_of(request), request.headers.get("Origin")
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        scripted = origin is None and scheme.lower() == "bearer" and guard.right_token(given.strip())
        if origin != guard.origin and not scripted:
            raise web.HTTPForbidden(text="wrong Origin\n")
    return await handler(request)


@web.middleware
async def body_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Bodies over MAX_BODY bytes are refused before they are read (and while read, when chunked)."""
    size = request.content_length or 0
    if size > MAX_BODY:
        raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY, actual_size=size)
    return await handler(request)


MIDDLEWARES = (host_check, limit, auth, origin_check, body_limit)
