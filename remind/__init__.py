"""remind: deadlines of Chinese government work plans, per unit."""

__version__ = "0.1.0"
