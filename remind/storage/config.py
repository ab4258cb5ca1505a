"""The config file of the coordinator's machine: what mail is sent through ([smtp]). It holds
secrets the task list must not (a shared file): the password itself only by reference.

Each setting may also come from the environment, which wins over the file: a crontab sets it
there.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import replace
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from remind.core.text import one_line
from remind.errors import RemindError
from remind.frozen import frozen
from remind.storage.toml import Expected, Reader, one_of, text_value, whole_number

SMTP_FIELDS = (
    "host",
    "port",
    "security",
    "username",
    "from",
    "ca_file",
    "password_file",
    "timeout",
)
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


@frozen
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
    table = reader.table("smtp", SMTP_FIELDS)
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
