"""`@record` behaves as `@dataclass(frozen=True)` does: each case is run on both and compared."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest

from hamtimer.core.record import Record, record


@record
class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class PointDC:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@record
class Total(Record):
    parts: tuple[int, ...]
    total: int = field(init=False)
    seen: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(self.parts))


@record
class Labelled(Point):
    label: str = "a"


BOTH = pytest.mark.parametrize("kind", [Point, PointDC], ids=["record", "dataclass"])


def fields_of(value: Any) -> dict[str, Any]:
    return {item.name: getattr(value, item.name) for item in dataclasses.fields(value)}


@BOTH
@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, 2), {}), ((1, 2, ["a"]), {}), ((), {"x": 3}), ((1,), {"tags": ["b"], "note": "n"})],
)
def test_arguments_fill_the_fields_as_a_dataclass_does(
    kind: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    assert fields_of(kind(*args, **kwargs)) == fields_of(PointDC(*args, **kwargs))


@BOTH
@pytest.mark.parametrize(
    ("args", "kwargs", "words"),
    [
        ((), {}, "missing"),
        ((1, 2, [], "n", 5), {}, "positional"),
        ((1,), {"x": 2}, "multiple values"),
        ((1,), {"z": 2}, "unexpected keyword"),
    ],
)
def test_wrong_arguments_are_type_errors(
    kind: Any, args: tuple[Any, ...], kwargs: dict[str, Any], words: str
) -> None:
    with pytest.raises(TypeError, match=words):
        kind(*args, **kwargs)


@BOTH
def test_a_default_factory_makes_a_new_value_each_time(kind: Any) -> None:
    first, second = kind(1), kind(1)
    assert first.tags == [] and first.tags is not second.tags


def test_repr_equality_and_hash_match_the_dataclass() -> None:
    ours, theirs = Point(1, 2, ["a"], note="x"), PointDC(1, 2, ["a"], note="x")
    assert repr(ours).replace("Point", "PointDC", 1) == repr(theirs)
    assert Point(1, 2) == Point(1, 2, note="other")  # compare=False
    assert Point(1, 2) != Point(2, 2)
    assert Point(1) != PointDC(1)
    assert hash(Total((1, 2))) == hash(Total((1, 2)))
    assert {Total((1, 2)), Total((1, 2)), Total((3,))} == {Total((1, 2)), Total((3,))}
    nan = float("nan")
    assert Total((1,)) == Total((1,)) and Point(nan) != Point(float("nan"))  # as tuples compare


@BOTH
def test_it_is_frozen(kind: Any) -> None:
    point = kind(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x


def test_replace_post_init_and_fields_not_in_init() -> None:
    total = Total((1, 2, 3))
    assert total.total == 6 and total.seen == ()
    again = dataclasses.replace(total, parts=(4,))
    assert again.total == 4 and again == Total((4,))
    assert [item.name for item in dataclasses.fields(Total)] == ["parts", "total", "seen"]
    assert dataclasses.asdict(Point(1, 2)) == {"x": 1, "y": 2, "tags": [], "note": ""}


def test_a_record_can_extend_another() -> None:
    labelled = Labelled(1, 2, label="b")
    assert (labelled.x, labelled.y, labelled.label) == (1, 2, "b")
    assert repr(labelled) == "Labelled(x=1, y=2, tags=[], label='b')"
    assert labelled != Point(1, 2)


def test_pickle_and_copy_keep_the_value() -> None:
    total = Total((1, 2))
    assert pickle.loads(pickle.dumps(total)) == total
    assert copy.deepcopy(Point(1, 2, ["a"])) == Point(1, 2, ["a"])


def test_only_records_may_be_records() -> None:
    with pytest.raises(TypeError, match="must derive from Record"):

        @record
        class Loose:
            x: int
