"""The digests posted to the units' group chats through their robots (企业微信, 钉钉, 飞书), or
written as JSON into the outbox for a look first.

Written on the standard library's urllib rather than a notification library: each robot is one
JSON POST, and what remind needs around it — a unit's week posted at most once per robot under
the record store's lock, a 200 answer with an error code counted as a failure, each robot's
rate limit kept, payloads written for a dry run — is its own either way.

The rules of the robots kept here: at most 20 messages a minute to one robot (钉钉 blocks a
robot for 10 minutes past it), a rate-limit answer or a network error retried after a pause,
and 钉钉's and 飞书's signatures when the robot has a secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import quote_plus

from remind.core.digest import Digest
from remind.core.mailing import Hold, Posted, Posting, plan_chat
from remind.core.model import Sent, Unit, UnitKey
from remind.core.records import State
from remind.core.units import Directory
from remind.errors import RemindError
from remind.i18n import _
from remind.storage.config import Config, Webhook
from remind.storage.files import file_stem, make_folder, write
from remind.storage.store import new_id
from remind.storage.workspace import Workspace
from remind.views.chat import Payload, messages
from remind.views.messages import robot_name
from remind.views.wording import ROBOT_WORDS

PER_MINUTE = 20  # messages one robot takes in a minute
PAUSES = (2.0, 4.0, 8.0)  # seconds before each retry of a message the robot could not take
TIMEOUT = 10  # seconds to wait for a robot's answer
MOST_WAIT = 60.0  # seconds, at most, that a robot's Retry-After is waited
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101, 410100}, "feishu": {9499, 11232}}


def robots_of(directory: Directory, settings: Config) -> dict[UnitKey, list[Webhook]]:
    """Each unit's robots in the config file's `settings`; a webhook for a unit the task list
    does not have is refused, with the config file's line."""
    found: dict[UnitKey, list[Webhook]] = {}
    for webhook in settings.webhooks:
        try:
            unit = directory.find(webhook.unit)
        except RemindError as error:
            where = f"{settings.path}:{webhook.line}"
            raise RemindError(f"{where}: [[webhooks]] unit: {error}") from None
        found.setdefault(unit.key, []).append(webhook)
    return found


def post_digests(
    workspace: Workspace,
    digests: Sequence[tuple[Unit, Digest]],
    robots: Mapping[UnitKey, Sequence[Webhook]],
    *,
    now: datetime,
    skip_empty: bool = False,
    force: bool = False,
    outbox: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Posted]:  # the clock and sleep are the tests' to replace
    """Post each unit's digest to each of its robots, by remind.core.mailing's rules; with an
    outbox, write each message as JSON instead. One robot's failure stops no other. Yields each
    outcome as it happens."""
    if outbox is not None:
        make_folder(outbox)
    channels = {key: [w.channel for w in hooks] for key, hooks in robots.items()}
    by_channel = {w.channel: w for hooks in robots.values() for w in hooks}
    plan = plan_chat(digests, workspace.state, channels, skip_empty=skip_empty, force=force,
                     preview=outbox is not None)  # fmt: skip
    throttles: dict[str, Throttle] = {}
    for posting in plan:
        if not posting.goes:
            yield Posted(posting)
            continue
        payloads = messages(posting.digest, posting.kind, posting.mentions)
        if outbox is not None:
            yield Posted(posting, paths=_written(outbox, posting, payloads))
            continue
        webhook = by_channel[posting.channel]
        throttle = throttles.setdefault(webhook.url, Throttle(clock, sleep))
        robot = Robot(webhook, throttle, sleep)
        yield _post_once(posting, payloads, robot, workspace, now, force=force)


def _written(outbox: Path, posting: Posting, payloads: list[Payload]) -> tuple[str, ...]:
    """2025-W25-法制处-wecom-3f9a0c1d2e4b-1.json …: the messages as they would be posted, with
    neither the robot's key nor a signature."""
    stem = f"{posting.digest.week.key}-{file_stem(posting.digest.unit)}-"
    stem += posting.channel.replace(":", "-")
    paths = []
    for number, payload in enumerate(payloads, start=1):
        path = outbox / f"{stem}-{number}.json"
        write(path, json.dumps(payload, ensure_ascii=False, indent=2).encode() + b"\n")
        paths.append(str(path))
    return tuple(paths)


def _post_once(
    posting: Posting, payloads: list[Payload], robot: Robot, workspace: Workspace,
    now: datetime, *, force: bool,
) -> Posted:  # fmt: skip
    """Post the messages and record them under the store's lock, after asking the store again
    whether the week went to this robot already, so overlapping runs post once. The lock is
    let go during a retry's pause and the robot's rate limit is waited for before it is taken,
    so that nobody's `remind done` waits for a robot; a message the robot took is not posted
    again by this run. Errs towards one more message, never none: an answer lost after the
    robot took a message, a crash before recording, or a refusal part-way through a split
    digest (its earlier parts go again next time)."""
    week, left = posting.digest.week.key, list(payloads)
    for pause in (*PAUSES, None):
        robot.throttle.wait(len(left))  # before the lock: a minute's wait holds up no writer
        with workspace.exclusive() as session:
            earlier = session.state.was_sent(posting.key, week, posting.channel)
            if earlier and not force and len(left) == len(payloads):
                return Posted(replace(posting, hold=Hold.SENT, earlier=earlier))
            try:
                while left:
                    robot.post(left[0])
                    left.pop(0)
            except RobotBusy as busy:
                if pause is None:
                    return Posted(posting, error=str(busy), messages=len(payloads) - len(left))
                error = busy
            except RobotRefused as refused:
                return Posted(posting, error=str(refused), messages=len(payloads) - len(left))
            else:
                sent = Sent(posting.key, week, (robot.name,), now, new_id(), posting.channel,
                            posting.digest.told)  # fmt: skip
                session.change(_recording(sent))
                return Posted(posting, messages=len(payloads))
        robot.sleep(max(error.wait, pause))
    raise AssertionError("unreachable: the last pass returns")


def _recording(sent: Sent) -> Callable[[State], tuple[State, None]]:
    return lambda state: (state.mailed(sent), None)


class RobotRefused(Exception):
    """The robot answered, and not with success: posting again will not help."""


class RobotBusy(Exception):
    """The robot is rate-limiting, or could not be reached: worth another try later."""

    def __init__(self, answer: str, wait: float = 0.0) -> None:
        super().__init__(answer)
        self.wait = wait  # what the robot asked for, when it said


class Throttle:
    """At most PER_MINUTE messages in any 60 seconds to one robot, waiting only as long as
    that needs."""

    def __init__(self, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.clock, self.sleep = clock, sleep
        self.sent: deque[float] = deque()

    def wait(self, messages: int = 1) -> None:
        """Until `messages` more may go within the limit (as many as the limit, at most)."""
        while len(self.sent) + min(messages, PER_MINUTE) > PER_MINUTE:
            ahead = self.sent[0] + 60 - self.clock()
            if ahead <= 0:
                self.sent.popleft()
            else:
                self.sleep(ahead)

    def count(self) -> None:
        self.wait()
        self.sent.append(self.clock())


class Robot:
    """One group robot: signs and posts a message, and tells its answer."""

    def __init__(self, webhook: Webhook, throttle: Throttle, sleep: Callable[[float], None]):
        self.webhook, self.throttle, self.sleep = webhook, throttle, sleep
        self.name = robot_name(webhook.channel)

    def post(self, payload: Payload) -> None:
        """Post one message; raises RobotBusy to try again later, RobotRefused for good."""
        from http.client import HTTPException
        from urllib.error import HTTPError, URLError
        from urllib.request import Request, urlopen

        url, body = self._signed(payload, time.time())
        request = Request(url, json.dumps(body, ensure_ascii=False).encode(), method="POST",
                          headers={"Content-Type": "application/json; charset=utf-8"})  # fmt: skip
        self.throttle.count()
        try:
            with urlopen(request, timeout=TIMEOUT) as answer:  # the address is https, or loopback
                text = answer.read(65536).decode("utf-8", "replace")
        except HTTPError as error:
            if error.code == 429 or error.code >= 500:
                asked = error.headers.get("Retry-After", "")
                wait = min(float(asked), MOST_WAIT) if asked.isdigit() else 0.0
                raise RobotBusy(f"HTTP {error.code}", wait) from None
            raise RobotRefused(f"HTTP {error.code} {error.reason}") from None
        except (URLError, OSError, HTTPException) as error:
            reason = getattr(error, "reason", None) or error.__class__.__name__
            raise RobotBusy(_("cannot reach the robot ({reason})").format(reason=reason)) from None
        self._judge(text)

    def _signed(self, payload: Payload, now: float) -> tuple[str, Payload]:
        """钉钉 signs in the address, 飞书 in the body; both HMAC-SHA256 of "timestamp\\nsecret"."""
        secret, kind = self.webhook.secret, self.webhook.kind
        if not secret or kind == "wecom":
            return self.webhook.url, payload
        if kind == "dingtalk":
            stamp = str(round(now * 1000))
            digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256)
            sign = quote_plus(base64.b64encode(digest.digest()).decode())
            joiner = "&" if "?" in self.webhook.url else "?"
            return f"{self.webhook.url}{joiner}timestamp={stamp}&sign={sign}", payload
        stamp = str(int(now))
        digest = hmac.new(f"{stamp}\n{secret}".encode(), b"", hashlib.sha256)
        sign = base64.b64encode(digest.digest()).decode()
        return self.webhook.url, {"timestamp": stamp, "sign": sign, **payload}

    def _judge(self, text: str) -> None:
        """A 200 with an error code is no success: errcode (企业微信, 钉钉), code or StatusCode
        (飞书) must be 0."""
        try:
            answer = json.loads(text)
        except ValueError:
            raise RobotRefused(
                _("the robot's answer is not JSON: {answer!r}").format(answer=text[:80])
            ) from None
        if not isinstance(answer, dict):
            raise RobotRefused(
                _("the robot's answer is not an object: {answer!r}").format(answer=text[:80])
            )
        code = next((answer[k] for k in ("errcode", "code", "StatusCode") if k in answer), None)
        if code == 0:
            return
        message = answer.get("errmsg") or answer.get("msg") or answer.get("StatusMessage") or ""
        said = (
            _("{robot} answered {code}: {message}")
            .format(robot=ROBOT_WORDS[self.webhook.kind], code=code, message=message)
            .strip()
        )
        if code in RATE_LIMITED[self.webhook.kind]:
            raise RobotBusy(said)
        raise RobotRefused(said)
