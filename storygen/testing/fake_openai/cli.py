"""The command line: ``python -m storygen.testing.fake_openai`` serves a fake OpenAI API
until Ctrl-C or SIGTERM, for benchmarks and manual runs against a real client."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from collections.abc import Sequence
from typing import Any

from storygen.testing.fake_openai.pictures import PICTURE_MODES
from storygen.testing.fake_openai.server import FakeOpenAI


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until Ctrl-C (or SIGTERM)."""
    parser = argparse.ArgumentParser(
        prog="python -m storygen.testing.fake_openai",
        description="Run a fake OpenAI-compatible API server.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--api-key", default=None, help="require this bearer key")
    parser.add_argument("--text-latency", type=float, default=0.0)
    parser.add_argument("--image-latency", type=float, default=0.0)
    parser.add_argument("--edit-latency", type=float, default=0.0)
    parser.add_argument("--moderation-latency", type=float, default=0.0)
    parser.add_argument("--speech-latency", type=float, default=0.0)
    parser.add_argument("--jitter", type=float, default=0.0)
    parser.add_argument("--picture", choices=PICTURE_MODES, default="textured")
    parser.add_argument("--log-path", default=None, help="append one JSON line per request")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    fake = FakeOpenAI(
        host=args.host,
        port=args.port,
        api_key=args.api_key,
        text_latency=args.text_latency,
        image_latency=args.image_latency,
        edit_latency=args.edit_latency,
        moderation_latency=args.moderation_latency,
        speech_latency=args.speech_latency,
        jitter=args.jitter,
        picture=args.picture,
        log_path=args.log_path,
    )
    done = threading.Event()

    def _on_signal(signum: int, frame: Any) -> None:
        done.set()

    signal.signal(signal.SIGTERM, _on_signal)
    fake.start()
    print(fake.base_url, flush=True)
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
    return 0
