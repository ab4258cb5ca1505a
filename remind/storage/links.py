"""The secret links of the web service (remind link, remind serve): each unit's, and the
coordinator's.

A token is 192 bits, the HMAC-SHA256 of the unit's name and the link's number under the link
key: a file of 32 random bytes outside the record store ($REMIND_LINK_KEY, else link.key in
the user's config folder), made with the first link. The record store keeps only each token's
SHA-256, so a copy of the store opens nothing, and the service needs no key; whoever holds the
key (the coordinator's `remind link` and `remind digest`) can give a unit its address again
and put it in the unit's reminders.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from remind.core.model import Link
from remind.core.records import State
from remind.errors import RemindError
from remind.storage import paths
from remind.storage.workspace import Workspace

COORDINATOR = ""  # the unit of the coordinator's link: it opens the board and every unit
KEY_BYTES = 32


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def key_file(environ: Mapping[str, str]) -> Path:
    """Where the link key is: $REMIND_LINK_KEY, else link.key in the user's config folder."""
    given = environ.get("REMIND_LINK_KEY", "").strip()
    return Path(given) if given else paths.user_folder("config") / "link.key"


def key(environ: Mapping[str, str], *, make: bool = False) -> bytes | None:
    """The link key; made (readable by its owner only) when there is none and `make`."""
    where = key_file(environ)
    try:
        found = where.read_bytes()
    except FileNotFoundError:
        if not make:
            return None
        where.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # another process made it first
            descriptor = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(secrets.token_bytes(KEY_BYTES))
        found = where.read_bytes()
    if len(found) != KEY_BYTES:
        raise RemindError(f"{where}: a link key is {KEY_BYTES} bytes; this file has {len(found)}")
    return found


def token(link_key: bytes, unit: str, number: int) -> str:
    """The token of the unit's `number`th link (0 the first): 32 URL-safe characters."""
    mac = hmac.new(link_key, f"remind-link\0{unit}\0{number}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()[:24]).decode()


def current(state: State, unit: str) -> Link | None:
    """The unit's link that opens (ORG/NAME, or COORDINATOR), if it has one."""
    return next((k for k in reversed(state.links) if k.unit == unit), None)


def address_token(state: State, unit: str, link_key: bytes | None) -> str | None:
    """The token of the unit's link that opens, when it was made with `link_key`."""
    if link_key is None or current(state, unit) is None:
        return None
    made = token(link_key, unit, _made(state, unit) - 1)
    return made if state.opened_by(digest(made)) == unit else None


def make(workspace: Workspace, unit: str, now: datetime) -> str:
    """A new token for `unit`, its digest kept in the record store; the unit's earlier link, if
    any, no longer opens."""
    link_key = key(workspace.environ, make=True)
    assert link_key is not None

    def linked(state: State) -> tuple[State, str]:
        made = token(link_key, unit, _made(state, unit))
        return state.linked(Link(unit, digest(made), now)), made

    return workspace.change(linked)


def _made(state: State, unit: str) -> int:
    """How many links the unit has had: the number of its next one."""
    return sum(link.unit == unit for link in state.links)
