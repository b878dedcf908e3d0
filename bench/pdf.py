"""Benchmark B: a story's PDF, JPEG vs PNG pictures and cached vs uncached, 12 and 24 pages.

Each story is made by the real pipeline, in this process (tasks run inline), with the
offline provider painting its pictures at a realistic 1024x1024 (PNG originals, display
JPEGs beside them, as the pipeline stores them). Then, per story:

- jpeg_s: the PDF rendered as the app renders it (display JPEGs embedded as they are);
- png_s: the same PDF with the PNG originals embedded instead (what WeasyPrint does with
  pictures that are not JPEGs: decode and re-encode every one);
- uncached_s: a download with no cached PDF (the worker's service: load the story, render,
  write the cache file);
- cached_s: a download with the PDF cached (load the story, fingerprint it, find the file).

Then, for a 20-page story (the most the wizard offers), client_wait_20_s: how long an API
client waits for ``GET /api/v1/stories/{id}/pdf`` with nothing cached, on the synchronous
path every client gets by default (the request renders the PDF, 200 with its bytes), from
sending the request to holding the last byte, through the whole middleware and API stack.

Prints one JSON line and writes it to var/bench/. Targets on the 2-core machine: 24 pages
uncached ≤ 2 s, png_s / jpeg_s ≥ 10, cached ≥ 50 times faster than uncached, the 20-page
client wait ≤ 2 s. Exit code 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (12, 24)
#: Pages of the story whose cold download an API client waits for.
CLIENT_WAIT_PAGES = 20
BRIEF: dict[str, Any] = {
    "genre": "Fantasy",
    "story_outline": (
        "Mira and her seagull friend Pip find a paper boat that sails to the moon. They "
        "meet the moon's lamplighter, help her fix a broken star and sail home by sunrise."
    ),
    "main_characters": [
        {
            "name": "Mira",
            "description": "a girl of nine with curly red hair and freckles",
            "clothing_style": "a yellow raincoat and green boots",
        },
        {"name": "Pip", "description": "a small grey seagull with a crooked orange beak"},
    ],
    "setting": "a lighthouse by the sea",
    "image_style": "Watercolor",
}


def _configure(work: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "storygen.settings",
            "DJANGO_SECRET_KEY": "bench-" + "k" * 50,
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL")
            or f"sqlite:///{work / 'bench.sqlite3'}",
            "STORYGEN_VAR_DIR": str(work / "var"),
            "STORYGEN_DATA_DIR": str(work / "media"),
            "STORYGEN_LOG_TO_FILE": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "AI_PROVIDER": "offline",
            "AI_PAGE_IMAGE_SIZE": "1024x1024",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # Production settings: templates name the collected, hashed static files.
    call_command("collectstatic", interactive=False, verbosity=0)

    from storygen.celery import app

    # The pipeline's tasks run inline here: this benchmark is about the PDF, not the queue.
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


def _make_story(owner: Any, pages: int) -> int:
    from stories import services
    from stories.models import Story

    task = services.story_generation_start(
        owner=owner, title=f"Moon boat {pages} {time.time_ns()}", num_pages=pages, **BRIEF
    )
    story = Story.objects.get(pk=task.story_id)
    if story.status != Story.Status.READY:
        raise RuntimeError(f"the {pages}-page story ended {story.status}")
    return story.pk


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    runs = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def _measure(story_id: int, repeat: int) -> dict[str, Any]:
    from stories import selectors
    from stories.services import pdf
    from storygen.media import media_path
    from storygen.pdf import media_url

    story = selectors.story_pdf_source(story_id=story_id)
    assert story is not None
    pages = list(story.pages.all())
    cache = media_path(f"stories/{story_id}/pdf")

    jpeg_s, jpeg_pdf = _timed(lambda: pdf.story_pdf_bytes(story=story, pages=pages), repeat)
    png_s, png_pdf = _timed(
        lambda: pdf.story_pdf_bytes(
            story=story, pages=pages, picture=lambda page, layout: media_url(page.image.name)
        ),
        repeat,
    )

    def uncached() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        pdf.story_pdf_render(story_id=story_id)

    uncached_s, _ = _timed(uncached, repeat)

    def cached() -> pdf.PdfState:
        fresh = selectors.story_pdf_source(story_id=story_id)
        assert fresh is not None
        return pdf.story_pdf_get_or_queue(story=fresh)

    cached_s, state = _timed(cached, max(repeat, 5))
    assert state.is_ready, state
    return {
        "pages": len(pages) - 1,
        "jpeg_s": round(jpeg_s, 3),
        "png_s": round(png_s, 3),
        "png_over_jpeg": round(png_s / jpeg_s, 1),
        "uncached_s": round(uncached_s, 3),
        "cached_s": round(cached_s, 4),
        "cached_speedup": round(uncached_s / cached_s, 1),
        "jpeg_pdf_mb": round(len(jpeg_pdf) / 1e6, 2),
        "png_pdf_mb": round(len(png_pdf) / 1e6, 2),
    }


def _client_wait(story_id: int, owner: Any, repeat: int) -> float:
    """Median seconds an API client waits for the story's PDF with nothing cached: the
    request as the reference client sends it (bearer token, no Prefer), to the last byte."""
    from django.test import Client

    from accounts.services import user_tokens
    from storygen.media import media_path

    token = user_tokens(user=owner)["access"]
    client = Client()
    cache = media_path(f"stories/{story_id}/pdf")

    def download() -> None:
        response = client.get(
            f"/api/v1/stories/{story_id}/pdf",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_HOST="localhost",
            secure=True,  # production settings redirect plain http
        )
        data = b"".join(response.streaming_content)
        if response.status_code != 200 or not data.startswith(b"%PDF-"):
            raise RuntimeError(f"the PDF download answered {response.status_code}")

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        download()

    seconds, _ = _timed(cold, repeat)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each arm (median kept)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="storygen-bench-pdf-"))
    try:
        _configure(work)
        from accounts.models import User

        owner = User.objects.create_user(username=f"bench{time.time_ns()}", password=None)
        stories = {pages: _make_story(owner, pages) for pages in SIZES}
        waited_for = _make_story(owner, CLIENT_WAIT_PAGES)
        # One untimed render first, so every arm meets warm imports and font caches.
        _measure(stories[SIZES[0]], 1)
        results = {
            str(pages): _measure(story_id, args.repeat) for pages, story_id in stories.items()
        }
        client_wait_s = _client_wait(waited_for, owner, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    big = results[str(SIZES[-1])]
    targets = {
        "uncached_24_le_2s": big["uncached_s"] <= 2.0,
        "png_over_jpeg_ge_10": all(r["png_over_jpeg"] >= 10 for r in results.values()),
        "cached_ge_50x": all(r["cached_speedup"] >= 50 for r in results.values()),
        "client_wait_20_le_2s": client_wait_s <= 2.0,
    }
    result = {
        "benchmark": "pdf",
        "repeat": args.repeat,
        "picture_size": "1024x1024",
        "stories": results,
        f"client_wait_{CLIENT_WAIT_PAGES}_s": round(client_wait_s, 3),
        "targets": targets,
        "target_met": all(targets.values()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    line = json.dumps(result)
    print(line)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"pdf-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(line + "\n")
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
