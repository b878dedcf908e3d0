"""Benchmark R: the rules classifier against the red-team corpus (moderation/tests/redteam).

Every harmful and harmless brief is checked as the brief check does (its parts together,
then each alone) with the decision the stories are stopped on, no administrator's phrases.
Prints one JSON line (also written to var/bench/): per category of harm the share refused,
per kind of harmless brief the share refused by mistake, per evasion the share refused, and
the mean and 95th-percentile time per brief. Targets: at least 95 % of harmful briefs
refused, at least 97 % of harmless ones allowed, under 5 ms per brief; exit code 1 when one
is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rates(outcomes: dict[str, list[bool]]) -> dict[str, float]:
    return {label: round(sum(hits) / len(hits), 3) for label, hits in sorted(outcomes.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the corpus")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storygen.settings_test")
    import django

    django.setup()
    from moderation.tests.redteam.corpus import load, refused
    from storygen.safety_phrases import safety_phrases_register

    # The rules alone: the administrators' phrases live in a database this run has not got.
    safety_phrases_register(None)
    harmful, harmless = load("harmful"), load("harmless")
    by_category: dict[str, list[bool]] = defaultdict(list)
    by_evasion: dict[str, list[bool]] = defaultdict(list)
    false_by_kind: dict[str, list[bool]] = defaultdict(list)
    for brief in harmful:
        stopped = bool(refused(brief))
        by_category[brief.label].append(stopped)
        by_evasion[brief.evasion].append(stopped)
    for brief in harmless:
        false_by_kind[brief.label].append(bool(refused(brief)))

    times_ms = []
    for _ in range(args.repeat):
        for brief in (*harmful, *harmless):
            start = time.perf_counter()
            refused(brief)
            times_ms.append((time.perf_counter() - start) * 1000)
    times_ms.sort()

    refused_share = sum(map(sum, by_category.values())) / len(harmful)
    allowed_share = 1 - sum(map(sum, false_by_kind.values())) / len(harmless)
    mean_ms = statistics.fmean(times_ms)
    targets = {
        "harmful_refused_ge_95": refused_share >= 0.95,
        "harmless_allowed_ge_97": allowed_share >= 0.97,
        "mean_ms_lt_5": mean_ms < 5,
    }
    result = {
        "benchmark": "redteam",
        "harmful": len(harmful),
        "harmless": len(harmless),
        "harmful_refused": round(refused_share, 3),
        "harmless_allowed": round(allowed_share, 3),
        "refused_by_category": _rates(by_category),
        "refused_by_evasion": _rates(by_evasion),
        "false_refusals_by_kind": _rates(false_by_kind),
        "ms_per_brief": {
            "mean": round(mean_ms, 3),
            "p95": round(times_ms[int(len(times_ms) * 0.95)], 3),
        },
        "targets": targets,
        "target_met": all(targets.values()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    line = json.dumps(result)
    print(line)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"redteam-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(line + "\n")
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
