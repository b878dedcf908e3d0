"""What a picture shows, as the painter planned and drew it: the scene graph.

``picture.plan_picture`` returns one for any scene; ``paint`` draws from the same plan, so
the graph is the truth about the picture: its place, light and weather, and the box of
every prop and character, in output pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Drawn:
    """One prop or character and the box it was drawn in (left, top, right, bottom)."""

    name: str
    box: Box
    action: str = ""  # a character's: standing, sitting, sleeping, awake, flying... (``poses``)
    held_by: str = ""  # a prop's: the character holding it, if anyone


@dataclass(frozen=True)
class PictureGraph:
    kind: str  # "page", "cover" or "sheet"
    place: str  # one of ``places.PLACES``; empty for a character sheet
    indoor: bool
    light: str  # the time of day: dawn, morning, midday, afternoon, sunset, night, space
    weather: tuple[str, ...]  # rain, snow, wind, fog, sunny: only what the words name
    horizon: float  # where the sky (or the wall) meets the ground (or the floor)
    text_area: Box | None
    props: tuple[Drawn, ...] = ()
    characters: tuple[Drawn, ...] = ()
    ground: float = 0.0  # the line the cast stands on; fliers' boxes end above it
    season: str = ""  # winter, autumn, spring, summer, as the words name it; "" indoors

    @property
    def prop_names(self) -> tuple[str, ...]:
        return tuple(prop.name for prop in self.props)

    def prop(self, name: str) -> Drawn | None:
        return next((prop for prop in self.props if prop.name == name), None)
