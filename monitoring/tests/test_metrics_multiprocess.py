"""/metrics across processes: gunicorn workers and Celery workers sharing one metrics folder."""

from __future__ import annotations

import json
import os
import platform
import re
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from accounts.models import User
from monitoring.metrics import metrics_response
from stories import services
from stories.models import Page, StepStatus, Story
from storygen.testing.processes import (
    ROOT,
    CeleryWorker,
    Gunicorn,
    RedisServer,
    free_port,
    publishing_to,
    worker_environment,
)

TOKEN = "metrics-token-" + "m" * 32
REQUESTS = "django_http_requests_total_by_method_total"
GUNICORN_CONF = ROOT / "storygen" / "gunicorn_conf.py"
#: The environment variable naming the gunicorn master that made the private metrics folder.
OWNER = "STORYGEN_METRICS_FOLDER_OWNER"


def _count_in_process(folder: Path, metric: str, amount: int, **labels: str) -> None:
    """Count ``amount`` of ``metric`` in a separate process writing to ``folder``, as a
    gunicorn or Celery worker would, and let that process end."""
    child = f".labels(**{labels!r})" if labels else ""
    code = (
        "from prometheus_client import Counter\n"
        f"Counter({metric!r}, 'Counted elsewhere.', {sorted(labels)!r}){child}.inc({amount})\n"
    )
    subprocess.run(  # noqa: S603 - our interpreter, fixed code
        [sys.executable, "-c", code],
        env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)},
        check=True,
    )


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _sum(text: str, name: str, **labels: str) -> float:
    wanted = set(labels.items())
    return sum(
        value
        for (sample, sample_labels), value in _samples(text).items()
        if sample == name and wanted <= set(sample_labels)
    )


# --- gunicorn's hooks -----------------------------------------------------------------------


@pytest.fixture
def gunicorn_conf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The gunicorn configuration as gunicorn loads it, with the metrics folder set."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    monkeypatch.delenv(OWNER, raising=False)
    return runpy.run_path(str(GUNICORN_CONF))


def _a_finished_process() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=True, capture_output=True
    )
    return int(child.stdout)


def test_gunicorn_start_drops_the_files_of_processes_that_are_gone(
    tmp_path: Path, gunicorn_conf: dict[str, Any]
) -> None:
    gone = _a_finished_process()
    stale = [tmp_path / f"counter_{gone}.db", tmp_path / f"gauge_all_{gone}.db"]
    # A Celery worker on the same machine, still running, shares the folder.
    alive = [tmp_path / f"counter_{os.getpid()}.db", tmp_path / f"histogram_{os.getpid()}.db"]
    for file in stale + alive:
        file.write_bytes(b"")

    gunicorn_conf["on_starting"](None)

    assert sorted(tmp_path.iterdir()) == sorted(alive)


def test_gunicorn_start_creates_the_folder_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    runpy.run_path(str(GUNICORN_CONF))["on_starting"](None)
    assert folder.is_dir()


def test_a_gunicorn_worker_that_exits_leaves_the_live_gauges_but_keeps_its_counts(
    tmp_path: Path, gunicorn_conf: dict[str, Any]
) -> None:
    gone = _a_finished_process()
    counts = tmp_path / f"counter_{gone}.db"
    live = tmp_path / f"gauge_livesum_{gone}.db"
    counts.write_bytes(b"")
    live.write_bytes(b"")

    gunicorn_conf["child_exit"](None, SimpleNamespace(pid=gone))

    assert counts.exists()
    assert not live.exists()


def test_without_a_folder_gunicorn_uses_a_private_one_and_removes_it_on_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Empty counts as unset (prometheus_client would write into the working directory).
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    monkeypatch.delenv(OWNER, raising=False)
    conf = runpy.run_path(str(GUNICORN_CONF))
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    assert folder.is_dir()
    assert folder.resolve() != Path.cwd().resolve()

    conf["on_exit"](None)

    assert not folder.exists()


def test_the_private_folder_is_still_removed_on_exit_after_a_reload(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    monkeypatch.delenv(OWNER, raising=False)
    runpy.run_path(str(GUNICORN_CONF))
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    try:
        # A HUP makes the master read its configuration again, with the folder in its
        # environment by now; its workers are forked from it with that environment.
        reloaded = runpy.run_path(str(GUNICORN_CONF))
        assert Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]) == folder

        reloaded["on_exit"](None)

        assert not folder.exists()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_folder_gunicorn_did_not_make_is_kept_on_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    # Inherited from another gunicorn master (another process id) that made it.
    monkeypatch.setenv(OWNER, str(_a_finished_process()))
    runpy.run_path(str(GUNICORN_CONF))["on_exit"](None)
    assert tmp_path.is_dir()


@pytest.mark.integration
def test_a_gunicorn_reloaded_with_hup_still_removes_its_private_folder_on_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(OWNER, raising=False)
    env = worker_environment(
        broker_url=None,
        extra={"PROMETHEUS_MULTIPROC_DIR": "", "DJANGO_ALLOWED_HOSTS": "127.0.0.1"},
    )
    folder: Path | None = None
    try:
        with Gunicorn(env, workers=1) as web:
            assert web.process is not None
            (pid,) = re.findall(r"Booting worker with pid: (\d+)", web.output())
            places = {Path("/dev/shm"), Path(tempfile.gettempdir())}  # noqa: S108 - only read

            def found() -> bool:
                nonlocal folder
                made = [f.parent for p in places for f in p.glob(f"storygen-metrics-*/*_{pid}.db")]
                folder = made[0] if made else None
                return folder is not None

            _wait(found, 60, "the worker's metrics files")
            os.kill(web.process.pid, signal.SIGHUP)
            _wait(
                lambda: web.output().count("Booting worker with pid") == 2,
                60,
                f"a new worker after the reload\n{web.output()[-2000:]}",
            )
            assert folder is not None
            assert folder.is_dir()
        assert not folder.exists()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _settings_lines(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if name in line and "#" not in line]


def test_the_image_runs_gunicorn_with_this_configuration_and_only_gunicorn_gets_the_folder() -> (
    None
):
    dockerfile = (ROOT / "Dockerfile").read_text()
    command = json.loads(re.findall(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE)[-1])
    assert command[:2] == ["gunicorn", "storygen.wsgi"]
    assert (ROOT / command[command.index("--config") + 1]).resolve() == GUNICORN_CONF
    # Set for a whole container, one-off commands (migrate, createadmin) would write there
    # too, or fail where the folder does not exist.
    compose = (ROOT / "docker-compose.yml").read_text()
    assert not _settings_lines(dockerfile, "PROMETHEUS_MULTIPROC_DIR")
    assert not _settings_lines(compose, "PROMETHEUS_MULTIPROC_DIR")


def test_compose_workers_serve_their_metrics_to_the_compose_network_only() -> None:
    worker = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["worker"]
    assert worker["environment"]["STORYGEN_WORKER_METRICS_ADDR"] == "0.0.0.0"  # noqa: S104
    assert "ports" not in worker
    assert "expose" not in worker


# --- the scrape in multiprocess mode --------------------------------------------------------


@pytest.mark.django_db
def test_the_scrape_sums_every_process_in_the_folder_and_reads_the_database_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _count_in_process(tmp_path, "storygen_page_retries", 2)
    _count_in_process(tmp_path, "storygen_page_retries", 3)
    _count_in_process(tmp_path, "storygen_ai_calls", 4, outcome="ok")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))

    text = metrics_response().content.decode()

    assert _sum(text, "storygen_page_retries_total") == 5
    assert _sum(text, "storygen_ai_calls_total", outcome="ok") == 4
    assert len(re.findall(r"^storygen_workers_alive ", text, flags=re.MULTILINE)) == 1
    assert 'storygen_queue_depth{queue="images"}' in text


@pytest.mark.django_db
def test_the_summed_scrape_names_the_python_but_leaves_out_one_process_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    text = metrics_response().content.decode()
    (labels,) = (labels for name, labels in _samples(text) if name == "python_info")
    assert dict(labels) == {
        "implementation": platform.python_implementation(),
        "major": str(sys.version_info.major),
        "minor": str(sys.version_info.minor),
        "patchlevel": str(sys.version_info.micro),
        "version": platform.python_version(),
    }
    # They would describe whichever worker answered (docs/deploy.md, "Metrics").
    assert "process_cpu_seconds_total" not in text
    assert "python_gc_objects_collected_total" not in text


@pytest.mark.django_db
def test_a_process_outside_the_shared_folder_serves_its_own_process_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    text = metrics_response().content.decode()
    assert _sum(text, "process_cpu_seconds_total") > 0
    assert "python_gc_objects_collected_total" in text
    assert "python_info" in text


# --- real processes -------------------------------------------------------------------------


def _get(url: str, **headers: str) -> str:
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1", **headers})  # noqa: S310
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
        return str(response.read().decode())


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {timeout:.0f} s")
        time.sleep(0.1)


def _requests_served_by(folder: Path, pid: int) -> float:
    metrics = MultiProcessCollector.merge([str(folder / f"counter_{pid}.db")])
    return sum(s.value for m in metrics for s in m.samples if s.name == REQUESTS)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_gunicorn_workers_and_a_celery_worker_add_up_in_every_scrape(
    tmp_path: Path, user: User
) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    # A previous run's counts, left by a process that is gone: not part of this run.
    _count_in_process(folder, "django_http_requests_total_by_method", 1000, method="GET")
    worker_port = free_port()

    with RedisServer() as redis, publishing_to(redis.url, visibility_timeout=60):
        env = worker_environment(
            broker_url=redis.url,
            extra={
                "PROMETHEUS_MULTIPROC_DIR": str(folder),
                "AI_PROVIDER": "offline",
                "AI_PAGE_IMAGE_SIZE": "192x192",
                "AI_SHEET_IMAGE_SIZE": "192x288",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "STORYGEN_METRICS_TOKEN": TOKEN,
            },
        )
        worker_env = {
            **env,
            "STORYGEN_WORKER_METRICS_PORT": str(worker_port),
            "STORYGEN_WORKER_METRICS_ADDR": "127.0.0.1",
        }
        # The worker is already running when gunicorn starts and tidies the folder.
        with CeleryWorker(worker_env, concurrency=4) as worker, Gunicorn(env, workers=3) as web:
            pids = [int(p) for p in re.findall(r"Booting worker with pid: (\d+)", web.output())]
            assert len(pids) == 3
            _wait(
                lambda: all((folder / f"counter_{pid}.db").exists() for pid in pids),
                60,
                "every gunicorn worker loaded the app",
            )

            def scrape() -> str:
                return _get(
                    f"{web.url}/metrics",
                    Authorization=f"Bearer {TOKEN}",
                    **{"X-Forwarded-Proto": "https"},
                )

            totals = []
            with ThreadPoolExecutor(max_workers=6) as pool:
                for _ in range(20):
                    # Six at once, so that every worker has some to answer.
                    list(pool.map(lambda _: _get(f"{web.url}/healthz"), range(6)))
                    totals.append(_sum(scrape(), REQUESTS))

            # Whichever worker answered, the totals only grow: by the six requests and
            # the scrape itself each round, from zero (the dead process's 1000 are gone).
            assert totals == sorted(totals), totals
            assert totals == [7.0 * n for n in range(1, 21)], totals
            # ...although every gunicorn worker answered some of them.
            assert all(_requests_served_by(folder, pid) > 0 for pid in pids)

            task = services.story_generation_start(
                owner=user,
                title="The Counting Lighthouse",
                genre="Fantasy",
                story_outline="Mira counts the ships that pass her lighthouse.",
                num_pages=2,
            )
            _wait(
                lambda: (
                    Story.objects.get(pk=task.story_id).status
                    not in {Story.Status.QUEUED, Story.Status.GENERATING}
                ),
                90,
                f"the story finished\n{worker.output()[-4000:]}",
            )
            assert Story.objects.get(pk=task.story_id).status == Story.Status.READY
            drawn = Page.objects.filter(story_id=task.story_id, status=StepStatus.DONE)

            text = scrape()
            from_worker = _get(f"http://127.0.0.1:{worker_port}/metrics")

    # The Celery worker's counts are in the web's scrape.
    assert _sum(text, "storygen_generation_tasks_total", outcome="completed") == 1
    assert _sum(text, "storygen_ai_calls_total", kind="story", outcome="ok") == 1
    assert _sum(text, "storygen_ai_calls_total", kind="image", outcome="ok") == drawn.count()
    assert "storygen_workers_alive 1.0" in text
    # The worker's own port serves the same sums (the scrape of the web counted itself).
    assert _sum(from_worker, REQUESTS) == _sum(text, REQUESTS) == totals[-1] + 1
    assert _sum(from_worker, "storygen_ai_calls_total") == _sum(text, "storygen_ai_calls_total")
