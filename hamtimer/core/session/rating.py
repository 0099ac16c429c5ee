"""The rating asked after each side: the difficulty words and a key for each of the exercise's checks."""

from __future__ import annotations

ANCHORS = "10 nothing left · 9 one more · 8 two more · 7 three more · 6 or less: easy"
RESERVED = set("pbsmqiw")
"""Letters that are commands while a check's key can be pressed (pause, back, skip, mute, quit in
plain mode, the whole text, write the log elsewhere), so never a check's key."""
DIFFICULTY_WORDS = {10: "nothing left", 9: "one more", 8: "two more", 7: "three more"}


def difficulty_words(difficulty: int) -> str:
    return DIFFICULTY_WORDS.get(difficulty, "easy")


def check_keys(checks: tuple[str, ...]) -> dict[str, str]:
    """A free letter for each check: its words' initials first, then any of its letters."""
    keys: dict[str, str] = {}
    for check in checks:
        words = check.lower().split()
        candidates = [w[0] for w in words if w] + [c for c in check.lower() if c.isalpha()]
        spare = [c for c in "acdefghijklnortuvwxyz" if c not in keys]
        for letter in [*candidates, *spare]:
            if letter.isalpha() and letter.isascii() and letter not in RESERVED and letter not in keys:
                keys[letter] = check
                break
    return keys
