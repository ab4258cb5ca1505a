"""remind link and serve: the units' secret addresses, and the 督办 service that opens them."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from datetime import datetime, time

import click

from remind.cli import options as opt
from remind.cli.app import App, command
from remind.errors import RemindError
from remind.i18n import _

DEFAULT_PORT = 8080


@command("link")
@opt.units("The unit whose address to give; repeat for several.")
@click.option("--all-units", is_flag=True, help="Every unit with duties of its own.")
@click.option("--coordinator", is_flag=True,
              help="The coordinator's address: the board, the log and every unit.")  # fmt: skip
@click.option("--rotate", is_flag=True,
              help="Make a new address; the old one stops opening.")  # fmt: skip
@click.option("--base-url", type=opt.SERVICE,
              help="The service's public address [default: base_url in [settings], else "
              "http://127.0.0.1:8080].")  # fmt: skip
def link_command(
    app: App, unit_names: tuple[str, ...], all_units: bool, coordinator: bool, rotate: bool,
    base_url: str | None,
) -> None:  # fmt: skip
    """Print a unit's secret address in the 督办 service (remind serve), making it the first
    time; --rotate replaces it, and the old one stops opening. With --all-units, every unit's,
    one a line. The addresses are made from the link key ($REMIND_LINK_KEY,
    else link.key in your config folder): keep it private, and give the digest the same key.

    \b
    Example:
      remind link --unit 法制处
      remind link --all-units
      remind link --coordinator --rotate
    """
    from remind.storage import links

    opt.refuse(
        (coordinator and (unit_names or all_units), _("--coordinator takes no unit")),
        (all_units and unit_names, _("--all-units takes every unit; leave out --unit")),
        (not (coordinator or unit_names or all_units),
         _("say whose address: --unit U, --all-units or --coordinator")),
    )  # fmt: skip
    base = base_url or app.tasklist.settings.base_url or f"http://127.0.0.1:{DEFAULT_PORT}"
    base = base.rstrip("/")
    if coordinator:
        whom = [(links.COORDINATOR, "督办联络人（总览）")]
    else:
        if all_units:
            units = app.directory.with_duties(app.directory.duties(app.tasklist.tasks))
        else:
            units = app.units(unit_names)
        whom = [("/".join(u.key), app.directory.display(u)) for u in units]
    link_key = links.key(app.environ)
    for key, name in whom:
        if not rotate and (given := links.address_token(app.state, key, link_key)):
            click.echo(f"{name}\t{base}/u/{given}")
            continue
        if not rotate and (existing := links.current(app.state, key)):
            raise RemindError(
                _(
                    "{name} has an address made with another link key ({made}); give --rotate "
                    "for a new one (the old one stops opening), or set REMIND_LINK_KEY to the "
                    "key it was made with"
                ).format(name=name, made=f"{existing.made:%Y-%m-%d %H:%M}")
            )
        click.echo(f"{name}\t{base}/u/{links.make(app, key, app.now())}")


@command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; behind nginx, keep it on this machine.")  # fmt: skip
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="The port to listen on.")  # fmt: skip
def serve_command(app: App, host: str, port: int) -> None:
    """Run the 督办 service: each unit's clerk opens the unit's link (remind link) to see its
    duties and record them done, with a 反馈; the coordinator's link opens the board, every
    unit and the log. It reads the task list again when the file changes.

    \b
    Example:
      remind serve
      remind serve --host 0.0.0.0 --port 8080
    """
    import logging

    import uvicorn

    from remind.service.site import Site
    from remind.service.web import access_log, create_app

    app.tasklist  # noqa: B018 -- a broken task list is refused before the server starts
    site = Site(app.environ, app.given_tasks, app.given_state,
                clock=_fixed(app) if app.given_today else None)  # fmt: skip
    listening = _listen(host, port)  # before saying it serves: a port in use is one line
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    click.echo(_("督办服务：http://{host}:{port}/ （Ctrl+C 停止）").format(host=host, port=port))
    config = uvicorn.Config(access_log(create_app(site)), host=host, port=port, access_log=False,
                            log_level="warning", server_header=False)  # fmt: skip
    uvicorn.Server(config).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as error:
        raise RemindError(
            _(
                "cannot listen on {host}:{port} ({why}); is the service running already? give "
                "another --port"
            ).format(host=host, port=port, why=error.strerror or error)
        ) from None


def _fixed(app: App) -> Callable[[], datetime]:
    """--today given: the service's clock stands at that day's noon (for trials and tests)."""
    moment = datetime.combine(app.today, time(12), app.zone)
    return lambda: moment
