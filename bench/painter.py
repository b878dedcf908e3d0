"""Benchmark P: how long the offline painter takes to paint one busy 1024 x 1024 picture.

Two crowded scenes (a cover with four characters, a page with four creatures by a
waterfall), in the Watercolor style, each painted once to warm up and then ``--repeat``
times. Prints one JSON line (also written to var/bench/): per scene the fastest and the
median time in milliseconds. Target: the fastest under 250 ms on a 2-core machine; exit
code 1 when a scene misses it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storygen.ai.types import Scene

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MS = 250


def _scenes() -> dict[str, Scene]:
    from storygen.ai.types import CharacterBrief, Scene

    mira = CharacterBrief(name="Mira", description="a brave girl who loves the sea", age=7)
    pip = CharacterBrief(name="Pip", description="a small brown dog", clothing_style="a scarf")
    joe = CharacterBrief(name="Grandpa Joe", age=70, gender="male", description="a fisherman")
    luna = CharacterBrief(name="Luna", description="a clever fox", clothing_style="purple cape")
    bramble = CharacterBrief(name="Bramble", description="a round hedgehog with tiny glasses")
    hop = CharacterBrief(name="Hop", description="a cheerful frog")
    page = Scene(
        kind="page",
        description="Mira and Pip search the rock pools in the morning light",
        characters=(bramble, hop, luna, pip),
        setting="a waterfall in the woods",
        image_style="Watercolor",
        page_number=2,
        story_title="The Lantern of the Sea",
        seed_key="bench",
    )
    cover = dataclasses.replace(
        page, kind="cover", characters=(mira, pip, joe, luna), setting="a lighthouse by the sea"
    )
    return {"people-and-pets": cover, "creatures-by-water": page}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed pictures per scene")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storygen.settings_test")
    from storygen.ai.offline import OfflineProvider

    provider = OfflineProvider()
    figures: dict[str, dict[str, float]] = {}
    for name, scene in _scenes().items():
        provider.draw("x", size="1024x1024", scene=scene)
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            provider.draw("x", size="1024x1024", scene=scene)
            timings.append((time.perf_counter() - started) * 1000)
        figures[name] = {
            "fastest_ms": round(min(timings), 1),
            "median_ms": round(statistics.median(timings), 1),
        }
    met = all(f["fastest_ms"] < TARGET_MS for f in figures.values())
    line = json.dumps(
        {
            "benchmark": "painter",
            "size": "1024x1024",
            "scenes": figures,
            "target_fastest_ms": TARGET_MS,
            "target_met": met,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        }
    )
    print(line)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "painter.json").write_text(line + "\n")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
