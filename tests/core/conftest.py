from __future__ import annotations

import pytest

from remind.core.model import TaskList
from remind.core.units import Directory
from remind.storage.tasklist import load_tasklist
from tests.conftest import DATA


@pytest.fixture(scope="package")
def tasklist() -> TaskList:
    """The test task list, checked: every schedule kind, groups, aliases, two organisations."""
    return load_tasklist(DATA / "tasks.toml")


@pytest.fixture(scope="package")
def directory(tasklist: TaskList) -> Directory:
    return Directory(tasklist.units)
