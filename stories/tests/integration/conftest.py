"""Real processes for the integration tests: redis-server, Celery workers, the fake OpenAI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from storygen.testing.fake_openai import FakeOpenAI
from storygen.testing.processes import (
    CeleryWorker,
    RedisServer,
    publishing_to,
    worker_environment,
)

# Short leases so a killed worker's steps come back within seconds, not minutes; the
# visibility timeout stays above the longest step plus retry delay, as in production.
VISIBILITY_TIMEOUT = 20
WORKER_SETTINGS = {
    "AI_PROVIDER": "openai",
    "OPENAI_API_KEY": "sk-integration",
    "AI_RETRY_BACKOFF_BASE": "0.2",
    "AI_RETRY_MAX_DELAY": "3",
    "AI_MAX_ATTEMPTS": "6",
    "AI_PAGE_IMAGE_SIZE": "256x256",
    "AI_SHEET_IMAGE_SIZE": "256x384",
    "STORYGEN_STEP_LEASE_SECONDS": "6",
    "STORYGEN_QUEUE_LEASE_SECONDS": "6",
    "STORYGEN_RECONCILE_INTERVAL": "1",
    "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
}


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture(scope="session")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(api_key="sk-integration", picture="small") as fake:
        yield fake


@pytest.fixture
def fake_ai(fake_openai_server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    fake_openai_server.reset()
    fake_openai_server.configure(text_latency=0.2, image_latency=0.2, edit_latency=0.2)
    yield fake_openai_server
    fake_openai_server.reset()


@pytest.fixture
def broker(redis_server: RedisServer, transactional_db: None) -> Iterator[str]:
    """Route this process's tasks to the test redis-server (data must really commit)."""
    with publishing_to(redis_server.url, visibility_timeout=VISIBILITY_TIMEOUT):
        yield redis_server.url


@pytest.fixture
def start_worker(
    broker: str, fake_ai: FakeOpenAI, settings: Any
) -> Iterator[Callable[..., CeleryWorker]]:
    """Start real workers against the test database, the broker and the fake OpenAI."""
    workers: list[CeleryWorker] = []
    settings.AI_PAGE_IMAGE_SIZE = WORKER_SETTINGS["AI_PAGE_IMAGE_SIZE"]

    def start(**overrides: str) -> CeleryWorker:
        env = worker_environment(
            broker_url=broker,
            extra={
                **WORKER_SETTINGS,
                "OPENAI_BASE_URL": fake_ai.base_url,
                **overrides,
            },
        )
        worker = CeleryWorker(env, name=f"w{len(workers) + 1}")
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()
