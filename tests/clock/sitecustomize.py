"""Imported by Python at start-up when this folder is on PYTHONPATH: it sets the clock of a
test's subprocess to $REMIND_TEST_NOW, so the installed command runs at a chosen moment."""

import os

from freezegun import freeze_time

freeze_time(os.environ["REMIND_TEST_NOW"]).start()
