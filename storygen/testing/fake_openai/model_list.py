"""The ``models`` endpoints: the list of models the fake claims to serve, and one model by id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storygen.testing.fake_openai.wire import Exchange, Reply, error_reply, json_bytes

DEFAULT_MODELS: tuple[dict[str, Any], ...] = (
    {"id": "gpt-4.1-mini", "created": 1744316542, "owned_by": "system", "shutdown_date": None},
    {"id": "gpt-4o-mini", "created": 1721172741, "owned_by": "system", "shutdown_date": None},
    {"id": "gpt-image-1", "created": 1745517030, "owned_by": "system", "shutdown_date": None},
    {"id": "gpt-image-1-mini", "created": 1758845821, "owned_by": "system", "shutdown_date": None},
    {
        "id": "omni-moderation-latest",
        "created": 1731689265,
        "owned_by": "system",
        "shutdown_date": None,
    },
    {"id": "gpt-4o-mini-tts", "created": 1742403959, "owned_by": "system", "shutdown_date": None},
)


def model_entries(models: Iterable[str | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Model objects as the API lists them, from ids or dicts with id/created/owned_by/
    shutdown_date."""
    result: list[dict[str, Any]] = []
    for model in models:
        entry = {"id": model} if isinstance(model, str) else dict(model)
        if not isinstance(entry.get("id"), str) or not entry["id"]:
            raise ValueError("every model needs a non-empty string id")
        result.append(
            {
                "id": entry["id"],
                "object": "model",
                "created": int(entry.get("created", 1700000000)),
                "owned_by": str(entry.get("owned_by", "system")),
                "shutdown_date": entry.get("shutdown_date"),
            }
        )
    return result


def models_reply(exchange: Exchange, path: str, models: Sequence[Mapping[str, Any]]) -> Reply:
    """The whole list at ``/v1/models``; the model named in the path at ``/v1/models/{id}``."""
    if path.rstrip("/") == "/v1/models":
        return Reply(200, json_bytes({"object": "list", "data": list(models)}))
    model_id = exchange.model
    for model in models:
        if model["id"] == model_id:
            return Reply(200, json_bytes(model))
    return error_reply(
        404,
        f"The model '{model_id}' does not exist",
        "invalid_request_error",
        param="model",
        code="model_not_found",
    )
