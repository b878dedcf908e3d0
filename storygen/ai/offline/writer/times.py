"""Times of day a story may name: only those its outline, title, setting, tone or genre
name or imply, so that no page invents a morning the brief never asked for.

Data and one question; which lines are written is decided in ``telling``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storygen.ai.types import StoryBrief

#: Words naming each time of day.
TIME_WORDS: dict[str, tuple[str, ...]] = {
    "morning": ("morning", "mornings", "dawn", "sunrise", "daybreak"),
    "midday": ("noon", "midday", "lunchtime"),
    "afternoon": ("afternoon", "afternoons"),
    "evening": ("evening", "evenings", "dusk", "sunset", "sundown", "twilight"),
    "night": ("night", "nights", "nighttime", "tonight", "midnight", "bedtime", "goodnight"),
}
#: Words of a brief that bring a time of day with them.
TIME_CUES: dict[str, tuple[str, ...]] = {
    "morning": ("breakfast", "first day", "school", "all day"),
    "midday": ("lunch", "picnic", "all day"),
    "afternoon": ("home time", "after school", "school", "picnic", "all day"),
    "evening": ("supper", "dinner", "bath time", "bedtime", "all day"),
    "night": (
        "overnight", "sleep", "sleeps", "asleep", "dream", "dreams", "moon", "star", "stars",
        "northern lights", "firefly", "fireflies",
    ),
}  # fmt: skip
#: Genres that bring times of day of their own.
GENRE_TIMES = {"bedtime": ("evening", "night")}


def story_times(brief: StoryBrief) -> set[str]:
    """The times of day the brief names or implies."""
    text = " ".join((brief.outline, brief.title, brief.setting, brief.tone)).lower()
    padded = " " + " ".join(re.findall(r"[a-z0-9]+", re.sub(r"'s\b", "", text))) + " "
    times = set(GENRE_TIMES.get(brief.genre.strip().lower(), ()))
    for time, named in TIME_WORDS.items():
        if any(f" {cue} " in padded for cue in (*named, *TIME_CUES[time])):
            times.add(time)
    return times


def untold_times(brief: StoryBrief) -> re.Pattern[str] | None:
    """A pattern matching the words of every time of day the brief does not allow."""
    allowed = story_times(brief)
    banned = [w for time, named in TIME_WORDS.items() if time not in allowed for w in named]
    return re.compile(rf"\b(?:{'|'.join(banned)})\b", re.IGNORECASE) if banned else None


def allowed_lines(lines: Sequence[str], brief: StoryBrief) -> list[str]:
    """The lines naming no time of day the brief leaves out."""
    banned = untold_times(brief)
    return [line for line in lines if banned is None or not banned.search(line)]
