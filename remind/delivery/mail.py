"""The digests mailed: through the SMTP server, or written as .eml files into an outbox for a
look first. The only network code of remind.

Each unit's digest that goes out is recorded in the state file once the server took it, so
that a second run in the same week does not mail it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from remind.core import mailing
from remind.core.digest import Digest
from remind.core.mailing import Delivered, Hold, Outgoing
from remind.core.model import Sent, Unit
from remind.core.text import one_line
from remind.errors import RemindError
from remind.i18n import _
from remind.storage import config
from remind.storage.config import ENVIRONMENT, Config, SmtpSettings
from remind.storage.files import file_stem, make_folder, write
from remind.storage.store import new_id
from remind.storage.workspace import Workspace
from remind.views.message import digest_message


def mail_digests(
    workspace: Workspace,
    digests: Iterable[tuple[Unit, Digest]],
    *,
    environ: Mapping[str, str],
    now: datetime,
    to: Sequence[str] = (),
    skip_empty: bool = False,
    force: bool = False,
    outbox: Path | None = None,
    settings: Config,
) -> Iterator[Delivered]:
    """Mail each unit its digest through the server of the config file's `settings` (with the
    REMIND_SMTP_* variables), by the rules of remind.core.mailing; with an outbox, write each
    as an .eml file instead. Refuses to begin without a server and a sender. Yields each unit's
    outcome as it happens."""
    if outbox is not None:
        make_folder(outbox)
    smtp = settings.smtp
    if outbox is None:
        check_ready(smtp, settings.path)
    secret = config.password(smtp, environ) if outbox is None else ""
    plan = mailing.plan(digests, workspace.state, to=to, skip_empty=skip_empty, force=force,
                        preview=outbox is not None)  # fmt: skip
    yield from deliver(plan, smtp=smtp, secret=secret, workspace=workspace, now=now,
                       outbox=outbox, force=force)  # fmt: skip


def check_ready(smtp: SmtpSettings, config: Path | None) -> None:
    """Refuse to start sending without a server and a sender, before any unit is mailed."""
    if smtp.host and smtp.sender:
        return
    missing = "host" if not smtp.host else "from"
    variable = ENVIRONMENT["host" if not smtp.host else "sender"]
    where = config or _("the config file")
    raise RemindError(
        _("no SMTP {field}: set {field} in [smtp] of {config} or ${variable}").format(
            field=missing, config=where, variable=variable
        )
    )


def deliver(
    plan: Iterable[Outgoing],
    *,
    smtp: SmtpSettings,
    secret: str,
    workspace: Workspace,
    now: datetime,
    outbox: Path | None = None,
    force: bool = False,
) -> Iterator[Delivered]:
    """Mail each digest of the plan that goes out, or with an outbox write it as an .eml
    file; one unit's failure stops no other. Yields each unit's outcome as it happens.

    A unit's digest is sent and recorded under the record store's write lock, after asking
    the store again whether the week went out already: runs that overlap send it once. It is
    recorded once the server took it, so a crash in between errs towards one more mail, never
    none; and a store that cannot be written stops the run before anything is sent.
    """
    for outgoing in plan:
        if not outgoing.goes:
            yield Delivered(outgoing)
            continue
        mail = digest_message(outgoing.digest, sender=smtp.sender or "remind@localhost",
                              to=outgoing.to, cc=outgoing.cc, now=now)  # fmt: skip
        if outbox is not None:
            path = outbox / eml_name(outgoing.digest.week.key, outgoing.digest.unit)
            write(path, bytes(mail))
            yield Delivered(outgoing, str(path))
            continue
        yield _send_once(outgoing, mail, smtp, secret, workspace, now, force=force)


def _send_once(
    outgoing: Outgoing, mail: EmailMessage, smtp: SmtpSettings, secret: str,
    workspace: Workspace, now: datetime, *, force: bool,
) -> Delivered:  # fmt: skip
    week, recorded = outgoing.digest.week.key, not outgoing.trial
    with workspace.exclusive() as session:
        earlier = session.state.was_sent(outgoing.key, week) if recorded and not force else None
        if earlier:
            return Delivered(replace(outgoing, hold=Hold.SENT, earlier=earlier))
        try:
            send(mail, smtp, secret)
        except SendFailed as failed:
            if not failed.partly:
                return Delivered(outgoing, error=str(failed))
            error = str(failed)
        else:
            error = ""
        if recorded:
            to = (*outgoing.to, *outgoing.cc)
            sent = Sent(outgoing.key, week, to, now, new_id(), told=outgoing.digest.told)
            session.change(lambda state: (state.mailed(sent), None))
    return Delivered(outgoing, error=error, sent=True)


def eml_name(week: str, unit: str) -> str:
    """2025-W25-法制处.eml"""
    return f"{week}-{file_stem(unit)}.eml"


def send(message: EmailMessage, settings: SmtpSettings, secret: str) -> None:
    """Deliver one message; raises SendFailed with the server's answer."""
    import smtplib
    import ssl

    context = ssl.create_default_context(cafile=settings.ca_file or None)
    port = settings.port_number
    try:
        if settings.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, port, timeout=settings.timeout, context=context
            )
        else:
            server = smtplib.SMTP(settings.host, port, timeout=settings.timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=context)
            if settings.username:
                server.login(settings.username, secret)
            refused = server.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        raise SendFailed(_answers(error.recipients)) from None
    except smtplib.SMTPResponseException as error:
        raise SendFailed(f"{error.smtp_code} {_answer_text(error.smtp_error)}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise SendFailed(f"{settings.address}: {error}") from None
    if refused:
        raise SendFailed(_answers(refused), partly=True)


class SendFailed(Exception):
    def __init__(self, answer: str, *, partly: bool = False) -> None:
        super().__init__(answer)
        self.partly = partly  # the others on the message did get it


def _answers(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{who}: {code} {_answer_text(text)}" for who, (code, text) in refused.items())


def _answer_text(answer: bytes | str) -> str:
    return one_line(answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer)
