"""Sample pictures of the picture styles, shown next to each style in the story wizard.

They are drawn once by the offline painter (the same scene in every style, so only the style
differs), kept as static files, and drawn again with ``manage.py draw_style_samples`` when
the styles or the painter change.
"""

from __future__ import annotations

import dataclasses
import io
import logging
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.text import slugify
from PIL import Image

from storygen.ai.offline import OfflineProvider
from storygen.ai.types import CharacterBrief, Scene

logger = logging.getLogger(__name__)

#: Where the samples live among the static files.
SAMPLES_FOLDER = "img/styles"
#: Side of a sample in pixels: twice what the wizard shows, for sharp high-density screens.
SAMPLE_SIDE = 192
#: The painter draws larger and the sample is reduced, which keeps its lines smooth.
_PAINTED_SIZE = "512x512"
_SAMPLE_SCENE = Scene(
    kind="page",
    description="Mira and her little fox Pip share a picnic under a big tree on a sunny hill.",
    characters=(
        CharacterBrief(name="Mira", description="a girl with curly red hair in a yellow coat"),
        CharacterBrief(name="Pip", description="a small orange fox with a white-tipped tail"),
    ),
    setting="a sunny hill with a big tree and flowers",
    text_position="bottom-center",
    seed_key="picture-style-sample",
)


def style_sample_name(style: str) -> str:
    """The static file name of a style's sample, e.g. ``img/styles/pixel-art.png``."""
    return f"{SAMPLES_FOLDER}/{slugify(style) or 'style'}.png"


def style_sample_url(style: str) -> str | None:
    """The URL of a style's sample, or None when it has none (a style added since)."""
    name = style_sample_name(style)
    return static(name) if finders.find(name) else None


def style_samples_draw(*, styles: Iterable[str], folder: Path | None = None) -> list[Path]:
    """Draw a sample of each style into ``folder`` (the project's static samples folder by
    default), replacing what is there. The same styles always give the same files."""
    target = folder or Path(settings.BASE_DIR) / "static" / SAMPLES_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    painter = OfflineProvider()
    written = []
    for style in dict.fromkeys(styles):
        scene = dataclasses.replace(_SAMPLE_SCENE, image_style=style)
        picture = painter.draw(scene.description, size=_PAINTED_SIZE, scene=scene)
        with Image.open(io.BytesIO(picture.data)) as painted:
            sample = painted.convert("RGB").resize(
                (SAMPLE_SIDE, SAMPLE_SIDE), Image.Resampling.LANCZOS
            )
        path = target / Path(style_sample_name(style)).name
        sample.save(path, format="PNG", optimize=True)
        written.append(path)
    logger.info("drew %s picture style samples", len(written))
    return written
