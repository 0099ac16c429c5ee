"""The session screen driven by keys and a fake clock: what the user sees and what the keys do."""

from __future__ import annotations

import pytest
from textual import messages
from textual.widgets import Static

from hamtimer.core.session.engine import Status
from hamtimer.core.session.events import Cue
from hamtimer.core.session.plan import RestStep, WorkStep
from hamtimer.ui.screens.session import SessionScreen
from hamtimer.ui.widgets.figures import BigFigures
from tests.support.pilot import HOLD, PREPARE, SIDE_REST, RunSession, Session, plain, screen_text

LEFT_INDEX, RIGHT_INDEX = 1, 3  # plan steps of BRIDGE: 0 prepare, 1 left, 2 rest, 3 right, 4 rest, 5 curl


async def to_left_hold(s: Session) -> None:
    await s.advance(PREPARE)
    assert isinstance(s.engine.step, WorkStep) and s.engine.step.side is not None


async def to_side_rest(s: Session) -> None:
    await to_left_hold(s)
    await s.advance(HOLD)
    assert isinstance(s.engine.step, RestStep)


async def to_right_hold(s: Session) -> None:
    await to_side_rest(s)
    await s.advance(SIDE_REST)
    assert s.engine.index == RIGHT_INDEX


# ----- start screen


async def test_start_screen_shows_program_ready_first_exercise_and_space(run_session: RunSession) -> None:
    async with run_session(start=False) as s:
        assert isinstance(s.app.screen, SessionScreen)
        assert s.engine.status is Status.READY
        assert s.banner_text == "READY"
        assert "Bridge test" in s.text("#exercise")
        assert "LEFT" in s.text("#next") and "Single-leg bridge" in s.text("#next")
        assert "space" in s.text("#detail") and "starts" in s.text("#detail")
        assert s.shown == "2:10"  # the estimate: 5 + 30 + 20 + 30 + 30 + 5 reps x 3 s
        shown = screen_text(s.screen)
        for words in ("Bridge test", "READY", "Single-leg bridge", "space"):
            assert words in shown


async def test_nothing_moves_before_space(run_session: RunSession) -> None:
    async with run_session(start=False) as s:
        await s.advance(60)
        assert s.engine.status is Status.READY
        assert s.banner_text == "READY"


async def test_space_starts_the_prepare_countdown(run_session: RunSession) -> None:
    async with run_session(start=False) as s:
        await s.press("space")
        assert s.engine.status is Status.RUNNING
        assert s.banner_text == "GET READY"
        assert s.shown == "5"
        await s.advance(2)
        assert s.shown == "3"
        assert s.banner_text == "GET READY"
        assert Cue.GET_READY in s.player.cues()


# ----- holds


async def test_left_hold_shows_left_banner_clock_cue_and_next(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        assert "LEFT" in s.banner_text and "RIGHT" not in s.banner_text
        assert s.banner.has_class("-left") and not s.banner.has_class("-right")
        assert "Single-leg bridge" in s.text("#exercise")
        assert s.shown == "30"
        assert "Keep the pelvis level" in s.text("#cue")
        nxt = s.text("#next")
        assert "rest 20 s" in nxt and "RIGHT" in nxt and "Single-leg bridge" in nxt


async def test_right_hold_shows_right_banner_and_what_follows(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_right_hold(s)
        assert "RIGHT" in s.banner_text and "LEFT" not in s.banner_text
        assert s.banner.has_class("-right") and not s.banner.has_class("-left")
        assert s.shown == "30"
        assert "Drive through the heel" in s.text("#cue")
        nxt = s.text("#next")
        assert "rest 30 s" in nxt and "Hamstring curl" in nxt


async def test_big_clock_counts_down_in_whole_seconds(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        seen = []
        for step in (0.5, 0.5, 0.99, 0.01, 10.0, 16.9, 1.0):
            await s.advance(step)
            seen.append(s.shown)
        assert seen == ["30", "29", "29", "28", "18", "2", "1"]


async def test_hold_ends_by_itself_at_its_deadline(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        await s.advance(HOLD - 0.1)
        assert isinstance(s.engine.step, WorkStep)
        await s.advance(0.1)
        assert s.banner_text == "REST"
        result = s.engine.results[LEFT_INDEX]
        assert result.seconds == 30.0 and result.completed


async def test_enter_ends_a_hold_early_keeping_the_seconds(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        await s.advance(12.4)
        await s.press("enter")
        result = s.engine.results[LEFT_INDEX]
        assert result.seconds == 12.4
        assert result.completed is False
        assert s.banner_text == "REST"
        assert "12.4 s" in plain(s.rating)


# ----- rest between sides and the rating prompt


async def test_rest_between_sides_opens_the_rating_panel(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        assert s.banner_text == "REST"
        assert s.banner.has_class("-rest")
        assert s.shown == "20"
        assert s.rating.display
        text = plain(s.rating)
        assert "LEFT" in text and "Single-leg bridge" in text and "30 s" in text
        assert "[h] hip drop" in text and "[c] cramp" in text
        assert "how hard" in text


@pytest.mark.parametrize(("key", "difficulty"), [("1", 1), ("7", 7), ("9", 9), ("0", 10)])
async def test_a_digit_rates_the_side_just_done(run_session: RunSession, key: str, difficulty: int) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        await s.press(key)
        assert s.engine.results[LEFT_INDEX].difficulty == difficulty
        assert f"rated {difficulty}" in plain(s.rating)


async def test_a_later_digit_replaces_the_rating(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        await s.press("6", "8")
        assert s.engine.results[LEFT_INDEX].difficulty == 8


async def test_check_letters_toggle_flags(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        result = s.engine.results[LEFT_INDEX]
        await s.press("h")
        assert result.flags == ["hip drop"]
        assert "hip drop: YES" in plain(s.rating) and "cramp: no" in plain(s.rating)
        await s.press("c")
        assert result.flags == ["hip drop", "cramp"]
        await s.press("h")
        assert result.flags == ["cramp"]
        assert "hip drop: no" in plain(s.rating) and "cramp: YES" in plain(s.rating)


async def test_letters_that_are_not_checks_do_nothing(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        await s.press("x", "z")
        assert s.engine.results[LEFT_INDEX].flags == []
        assert s.engine.status is Status.RUNNING


async def test_esc_closes_the_rating_panel_and_digits_stop_rating(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        await s.press("escape")
        assert not s.rating.display
        await s.press("5", "h")
        result = s.engine.results[LEFT_INDEX]
        assert result.difficulty is None and result.flags == []


async def test_the_rest_keeps_running_while_rating(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        assert s.remaining == 20
        await s.press("8")
        await s.advance(3)
        assert s.remaining == 17 and s.shown == "17"
        await s.press("h", "c")
        await s.advance(2)
        assert s.shown == "15"
        assert s.banner_text == "REST"
        await s.advance(15)
        assert "RIGHT" in s.banner_text
        assert s.engine.results[LEFT_INDEX].difficulty == 8


# ----- reps


async def to_reps(s: Session) -> None:
    await to_right_hold(s)
    await s.advance(HOLD)
    await s.advance(30)
    assert s.engine.index == 5


async def test_space_counts_reps_minus_takes_one_back_and_the_target_ends_the_step(
    run_session: RunSession,
) -> None:
    async with run_session() as s:
        await to_reps(s)
        assert "Hamstring curl" in s.text("#exercise")
        assert s.shown == "0"
        assert "space" in s.text("#detail") and "5 reps" in s.text("#detail")
        await s.press("space", "space")
        assert s.shown == "2"
        await s.press("minus")
        assert s.shown == "1"
        await s.press("space", "space", "space")
        assert s.shown == "4"
        assert s.engine.status is Status.RUNNING
        await s.press("space")
        assert s.engine.results[5].reps == 5
        assert s.engine.status is Status.FINISHED  # the last step: the session is over


async def test_minus_never_goes_below_zero_reps(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_reps(s)
        await s.press("minus", "minus")
        assert s.shown == "0"
        await s.press("space")
        assert s.shown == "1"


async def test_a_reps_step_waits_for_the_user(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_reps(s)
        await s.advance(600)
        assert s.engine.status is Status.RUNNING and s.engine.index == 5


# ----- pause, skip, back, rest changes


async def test_p_pauses_with_an_overlay_and_freezes_the_clock(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        await s.advance(3)
        assert s.shown == "27"
        await s.press("p")
        paused = s.screen.query_one("#paused", Static)
        assert paused.display
        assert "PAUSED" in screen_text(s.screen)
        await s.advance(10)
        assert s.remaining == 27 and s.shown == "27"
        await s.press("p")
        assert not paused.display
        assert "PAUSED" not in screen_text(s.screen)
        await s.advance(2)
        assert s.remaining == 25 and s.shown == "25"


async def test_space_also_resumes_a_pause(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        await s.press("p")
        await s.advance(5)
        await s.press("space")
        assert not s.engine.paused
        assert not s.screen.query_one("#paused").display
        assert isinstance(s.engine.step, WorkStep)  # resuming did not end the hold
        assert s.shown == "30"


async def test_s_skips_the_step_and_records_nothing(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        await s.advance(10)
        await s.press("s")
        assert s.engine.results == {}
        assert s.banner_text == "REST"
        assert not s.rating.display


async def test_b_goes_back_to_the_side_just_done(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        await s.press("7")
        await s.advance(4)
        await s.press("b")
        assert "LEFT" in s.banner_text
        assert s.shown == "30"
        assert s.engine.results == {}
        assert not s.rating.display


async def test_plus_adds_15_s_to_a_rest_and_minus_takes_15_s_away(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        await s.advance(5)
        assert s.remaining == 15
        await s.press("+")
        assert s.remaining == 30 and s.shown == "30"
        await s.press("plus")
        assert s.remaining == 45
        await s.press("-")
        assert s.remaining == 30 and s.shown == "30"
        await s.advance(29)
        assert s.banner_text == "REST"
        await s.advance(1)
        assert "RIGHT" in s.banner_text


async def test_minus_on_a_short_rest_ends_it(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_side_rest(s)
        await s.advance(10)
        await s.press("minus")
        assert "RIGHT" in s.banner_text


async def test_plus_does_not_lengthen_a_hold(run_session: RunSession) -> None:
    async with run_session() as s:
        await to_left_hold(s)
        await s.press("plus")
        assert s.remaining == 30


# ----- sound


async def test_m_toggles_mute_and_muted_cues_are_not_played(run_session: RunSession) -> None:
    async with run_session() as s:
        assert s.app.muted is False  # type: ignore[attr-defined]
        await s.press("m")
        assert s.app.muted is True  # type: ignore[attr-defined]
        assert "sound off" in screen_text(s.screen)
        before = len(s.player.played)
        await to_left_hold(s)  # the GO cue happens here
        assert len(s.player.played) == before
        await s.press("m")
        assert s.app.muted is False  # type: ignore[attr-defined]
        await s.advance(HOLD / 2)
        assert Cue.HALFWAY in s.player.cues()[before:]


# ----- repaints


async def test_ten_ticks_a_second_change_the_big_clock_once_a_second(
    run_session: RunSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a change of the shown whole seconds reaches the digits (watch_text, Update messages)."""
    watched: list[str] = []
    original = BigFigures.watch_text

    def watch_text(self: BigFigures) -> None:
        watched.append(self.text)
        original(self)

    monkeypatch.setattr(BigFigures, "watch_text", watch_text)
    seen: list[object] = []
    async with run_session(message_hook=seen.append) as s:
        await to_left_hold(s)
        await s.pilot.pause()  # let the repaint of the step start through before counting
        clock = s.screen.query_one(BigFigures)
        watched.clear()
        seen.clear()
        start = s.clock.now
        for tick in range(1, 31):  # 3 s of fake time, in exact tenths
            s.clock.now = start + tick / 10
            s.screen.sync()
            await s.pilot.pause(0)
        await s.pilot.pause()
        assert watched == ["29", "28", "27"]
        updates = [m for m in seen if isinstance(m, messages.Update) and m.widget is clock]
        assert len(updates) == 3


async def test_ticks_within_one_second_repaint_only_what_changed(run_session: RunSession) -> None:
    """DESIGN: the UI repaints only when what is shown changes (no Update/Layout for same text)."""
    seen: list[object] = []
    async with run_session(message_hook=seen.append) as s:
        await to_left_hold(s)
        await s.advance(0.05)
        await s.pilot.pause()  # let the repaint of the step start through before counting
        widgets = list(s.screen.query("*"))
        before = {w: str(w.render()) for w in widgets}
        seen.clear()
        for _ in range(5):  # 0.05 s .. 0.55 s into the hold: 30 and the time left stay the same
            await s.advance(0.1)
        await s.pilot.pause()
        after = {w: str(w.render()) for w in widgets}
        repainted = {
            m.widget for m in seen if isinstance(m, messages.Update | messages.Layout) and m.widget in before
        }
        unchanged = {w for w in repainted if before[w] == after[w]}
        assert unchanged == set(), [f"{type(w).__name__}#{w.id}" for w in unchanged]
        assert s.shown == "30"


# ----- bugs found


async def test_banner_leaves_ready_when_the_first_step_is_two_leg_work(run_session: RunSession) -> None:
    program = """
    [program]
    name = "No prepare"
    prepare = 0

    [[block]]
    [[block.exercise]]
    name = "Double-leg bridge"
    hold = 30
    """
    async with run_session(program) as s:
        assert s.engine.status is Status.RUNNING
        assert isinstance(s.engine.step, WorkStep)
        assert s.banner_text != "READY"
        assert "BOTH" in s.banner_text


async def test_banner_says_rest_after_a_late_tick(run_session: RunSession) -> None:
    async with run_session() as s:
        await s.advance(PREPARE + HOLD + 1)
        assert isinstance(s.engine.step, RestStep)
        assert s.banner_text == "REST"


@pytest.mark.parametrize("name", ["Nordic curl [assisted]", "Curl [/b] slow"])
async def test_exercise_names_with_brackets_show_as_written(run_session: RunSession, name: str) -> None:
    program = f"""
    [program]
    name = "Brackets"
    prepare = 5

    [[block]]
    [[block.exercise]]
    name = "{name}"
    hold = 20
    """
    async with run_session(program) as s:
        assert name in s.text("#next")
        await s.advance(PREPARE)
        assert name in s.text("#exercise")


async def test_the_last_side_can_still_be_rated(run_session: RunSession) -> None:
    program = """
    [program]
    name = "One exercise"
    prepare = 5

    [rest]
    between_sides = 20

    [[block]]
    [[block.exercise]]
    name = "Single-leg bridge"
    sides = "each"
    hold = 30
    checks = ["cramp"]
    """
    async with run_session(program) as s:
        await s.advance(PREPARE)
        await s.advance(HOLD)
        await s.press("7")
        await s.advance(SIDE_REST)
        await s.advance(HOLD)
        await s.press("8")
        await s.pilot.pause(0.1)
        assert s.engine.results[1].difficulty == 7
        assert s.engine.results[3].difficulty == 8
