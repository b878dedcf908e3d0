"""Fault drill: the real stack under worker kills, Redis restarts and a provider storm.

Runs Storygen as deployed: PostgreSQL (a fresh database ``storygen_faults`` on the local
server, or ``BENCH_DATABASE_URL``; SQLite when no PostgreSQL answers), a redis-server with an
append-only file, two real Celery workers with the shipped leases and heartbeats, gunicorn
serving the API, and the fake OpenAI server with latency (text and pictures 1 s, jittered).
Clients create stories through the API and keep reading them, while the drill

- SIGKILLs a random worker at random moments (``--kills``, default 22) and starts it again
  after a random pause (as `make run` would), sometimes leaving both down for a while;
- kills redis-server with SIGKILL and starts it again (``--redis-restarts``, default 6);
- freezes a worker (SIGSTOP) for longer than STORYGEN_WORKER_GONE_AFTER, then lets it go on
  (``--freezes``, default 1): alive but silent, its work is taken over, and when it wakes
  its late results must change nothing;
- answers pictures with 429 + Retry-After, then text and pictures with 500, for a few seconds.

Then it waits for every story to end and prints one JSON line (also written to
bench/results/): stories lost, duplicated pictures (a page drawn twice, or picture files no
row refers to), corrupt files, extra AI calls (successful calls beyond what the stories
kept) beside the steps the killed or frozen workers held, recovery seconds after a kill, a
Redis restart and a freeze (until every step the fault may have stranded — held by that
worker, or waiting and due with its message possibly lost — is taken by a live worker or
finished; median and max), 5xx answers seen by the clients, and whether the workers
survived every Redis restart. Targets: 0 lost, 0 duplicates, 0 corrupt, recovery max ≤ 60 s,
0 5xx, workers alive. Exit code 1 when one is missed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GONE_AFTER = 40  # seconds: the shipped STORYGEN_WORKER_GONE_AFTER
PASSWORD = "drill-passphrase-8472"  # noqa: S105 - a throw-away account of the drill
FINAL = {"ready", "partial", "failed", "held", "refused"}


def _database(work: Path) -> tuple[str, str]:
    """A fresh PostgreSQL database when the local server answers, else SQLite."""
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url, "postgresql"
    try:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
        ) as connection:
            connection.execute("DROP DATABASE IF EXISTS storygen_faults WITH (FORCE)")
            connection.execute("CREATE DATABASE storygen_faults")
        return "postgres://postgres@127.0.0.1:5432/storygen_faults", "postgresql"
    except Exception:
        return f"sqlite:///{work / 'faults.sqlite3'}", "sqlite"


def _configure(work: Path, database_url: str, fake_url: str, broker_url: str) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "storygen.settings",
        "DJANGO_SECRET_KEY": "drill-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DATABASE_URL": database_url,
        "STORYGEN_VAR_DIR": str(work / "var"),
        "STORYGEN_DATA_DIR": str(work / "media"),
        "STORYGEN_LOG_TO_FILE": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "AI_PROVIDER": "openai",
        "OPENAI_API_KEY": "sk-drill",
        "OPENAI_BASE_URL": fake_url,
        "AI_PAGE_IMAGE_SIZE": "256x256",
        "AI_SHEET_IMAGE_SIZE": "256x384",
        "CELERY_BROKER_URL": broker_url,
        # Many stories from one account in a few minutes: this drill is about faults.
        "STORYGEN_QUOTA_CONCURRENT_RUNS": "1000",
        "STORYGEN_QUOTA_STORIES_PER_DAY": "1000",
        "STORYGEN_QUOTA_PICTURES_PER_DAY": "100000",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


class Clients:
    """People using the API meanwhile: they create stories and keep reading them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.statuses: Counter[int] = Counter()
        self.server_errors: list[str] = []
        self.stories: list[int] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.token = ""

    def call(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.base + path, data=body, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, exc.read()
        with self.lock:
            self.statuses[status] += 1
            if status >= 500:
                self.server_errors.append(f"{status} {method} {path}")
        return status, json.loads(payload or b"null")

    def sign_up(self) -> None:
        self.call("POST", "/api/v1/users/", {"username": "drill", "password": PASSWORD})
        _, tokens = self.call("POST", "/api/v1/token", {"username": "drill", "password": PASSWORD})
        self.token = tokens["access"]

    def create(self, index: int, pages: int) -> None:
        status, body = self.call(
            "POST",
            "/api/v1/stories/",
            {
                "title": f"Drill story {index}",
                "genre": "Fantasy",
                "num_pages": pages,
                "story_outline": "A fox and a hedgehog sail a leaf boat across the pond.",
                "main_characters": [
                    {"name": f"Rusty {index}", "description": "a small orange fox"}
                ],
            },
        )
        if status == 202:
            with self.lock:
                self.stories.append(int(body["story_id"]))

    def read_forever(self) -> None:
        while not self.stop.is_set():
            self.call("GET", "/api/v1/stories/?limit=20")
            with self.lock:
                known = list(self.stories)
            if known:
                self.call("GET", f"/api/v1/stories/{random.choice(known)}")
            time.sleep(0.2)


def _step_kinds() -> dict[str, tuple[Any, Any]]:
    """Each kind of step: its model, and the names of its fields."""
    from stories.models import GenerationTask, Page, StoryCharacter
    from stories.services.steps import STEP_FIELDS, TEXT_FIELDS

    return {
        "text": (GenerationTask, TEXT_FIELDS),
        "sheet": (StoryCharacter, STEP_FIELDS),
        "page": (Page, STEP_FIELDS),
    }


def _held(fields: Any, worker_id: str | None) -> Any:
    from django.db.models import Q

    from stories.models import StepStatus

    if not worker_id:
        return Q(pk__in=[])
    return Q(
        **{fields.status: StepStatus.RUNNING, f"{fields.claimed_by}__startswith": f"{worker_id}/"}
    )


def _unfinished_steps(worker_id: str | None) -> list[tuple[str, Any, int]]:
    """Steps a fault may strand, with their attempts so far: those the killed worker run
    held, and every waiting one that is due (its message may have been in the dead worker's
    hands, or in the broker that died). A retry still in its backoff is not stranded."""
    from django.conf import settings
    from django.db.models import Q
    from django.utils import timezone

    from stories.models import GenerationTask, StepStatus

    due_by = timezone.now() + timedelta(seconds=settings.STORYGEN_QUEUE_LEASE_SECONDS)
    steps: list[tuple[str, Any, int]] = []
    for kind, (model, fields) in _step_kinds().items():
        rows = model.objects.all()
        if kind == "text":
            rows = rows.filter(status=GenerationTask.Status.IN_PROGRESS)
        waiting = Q(**{fields.status: StepStatus.PENDING, f"{fields.lease}__lte": due_by})
        found = rows.filter(waiting | _held(fields, worker_id)).values_list("pk", fields.attempts)
        steps += [(kind, pk, attempts) for pk, attempts in found]
    return steps


def _still_stranded(worker_id: str | None, steps: list[tuple[str, Any, int]]) -> int:
    """How many of ``steps`` no live worker has taken (a claim adds an attempt) or ended."""
    from django.db.models import Q

    from stories.models import StepStatus

    kinds = _step_kinds()
    count = 0
    for kind, pk, attempts_then in steps:
        model, fields = kinds[kind]
        untouched = Q(
            **{fields.status: StepStatus.PENDING, f"{fields.attempts}__lte": attempts_then}
        )
        count += model.objects.filter(untouched | _held(fields, worker_id), pk=pk).exists()
    return count


class Recovery(threading.Thread):
    """How long after a fault until every step it may have stranded is moving again (taken
    by a live worker, or finished)."""

    def __init__(self, kind: str, worker_id: str | None, at: float) -> None:
        super().__init__(daemon=True)
        self.kind, self.worker_id, self.at = kind, worker_id, at
        self.steps = _unfinished_steps(worker_id)
        self.seconds: float | None = None

    def run(self) -> None:
        from django.db import close_old_connections

        try:
            while time.monotonic() - self.at < 900:
                if not _still_stranded(self.worker_id, self.steps):
                    self.seconds = time.monotonic() - self.at
                    return
                time.sleep(0.2)
        finally:
            close_old_connections()


def _pictures_check(media: Path) -> dict[str, int]:
    """Duplicated pages, picture files nobody refers to, and files that do not decode."""
    from django.db.models import Count
    from PIL import Image

    from characters.models import CharacterImage
    from stories.models import Page, PageImage, StoryCharacter

    referenced: set[str] = set()
    for page in Page.objects.exclude(image=""):
        referenced |= {page.image.name, page.image_display.name, page.image_thumbnail.name}
    for image in PageImage.objects.all():
        referenced |= {image.image.name, image.display.name, image.thumbnail.name}
    for member in StoryCharacter.objects.exclude(sheet=""):
        referenced |= {member.sheet.name, member.sheet_display.name, member.sheet_thumbnail.name}
        referenced.add(member.sheet_portrait.name)
    for sheet in CharacterImage.objects.all():
        referenced |= {sheet.image.name, sheet.display.name, sheet.thumbnail.name}
        referenced.add(sheet.portrait.name)
    referenced.discard("")
    on_disk = {
        str(path.relative_to(media))
        for path in media.rglob("*")
        if path.is_file() and path.suffix in {".png", ".jpg", ".jpeg", ".webp"}
    }
    corrupt = 0
    for name in referenced:
        try:
            with Image.open(io.BytesIO((media / name).read_bytes())) as picture:
                picture.verify()
        except Exception:
            corrupt += 1
    drawn_twice = (
        PageImage.objects.filter(source=PageImage.Source.DRAWN)
        .values("page")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "duplicate_pictures": drawn_twice,
        "orphan_files": len(on_disk - referenced),
        "corrupt_files": corrupt,
    }


def _extra_calls(calls: list[Any]) -> dict[str, int]:
    """Successful provider calls beyond what the finished stories kept."""
    from stories.models import Page, Story, StoryCharacter

    kept_pictures = (
        Page.objects.exclude(image="").count() + StoryCharacter.objects.exclude(sheet="").count()
    )
    kept_texts = Story.objects.filter(pages__isnull=False).distinct().count()
    made = Counter(
        "picture" if call.kind in {"image", "edit"} else call.kind
        for call in calls
        if call.fault is None and call.status in {0, 200}
    )
    storm = sum(call.fault is not None for call in calls)
    return {
        "extra_ai_calls": made["picture"] - kept_pictures + made["text"] - kept_texts,
        "storm_failed_calls": storm,
    }


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _max(values: list[float]) -> float | None:
    return round(max(values), 1) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=26)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--kills", type=int, default=22)
    parser.add_argument("--redis-restarts", type=int, default=6)
    parser.add_argument("--freezes", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)

    from storygen.testing.fake_openai import FakeOpenAI
    from storygen.testing.processes import CeleryWorker, Gunicorn, RedisServer

    work = Path(tempfile.mkdtemp(prefix="storygen-faults-"))
    database_url, database = _database(work)
    fake = FakeOpenAI(
        api_key="sk-drill",
        text_latency=1.0,
        image_latency=1.0,
        edit_latency=1.0,
        jitter=0.3,
        picture="small",
    ).start()
    redis = RedisServer(append_only=True).start()
    try:
        env = _configure(work, database_url, fake.base_url, redis.url)
        web = Gunicorn(env, workers=2).start()
        workers = [CeleryWorker(env, concurrency=8, name=f"drill{n}").start() for n in (1, 2)]
        clients = Clients(web.url)
        clients.sign_up()
        reader = threading.Thread(target=clients.read_forever, daemon=True)
        reader.start()

        from storygen.models import WorkerHeartbeat

        recoveries: list[Recovery] = []
        kinds = _step_kinds()
        held_at_kills = 0
        kills = 0
        freezes = 0
        redis_restarts = 0
        worker_died_on_redis_restart = False
        restart_due: dict[int, float] = {}
        created = 0
        started = time.monotonic()
        storm_done = False
        # Stories arrive through the drill; faults are spread over it.
        events = ["kill"] * args.kills + ["redis"] * args.redis_restarts + ["freeze"] * args.freezes
        random.shuffle(events)
        try:
            for number, event in enumerate(events, start=1):
                # Stories keep arriving through the drill, so every fault meets work in flight.
                while created < args.stories * number // len(events):
                    clients.create(created, args.pages)
                    created += 1
                if not storm_done and number > len(events) // 2:
                    # Half way, with every worker up and new stories just sent: 429 with
                    # Retry-After on every picture for 8 s, then 500 on text and pictures for
                    # 6 s. The moderation model stays up: an outage there holds stories for
                    # review, which is a different drill.
                    for index in list(restart_due):
                        workers[index].start()
                        del restart_due[index]
                    for _ in range(2):
                        clients.create(created, args.pages)
                        created += 1
                    time.sleep(2.0)
                    for kind in ("image", "edit"):
                        fake.add_fault(kind, status=429, retry_after=1, duration=8)
                    time.sleep(8)
                    for kind in ("text", "image", "edit"):
                        fake.add_fault(kind, status=500, duration=6)
                    storm_done = True
                time.sleep(random.uniform(1.0, 4.0))
                for index, due in list(restart_due.items()):
                    if time.monotonic() >= due:
                        workers[index].start()
                        del restart_due[index]
                if event == "kill":
                    alive = [i for i, w in enumerate(workers) if i not in restart_due]
                    if not alive:  # both down: bring one back first, so every kill counts
                        first = min(restart_due, key=restart_due.__getitem__)
                        workers[first].start()
                        del restart_due[first]
                        alive = [first]
                        time.sleep(random.uniform(1.0, 3.0))
                    index = random.choice(alive)
                    worker = workers[index]
                    assert worker.process is not None
                    run = (
                        WorkerHeartbeat.objects.filter(pid=worker.process.pid, stopped_at=None)
                        .order_by("-started_at")
                        .values_list("worker_id", flat=True)
                        .first()
                    )
                    recovery = Recovery("kill", run, time.monotonic())
                    worker.kill()
                    kills += 1
                    held_at_kills += sum(
                        kinds[kind][0].objects.filter(_held(kinds[kind][1], run), pk=pk).exists()
                        for kind, pk, _ in recovery.steps
                    )
                    if recovery.steps:
                        recovery.start()
                        recoveries.append(recovery)
                    restart_due[index] = time.monotonic() + random.uniform(0.5, 8.0)
                elif event == "freeze":
                    alive = [i for i, w in enumerate(workers) if i not in restart_due]
                    if alive:
                        worker = workers[random.choice(alive)]
                        assert worker.process is not None
                        run = (
                            WorkerHeartbeat.objects.filter(pid=worker.process.pid, stopped_at=None)
                            .values_list("worker_id", flat=True)
                            .first()
                        )
                        recovery = Recovery("freeze", run, time.monotonic())
                        os.killpg(worker.process.pid, signal.SIGSTOP)
                        freezes += 1
                        held_at_kills += sum(
                            kinds[kind][0]
                            .objects.filter(_held(kinds[kind][1], run), pk=pk)
                            .exists()
                            for kind, pk, _ in recovery.steps
                        )
                        if recovery.steps:
                            recovery.start()
                            recoveries.append(recovery)
                        time.sleep(GONE_AFTER + 10)
                        os.killpg(worker.process.pid, signal.SIGCONT)
                else:
                    recovery = Recovery("redis", None, time.monotonic())
                    redis.kill()
                    time.sleep(random.uniform(2.0, 5.0))
                    redis.start()
                    redis_restarts += 1
                    if recovery.steps:
                        recovery.start()
                        recoveries.append(recovery)
                    time.sleep(3.0)
                    for index, worker in enumerate(workers):
                        if index not in restart_due and worker.process is not None:
                            worker_died_on_redis_restart |= worker.process.poll() is not None
            for index in list(restart_due):
                workers[index].start()
            while created < args.stories:
                clients.create(created, args.pages)
                created += 1

            from stories.models import Story

            deadline = time.monotonic() + 900
            while time.monotonic() < deadline:
                statuses = list(
                    Story.objects.filter(pk__in=clients.stories).values_list("status", flat=True)
                )
                if len(statuses) == len(clients.stories) and set(statuses) <= FINAL:
                    break
                time.sleep(1.0)
            for recovery in recoveries:
                recovery.join(timeout=5)
        finally:
            clients.stop.set()
            reader.join(timeout=10)
            for worker in workers:
                worker.stop()
            web.stop()

        from stories.models import Story

        statuses = Counter(
            Story.objects.filter(pk__in=clients.stories).values_list("status", flat=True)
        )
        # Every story the API accepted (202) must exist and have ended.
        lost = len(clients.stories) - sum(
            count for status, count in statuses.items() if status in FINAL
        )

        def seconds(kind: str) -> list[float]:
            return [
                r.seconds if r.seconds is not None else 900.0 for r in recoveries if r.kind == kind
            ]

        pictures = _pictures_check(work / "media")
        calls = _extra_calls(fake.calls)
        result = {
            "benchmark": "faults",
            "database": database,
            "stories": len(clients.stories),
            "pages_per_story": args.pages,
            "statuses": dict(statuses),
            "worker_kills": kills,
            "redis_restarts": redis_restarts,
            "worker_freezes": freezes,
            "stories_lost": lost,
            **pictures,
            **calls,
            "steps_held_by_killed_or_frozen_workers": held_at_kills,
            "recovery_after_kills_median_s": _median(seconds("kill")),
            "recovery_after_kills_max_s": _max(seconds("kill")),
            "recovery_after_redis_restarts_median_s": _median(seconds("redis")),
            "recovery_after_redis_restarts_max_s": _max(seconds("redis")),
            "recovery_after_freezes_max_s": _max(seconds("freeze")),
            "client_requests": sum(clients.statuses.values()),
            "client_5xx": len(clients.server_errors),
            "workers_survived_redis_restarts": not worker_died_on_redis_restart,
            "seed": args.seed,
            "wall_s": round(time.monotonic() - started, 1),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        }
        met = (
            lost == 0
            and pictures["duplicate_pictures"] == 0
            and pictures["orphan_files"] == 0
            and pictures["corrupt_files"] == 0
            and max(seconds("kill") + seconds("redis") + seconds("freeze"), default=0) <= 60
            and result["client_5xx"] == 0
            and result["workers_survived_redis_restarts"]
        )
        result["target_met"] = met
        line = json.dumps(result)
        print(line)
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / f"faults-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(line + "\n")
        return 0 if met else 1

    finally:
        redis.stop()
        fake.stop()


if __name__ == "__main__":
    sys.exit(main())
