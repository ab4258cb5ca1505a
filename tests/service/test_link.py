"""remind link: a unit's secret address, made once and shown once; --rotate replaces it."""

from __future__ import annotations

import re
from pathlib import Path

from remind.storage import links
from remind.storage.store import opened
from tests.conftest import Run

ADDRESS = re.compile(r"^(\S+)\t(https?://\S+)/u/([A-Za-z0-9_-]{32})$")


def test_a_unit_gets_an_address_once(run: Run, state_file: Path) -> None:
    made = run("link", "--unit", "法制处")
    assert made.exit_code == 0, made.stderr
    found = ADDRESS.match(made.stdout.strip())
    assert found
    assert found[1] == "法制处"
    assert found[2] == "http://127.0.0.1:8080"
    token = found[3]
    state = opened(state_file).load()
    assert state.opened_by(links.digest(token)) == "武汉/法制处"
    assert token not in state_file.read_bytes().decode("latin-1")  # only its digest is kept
    again = run("link", "--unit", "法制处")
    assert again.exit_code == 2
    assert "cannot be shown again: give --rotate" in again.stderr
    rotated = run(
        "link", "--unit", "法制处", "--rotate", "--base-url", "https://oa.example.org/dub/"
    )
    new = ADDRESS.match(rotated.stdout.strip())
    assert new
    assert new[2] == "https://oa.example.org/dub"
    state = opened(state_file).load()
    assert state.opened_by(links.digest(token)) is None
    assert state.opened_by(links.digest(new[3])) == "武汉/法制处"


def test_every_unit_and_the_coordinator(run: Run, state_file: Path) -> None:
    assert run("link", "--unit", "市发改委").exit_code == 0
    every = run("link", "--all-units")
    assert every.exit_code == 0
    names = [line.split("\t")[0] for line in every.stdout.splitlines()]
    assert "市发改委" not in names  # it has one
    assert {"法制处", "市科技创新局", "江岸区人民政府"} <= set(names)
    assert "各承办单位" not in names  # a group: its members carry its duties
    coordinator = run("link", "--coordinator")
    assert coordinator.stdout.startswith("督办联络人（总览）\thttp://127.0.0.1:8080/u/")
    assert run("link", "--all-units").stderr.startswith("every unit has an address already")


def test_bad_requests_end_in_one_line_and_write_nothing(run: Run, state_file: Path) -> None:
    for args, said in [
        (("link",), "say whose address"),
        (("link", "--coordinator", "--unit", "法制处"), "--coordinator takes no unit"),
        (("link", "--unit", "没有这个处"), "没有这个处"),
    ]:
        result = run(*args)
        assert result.exit_code == 2, args
        last = result.stderr.strip().splitlines()[-1]  # a usage error shows the usage first
        assert last.startswith("Error: ")
        assert said in last
    assert not state_file.exists()
