"""Which way each unit's digest goes: by mail, to its group robots, or both, as `--send` (or
any other front end) asks; remind.delivery.mail and remind.delivery.chat carry it out."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from remind.core.digest import Digest
from remind.core.mailing import Delivered, Posted
from remind.core.model import Unit
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import _
from remind.storage.config import Config
from remind.storage.workspace import Workspace


@frozen
class Sending:
    """What a send will do: how many digests it sends at most, the units that asked-for chat
    cannot reach, and the outcomes, one as each digest goes."""

    expected: int
    unreached: tuple[Unit, ...]
    outcomes: Iterator[Delivered | Posted]


def send_digests(
    workspace: Workspace,
    digests: Sequence[tuple[Unit, Digest]],
    settings: Config,
    *,
    environ: Mapping[str, str],
    now: datetime,
    channel: str | None = None,
    to: Sequence[str] = (),
    skip_empty: bool = False,
    force: bool = False,
    outbox: Path | None = None,
) -> Sending:
    """Each unit's digest by mail (`channel` "mail"), to its robots ("chat"), or both (None).
    With both, a unit that has a robot and no address is reached by its robot alone; with
    "chat", a unit without a robot is unreached, and no robot at all is refused. `to` (a trial
    by mail) posts to no chat."""
    from remind.delivery.chat import post_digests, robots_of
    from remind.delivery.mail import mail_digests

    channel = "mail" if to else channel
    robots = robots_of(workspace.directory, settings) if channel != "mail" else {}
    if channel == "chat" and not robots:
        where = settings.path or _("the config file")
        raise RemindError(_("no [[webhooks]] in {config}: no chat to post to").format(config=where))
    by_mail = [(u, d) for u, d in digests if to or u.email or u.key not in robots]
    runs: list[Iterator[Delivered | Posted]] = []
    if channel != "chat" and (by_mail or not robots):
        runs.append(mail_digests(workspace, by_mail, environ=environ, now=now, to=to,
                                 skip_empty=skip_empty, force=force, outbox=outbox,
                                 settings=settings))  # fmt: skip
    else:
        by_mail = []
    if robots:
        runs.append(post_digests(workspace, digests, robots, now=now, skip_empty=skip_empty,
                                 force=force, outbox=outbox))  # fmt: skip
    expected = len(by_mail) + sum(len(robots.get(u.key, ())) for u, _ in digests)
    unreached = tuple(u for u, _ in digests if channel == "chat" and u.key not in robots)
    return Sending(expected, unreached, itertools.chain.from_iterable(runs))
