"""remind link: a unit's secret address, made once and shown once; --rotate replaces it."""

from __future__ import annotations

import re
from pathlib import Path

from remind.storage import links
from remind.storage.store import opened
from tests.conftest import Run

ADDRESS = re.compile(r"^(\S+)\t(https?://\S+)/u/([A-Za-z0-9_-]{32})$")


def test_a_unit_gets_an_address_and_the_same_one_again(run: Run, state_file: Path) -> None:
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
    assert run("link", "--unit", "法制处").stdout == made.stdout  # given again, not made again
    assert len(opened(state_file).load().links) == 1
    rotated = run(
        "link", "--unit", "法制处", "--rotate", "--base-url", "https://oa.example.org/dub/"
    )
    new = ADDRESS.match(rotated.stdout.strip())
    assert new
    assert new[2] == "https://oa.example.org/dub"
    assert new[3] != token
    state = opened(state_file).load()
    assert state.opened_by(links.digest(token)) is None
    assert state.opened_by(links.digest(new[3])) == "武汉/法制处"
    assert run("link", "--unit", "法制处").stdout.endswith(f"/u/{new[3]}\n")


def test_the_link_key_is_the_owners_alone_and_another_key_opens_nothing(
    run: Run, state_file: Path
) -> None:
    key = state_file.parent / "link.key"
    assert not key.exists()
    token = ADDRESS.match(run("link", "--unit", "法制处").stdout.strip())
    assert token
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_bytes()) == links.KEY_BYTES
    other = {"REMIND_LINK_KEY": str(state_file.parent / "other.key")}
    again = run("link", "--unit", "法制处", env=other)
    assert again.exit_code == 2
    assert "made with another link key" in again.stderr
    assert "--rotate" in again.stderr
    state = opened(state_file).load()
    assert links.address_token(state, "武汉/法制处", links.key(other)) is None
    assert links.address_token(state, "武汉/法制处", key.read_bytes()) == token[3]
    key.write_bytes(b"short")
    broken = run("link", "--unit", "法制处")
    assert broken.exit_code == 2
    assert f"{key}: a link key is 32 bytes; this file has 5" in broken.stderr


def test_tokens_differ_by_unit_number_and_key() -> None:
    one, two = b"a" * 32, b"b" * 32
    made = {links.token(k, u, n) for k in (one, two) for u in ("武汉/法制处", "") for n in (0, 1)}
    assert len(made) == 8
    assert all(len(t) == 32 and t.isascii() for t in made)
    assert links.token(one, "武汉/法制处", 0) == links.token(one, "武汉/法制处", 0)


def test_every_unit_and_the_coordinator(run: Run, state_file: Path) -> None:
    first = run("link", "--unit", "市发改委").stdout
    every = run("link", "--all-units")
    assert every.exit_code == 0
    names = [line.split("\t")[0] for line in every.stdout.splitlines()]
    assert {"法制处", "市发改委", "市科技创新局", "江岸区人民政府"} <= set(names)
    assert first in every.stdout  # the one it had
    assert "各承办单位" not in names  # a group: its members carry its duties
    assert run("link", "--all-units").stdout == every.stdout
    coordinator = run("link", "--coordinator")
    assert coordinator.stdout.startswith("督办联络人（总览）\thttp://127.0.0.1:8080/u/")


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
