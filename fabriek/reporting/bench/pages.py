"""Page benchmarks and the load test of `make bench`: real HTTP requests to gunicorn on 127.0.0.1.

A `Client` is one logged-in browser session (the staff login form, its CSRF token and session cookie) that
talks plain HTTP to the server as the TLS proxy in front of production would (X-Forwarded-Proto: https).
`measure` times one page at a number of concurrent clients after a few warm-up requests, keeping the very
first request apart; `load_test` has more clients ask for a weighted mix of pages for a while. Every
answer other than 2xx/3xx, and every exception, counts as an error.
"""

from __future__ import annotations

import html
import http.client
import math
import random
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

#: Seconds a single request may take before the client gives up (and counts an error).
REQUEST_TIMEOUT = 120


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) of `values`, interpolating linearly between the two nearest ranks (the
    "inclusive" method of `statistics.quantiles`, numpy's default): of 1, 2, 3, 4 the 50th is 2.5."""
    if not values:
        raise ValueError("no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


class RequestFailed(Exception):
    pass


class Client:
    """One browser session against `base_url` (http://127.0.0.1:port), not thread-safe: one per thread."""

    def __init__(self, base_url: str) -> None:
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.origin = f"https://{self.host}:{self.port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        """(status, response headers, body) of one request on a fresh connection (gunicorn's sync workers
        close every connection anyway)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            sent = {"X-Forwarded-Proto": "https", "Accept-Language": "nl", **(headers or {})}
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie: SimpleCookie = SimpleCookie()
                cookie.load(header)
                for name, morsel in cookie.items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers, content
        finally:
            connection.close()

    def get(self, path: str) -> tuple[int, bytes]:
        status, _headers, content = self.request("GET", path)
        return status, content

    def login(self, username: str, password: str, *, path: str = "/accounts/login/") -> None:
        status, _headers, content = self.request("GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or found is None:
            raise RequestFailed(f"GET {path}: {status}, no login form")
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": found.group(1).decode()}
        ).encode()
        status, headers, _content = self.request(
            "POST",
            path,
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": f"{self.origin}{path}",
            },
        )
        if status != 302 or "login" in (headers.get("Location") or ""):
            raise RequestFailed(f"logging in as {username} failed: {status} {headers.get('Location')}")


def first_link(content: bytes, fragment: str) -> str:
    """The first link on a page whose address contains `fragment` (a report cell's company list)."""
    for href in re.findall(rb'href="([^"]+)"', content):
        address = html.unescape(href.decode())
        if fragment in address:
            return address
    raise RequestFailed(f"no link to {fragment} on the page")


@dataclass(frozen=True)
class Page:
    """A page of the benchmark; with several paths, each request takes the next (e.g. company pages)."""

    name: str
    paths: tuple[str, ...]


@dataclass
class Timed:
    """The answers of one page: milliseconds of each successful request, and the errors."""

    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def p(self, q: float) -> float | None:
        return percentile(self.ms, q) if self.ms else None


def _timed_get(client: Client, path: str, into: Timed, lock: threading.Lock) -> None:
    began = time.perf_counter()
    try:
        status, _content = client.get(path)
    except (OSError, http.client.HTTPException) as error:
        with lock:
            into.errors.append(f"{path}: {type(error).__name__}: {error}")
        return
    taken = (time.perf_counter() - began) * 1000
    with lock:
        if 200 <= status < 400:
            into.ms.append(taken)
        else:
            into.errors.append(f"{path}: HTTP {status}")


def _in_threads(clients: Sequence[Client], work: Callable[[int, Client], None]) -> float:
    """Run `work(n, client)` in one thread per client; returns the wall-clock seconds they took."""
    threads = [threading.Thread(target=work, args=(n, client)) for n, client in enumerate(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


@dataclass(frozen=True)
class PageResult:
    name: str
    first_ms: float | None
    p50: float | None
    p95: float | None
    per_second: float
    requests: int
    errors: list[str]


def measure(
    clients: Sequence[Client], page: Page, *, requests: int, warmup: int, first_ms: float | None = None
) -> PageResult:
    """Time `page`: its very first request alone (`first_ms`: what the server does the first time, e.g.
    computing figures), then `warmup` requests over all clients (not counted: every worker's first time),
    then `requests` requests shared out over the clients at once; p50/p95 of those and the requests per
    second they achieved together. When the page's first request was made before (finding the pages),
    give its time as `first_ms`."""
    lock = threading.Lock()
    first = Timed([first_ms] if first_ms is not None else [])
    if first_ms is None:
        _timed_get(clients[0], page.paths[0], first, lock)
    ignored, timed = Timed(), Timed()

    def share(numbers: range, into: Timed) -> float:
        # One shared iterator: each request number is taken by exactly one thread (next() holds the GIL).
        shared = iter(numbers)

        def work(_n: int, client: Client) -> None:
            for k in shared:
                _timed_get(client, page.paths[k % len(page.paths)], into, lock)

        return _in_threads(clients, work)

    share(range(warmup), ignored)  # every worker's first time, not counted
    seconds = share(range(warmup, warmup + requests), timed)
    return PageResult(
        page.name,
        first.ms[0] if first.ms else None,
        timed.p(50),
        timed.p(95),
        len(timed.ms) / seconds if seconds else 0.0,
        requests,
        first.errors + ignored.errors + timed.errors,
    )


@dataclass(frozen=True)
class LoadResult:
    seconds: float
    clients: int
    per_page: dict[str, Timed]

    @property
    def total(self) -> int:
        return sum(len(t.ms) + len(t.errors) for t in self.per_page.values())

    @property
    def errors(self) -> list[str]:
        return [error for t in self.per_page.values() for error in t.errors]

    @property
    def overall(self) -> Timed:
        return Timed([ms for t in self.per_page.values() for ms in t.ms], self.errors)


def load_test(
    clients: Sequence[Client], mix: Sequence[tuple[Page, int]], *, seconds: float, seed: int = 8
) -> LoadResult:
    """Every client asks for pages drawn from `mix` (page, weight), one after the other without pause,
    until `seconds` have passed."""
    lock = threading.Lock()
    per_page = {page.name: Timed() for page, _weight in mix}
    pages = [page for page, _weight in mix]
    weights = [weight for _page, weight in mix]
    deadline = time.monotonic() + seconds

    def work(n: int, client: Client) -> None:
        rng = random.Random(seed * 1000 + n)
        while time.monotonic() < deadline:
            page = rng.choices(pages, weights=weights)[0]
            _timed_get(client, rng.choice(page.paths), per_page[page.name], lock)

    taken = _in_threads(clients, work)
    return LoadResult(taken, len(clients), per_page)
