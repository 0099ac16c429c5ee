"""Issue 12: marks during the work, through the engine and the journal's log entry."""

from __future__ import annotations

from hamtimer.core.history.summary import summarize
from hamtimer.core.log.journal import side_entry
from hamtimer.core.session.events import EventKind
from hamtimer.core.session.marks import Mark
from hamtimer.summary_table import summary_table
from tests.core.test_engine import T0, single


def test_a_mark_lands_on_the_side_under_way_with_its_time() -> None:
    engine, clock = single('sides = "each"', "hold = 30", 'checks = ["hip drop", "cramp"]')
    engine.start()
    clock.now = T0 + 18.23
    (event,) = [e for e in engine.mark("hip drop") if e.kind is EventKind.MARKED]
    assert event.value == Mark("hip drop", 18.2) and event.side == "left"
    clock.now = T0 + 30
    engine.tick()
    left = engine.results[min(engine.results)]
    assert left.marks == [Mark("hip drop", 18.2)]
    assert left.flags == ["hip drop"]  # a mark is also a flag
    entry = side_entry(left)
    assert entry.marks == [Mark("hip drop", 18.2)] and entry.flags == ["hip drop"]


def test_marks_only_during_one_leg_hold_or_reps_work_and_only_the_exercises_checks() -> None:
    engine, clock = single('sides = "each"', "hold = 30", 'checks = ["hip drop"]', head="prepare = 5")
    assert engine.mark("hip drop") == []  # not started
    engine.start()
    assert not engine.can_mark  # the prepare countdown
    clock.now = T0 + 6
    engine.tick()
    assert engine.can_mark
    assert engine.mark("cramp") == []  # not one of this exercise's checks
    both, _ = single("hold = 30", 'checks = ["hip drop"]')
    both.start()
    assert not both.can_mark  # two legs


def test_back_drops_the_marks_of_the_side_taken_back() -> None:
    engine, clock = single('sides = "each"', "hold = 30", 'checks = ["hip drop"]')
    engine.start()
    clock.now = T0 + 10
    engine.mark("hip drop")
    engine.back()  # restarts the side under way
    clock.now = T0 + 40
    engine.tick()
    assert engine.results[min(engine.results)].marks == []


def test_the_summary_says_when_form_broke_and_never_a_band() -> None:
    engine, clock = single('sides = "each"', "hold = 30", 'checks = ["hip drop"]')
    engine.start()
    clock.now = T0 + 17.6
    engine.mark("hip drop")
    clock.now = T0 + 30
    engine.tick()
    clock.now = T0 + 40 + 20  # the right side ends early at 20 s
    engine.end_step()
    (item,) = summarize(engine.results[i] for i in sorted(engine.results))
    assert item.sides["left"].marks == {"hip drop": [17.6]}
    from rich.console import Console

    console = Console(width=140, record=True)
    console.print(summary_table(engine))
    text = console.export_text()
    assert "hip drop at 18 s, left" in text
    assert "right 33.3 % lower today" in text
    assert not any(band in text for band in ("amber", "red", "green", "mixed"))
