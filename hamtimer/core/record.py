"""`@record`: a frozen dataclass whose methods are written once here, not compiled per class.

Why: `@dataclass(frozen=True)` writes six methods for each class as source text and compiles them
with `exec` when the class is made, about 0.5 ms a class on the development machine. The types a
session's first frame needs (the program, the plan, today's targets, the engine's events, the
state the screen shows) are some forty such classes: about 20 ms, a tenth of a start-up
(`bench/bench_session.py --only first-frame`; docs/benchmarks.md). `@record` makes the same
dataclass (fields, `dataclasses.replace`, `asdict`, `field(...)`, `__post_init__`, and mypy's
frozen checks through `dataclass_transform`) and compiles nothing: Record's methods read a table
of the class's fields, made once per class.

An instance costs about a microsecond more to make than a compiled `__init__` would, so the types
made by the thousand (the history's rows) stay plain dataclasses.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from typing import Any, ClassVar, TypeVar, dataclass_transform

T = TypeVar("T")


class Record:
    """The methods of every `@record` class: init, equality, hash and repr from its field table."""

    __slots__ = ()
    __record_init__: ClassVar[tuple[tuple[str, Any, Any], ...]]
    """(name, default, default factory) of each field `__init__` takes, in order."""
    __record_after__: ClassVar[tuple[tuple[str, Any, Any], ...]]
    """The same for fields `__init__` does not take (`field(init=False)` with a default)."""
    __record_compare__: ClassVar[tuple[str, ...]]
    __record_hash__: ClassVar[tuple[str, ...]]
    __record_repr__: ClassVar[tuple[str, ...]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        table = self.__record_init__
        if len(args) > len(table):
            name = type(self).__qualname__
            raise TypeError(f"{name}() takes {len(table)} positional arguments but {len(args)} were given")
        values = {entry[0]: value for entry, value in zip(table, args, strict=False)}
        for name, value in kwargs.items():
            if name in values:
                raise TypeError(f"{type(self).__qualname__}() got multiple values for argument {name!r}")
            values[name] = value
        if len(values) != len(table) or len(kwargs):
            for name, default, factory in table[len(args) :]:
                if name in values:
                    continue
                if default is not MISSING:
                    values[name] = default
                elif factory is not MISSING:
                    values[name] = factory()
                else:
                    raise TypeError(f"{type(self).__qualname__}() missing required argument: {name!r}")
            if len(values) != len(table):
                known = {entry[0] for entry in table}
                wrong = next(name for name in kwargs if name not in known)
                raise TypeError(f"{type(self).__qualname__}() got an unexpected keyword argument {wrong!r}")
        for name, default, factory in self.__record_after__:
            values[name] = default if default is not MISSING else factory()
        vars(self).update(values)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = self.__record_compare__
        return tuple(getattr(self, name) for name in names) == tuple(getattr(other, name) for name in names)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self.__record_hash__))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
        return f"{type(self).__qualname__}({shown})"


def _entry(item: Field[Any]) -> tuple[str, Any, Any]:
    return item.name, item.default, item.default_factory


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T]) -> type[T]:
    """The class as a frozen dataclass with Record's methods (it must derive from Record)."""
    if not issubclass(cls, Record):
        raise TypeError(f"@record class {cls.__qualname__} must derive from Record")
    made: Any = dataclass(init=False, repr=False, eq=False)(cls)
    items = fields(made)
    made.__record_init__ = tuple(_entry(item) for item in items if item.init)
    made.__record_after__ = tuple(
        _entry(item)
        for item in items
        if not item.init and (item.default is not MISSING or item.default_factory is not MISSING)
    )
    made.__record_compare__ = tuple(item.name for item in items if item.compare)
    made.__record_hash__ = tuple(
        item.name for item in items if (item.compare if item.hash is None else item.hash)
    )
    made.__record_repr__ = tuple(item.name for item in items if item.repr)
    return cls
