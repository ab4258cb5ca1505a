"""Frozen data: every concept of remind is a value that nothing changes once it is made.

The type checker holds the rule, not the interpreter: `@frozen` classes are slotted dataclasses
that mypy --strict (run by CI over the code and the tests) treats as frozen, so an assignment
to a field fails the build. Freezing at run time as well would cost every start of remind about
half a millisecond a class, for a mistake CI already catches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(
    cls: type[T] | None = None, /, *, eq: bool = True
) -> type[T] | Callable[[type[T]], type[T]]:
    """A slotted dataclass, equal and hashed by its fields (by identity with eq=False)."""

    def make(cls: type[T]) -> type[T]:
        return dataclass(slots=True, eq=eq, unsafe_hash=eq)(cls)

    return make if cls is None else make(cls)
