"""The knobs a test turns on a FakeOpenAI: latencies and jitter, the picture mode, the models
list, scripted faults, blocked image prompts and moderation flags."""

from __future__ import annotations

import contextlib
import math
import random
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storygen.testing.fake_openai.faults import FAULT_KINDS, Fault, FaultMode, error_defaults
from storygen.testing.fake_openai.model_list import model_entries
from storygen.testing.fake_openai.moderation import ModerationFlag, moderation_flag
from storygen.testing.fake_openai.pictures import PICTURE_MODES, PictureMode
from storygen.testing.fake_openai.stories import MALFORMED_VARIANTS
from storygen.testing.fake_openai.wire import KINDS


class Script:
    """The scripting half of FakeOpenAI: what it answers, how slowly, and how it fails."""

    _lock: threading.Lock

    def _init_script(self, reject_unknown_models: bool) -> None:
        self._latency: dict[str, float] = dict.fromkeys(KINDS, 0.0)
        self._jitter = 0.0
        self._picture: PictureMode = "textured"
        self._reject_unknown_models = reject_unknown_models
        self._models: list[dict[str, Any]] = []
        self._faults: list[Fault] = []
        self._blocks: list[str] = []
        self._flags: list[ModerationFlag] = []

    def configure(
        self,
        *,
        text_latency: float | None = None,
        image_latency: float | None = None,
        edit_latency: float | None = None,
        moderation_latency: float | None = None,
        speech_latency: float | None = None,
        jitter: float | None = None,
        picture: PictureMode | None = None,
        reject_unknown_models: bool | None = None,
    ) -> None:
        """Change latencies (seconds), jitter (fraction), picture mode; ``None`` keeps a value."""
        latencies = {
            "text": text_latency,
            "image": image_latency,
            "edit": edit_latency,
            "moderation": moderation_latency,
            "speech": speech_latency,
        }
        for kind, value in latencies.items():
            if value is not None and (not math.isfinite(value) or value < 0):
                raise ValueError(f"{kind} latency must be a non-negative number")
        if jitter is not None and (not math.isfinite(jitter) or jitter < 0):
            raise ValueError("jitter must be a non-negative number")
        if picture is not None and picture not in PICTURE_MODES:
            raise ValueError(f"picture must be one of {PICTURE_MODES}")
        with self._lock:
            for kind, value in latencies.items():
                if value is not None:
                    self._latency[kind] = float(value)
            if jitter is not None:
                self._jitter = float(jitter)
            if picture is not None:
                self._picture = picture
            if reject_unknown_models is not None:
                self._reject_unknown_models = reject_unknown_models

    @property
    def settings(self) -> dict[str, Any]:
        """The current knobs, as ``configure`` takes them."""
        with self._lock:
            return {
                **{f"{kind}_latency": value for kind, value in self._latency.items()},
                "jitter": self._jitter,
                "picture": self._picture,
                "reject_unknown_models": self._reject_unknown_models,
            }

    def add_fault(
        self,
        kind: str = "*",
        status: int = 500,
        *,
        mode: FaultMode = "error",
        times: int | None = None,
        duration: float | None = None,
        retry_after: float | None = None,
        retry_after_ms: float | None = None,
        code: str | None = None,
        error_type: str | None = None,
        message: str | None = None,
        match: str | None = None,
        variant: str = "not_json",
        should_retry: bool | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """Script a failure for requests of ``kind`` whose prompt contains ``match``.

        ``mode``: ``"error"`` answers ``status`` with an OpenAI error body; ``"hang"`` never
        answers (until the client hangs up or the server stops); ``"reset"`` drops the
        connection without a response; ``"malformed"`` (text only) answers 200 with a reply
        of the given ``variant`` (see :data:`MALFORMED_VARIANTS`). The fault hits the next
        ``times`` matching requests, or every one for ``duration`` seconds, or (neither
        given) every one until :meth:`reset`. ``delay`` postpones an error answer.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {FAULT_KINDS}")
        if mode not in ("error", "hang", "reset", "malformed"):
            raise ValueError("mode must be 'error', 'hang', 'reset' or 'malformed'")
        if mode == "malformed":
            if kind not in ("text", "*"):
                raise ValueError("malformed replies exist only for the text kind")
            if variant not in MALFORMED_VARIANTS:
                raise ValueError(f"variant must be one of {MALFORMED_VARIANTS}")
        if mode == "error" and not 400 <= status <= 599:
            raise ValueError("an error fault needs a 4xx or 5xx status")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        if duration is not None and duration <= 0:
            raise ValueError("duration must be positive")
        default_type, default_code, default_message = error_defaults(status, code, retry_after)
        fault = Fault(
            kind=kind,
            status=200 if mode == "malformed" else status,
            mode=mode,
            times=times,
            until=time.monotonic() + duration if duration is not None else None,
            retry_after=retry_after,
            retry_after_ms=retry_after_ms,
            code=code if code is not None else default_code,
            error_type=error_type or default_type,
            message=message or default_message,
            match=match,
            variant=variant,
            should_retry=should_retry,
            delay=max(0.0, float(delay)),
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def remove_fault(self, fault: Fault) -> None:
        with self._lock, contextlib.suppress(ValueError):
            self._faults.remove(fault)

    @property
    def faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def block_images(self, match: str) -> None:
        """Image generations and edits whose prompt contains ``match`` get moderation_blocked."""
        if not match:
            raise ValueError("match must be a non-empty string")
        with self._lock:
            self._blocks.append(match)

    def flag_moderation(
        self,
        match: str,
        categories: Sequence[str] = ("violence",),
        *,
        score: float = 0.97,
        pictures_only: bool = False,
    ) -> None:
        """Moderation inputs containing ``match`` come back flagged in ``categories``.

        With ``pictures_only`` only inputs that carry an image are flagged (a picture that
        shows what its text does not), in categories the real model scores on images.
        """
        flag = moderation_flag(match, categories, score=score, pictures_only=pictures_only)
        with self._lock:
            self._flags.append(flag)

    def set_models(self, models: Iterable[str | Mapping[str, Any]]) -> None:
        """Replace the models list: ids, or dicts with id/created/owned_by/shutdown_date."""
        result = model_entries(models)
        with self._lock:
            self._models = result

    def _clear_script(self) -> None:
        """Forget faults, image blocks and moderation flags; the knobs keep their values."""
        with self._lock:
            self._faults.clear()
            self._blocks.clear()
            self._flags.clear()

    def _latency_for(self, kind: str, key: str) -> float:
        with self._lock:
            base = self._latency.get(kind, 0.0)
            jitter = self._jitter
        if base <= 0 or jitter <= 0:
            return base
        rng = random.Random(int(key or "0", 16))
        # Centred so the mean latency stays at the configured value.
        factor = math.exp(rng.gauss(-(jitter**2) / 2, jitter))
        return base * min(5.0, max(0.2, factor))

    def _pick_fault(self, kind: str, prompt: str) -> Fault | None:
        now = time.monotonic()
        with self._lock:
            chosen = None
            for fault in self._faults:
                if fault.applies_to(kind, prompt, now):
                    fault.hits += 1
                    chosen = fault
                    break
            self._faults = [f for f in self._faults if not f.spent(now)]
            return chosen

    def _models_snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(m) for m in self._models]

    def _image_blocked(self, prompt: str) -> bool:
        with self._lock:
            return any(block in prompt for block in self._blocks)

    def _flags_snapshot(self) -> list[ModerationFlag]:
        with self._lock:
            return list(self._flags)

    def _picture_mode(self) -> PictureMode:
        with self._lock:
            return self._picture
