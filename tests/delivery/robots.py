"""Group robots on 127.0.0.1 that hold remind to each one's contract: 企业微信, 钉钉 and 飞书 as
their documentation describes them. Each checks the JSON it is sent and the signature made with
its secret, answers as told (success, an error code, rate-limited), and keeps what arrived."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# what each robot answers: success, a refusal, and "too many messages"
ANSWERS = {
    "wecom": {"ok": (0, "ok"), "error": (93000, "invalid webhook url"), "busy": (45009, "api freq out of limit")},
    "dingtalk": {"ok": (0, "ok"), "error": (300001, "token is not exist"), "busy": (130101, "send too fast")},
    "feishu": {"ok": (0, "success"), "error": (19021, "sign match fail"), "busy": (9499, "too many request")},
}  # fmt: skip
WECOM_LIMIT = 4096  # bytes of a markdown message's content


@dataclass
class Arrival:
    kind: str
    key: str  # which robot: the key in its address
    body: dict[str, Any]


@dataclass
class Robots:
    """Every robot of a test; `script[key]` lists the answers a robot gives next, then ok."""

    secrets: dict[str, str] = field(default_factory=dict)  # key -> signing secret
    script: dict[str, list[str]] = field(default_factory=dict)
    arrived: list[Arrival] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # contract violations, asserted empty
    port: int = 0
    delay: float = 0.0  # seconds each answer takes
    requests: int = 0  # every POST, taken or not

    def url(self, kind: str, key: str) -> str:
        paths = {"wecom": "/cgi-bin/webhook/send?key=", "dingtalk": "/robot/send?access_token=",
                 "feishu": "/open-apis/bot/v2/hook/"}  # fmt: skip
        return f"http://127.0.0.1:{self.port}{paths[kind]}{key}"

    def to(self, key: str) -> list[dict[str, Any]]:
        return [a.body for a in self.arrived if a.key == key]


def serve(robots: Robots) -> Iterator[Robots]:
    """Run the robots for the `with` block of a fixture."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            if parts.path == "/cgi-bin/webhook/send":
                kind, key = "wecom", query.get("key", [""])[0]
            elif parts.path == "/robot/send":
                kind, key = "dingtalk", query.get("access_token", [""])[0]
            else:
                kind, key = "feishu", parts.path.rpartition("/")[2]
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            robots.requests += 1
            problem = _contract(kind, key, query, raw, self.headers, robots.secrets.get(key, ""))
            answer = (robots.script.get(key) or ["ok"]).pop(0) if not problem else "error"
            if problem:
                robots.broken.append(f"{kind} {key}: {problem}")
            elif answer == "ok":
                robots.arrived.append(Arrival(kind, key, json.loads(raw)))
            time.sleep(robots.delay)
            if answer == "http500":
                self.send_response(500)
                self.end_headers()
                return
            code, message = ANSWERS[kind][answer]
            names = ("code", "msg") if kind == "feishu" else ("errcode", "errmsg")
            data = json.dumps({names[0]: code, names[1]: message}).encode()
            self.send_response(200)  # a refusal too: the robots answer 200 with an error code
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    robots.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield robots
    finally:
        server.shutdown()
        server.server_close()


def _contract(
    kind: str, key: str, query: dict[str, list[str]], raw: bytes, headers: Any, secret: str
) -> str:
    """What is wrong with a request, by the robot's documentation; '' when nothing."""
    if not headers.get("Content-Type", "").startswith("application/json"):
        return "not sent as application/json"
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "the body is not JSON in UTF-8"
    if kind == "wecom":
        return _wecom(body)
    if kind == "dingtalk":
        return _signed_dingtalk(query, secret) or _dingtalk(body)
    return _signed_feishu(body, secret) or _feishu(body)


def _wecom(body: dict[str, Any]) -> str:
    if body.get("msgtype") == "markdown":
        content = body.get("markdown", {}).get("content")
        if not isinstance(content, str) or not content:
            return "markdown.content missing"
        if len(content.encode()) > WECOM_LIMIT:
            return f"markdown.content is {len(content.encode())} bytes"
        return ""
    if body.get("msgtype") == "text":
        text = body.get("text", {})
        mobiles = text.get("mentioned_mobile_list", [])
        ok = isinstance(text.get("content"), str) and all(isinstance(m, str) for m in mobiles)
        return "" if ok else "text message malformed"
    return f"unknown msgtype {body.get('msgtype')!r}"


def _dingtalk(body: dict[str, Any]) -> str:
    if body.get("msgtype") != "markdown":
        return f"msgtype {body.get('msgtype')!r}"
    markdown = body.get("markdown", {})
    if not (isinstance(markdown.get("title"), str) and isinstance(markdown.get("text"), str)):
        return "markdown needs title and text"
    for mobile in body.get("at", {}).get("atMobiles", []):
        if f"@{mobile}" not in markdown["text"]:
            return f"{mobile} is in atMobiles but not written as @{mobile} in the text"
    return ""


def _feishu(body: dict[str, Any]) -> str:
    if body.get("msg_type") != "interactive":
        return f"msg_type {body.get('msg_type')!r}"
    card = body.get("card", {})
    title = card.get("header", {}).get("title", {})
    if title.get("tag") != "plain_text" or not isinstance(title.get("content"), str):
        return "card.header.title malformed"
    elements = card.get("elements")
    if not isinstance(elements, list) or not elements:
        return "card.elements missing"
    return ""


def _signed_dingtalk(query: dict[str, list[str]], secret: str) -> str:
    """?timestamp=ms&sign=…: Base64 of HMAC-SHA256 keyed by the secret over "timestamp\\nsecret"."""
    if not secret:
        return ""
    stamp, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
    if not stamp.isdigit() or abs(int(stamp) / 1000 - time.time()) > 3600:
        return f"timestamp {stamp!r} is not the time in milliseconds"
    made = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    return "" if hmac.compare_digest(base64.b64encode(made).decode(), sign) else "sign wrong"


def _signed_feishu(body: dict[str, Any], secret: str) -> str:
    """timestamp (seconds) and sign in the body: Base64 of HMAC-SHA256 keyed by
    "timestamp\\nsecret" over nothing."""
    if not secret:
        return ""
    stamp, sign = str(body.get("timestamp", "")), str(body.get("sign", ""))
    if not stamp.isdigit() or abs(int(stamp) - time.time()) > 3600:
        return f"timestamp {stamp!r} is not the time in seconds"
    made = hmac.new(f"{stamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return "" if hmac.compare_digest(base64.b64encode(made).decode(), sign) else "sign wrong"
