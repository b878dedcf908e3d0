"""What a FakeOpenAI saw: the ``Call`` record, the call log and its optional JSON-lines file,
status counts and the in-flight peaks benchmarks read."""

from __future__ import annotations

import json
import threading
from collections import Counter, deque
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Call:
    """One request the fake answered (or deliberately did not answer).

    ``references`` counts the images sent with an edit, or with a moderation input.
    ``latency`` is the simulated delay the server chose (seconds, jitter included); ``fault``
    names what was injected ("error:429", "hang", "reset", "malformed:not_json", "blocked",
    "auth"), or is None.
    """

    kind: str
    path: str
    model: str | None
    status: int
    started: float
    ended: float
    key: str
    prompt: str
    size: str | None
    references: int
    started_at: float = 0.0
    ended_at: float = 0.0
    request_id: str = ""
    fault: str | None = None
    latency: float = 0.0

    @property
    def duration(self) -> float:
        """Seconds between the request being read and the answer being sent."""
        return self.ended - self.started


class CallLog:
    """The observing half of FakeOpenAI: the call log, counts and concurrency peaks."""

    _lock: threading.Lock

    def _init_call_log(self, max_calls: int, log_path: str | Path | None) -> None:
        self._calls: deque[Call] = deque(maxlen=max_calls)
        self._counts: Counter[tuple[str, int]] = Counter()
        self._in_flight = 0
        self._in_flight_by_kind: Counter[str] = Counter()
        self._max_in_flight = 0
        self._max_by_kind: Counter[str] = Counter()
        self._log_path = Path(log_path) if log_path else None
        self._log_lock = threading.Lock()

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_of(self, kind: str) -> list[Call]:
        with self._lock:
            return [call for call in self._calls if call.kind == kind]

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    @property
    def max_in_flight(self) -> int:
        with self._lock:
            return self._max_in_flight

    def max_in_flight_of(self, kind: str) -> int:
        """Peak concurrency of exactly this kind ("image" here means generations only)."""
        with self._lock:
            return self._max_by_kind[kind]

    def reset_stats(self) -> None:
        """Clear the call log, counts and in-flight peaks (requests in flight still count)."""
        with self._lock:
            self._calls.clear()
            self._counts.clear()
            self._max_in_flight = self._in_flight
            self._max_by_kind = Counter(self._in_flight_by_kind)

    def _enter(self, kind: str) -> None:
        with self._lock:
            self._in_flight += 1
            self._in_flight_by_kind[kind] += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            self._max_by_kind[kind] = max(self._max_by_kind[kind], self._in_flight_by_kind[kind])

    def _leave(self, kind: str) -> None:
        with self._lock:
            self._in_flight -= 1
            self._in_flight_by_kind[kind] -= 1

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            self._counts[(call.kind, call.status)] += 1
        if self._log_path is not None:
            entry = asdict(call)
            # The file is for timing analysis; prompts stay in memory only.
            entry["prompt_chars"] = len(entry.pop("prompt"))
            line = json.dumps(entry, ensure_ascii=False) + "\n"
            with self._log_lock, self._log_path.open("a", encoding="utf-8") as handle:
                handle.write(line)
