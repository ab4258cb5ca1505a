"""The digest as e-mail: SMTP settings, messages made with the standard library's email package,
and send(), the only network code of remind."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from remind.core.digest import Digest, as_html, as_text, one_line
from remind.errors import RemindError
from remind.storage.store import Expected, Reader, one_of, text_value, whole_number

SECURITIES = ("starttls", "ssl", "none")
USUAL_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
CONFIG_NAME = "config.toml"
# each setting may come from the environment, which wins over the file: a crontab sets it there
ENVIRONMENT = {
    "host": "REMIND_SMTP_HOST",
    "port": "REMIND_SMTP_PORT",
    "security": "REMIND_SMTP_SECURITY",
    "username": "REMIND_SMTP_USER",
    "sender": "REMIND_SMTP_FROM",
}
PASSWORD_VARIABLE = "REMIND_SMTP_PASSWORD"


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 0  # 0: the usual port of `security`
    security: str = "starttls"
    username: str = ""
    sender: str = ""  # From: 督办提醒 <remind@example.org>
    ca_file: str = ""  # a private server's certificate authority; else the system's
    password_file: str = ""
    timeout: int = 30  # seconds to wait for the server

    @property
    def port_number(self) -> int:
        return self.port or USUAL_PORTS[self.security]

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port_number}"


# ---------------------------------------------------------------- settings


def load_settings(path: Path | None, environ: Mapping[str, str]) -> SmtpSettings:
    """[smtp] of the config file (when there is one), then the REMIND_SMTP_* variables."""
    settings = _read_config(path) if path else SmtpSettings()
    changes: dict[str, Any] = {
        name: _from_environment(name, variable, environ[variable].strip())
        for name, variable in ENVIRONMENT.items()
        if environ.get(variable, "").strip()
    }
    return replace(settings, **changes)


def _read_config(path: Path) -> SmtpSettings:
    reader = Reader(path)
    reader.check_top(("smtp",))
    table = reader.table("smtp")
    table.check_fields()
    default = SmtpSettings()
    settings = SmtpSettings(
        host=table.get("host", text_value, ""),
        port=table.get("port", whole_number(1, 65535), 0),
        security=table.get("security", one_of(*SECURITIES), default.security),
        username=table.get("username", text_value, ""),
        sender=table.get("from", _sender, ""),
        ca_file=table.get("ca_file", text_value, ""),
        password_file=table.get("password_file", text_value, ""),
        timeout=table.get("timeout", whole_number(1, 600), default.timeout),
    )
    reader.finish()
    return settings


def _from_environment(name: str, variable: str, value: str) -> str | int:
    try:
        if name == "port":
            return whole_number(1, 65535)(int(value) if value.isdigit() else value)
        if name == "security":
            return one_of(*SECURITIES)(value)
        return _sender(value) if name == "sender" else value
    except Expected as error:
        raise RemindError(f"${variable}: {error}") from None


def _sender(value: object) -> str:
    text = text_value(value)
    if "@" not in parseaddr(text)[1] or one_line(text) != text:
        raise Expected(f"expected an address like 督办提醒 <remind@example.org>, got {text!r}")
    return text


def password(settings: SmtpSettings, environ: Mapping[str, str]) -> str:
    """From $REMIND_SMTP_PASSWORD, or a file only its owner may read; never an option, which
    every user of the machine could see in the process list."""
    if secret := environ.get(PASSWORD_VARIABLE):
        return secret
    if not settings.password_file:
        return ""
    path = Path(settings.password_file).expanduser()
    try:
        mode = path.stat().st_mode
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise RemindError(
                f"{path}: the password file may be readable by others "
                f"(mode {stat.filemode(mode)}); make it private: chmod 600 {path}"
            )
        return path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise RemindError(f"{path}: cannot read the password file ({error.strerror})") from None


# ---------------------------------------------------------------- messages


def message(
    digest: Digest, *, sender: str, to: Sequence[str], cc: Sequence[str] = (), now: datetime
) -> EmailMessage:
    """The digest as multipart/alternative: plain text first, then HTML, both UTF-8."""
    mail = EmailMessage(policy=SMTP)
    mail["Subject"] = digest.subject
    mail["From"] = sender
    if to:  # a preview for a unit with no address yet has none
        mail["To"] = ", ".join(to)
    if cc:
        mail["Cc"] = ", ".join(cc)
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = make_msgid("remind", domain=_domain(sender))
    mail.set_content(as_text(digest), charset="utf-8")
    mail.add_alternative(as_html(digest), subtype="html", charset="utf-8")
    return mail


def _domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return Address(addr_spec=address).domain if "@" in address else "localhost"


def eml_name(week: str, unit: str) -> str:
    """2025-W25-法制处.eml"""
    from remind.views.index_html import file_stem

    return f"{week}-{file_stem(unit)}.eml"


# ---------------------------------------------------------------- sending


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
        raise SendFailed(f"{error.smtp_code} {_text(error.smtp_error)}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise SendFailed(f"{settings.address}: {error}") from None
    if refused:
        raise SendFailed(_answers(refused), partly=True)


class SendFailed(Exception):
    def __init__(self, answer: str, *, partly: bool = False) -> None:
        super().__init__(answer)
        self.partly = partly  # the others on the message did get it


def _answers(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{who}: {code} {_text(text)}" for who, (code, text) in refused.items())


def _text(answer: bytes | str) -> str:
    return one_line(answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer)
