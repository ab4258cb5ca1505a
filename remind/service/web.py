"""The service's HTTP side: Starlette routes over remind.service.pages and the record store.

Who may see what is decided by the secret in the address (/u/<token>) or in the
Authorization header (Bearer <token>) alone: a unit's token opens its own pages and records,
the coordinator's every unit's. A wrong token is answered as a missing page, and an address
that keeps guessing is slowed. A form is refused unless it comes from the page it was given
on (its Origin, and a field only that page holds). Nothing a person typed reaches a page
unescaped, and no token reaches a log.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from remind.core import feeds, records, schedule
from remind.core.model import FEEDBACK_FIELDS, Feedback, Reading, Record, Task, Unit
from remind.errors import RemindError
from remind.service import pages
from remind.service.site import Site, Snapshot, View
from remind.storage import links

log = logging.getLogger("remind.serve")
GUESSES_FREE = 10  # wrong tokens from one address before each next answer is slowed
GUESS_WINDOW = 600.0  # seconds a wrong guess is remembered
SLOWEST = 8.0  # seconds, at most, a guessing address waits for each answer
ADDRESSES_KEPT = 10_000  # guessing addresses remembered before the stale ones are forgotten
UID = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Where a page's forms put a value of this answer's own (their ids: one record however often a
# form is sent, and a record of its own for each page shown). Escaping turns the brackets of
# anything typed into entities, so only the templates can write it.
NONCE = "<nonce>"


@dataclass(frozen=True)
class Opened:
    """What a token opens: one unit, or (coordinator) every unit; with the view the token was
    looked up in, which the request's answer reads."""

    unit: Unit | None
    digest: str
    view: View

    @property
    def coordinator(self) -> bool:
        return self.unit is None


class Guesses:
    """Wrong tokens per client address: after GUESSES_FREE within GUESS_WINDOW, each next
    answer to that address waits twice as long as the one before, up to SLOWEST."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock, self.seen = clock, dict[str, list[float]]()

    def wrong(self, address: str) -> None:
        now = self.clock()
        if len(self.seen) >= ADDRESSES_KEPT:  # a scan from many addresses: forget the stale
            self.seen = {
                a: times for a, times in self.seen.items() if now - times[-1] < GUESS_WINDOW
            }
        self.seen[address] = [t for t in self.seen.get(address, []) if now - t < GUESS_WINDOW]
        self.seen[address].append(now)

    def delay(self, address: str) -> float:
        now = self.clock()
        recent = [t for t in self.seen.get(address, []) if now - t < GUESS_WINDOW]
        over = len(recent) - GUESSES_FREE
        return 0.0 if over < 0 else min(SLOWEST, 0.25 * 2**over)


def create_app(site: Site, *, secret: bytes | None = None) -> Starlette:
    """The service over `site`. `secret` keys the forms' cross-site field (random per start:
    a form from before a restart is refused, and says to load the page again)."""
    service = _Service(site, secret or secrets.token_bytes(32))
    routes = [
        Route("/", service.home),
        Route("/favicon.ico", lambda request: Response(status_code=204)),  # none: no 404 logged
        Route("/u/{token}", service.page),
        Route("/u/{token}/units/{key:path}", service.unit_for_coordinator),
        Route("/u/{token}/log", service.log_page),
        Route("/u/{token}/done", service.done, methods=["POST"]),
        Route("/u/{token}/undo", service.undo, methods=["POST"]),
        Route("/u/{token}/progress", service.progress, methods=["POST"]),
        Route("/u/{token}/calendar.ics", service.private_calendar),
        Route("/cal/{name}", service.public_calendar),
        Route("/api/v1/due", service.api_due),
        Route("/api/v1/records", service.api_records, methods=["POST"]),
    ]
    return Starlette(routes=routes)


class _Service:
    def __init__(self, site: Site, secret: bytes) -> None:
        self.site, self.secret, self.guesses = site, secret, Guesses()
        self.templates = Environment(
            loader=PackageLoader("remind.service", "templates"),
            autoescape=select_autoescape(default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals["nonce"] = NONCE
        self.calendars: dict[str, bytes] = {}  # each calendar as last served: its stamps stay

    # ---------------------------------------------------------------- who is asking

    async def _opened(self, request: Request, token: str) -> Opened | None:
        """What the token opens, or None when it opens nothing: then the guess is counted,
        and the answer waits as long as the address's guesses say. A right token is never
        kept waiting, whoever else guesses from behind the same address."""
        address = _client(request)
        found = await run_in_threadpool(self._lookup, token)
        if found is None:
            if wait := self.guesses.delay(address):
                await asyncio.sleep(wait)
            self.guesses.wrong(address)
        return found

    def _lookup(self, token: str) -> Opened | None:
        if not token or len(token) > 100:
            return None
        digest, view = links.digest(token), self.site.view()
        unit_key = view.state.opened_by(digest)
        if unit_key is None:
            return None
        if unit_key == links.COORDINATOR:
            return Opened(None, digest, view)
        unit = view.snapshot.unit(unit_key)
        return Opened(unit, digest, view) if unit else None

    def _csrf(self, opened: Opened) -> str:
        return hmac.new(self.secret, opened.digest.encode(), hashlib.sha256).hexdigest()

    def _same_site(self, request: Request, form_field: str, opened: Opened) -> bool:
        """A form posted from its own page: the Origin (or Referer) is this host's, the
        browser does not call it cross-site, and the page's field is there."""
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return False
        sender = request.headers.get("origin") or request.headers.get("referer") or ""
        if not sender or urlsplit(sender).netloc != request.headers.get("host", ""):
            return False
        return hmac.compare_digest(form_field, self._csrf(opened))

    # ---------------------------------------------------------------- pages

    async def home(self, request: Request) -> Response:
        return self._html("home.html", status=200)

    async def page(self, request: Request) -> Response:
        token = request.path_params["token"]
        opened = await self._opened(request, token)
        if opened is None:
            return self._missing()
        if opened.coordinator:
            return await run_in_threadpool(self._board, request, opened, token)
        assert opened.unit is not None
        return await run_in_threadpool(self._unit, request, opened, token, opened.unit)

    async def unit_for_coordinator(self, request: Request) -> Response:
        token = request.path_params["token"]
        opened = await self._opened(request, token)
        if opened is None or not opened.coordinator:
            return self._missing()
        unit = opened.view.snapshot.unit(request.path_params["key"])
        if unit is None:
            return self._missing()
        return await run_in_threadpool(self._unit, request, opened, token, unit)

    async def log_page(self, request: Request) -> Response:
        token = request.path_params["token"]
        opened = await self._opened(request, token)
        if opened is None or not opened.coordinator:
            return self._missing()
        view = opened.view
        return self._html("log.html", lines=pages.log_page(view.snapshot, view.state),
                          token=token, feedback=FEEDBACK_FIELDS)  # fmt: skip

    def _unit(self, request: Request, opened: Opened, token: str, unit: Unit) -> Response:
        view = opened.view
        every_row = request.query_params.get("all") == "1"
        earlier = request.query_params.get("earlier") == "1"
        page = view.kept(("unit", unit.key, every_row, earlier),
                         lambda: pages.unit_page(view.snapshot, view.state, unit, view.today,
                                                 every_row=every_row, earlier=earlier))  # fmt: skip
        base = _base(request, view.snapshot)
        stem = view.snapshot.calendar_names[unit.key]
        return self._kept_html(
            request,
            view,
            ("unit.html", unit.key, token),
            "unit.html",
            page=page,
            token=token,
            coordinator=opened.coordinator,
            csrf=self._csrf(opened),
            feedback=FEEDBACK_FIELDS,
            message=request.query_params.get("said", ""),
            failed=request.query_params.get("error", ""),
            opened=request.query_params.get("open", ""),  # a digest's 登记办结: that form open
            earlier=earlier,
            calendar=f"{base}/cal/{stem}",
            webcal=re.sub(r"^https?://", "webcal://", f"{base}/cal/{stem}"),
            unit_key="/".join(unit.key),
        )

    def _board(self, request: Request, opened: Opened, token: str) -> Response:
        view = opened.view
        rows, total = view.kept(
            "board", lambda: pages.board_page(view.snapshot, view.state, view.today)
        )
        return self._kept_html(request, view, ("board.html", token), "board.html", rows=rows,
                               total=total, today=view.today, token=token,
                               chart=pages.chart(rows), rate=pages.on_time_rate)  # fmt: skip

    # ---------------------------------------------------------------- forms

    async def done(self, request: Request) -> Response:
        return await self._form(request, self._record_from_form)

    async def undo(self, request: Request) -> Response:
        return await self._form(request, self._undo_from_form)

    async def progress(self, request: Request) -> Response:
        return await self._form(request, self._reading_from_form)

    async def _form(
        self, request: Request, act: Callable[[Request, Opened, dict[str, str]], str]
    ) -> Response:
        token = request.path_params["token"]
        opened = await self._opened(request, token)
        if opened is None:
            return self._missing()
        form = {k: str(v) for k, v in (await request.form()).items()}
        if not self._same_site(request, form.get("csrf", ""), opened):
            return self._html("message.html", status=403,
                              text="这个表单不是从本页面提交的，或页面已过期：请重新打开链接后再登记。")  # fmt: skip
        back = f"/u/{token}" + (f"/units/{form['unit']}" if opened.coordinator else "")
        try:
            said = await run_in_threadpool(act, request, opened, form)
        except RemindError as error:
            return RedirectResponse(f"{back}?{_query(error=str(error))}", status_code=303)
        return RedirectResponse(f"{back}?{_query(said=said)}", status_code=303)

    def _record_from_form(self, request: Request, opened: Opened, form: dict[str, str]) -> str:
        unit = self._unit_of(opened, form.get("unit", ""))
        on = _day(form.get("done", "")) or opened.view.today
        receipt = self._record(request, opened.view, unit, form, on, uid=form.get("uid", ""))
        return f"已登记：{receipt.record.task} {receipt.occurrence.label}（#{receipt.record.id}）"

    def _record(
        self, request: Request, view: View, unit: Unit, fields: dict[str, str], on: date, uid: str
    ) -> records.Receipt:
        snap, today = view.snapshot, view.today
        by = _who(fields, "经办人（by）：请写明是谁办的")
        if on > today:  # said in the page's words, not remind done's --on
            raise RemindError(f"办结日期 {on} 晚于今天（{today}）：请在办结后再登记")
        task = _duty(snap, unit, fields.get("task", ""))
        of_record = _record_unit(snap, task, unit)
        feedback = Feedback(*(fields.get(name, "").strip() for name, _label in FEEDBACK_FIELDS))
        since = today - timedelta(days=snap.tasklist.settings.lookback_days)
        recorded, origin = self.site.now(), _origin(request)
        return snap.workspace.change(
            lambda current: records.record_done(
                current, snap.directory, task, of_record, today=today, since=since,
                period=fields.get("period") or None, on=on, by=by,
                note=fields.get("note", "").strip(), recorded=recorded, uid=uid,
                feedback=feedback, origin=origin,
            )
        )  # fmt: skip

    def _reading_from_form(self, request: Request, opened: Opened, form: dict[str, str]) -> str:
        """A 序时进度 reading of a target the unit leads, as `remind progress` records it."""
        from remind.core.targets import read_value, target_named

        unit = self._unit_of(opened, form.get("unit", ""))
        snap, today = opened.view.snapshot, opened.view.today
        by = _who(form, "填报人：请写明是谁报送的")
        task = _duty(snap, unit, form.get("task", ""), leading=True)
        item = form.get("item", "1")
        if not re.fullmatch(r"[1-9][0-9]?", item):
            raise RemindError(f"item: expected 1, 2 …, got {item!r}")
        target = target_named(task, int(item))
        assert target.figure is not None  # target_named refuses the others
        reading = Reading(task.id, read_value(form.get("value", ""), target.figure),
                          _day(form.get("done", "")) or today, target.item, by,
                          form.get("note", "").strip(),
                          recorded=self.site.now(), uid=form.get("uid", ""))  # fmt: skip
        numbered = snap.workspace.change(
            lambda current: records.record_reading(current, reading, today=today)
        )
        return f"已报送：{target.text} 截至{numbered.on:%m-%d} {form['value'].strip()}（#{numbered.id}）"

    def _undo_from_form(self, request: Request, opened: Opened, form: dict[str, str]) -> str:
        unit = self._unit_of(opened, form.get("unit", ""))
        number = int(form["number"]) if re.fullmatch(r"[0-9]{1,9}", form.get("number", "")) else 0
        snap = opened.view.snapshot
        record = next((r for r in opened.view.state.records if r.id == number), None)
        if record is None or not _own(snap, unit, record):
            raise RemindError(f"#{number} 不是{snap.directory.display(unit)}的记录")
        at = self.site.now()
        by = form.get("by", "").strip() or snap.directory.display(unit)
        removed = snap.workspace.change(lambda current: current.remove(number, by=by, at=at))
        return f"已撤回 #{removed.id}"

    def _unit_of(self, opened: Opened, key: str) -> Unit:
        """The unit a form records for: the token's own; the coordinator names it."""
        if opened.unit is not None:
            return opened.unit
        unit = opened.view.snapshot.unit(key)
        if unit is None:
            raise RemindError(f"没有单位 {key}")
        return unit

    # ---------------------------------------------------------------- calendars

    async def public_calendar(self, request: Request) -> Response:
        view = await run_in_threadpool(self.site.view)
        names = view.snapshot.calendar_names
        owner = next((key for key, file in names.items() if file == request.path_params["name"]),
                     None)  # fmt: skip
        unit = view.snapshot.directory.units.get(owner) if owner else None
        if unit is None:
            return self._missing()
        return await run_in_threadpool(self._calendar, request, view, unit)

    async def private_calendar(self, request: Request) -> Response:
        opened = await self._opened(request, request.path_params["token"])
        if opened is None or opened.unit is None:
            return self._missing()
        return await run_in_threadpool(self._calendar, request, opened.view, opened.unit)

    def _calendar(self, request: Request, view: View, unit: Unit) -> Response:
        """The unit's calendar, worked out once a view; a client that has it gets a 304."""
        body, headers = view.kept(("calendar", unit.key), lambda: self._calendar_of(view, unit))
        if headers["ETag"] in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)

    def _calendar_of(self, view: View, unit: Unit) -> tuple[bytes, dict[str, str]]:
        from remind.views.ical import calendar_bytes

        snap, today = view.snapshot, view.today
        settings = snap.tasklist.settings
        mine = snap.directory.records_for(view.state.records, snap.tasklist.tasks, [unit])
        first = today - timedelta(days=settings.lookback_days)
        feed = feeds.feed(snap.directory, [unit], snap.duties.get(unit.key, []), mine, today,
                          first=first, last=today + timedelta(days=548),
                          warn_days=settings.warn_days)  # fmt: skip
        stamp = datetime.combine(today, datetime.min.time(), self.site.zone).astimezone(UTC)
        key = "/".join(unit.key)
        body = calendar_bytes(feed, snap.tasklist, stamp=stamp,
                              previous=self.calendars.get(key, b""))  # fmt: skip
        self.calendars[key] = body  # its events' stamps and SEQUENCE carry to the next
        tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        return body, {"ETag": tag, "Cache-Control": "private, max-age=300",
                      "Last-Modified": _http_date(_last_modified(body) or stamp)}  # fmt: skip

    # ---------------------------------------------------------------- the JSON API

    async def _bearer(self, request: Request) -> Opened | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return await self._opened(request, token.strip())

    async def api_due(self, request: Request) -> Response:
        opened = await self._bearer(request)
        if opened is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        return await run_in_threadpool(self._due_json, opened)

    def _due_json(self, opened: Opened) -> Response:
        key = ("due", opened.unit.key if opened.unit else None)
        body = opened.view.kept(key, lambda: self._due_text(opened).encode())
        return Response(body, media_type="application/json; charset=utf-8")

    def _due_text(self, opened: Opened) -> str:
        from remind.views.machine import agenda_json

        view = opened.view
        snap, today = view.snapshot, view.today
        settings = snap.tasklist.settings
        units = [opened.unit] if opened.unit else []
        tasks = snap.duties.get(opened.unit.key, []) if opened.unit else list(snap.tasklist.tasks)
        mine = snap.directory.records_for(view.state.records, snap.tasklist.tasks, units)
        since = today - timedelta(days=settings.lookback_days)
        horizon = today + pages.WITHIN
        found = schedule.agenda(tasks, mine, today, horizon=horizon, since=since,
                                warn_days=settings.warn_days)  # fmt: skip
        names = [snap.directory.display(u) for u in units]
        return agenda_json(found, snap.tasklist, today=today, since=since, horizon=horizon,
                           units=names)  # fmt: skip

    async def api_records(self, request: Request) -> Response:
        opened = await self._bearer(request)
        if opened is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        try:
            document = await request.json()
        except (ValueError, UnicodeDecodeError):
            return JSONResponse({"error": "expected a JSON object"}, status_code=400)
        return await run_in_threadpool(self._record_json, request, opened, document)

    def _record_json(self, request: Request, opened: Opened, document: Any) -> Response:
        if not isinstance(document, dict) or not all(isinstance(v, str) for v in document.values()):
            return JSONResponse({"error": "expected a JSON object of strings"}, status_code=400)
        uid = document.get("id", "")
        if not UID.fullmatch(uid):
            return JSONResponse({"error": "id: expected 8 to 64 of A-Z a-z 0-9 _ -, made by the "
                                 "client"}, status_code=400)  # fmt: skip
        named = _named_unit(opened.view.snapshot, document.get("unit", ""))
        unit = opened.unit or named
        if unit is None or (document.get("unit") and named != unit):
            return JSONResponse({"error": "not found"}, status_code=404)
        on = _day(document.get("done", ""))
        if on is None:
            return JSONResponse({"error": "done: expected a date like 2025-06-30"}, status_code=400)
        before = opened.view.state.made(uid)
        try:
            receipt = self._record(request, opened.view, unit, document, on, uid=uid)
        except RemindError as error:
            return JSONResponse({"error": str(error)}, status_code=422)
        record = receipt.record
        body = {"number": record.id, "id": record.uid, "task": record.task,
                "period": record.period, "done": record.done_on.isoformat()}  # fmt: skip
        return JSONResponse(body, status_code=200 if before else 201)

    # ---------------------------------------------------------------- answers

    def _kept_html(
        self, request: Request, view: View, key: Hashable, template: str, **values: object
    ) -> HTMLResponse:
        """The page, made once a view; not kept when the address asks for more (a message to
        show, a form to open): those are made as asked."""
        if request.query_params:
            return self._answer(self.templates.get_template(template).render(**values), 200)
        page = view.kept(key, lambda: self.templates.get_template(template).render(**values))
        return self._answer(page, 200)

    def _html(self, template: str, *, status: int = 200, **values: object) -> HTMLResponse:
        return self._answer(self.templates.get_template(template).render(**values), status)

    def _answer(self, page: str, status: int) -> HTMLResponse:
        page = page.replace(NONCE, secrets.token_urlsafe(12))
        # same-origin, not no-referrer: under no-referrer a browser posts a form with
        # `Origin: null`, which the cross-site guard must refuse; the address, which holds
        # the token, still never leaves for another site
        headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                   "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
                   "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff",
                   "Cache-Control": "no-store"}  # fmt: skip
        return HTMLResponse(page, status_code=status, headers=headers)

    def _missing(self) -> HTMLResponse:
        return self._html("message.html", status=404, text="没有这个页面。")


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _origin(request: Request) -> str:
    """Where a record came from, for the log: the address and the browser. X-Forwarded-For
    is believed only from this machine (nginx in front, as the README sets it up): from
    anywhere else it is whatever the client chose to say."""
    agent = request.headers.get("user-agent", "")[:200]
    address = _client(request)
    if address in ("127.0.0.1", "::1"):
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()[:45]
        address = forwarded or address
    return " · ".join(p for p in (address, agent) if p)


def _who(fields: dict[str, str], missing: str) -> str:
    """Who did it, which a record of the service must say (its log is who, when, where)."""
    if not (by := fields.get("by", "").strip()):
        raise RemindError(missing)
    return by


def _duty(snap: Snapshot, unit: Unit, task_id: str, *, leading: bool = False) -> Task:
    """The unit's task of that id (one it leads, when `leading`); refused when it has none."""
    task = snap.tasklist.task(task_id)
    if not any(t.id == task.id and not (leading and t.supporting)
               for t in snap.duties.get(unit.key, [])):  # fmt: skip
        role = "牵头的任务" if leading else "的任务"
        raise RemindError(f"{task.id} 不是{snap.directory.display(unit)}{role}")
    return task


def _named_unit(snap: Snapshot, text: str) -> Unit | None:
    """The unit a program names: ORG/NAME, its name or an alias, as the command line takes it."""
    try:
        return snap.directory.find(text) if text.strip() else None
    except RemindError:
        return None


def _record_unit(snap: Snapshot, task: Any, unit: Unit) -> Unit | None:
    """The unit a record is for, as `remind done --unit` has it: none when the unit leads the
    task itself; itself when it is a member of a leading group, or supports."""
    if unit.name in task.lead and not snap.directory.members(unit):
        return None
    return snap.directory.unit_of_record(task, unit.name)


def _own(snap: Snapshot, unit: Unit, record: Record) -> bool:
    """The record is one the unit made: for a duty of its own, under its name (or the task's,
    when it leads the task itself)."""
    task = next((t for t in snap.duties.get(unit.key, []) if t.id == record.task), None)
    if task is None:
        return False
    made_for = _record_unit(snap, task, unit)
    return record.unit == (made_for.name if made_for else "")


def _base(request: Request, snap: Snapshot) -> str:
    return snap.tasklist.settings.base_url or str(request.base_url).rstrip("/")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        raise RemindError(f"done: expected a date like 2025-06-30, got {text!r}") from None


def _query(**values: str) -> str:
    from urllib.parse import urlencode

    return urlencode(values)


def _http_date(moment: datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _last_modified(body: bytes) -> datetime | None:
    stamps = re.findall(rb"LAST-MODIFIED:(\d{8}T\d{6}Z)", body)
    if not stamps:
        return None
    return datetime.strptime(max(stamps).decode(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def redacted(path: str) -> str:
    """A path as the log may show it: /u/… for a unit's link, never the token."""
    return re.sub(r"^/u/[^/]+", "/u/…", path)


def access_log(app: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """An ASGI wrapper that logs each request's method, redacted path, status and time."""

    async def logged(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        started, status = time.perf_counter(), [0]

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        await app(scope, receive, sending)
        took = (time.perf_counter() - started) * 1000
        log.info("%s %s %d %.0fms", scope["method"], redacted(scope["path"]), status[0], took)

    return logged
