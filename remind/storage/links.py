"""The secret links of the web service (remind link, remind serve): each unit's, and the
coordinator's. A token is 192 random bits, shown once when made; the record store keeps only
its SHA-256, so a copy of the store opens nothing."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from remind.core.model import Link
from remind.storage.workspace import Workspace

COORDINATOR = ""  # the unit of the coordinator's link: it opens the board and every unit


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current(workspace: Workspace, unit: str) -> Link | None:
    """The unit's link that opens (ORG/NAME, or COORDINATOR), if it has one."""
    return next((k for k in reversed(workspace.state.links) if k.unit == unit), None)


def make(workspace: Workspace, unit: str, now: datetime) -> str:
    """A new token for `unit`, its digest kept in the record store; the unit's earlier link, if
    any, no longer opens. The token is returned, and kept nowhere."""
    token = secrets.token_urlsafe(24)
    link = Link(unit, digest(token), now)
    workspace.change(lambda state: (state.linked(link), None))
    return token
