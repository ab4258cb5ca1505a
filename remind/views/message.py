"""A digest as an e-mail: multipart/alternative, plain text first, then HTML, both UTF-8; made
with the standard library's email package. Sends nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr

from remind.core.digest import Digest
from remind.views.digest import as_html, as_text, subject


def digest_message(
    digest: Digest, *, sender: str, to: Sequence[str], cc: Sequence[str] = (), now: datetime
) -> EmailMessage:
    """The digest as multipart/alternative: plain text first, then HTML, both UTF-8."""
    mail = EmailMessage(policy=SMTP)
    mail["Subject"] = subject(digest)
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
