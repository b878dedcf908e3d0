"""The broker module: where the embedded broker listens, and kombu surviving a Redis outage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kombu import Connection, Queue
from kombu.common import ignore_errors

from storygen.broker import embedded_broker_url, embedded_socket_path
from storygen.testing.processes import RedisServer


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


def test_the_embedded_broker_listens_on_a_socket_in_the_var_folder(tmp_path: Path) -> None:
    assert embedded_socket_path(tmp_path) == tmp_path / "broker" / "redis.sock"
    assert embedded_broker_url(tmp_path) == f"redis+socket://{tmp_path}/broker/redis.sock"


def test_a_var_folder_too_deep_for_a_unix_socket_gets_a_short_stable_socket_path() -> None:
    deep = Path("/srv") / ("very-long-folder-name-" * 6) / "var"
    path = embedded_socket_path(deep)
    assert len(str(path)) < 100
    assert path == embedded_socket_path(deep)  # every process of the checkout agrees
    assert path != embedded_socket_path(Path("/srv") / ("another-long-folder-name-" * 6))


def test_closing_a_connection_after_redis_died_mid_delivery_is_a_connection_error(
    redis_server: RedisServer,
) -> None:
    """What a worker does when Redis dies while it holds unacknowledged messages: Celery
    collects the broken connection (which drops the transport's details but can leave the
    channel open), then closes it, and the channel tries to hand the messages back.

    kombu 5.7 raised AttributeError there, which Celery treats as unrecoverable: the worker
    exited. It must be a connection error, which Celery ignores before reconnecting.
    """
    connection = Connection(redis_server.url)
    queue = Queue("outage-test")
    with connection.Producer() as producer:
        producer.publish({"page": 1}, routing_key="outage-test", declare=[queue])
    channel = connection.default_channel
    received = []
    consumer = connection.Consumer(queue, callbacks=[lambda body, message: received.append(body)])
    consumer.consume()
    connection.drain_events(timeout=5)
    assert received == [{"page": 1}]  # delivered and not acknowledged

    redis_server.kill()
    # The state Celery's collect() leaves behind when the channel could not be closed.
    channel._disconnect_pools()
    connection._do_close_transport()

    ignore_errors(connection, connection.close)  # raised AttributeError before the fix
