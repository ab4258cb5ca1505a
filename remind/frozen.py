"""Frozen data: every concept of remind is a value that nothing changes once it is made.

The type checker holds the rule, not the interpreter: `@frozen` classes are slotted dataclasses
that mypy --strict (run by CI over the code and the tests) treats as frozen, so an assignment
to a field fails the build. Freezing at run time as well would cost every start of remind
about half a millisecond a class, for a mistake CI already catches.

For the same reason only `__init__` is generated as dataclasses do (from source, compiled at
import); equality, hashing and repr are shared functions over the fields, which are as fast to
call and free to make.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(
    cls: type[T] | None = None, /, *, eq: bool = True
) -> type[T] | Callable[[type[T]], type[T]]:
    """A slotted dataclass, equal and hashed by its fields as a frozen dataclass is (with
    eq=False, by identity)."""

    def make(cls: type[T]) -> type[T]:
        made = dataclass(slots=True, eq=False, repr=False)(cls)
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        shown = [f.name for f in fields if f.repr]
        made.__repr__ = lambda self: _repr(self, shown)  # type: ignore[method-assign]
        if eq:
            key = _key([f.name for f in fields if f.compare])
            made.__eq__ = lambda self, other: _equal(self, other, key)  # type: ignore[method-assign]
            made.__hash__ = lambda self: hash(key(self))  # type: ignore[method-assign]
        return made

    return make if cls is None else make(cls)


def _key(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple, as dataclasses compare and hash them."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    if not names:
        return lambda value: ()
    return attrgetter(*names)


def _equal(self: Any, other: Any, key: Callable[[Any], tuple[Any, ...]]) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return key(self) == key(other)


def _repr(value: Any, names: list[str]) -> str:
    shown = ", ".join(f"{name}={getattr(value, name)!r}" for name in names)
    return f"{type(value).__qualname__}({shown})"
