"""A local stand-in for KVK's API, serving the documented response shapes from `kvk_responses/`.

It speaks real HTTP on 127.0.0.1 so the client under test goes through its whole transport. Its answers
follow KVK's documentation: 200 with the profile; 400 with IPD0004/IPD0006 for a malformed number; 404 with
IPD0005/IPD0007 for an unknown one and IPD5200 for an empty search; 401 without the right `apikey` header.
Tests steer it: `fail_next` answers that many requests with 503 (IPD1002), `delay` holds every answer back.
"""

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

RESPONSES = Path(__file__).resolve().parent / "kvk_responses"
API_KEY = "test-kvk-key"


def _fout(code: str, text: str) -> dict[str, list[dict[str, str]]]:
    return {"fout": [{"code": code, "omschrijving": text}]}


@dataclass
class FakeKvk:
    url: str = ""
    fail_next: int = 0
    delay: float = 0.0
    #: (status, IPD code): answer every request with this documented error
    error: tuple[int, str] | None = None
    requests: list[str] = field(default_factory=list)

    def answer(self, path: str, query: dict[str, list[str]], api_key: str | None) -> tuple[int, object]:
        self.requests.append(path)
        if self.delay:
            time.sleep(self.delay)
        if self.fail_next > 0:
            self.fail_next -= 1
            return 503, _fout("IPD1002", "Gegevens tijdelijk niet beschikbaar")
        if api_key != API_KEY:
            return 401, None
        if self.error is not None:
            return self.error[0], _fout(self.error[1], "Documented error")
        if match := re.fullmatch(r"/api/v1/basisprofielen/([^/]*)", path):
            return self._profile("basisprofiel", match[1], 8, ("IPD0004", "IPD0005"))
        if match := re.fullmatch(r"/api/v1/vestigingsprofielen/([^/]*)", path):
            return self._profile("vestigingsprofiel", match[1], 12, ("IPD0006", "IPD0007"))
        if path == "/api/v2/zoeken":
            name = (query.get("naam") or [""])[0].lower()
            if "hunebed" in name:
                return 200, json.loads((RESPONSES / "zoeken_hunebed.json").read_text())
            return 404, _fout("IPD5200", "Geen resultaten gevonden.")
        return 404, _fout("IPD0001", "Het product bestaat niet.")

    def _profile(self, kind: str, number: str, length: int, codes: tuple[str, str]) -> tuple[int, object]:
        if not re.fullmatch(rf"[0-9]{{{length}}}", number):
            return 400, _fout(codes[0], f"Het nummer {number} is niet valide.")
        fixture = RESPONSES / f"{kind}_{number}.json"
        if not fixture.exists():
            return 404, _fout(codes[1], f"Op basis van het nummer {number} kan het product niet worden geleverd.")
        return 200, json.loads(fixture.read_text())


@contextmanager
def running_fake_kvk() -> Iterator[FakeKvk]:
    fake = FakeKvk()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            status, body = fake.answer(parsed.path, parse_qs(parsed.query), self.headers.get("apikey"))
            payload = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that gave up (the timeout tests) breaks the pipe; that is the point, not news

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
