"""Benchmark S: the offline writer's stories against the briefs they were written from.

Every brief of storygen/ai/offline/tests/briefs.jsonl is written by the offline provider and
scored by the judge beside it (storygen/ai/offline/tests/judge.py): the outline's events told
in order, no sentence told twice, no character description pasted in, subjects and verbs that
agree, no lost-thing plot or time of day the brief did not ask for, and words per page within
the density. Prints one JSON line (also written to var/bench/): per check the share of briefs
that pass and the number of failures found, and the share passing every check. A measurement,
not a gate: the exit code is 0 whatever the figures. ``--show N`` prints brief N's story in
full (numbered from 0, as in the file) with its failures, instead of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _write(brief: dict[str, Any]) -> Any:
    from storygen.ai.offline import OfflineProvider
    from storygen.ai.offline.tests.judge import story_brief
    from storygen.ai.types import StoryRequest

    request = StoryRequest(brief=story_brief(brief), instructions="", prompt="", schema={})
    return OfflineProvider().write_story(request)


def _show(index: int, brief: dict[str, Any]) -> None:
    from storygen.ai.offline.tests.judge import judge

    story = _write(brief)
    print(f"Brief {index}: {brief['genre']}, {brief['num_pages']} pages, {brief['text_density']}")
    print(f"Outline: {brief['outline']}")
    print(f"\n{story.title}\n")
    for page in story.pages:
        print(f"[{page.number}] {page.text}\n")
    for name, failures in judge(story, brief).items():
        print(f"{name}: {'pass' if not failures else f'{len(failures)} failures'}")
        for failure in failures:
            print(f"  - {failure}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, metavar="N", help="print brief N's story and failures")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storygen.settings_test")
    from storygen.ai.offline.tests.judge import CHECKS, judge, load_briefs

    briefs = load_briefs()
    if args.show is not None:
        _show(args.show, briefs[args.show])
        return 0

    passed = dict.fromkeys(CHECKS, 0)
    failures = dict.fromkeys(CHECKS, 0)
    failing_briefs: dict[str, list[int]] = {name: [] for name in CHECKS}
    clean = 0
    start = time.perf_counter()
    for index, brief in enumerate(briefs):
        verdict = judge(_write(brief), brief)
        for name, found in verdict.items():
            passed[name] += not found
            failures[name] += len(found)
            if found:
                failing_briefs[name].append(index)
        clean += not any(verdict.values())
    seconds = time.perf_counter() - start

    result = {
        "benchmark": "offline_story",
        "briefs": len(briefs),
        "pass_share": {name: round(passed[name] / len(briefs), 3) for name in CHECKS},
        "failures_found": failures,
        "failing_briefs": failing_briefs,
        "all_checks_pass_share": round(clean / len(briefs), 3),
        "seconds": round(seconds, 2),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    line = json.dumps(result)
    print(line)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"offline_story-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
