"""The config file of the coordinator's machine: what mail is sent through ([smtp]) and the
units' group-chat robots ([[webhooks]]). It holds secrets the task list must not (a shared
file): the SMTP password only by reference; a robot's address and signing secret in it, in a
file only its owner may read, or in the environment.

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

from remind.core.model import CHAT_KINDS
from remind.core.text import one_line
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import N_, _
from remind.storage.toml import Expected, Reader, TomlTable, one_of, text_value, whole_number

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
WEBHOOK_FIELDS = ("unit", "kind", "url", "url_file", "url_env", "secret", "secret_file",
                  "secret_env")  # fmt: skip
LOOPBACK = ("127.0.0.1", "localhost", "::1")  # a robot here may be plain http: a local relay
SECRET_FILES = {"url": N_("the url file"), "secret": N_("the secret file")}  # by their field


@frozen
class Webhook:
    """A group robot that a unit's digest is posted to."""

    unit: str  # as the config file names it: a name or an alias, ORG/NAME when ambiguous
    kind: str  # wecom | dingtalk | feishu
    url: str  # with its key: a secret
    secret: str = ""  # the robot's signing secret (钉钉, 飞书), when it has one
    line: int | None = None  # where the config file gives it

    @property
    def channel(self) -> str:
        """wecom:3f9a0c1d2e4b: the robot as the record store names it, without its key."""
        import hashlib

        return f"{self.kind}:{hashlib.sha256(self.url.encode()).hexdigest()[:12]}"


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


@frozen
class Config:
    smtp: SmtpSettings
    webhooks: tuple[Webhook, ...] = ()
    path: Path | None = None


def load(path: Path | None, environ: Mapping[str, str], *, chat: bool = True) -> Config:
    """The config file (when there is one), then the REMIND_SMTP_* variables; every problem of
    the file at once, with its line. The robots are read only with `chat`: mail alone is never
    stopped by a robot's variable that is not set."""
    if path is None:
        return Config(_with_environment(SmtpSettings(), environ))
    reader = Reader(path)
    reader.check_top(("smtp", "webhooks", "files"))
    settings = _smtp(reader)
    entries = reader.tables("webhooks", WEBHOOK_FIELDS) if chat else iter(())
    webhooks = tuple(_webhook(entry, environ) for entry in entries)
    reader.finish()
    return Config(_with_environment(settings, environ), webhooks, path)


def _with_environment(settings: SmtpSettings, environ: Mapping[str, str]) -> SmtpSettings:
    changes: dict[str, Any] = {
        name: _from_environment(name, variable, environ[variable].strip())
        for name, variable in ENVIRONMENT.items()
        if environ.get(variable, "").strip()
    }
    return replace(settings, **changes)


def _smtp(reader: Reader) -> SmtpSettings:
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
    return settings


def _webhook(entry: TomlTable, environ: Mapping[str, str]) -> Webhook:
    unit = entry.named("unit", text_value, N_("webhook {name}"))
    kind = entry.need("kind", one_of(*CHAT_KINDS), "wecom")
    url = _secret(entry, "url", environ, required=True)
    if url:
        try:
            robot_url(url)
        except Expected as error:
            entry.problem("url", str(error))
    secret = _secret(entry, "secret", environ)
    if secret and kind == "wecom":
        entry.problem("secret", _("a 企业微信 robot signs nothing; leave secret out"))
    return Webhook(unit, kind, url, secret, entry.line("unit"))


def _secret(
    entry: TomlTable, name: str, environ: Mapping[str, str], *, required: bool = False
) -> str:
    """`name` itself, or read from `name`_file (private), or from the variable `name`_env."""
    given = [key for key in (name, f"{name}_file", f"{name}_env") if key in entry.data]
    if len(given) > 1:
        entry.problem(given[1], _("give one of {fields}").format(fields=", ".join(given)))
        return ""
    if not given:
        if required:
            missing = _("missing; expected {name}, {name}_file or {name}_env")
            entry.problem(name, missing.format(name=name))
        return ""
    key = given[0]
    value = entry.get(key, text_value, "")
    if key.endswith("_env"):
        if not (found := environ.get(value, "").strip()):
            entry.problem(key, _("the variable ${variable} is not set").format(variable=value))
        return found
    if key.endswith("_file"):
        try:
            return private_text(Path(value).expanduser(), SECRET_FILES[name])
        except RemindError as error:
            entry.problem(key, str(error))
            return ""
    return value


def robot_url(text: str) -> str:
    """A robot's address: https, or http on this machine only (a secret's key is in it)."""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if one_line(text) != text or " " in text:
        raise Expected(_("expected an address without spaces or line breaks"))
    if parts.scheme == "https" and parts.hostname:
        return text
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return text
    # the address holds the robot's key: say only where it points
    raise Expected(
        _("expected an https:// address, got one for {scheme}://{host}").format(
            scheme=parts.scheme, host=parts.hostname
        )
    )


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
        raise Expected(
            _("expected an address like 督办提醒 <remind@example.org>, got {text!r}").format(
                text=text
            )
        )
    return text


def password(settings: SmtpSettings, environ: Mapping[str, str]) -> str:
    """From $REMIND_SMTP_PASSWORD, or a file only its owner may read; never an option, which
    every user of the machine could see in the process list."""
    if secret := environ.get(PASSWORD_VARIABLE):
        return secret
    if not settings.password_file:
        return ""
    return private_text(Path(settings.password_file).expanduser(), N_("the password file"))


def private_text(path: Path, what: str) -> str:
    """A file's text, refused when others may read it: it holds a secret. `what` names the
    file, a message marked N_ that is said only when the file is refused."""
    try:
        mode = path.stat().st_mode
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            readable = _(
                "{path}: {what} may be readable by others (mode {mode}); make it private: "
                "chmod 600 {path}"
            )
            raise RemindError(readable.format(path=path, what=_(what), mode=stat.filemode(mode)))
        return path.read_text(encoding="utf-8").strip()
    except OSError as error:
        unreadable = _("{path}: cannot read {what} ({reason})")
        raise RemindError(
            unreadable.format(path=path, what=_(what), reason=error.strerror)
        ) from None


FILES_FIELDS = ("tasks", "state")


def remembered_files(path: Path) -> tuple[Path, str] | None:
    """[files] of the config file, as `remind init` wrote it: the task list, and the record
    store that goes with it (a path, or a PostgreSQL URL). None when it names none."""
    if not path.is_file():
        return None
    reader = Reader(path)
    if "files" not in reader.data:  # the words were in a comment or a string
        return None
    table = reader.table("files", FILES_FIELDS)
    table.check_fields()
    tasks = table.need("tasks", text_value, "")
    state = table.need("state", text_value, "")
    reader.finish()
    return Path(tasks).expanduser(), state


def files_section(tasks: Path, state: str) -> str:
    """The [files] section `remind init` adds to the config file."""
    import tomli_w

    comment = _("# written by remind init: the task list and records used from any folder")
    return f"\n{comment}\n" + tomli_w.dumps({"files": {"tasks": str(tasks), "state": state}})
