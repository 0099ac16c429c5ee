"""What the voice says as a work step starts, and how it is started."""

from __future__ import annotations

import pytest

from hamtimer.audio.voice import Voice, announcement
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.plan import WorkStep, build_plan


def first_work(exercise: str, sides: str = "both") -> WorkStep:
    text = '[program]\nname = "V"\n[[block]]\n[[block.exercise]]\nname = "Move"\n'
    text += f'sides = "{sides}"\n{exercise}\n'
    return build_plan(parse_program(text, "v.toml")).work_steps[0]


@pytest.mark.parametrize(
    ("work", "said"),
    [
        ("hold = 30", "Move. 30 seconds."),
        ('hold = "20-30s"', "Move. 20 to 30 seconds."),
        ('hold = "max"', "Move. As long as you can."),
        ("reps = 12", "Move. 12 reps."),
        ("reps = 1", "Move. 1 rep."),
        ('reps = "8-10"', "Move. 8 to 10 reps."),
        ('reps = "max"', "Move. Max reps."),
        ('reps = 5\ntempo = "3-1-1"', "Move. 5 reps, tempo 3, 1, 1."),
        ('time = "5 min"', "Move. 5 minutes."),
        ('time = "1m30s"', "Move. 1.5 minutes."),
        ('time = "5-10 min"', "Move. 5 minutes to 10 minutes."),
        ('distance = "20 yd"', "Move. 20 yards."),
    ],
)
def test_what_is_said(work: str, said: str) -> None:
    assert announcement(first_work(work)) == said


def test_the_side_comes_first() -> None:
    assert announcement(first_work("hold = 30", sides="each")) == "Left leg. Move. 30 seconds."


def test_speakers_in_order_and_their_arguments() -> None:
    found = {"espeak": "/bin/espeak", "say": "/usr/bin/say"}
    voice = Voice(0.5, which=found.get)
    assert voice.program == "espeak" and voice.argv("Hi.") == ["/bin/espeak", "-a", "75", "--", "Hi."]
    mac = Voice(0.5, which={"say": "/usr/bin/say"}.get)
    assert mac.argv("Hi.") == ["/usr/bin/say", "[[volm 0.50]] Hi."]
    assert not Voice(which=lambda _: None).available
