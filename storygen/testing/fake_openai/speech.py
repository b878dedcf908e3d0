"""The ``audio/speech`` endpoint: silent MP3 frames, as many as the text is long, so a
client can store and play what it gets back."""

from __future__ import annotations

from typing import Any

from storygen.testing.fake_openai.wire import Exchange, Reply

_AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
# One silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz): enough for players to accept it.
_MP3_FRAME = b"\xff\xfb\x90\x00" + bytes(413)


def speech_reply(exchange: Exchange, payload: dict[str, Any]) -> Reply:
    fmt = str(payload.get("response_format") or "mp3")
    frames = max(4, min(2000, len(exchange.prompt) // 2))
    audio = b"ID3\x04\x00\x00\x00\x00\x00\x00" + _MP3_FRAME * frames
    return Reply(200, audio, content_type=_AUDIO_TYPES.get(fmt, "audio/mpeg"))
