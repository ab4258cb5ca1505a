from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from remind import i18n
from remind.cli import cli
from tests import postgres

TESTS = Path(__file__).parent
ROOT = TESTS.parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
BUNDLED = ROOT / "data" / "tasks.toml"  # the task list shipped with remind

Run = Callable[..., Result]


@pytest.fixture(autouse=True, scope="session")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every run of the session keeps its checked task lists here, not in the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REMIND_CACHE", str(folder))
        yield folder


@pytest.fixture(autouse=True, scope="session")
def config_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user's config folder (config.toml, the link key) is the session's own, empty."""
    folder = tmp_path_factory.mktemp("config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(folder))
        yield folder / "remind"


@pytest.fixture(autouse=True, scope="session")
def english() -> Iterator[None]:
    """The tests speak the code's own English unless they ask for Chinese (REMIND_LANG=zh),
    whatever the locale of the machine that runs them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REMIND_LANG", "en")
        yield


@pytest.fixture(autouse=True)
def code_english() -> Iterator[None]:
    """Each test starts in the code's own English: a command a test ran in Chinese leaves
    the catalog it chose behind, and the pure parts' messages would speak it."""
    i18n.use(None)
    yield
    i18n.use(None)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The PostgreSQL server of the run: .ci/run's ($REMIND_TEST_POSTGRES), else one started
    for it. One that cannot start fails the tests that need it."""
    if given := os.environ.get("REMIND_TEST_POSTGRES"):
        yield given
        return
    folder = postgres.short_folder()
    try:
        yield postgres.start(folder)
    finally:
        postgres.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty database of the run's PostgreSQL server."""
    return postgres.database(postgres_server, f"test_{os.urandom(6).hex()}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a record store is to be: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "state.sqlite3"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def tasks_file() -> Path:
    return DATA / "tasks.toml"


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "state.sqlite3"


@pytest.fixture
def run(tasks_file: Path, state_file: Path) -> Run:
    """Runs the command line in an isolated environment: the test task list, a fresh state
    file, no colour, a fixed width."""

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        base = {
            "REMIND_TASKS": str(tasks_file),
            "REMIND_STATE": str(state_file),
            "REMIND_LINK_KEY": str(state_file.parent / "link.key"),
            "NO_COLOR": "1",
            "COLUMNS": "120",
        }
        return CliRunner(env=base | (env or {})).invoke(cli, list(args), catch_exceptions=False)

    return invoke


def stored(records: Path, store: Path | str) -> Path | str:
    """A record store holding the records of a TOML file, as `remind state import` takes them."""
    from remind.core.records import merged
    from remind.storage import statefile
    from remind.storage.store import opened

    other = statefile.load(records)
    opened(store).change(lambda current: merged(current, other, set()))
    return store


def golden(name: str, actual: str | bytes) -> None:
    """Compare a whole output with tests/golden/NAME, byte for byte (an .ics keeps its CRLF);
    REMIND_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("REMIND_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, driven by Selenium, looking at local addresses only.
    Skipped where no Chromium is installed, unless REMIND_TEST_BROWSER=required (as .ci/run
    sets it), which fails instead."""
    driver_path = shutil.which("chromedriver")
    if driver_path is None:
        if os.environ.get("REMIND_TEST_BROWSER") == "required":
            pytest.fail("no chromedriver: apt-get install chromium chromium-driver")
        pytest.skip("no Chromium here (apt-get install chromium chromium-driver)")
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    profile = tempfile.mkdtemp(prefix="remind-chromium-")
    # no background connections: the browser looks at local files only
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
