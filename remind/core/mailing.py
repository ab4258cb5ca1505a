"""Who gets which digest: the rules of `remind digest --send`, decided before anything is sent.

Pure: given each unit's digest, the records of what was sent and the options, it says for
each unit where its digest goes (its addresses, its group robots), who is copied or
@-mentioned, and why it is held back; remind.delivery.mail and remind.delivery.chat carry the
plan out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from enum import Enum

from remind.core.digest import Digest
from remind.core.model import Sent, Unit, UnitKey
from remind.core.records import State
from remind.frozen import frozen


class Hold(Enum):
    """Why a unit's digest is not sent."""

    NO_ADDRESS = "no-address"  # neither the unit nor --to gives an address
    EMPTY = "empty"  # nothing to report, and --skip-empty
    SENT = "sent"  # already sent for the week, and no --force


@frozen
class Outgoing:
    """One unit's digest and what becomes of it."""

    unit: Unit
    key: str  # the unit as the state records what was sent: ORG/NAME
    digest: Digest
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()  # 催办: the 分管领导, when a duty is long overdue
    hold: Hold | None = None  # None: it goes out
    earlier: Sent | None = None  # with Hold.SENT: when and to whom it went
    no_address: bool = False  # a preview is still written, as it shows the missing address
    uncopied: bool = False  # 催办 with no leader_email to copy
    trial: bool = False  # sent to --to: never the unit's digest of the week, nor recorded

    @property
    def goes(self) -> bool:
        return self.hold is None


def plan(
    digests: Iterable[tuple[Unit, Digest]],
    state: State,
    *,
    to: Sequence[str] = (),
    skip_empty: bool = False,
    force: bool = False,
    preview: bool = False,
) -> list[Outgoing]:
    """Each unit's digest, in order, with its recipients: `to` instead of the unit's own
    addresses when given (a trial: it copies no leader, goes whether or not the week was sent,
    and is not recorded, so the unit's own digest still goes). With `preview` (.eml files,
    nothing mailed) a unit without an address and a week already sent are written all the
    same."""
    return [
        _decide(unit, digest, state, to, skip_empty, force, preview) for unit, digest in digests
    ]


def _decide(
    unit: Unit, digest: Digest, state: State, to: Sequence[str], skip_empty: bool, force: bool,
    preview: bool,
) -> Outgoing:  # fmt: skip
    key, recipients = "/".join(unit.key), tuple(to) or unit.email
    outgoing = Outgoing(unit, key, digest, recipients, no_address=not recipients, trial=bool(to))
    if not recipients and not preview:
        return _held(outgoing, Hold.NO_ADDRESS)
    if skip_empty and digest.empty:
        return _held(outgoing, Hold.EMPTY)
    earlier = state.was_sent(key, digest.week.key)
    if earlier and not (force or preview or to):
        return _held(outgoing, Hold.SENT, earlier)
    if not digest.escalated or to:  # a trial run is no escalation
        return outgoing
    return _copied(outgoing, unit.leader_email)


def _held(outgoing: Outgoing, hold: Hold, earlier: Sent | None = None) -> Outgoing:
    return replace(outgoing, hold=hold, earlier=earlier)


def _copied(outgoing: Outgoing, leaders: tuple[str, ...]) -> Outgoing:
    return replace(outgoing, cc=leaders, uncopied=not leaders)


@frozen
class Delivered:
    """What became of one unit's digest."""

    outgoing: Outgoing
    path: str = ""  # the .eml written into the outbox
    error: str = ""  # the server's answer, when it refused
    sent: bool = False  # the server took it, for some recipients at least

    @property
    def failed(self) -> bool:
        """The unit did not get its digest, or not every recipient did."""
        return bool(self.error) or self.outgoing.hold is Hold.NO_ADDRESS

    @property
    def held(self) -> Hold | None:
        return self.outgoing.hold

    @property
    def went(self) -> bool:
        return self.sent and not self.failed

    @property
    def wrote(self) -> bool:
        return bool(self.path)


# ---------------------------------------------------------------- group chats


@frozen
class Posting:
    """One unit's digest for one of its group robots, and what becomes of it."""

    unit: Unit
    key: str  # the unit as the store records what was sent: ORG/NAME
    digest: Digest
    channel: str  # the robot, as the store names it: wecom:3f9a0c1d2e4b
    mentions: tuple[str, ...] = ()  # 催办: the 分管领导's mobile numbers, @-mentioned
    hold: Hold | None = None
    earlier: Sent | None = None

    @property
    def kind(self) -> str:
        return self.channel.partition(":")[0]

    @property
    def goes(self) -> bool:
        return self.hold is None


def plan_chat(
    digests: Iterable[tuple[Unit, Digest]],
    state: State,
    robots: Mapping[UnitKey, Sequence[str]],
    *,
    skip_empty: bool = False,
    force: bool = False,
    preview: bool = False,
) -> list[Posting]:
    """Each unit's digest for each of its robots (`robots`: the channels of a unit), in order;
    held back when the week was posted there already (unless `force` or a `preview`) or, with
    `skip_empty`, when there is nothing to report."""
    postings = []
    for unit, digest in digests:
        key = "/".join(unit.key)
        mentions = unit.leader_mobile if digest.escalated else ()
        for channel in robots.get(unit.key, ()):
            posting = Posting(unit, key, digest, channel, mentions)
            earlier = state.was_sent(key, digest.week.key, channel)
            if skip_empty and digest.empty:
                posting = replace(posting, hold=Hold.EMPTY)
            elif earlier and not force and not preview:
                posting = replace(posting, hold=Hold.SENT, earlier=earlier)
            postings.append(posting)
    return postings


@frozen
class Posted:
    """What became of one unit's digest in one group chat."""

    posting: Posting
    paths: tuple[str, ...] = ()  # the payloads written into the outbox
    error: str = ""  # the robot's answer, when it refused
    messages: int = 0  # how many messages the robot took

    @property
    def failed(self) -> bool:
        return bool(self.error)

    @property
    def held(self) -> Hold | None:
        return self.posting.hold

    @property
    def went(self) -> bool:
        return bool(self.messages) and not self.failed

    @property
    def wrote(self) -> bool:
        return bool(self.paths)


class Tally:
    """How many digests went, were held as sent already, failed, or were written."""

    def __init__(self) -> None:
        self.sent = self.skipped = self.failed = self.written = 0

    def add(self, outcome: Delivered | Posted) -> None:
        self.failed += outcome.failed
        self.skipped += outcome.held is Hold.SENT
        self.written += outcome.wrote
        self.sent += outcome.went
