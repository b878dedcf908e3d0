"""The OpenAI adapter: story text, pictures and moderation through the official SDK."""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Callable, Sequence
from email.utils import parsedate_to_datetime
from typing import Any, Protocol, TypeVar, cast

import openai
from django.conf import settings
from openai.types.chat import ChatCompletionMessageParam
from openai.types.responses import ResponseInputParam, ResponseTextConfigParam
from openai.types.shared_params import ResponseFormatJSONSchema

from storygen.ai.base import AIProvider
from storygen.ai.drafts import DraftInvalid, parse_page_text, parse_story_draft
from storygen.ai.errors import (
    AIContentBlocked,
    AIProviderAuthFailed,
    AIProviderError,
    AIProviderRejected,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.ai.sizes import model_size
from storygen.ai.types import (
    PageRewriteRequest,
    PageText,
    Picture,
    Scene,
    StoryDraft,
    StoryRequest,
    Usage,
    Verdict,
)

logger = logging.getLogger(__name__)

SCHEMA_NAME = "picture_book"
PAGE_SCHEMA_NAME = "page_text"
_BLOCKED_TEXT = "The AI's safety system declined this request."

T = TypeVar("T")


class _TextRequest(Protocol):
    """What a text call needs from a request: the system text, the prompt and the schema."""

    @property
    def instructions(self) -> str: ...

    @property
    def prompt(self) -> str: ...

    @property
    def schema(self) -> dict[str, Any]: ...


#: A text call: (request, conversation, schema name) → (reply, usage).
_TextCall = Callable[[_TextRequest, list[dict[str, str]], str], tuple[str, Usage]]


def _retry_after(headers: Any) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``retry-after`` (seconds or an HTTP date)."""
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _is_safety_block(exc: openai.APIStatusError) -> bool:
    if exc.code in {"moderation_blocked", "content_policy_violation"}:
        return True
    return exc.type == "image_generation_user_error" and "safety" in str(exc.message).lower()


def classify_error(exc: openai.OpenAIError) -> AIProviderError:
    """Map an SDK exception to the provider error that tells the caller what to do."""
    if isinstance(exc, openai.APITimeoutError):
        return AIProviderUnavailable("The AI provider did not answer in time.")
    if isinstance(exc, openai.APIConnectionError):
        return AIProviderUnavailable("Could not reach the AI provider.")
    if isinstance(exc, openai.APIStatusError):
        status, code = exc.status_code, exc.code or exc.type or "error"
        if code in {"insufficient_quota", "billing_hard_limit_reached"}:
            return AIQuotaExhausted(
                "The AI provider account has no quota or credit left. An admin must top it up."
            )
        if status == 429:
            return AIProviderUnavailable(
                "The AI provider is rate limiting requests.",
                retry_after=_retry_after(exc.response.headers),
            )
        if status in {408, 409} or status >= 500:
            return AIProviderUnavailable(
                f"The AI provider had a temporary problem ({status}).",
                retry_after=_retry_after(exc.response.headers),
            )
        if _is_safety_block(exc):
            return AIContentBlocked(_BLOCKED_TEXT)
        if status in {401, 403}:
            return AIProviderAuthFailed(
                "The AI provider refused our credentials. Check OPENAI_API_KEY."
            )
        detail = str(exc.message)[:300]
        return AIProviderRejected(
            f"The AI provider rejected the request ({status} {code}): {detail}"
        )
    return AIProviderRejected(f"The AI provider's reply could not be read ({type(exc).__name__}).")


def _sniff_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    raise AIProviderRejected("The AI provider returned something that is not a picture.")


class OpenAIProvider(AIProvider):
    """Chat Completions (or the Responses API) for stories and page rewrites, Images for
    pictures.

    The SDK's own retries are off: a failed call surfaces at once as a provider error and
    the pipeline's tasks decide about retrying, so one place counts attempts.
    """

    name = "openai"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        text_model: str,
        image_model: str,
        moderation_model: str,
        moderate_images: bool = True,
        use_responses_api: bool = False,
        text_fallback: bool = False,
        image_quality: str = "medium",
        image_format: str = "jpeg",
        image_compression: int = 90,
        text_timeout: float = 120.0,
        image_timeout: float = 180.0,
        connect_timeout: float = 5.0,
        max_output_tokens: int = 16000,
    ) -> None:
        if not api_key:
            raise AIProviderRejected("OpenAI is selected but OPENAI_API_KEY is not set.")
        self.text_model = text_model
        self.image_model = image_model
        self.moderation_model = moderation_model
        self.moderate_images = moderate_images
        self.use_responses_api = use_responses_api
        self.text_fallback = text_fallback
        self.image_quality = image_quality
        # The SDK types these as Literals; the values are configuration, checked by the API.
        self._quality: Any = image_quality
        self._format: dict[str, Any] = {}
        if image_format:
            self._format["output_format"] = image_format
            if image_format != "png":
                self._format["output_compression"] = image_compression
        self.max_output_tokens = max_output_tokens
        self._text_timeout = openai.Timeout(text_timeout, connect=connect_timeout)
        self._image_timeout = openai.Timeout(image_timeout, connect=connect_timeout)
        self._client = openai.OpenAI(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=self._text_timeout
        )
        self._moderator = OpenAIModerator(
            self._client, model=moderation_model, moderate_images=moderate_images
        )

    @classmethod
    def from_settings(cls) -> OpenAIProvider:
        return cls(
            api_key=settings.OPENAI_API_KEY,
            base_url=settings.OPENAI_BASE_URL,
            text_model=settings.OPENAI_TEXT_MODEL,
            image_model=settings.OPENAI_IMAGE_MODEL,
            moderation_model=settings.OPENAI_MODERATION_MODEL,
            moderate_images=settings.OPENAI_MODERATE_IMAGES,
            use_responses_api=settings.OPENAI_USE_RESPONSES_API,
            text_fallback=settings.OPENAI_TEXT_ENABLE_FALLBACK,
            image_quality=settings.OPENAI_IMAGE_QUALITY,
            image_format=settings.OPENAI_IMAGE_FORMAT,
            image_compression=settings.OPENAI_IMAGE_COMPRESSION,
            text_timeout=settings.OPENAI_TEXT_TIMEOUT,
            image_timeout=settings.OPENAI_IMAGE_TIMEOUT,
            connect_timeout=settings.OPENAI_CONNECT_TIMEOUT,
            max_output_tokens=settings.OPENAI_MAX_OUTPUT_TOKENS,
        )

    # --- text ------------------------------------------------------------------------------

    def write_story(self, request: StoryRequest) -> StoryDraft:
        """One call, plus one repair call if the reply is malformed; then AIProviderRejected.

        With ``text_fallback`` on, a rejected call is tried once on the other text API.
        """

        def parse(reply: str, usage: Usage) -> StoryDraft:
            return parse_story_draft(reply, request.brief, usage=usage)

        return self._with_fallback(
            lambda call: self._ask(
                call,
                request,
                parse,
                schema_name=SCHEMA_NAME,
                repair="Send the whole story again as one JSON object that follows the schema "
                "and every instruction.",
                unusable="The AI wrote a story we cannot use",
            ),
            what="story text",
        )

    def rewrite_page(self, request: PageRewriteRequest) -> PageText:
        """One chat call asking for ``{"text": ...}``, plus one repair call if malformed.

        Errors are mapped as for :meth:`write_story`, with the same fallback. The call is
        bounded by the text timeout (``OPENAI_TEXT_TIMEOUT``).
        """

        def parse(reply: str, usage: Usage) -> PageText:
            return parse_page_text(reply, usage=usage)

        return self._with_fallback(
            lambda call: self._ask(
                call,
                request,
                parse,
                schema_name=PAGE_SCHEMA_NAME,
                repair="Send the page again as one JSON object with its new text, following "
                "every instruction.",
                unusable="The AI wrote a page we cannot use",
            ),
            what="page rewrite",
        )

    def _with_fallback(self, attempt: Callable[[_TextCall], T], *, what: str) -> T:
        """Run ``attempt`` on the configured text API, then once on the other if rejected."""
        primary: _TextCall = self._chat
        secondary: _TextCall = self._responses
        if self.use_responses_api:
            primary, secondary = secondary, primary
        try:
            return attempt(primary)
        except AIProviderRejected:
            if not self.text_fallback:
                raise
            logger.warning("%s call rejected; trying the other OpenAI text API once", what)
            return attempt(secondary)

    def _ask(
        self,
        call: _TextCall,
        request: _TextRequest,
        parse: Callable[[str, Usage], T],
        *,
        schema_name: str,
        repair: str,
        unusable: str,
    ) -> T:
        conversation: list[dict[str, str]] = [{"role": "user", "content": request.prompt}]
        reply, usage = call(request, conversation, schema_name)
        try:
            return parse(reply, usage)
        except DraftInvalid as problem:
            logger.warning("text reply unusable (%s); asking once for a repaired reply", problem)
            conversation += [
                {"role": "assistant", "content": reply},
                {"role": "user", "content": f"That reply cannot be used: {problem}. {repair}"},
            ]
            second, more = call(request, conversation, schema_name)
            total = Usage(
                usage.input_tokens + more.input_tokens, usage.output_tokens + more.output_tokens
            )
            try:
                return parse(second, total)
            except DraftInvalid as again:
                raise AIProviderRejected(f"{unusable}: {again}.") from again

    def _chat(
        self,
        request: _TextRequest,
        conversation: list[dict[str, str]],
        schema_name: str = SCHEMA_NAME,
    ) -> tuple[str, Usage]:
        messages = cast(
            "list[ChatCompletionMessageParam]",
            [{"role": "system", "content": request.instructions}, *conversation],
        )
        response_format: ResponseFormatJSONSchema = {
            "type": "json_schema",
            "json_schema": {"name": schema_name, "strict": True, "schema": request.schema},
        }
        try:
            completion = self._client.chat.completions.create(
                model=self.text_model,
                messages=messages,
                response_format=response_format,
                max_completion_tokens=self.max_output_tokens,
                timeout=self._text_timeout,
            )
        except openai.OpenAIError as exc:
            raise classify_error(exc) from exc
        if not completion.choices:
            raise AIProviderRejected("The AI provider returned no text.")
        choice = completion.choices[0]
        if choice.finish_reason == "content_filter" or choice.message.refusal:
            raise AIContentBlocked(_BLOCKED_TEXT)
        if choice.finish_reason == "length":
            raise AIProviderRejected("The reply was cut short: raise OPENAI_MAX_OUTPUT_TOKENS.")
        usage = completion.usage
        return choice.message.content or "", Usage(
            usage.prompt_tokens if usage else 0, usage.completion_tokens if usage else 0
        )

    def _responses(
        self,
        request: _TextRequest,
        conversation: list[dict[str, str]],
        schema_name: str = SCHEMA_NAME,
    ) -> tuple[str, Usage]:
        text: ResponseTextConfigParam = {
            "format": {
                "type": "json_schema",
                "name": schema_name,
                "schema": request.schema,
                "strict": True,
            }
        }
        try:
            response = self._client.responses.create(
                model=self.text_model,
                instructions=request.instructions,
                input=cast("ResponseInputParam", conversation),
                text=text,
                max_output_tokens=self.max_output_tokens,
                store=False,
                timeout=self._text_timeout,
            )
        except openai.OpenAIError as exc:
            raise classify_error(exc) from exc
        details = response.incomplete_details
        if details is not None and details.reason == "content_filter":
            raise AIContentBlocked(_BLOCKED_TEXT)
        if details is not None and details.reason == "max_output_tokens":
            raise AIProviderRejected("The reply was cut short: raise OPENAI_MAX_OUTPUT_TOKENS.")
        for item in response.output:
            for part in getattr(item, "content", None) or ():
                if getattr(part, "type", "") == "refusal":
                    raise AIContentBlocked(_BLOCKED_TEXT)
        usage = response.usage
        return response.output_text or "", Usage(
            usage.input_tokens if usage else 0, usage.output_tokens if usage else 0
        )

    # --- pictures --------------------------------------------------------------------------

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        """Generate a picture, or edit the reference sheets into one when there are any.

        ``size`` gives the shape wanted; the model is asked for that shape, or for the
        allowed size nearest to it when the model draws only a few fixed sizes.
        """
        size = model_size(self.image_model, size)
        try:
            if references:
                files = [
                    (
                        f"reference-{index}.{_sniff_mime(data).split('/')[1]}",
                        data,
                        _sniff_mime(data),
                    )
                    for index, data in enumerate(references, start=1)
                ]
                result = self._client.images.edit(
                    model=self.image_model,
                    image=files,
                    prompt=prompt,
                    size=size,
                    quality=self._quality,
                    n=1,
                    timeout=self._image_timeout,
                    **self._format,
                )
            else:
                result = self._client.images.generate(
                    model=self.image_model,
                    prompt=prompt,
                    size=size,
                    quality=self._quality,
                    n=1,
                    timeout=self._image_timeout,
                    **self._format,
                )
        except openai.OpenAIError as exc:
            raise classify_error(exc) from exc
        if not result.data or not result.data[0].b64_json:
            raise AIProviderRejected("The AI provider returned no picture.")
        try:
            data = base64.b64decode(result.data[0].b64_json, validate=True)
        except ValueError as exc:
            raise AIProviderRejected("The AI provider returned a damaged picture.") from exc
        usage = result.usage
        return Picture(
            data=data,
            mime=_sniff_mime(data),
            usage=Usage(usage.input_tokens if usage else 0, usage.output_tokens if usage else 0),
        )

    # --- models ----------------------------------------------------------------------------

    def model_shutdown_dates(
        self, models: Sequence[str], *, timeout: float | None = None
    ) -> dict[str, str | None]:
        """The announced shutdown date of each of ``models`` (None: none announced).

        Asks the models endpoint once per distinct model, each call bounded by ``timeout``
        seconds (connect included) when given. A model the provider does not offer is left
        out of the answer; any other failure raises the provider error ``classify_error``
        maps it to (AIProviderUnavailable for timeouts, connection errors and 5xx,
        AIProviderAuthFailed for a refused key, ...).
        """
        options: dict[str, Any] = {}
        if timeout is not None:
            options["timeout"] = openai.Timeout(timeout, connect=timeout)
        dates: dict[str, str | None] = {}
        for model_id in dict.fromkeys(models):
            try:
                model = self._client.models.retrieve(model_id, **options)
            except openai.NotFoundError:
                continue
            except openai.OpenAIError as exc:
                raise classify_error(exc) from exc
            dates[model_id] = model.shutdown_date or None
        return dates

    # --- moderation ------------------------------------------------------------------------

    def moderate(self, text: str) -> Verdict:
        return self._moderator.moderate(text)

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        return self._moderator.moderate_image(data, mime=mime, text=text)


class OpenAIModerator:
    """Text and pictures checked through a moderations endpoint: the story provider's own,
    or one configured apart from it (storygen.ai.moderation_seam)."""

    def __init__(self, client: openai.OpenAI, *, model: str, moderate_images: bool = True):
        self._client = client
        self.model = model
        self.moderate_images = moderate_images

    def moderate(self, text: str) -> Verdict:
        return self._moderation(text)

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        """One moderation call with the picture (as a data URL) and its page's text: the
        model scores some categories (sexual content involving minors among them) on text
        only, so the words beside a picture are part of its check."""
        if not self.moderate_images:
            return None
        picture = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        parts: list[dict[str, Any]] = []
        if text.strip():
            parts.append({"type": "text", "text": text})
        parts.append({"type": "image_url", "image_url": {"url": picture}})
        return self._moderation(parts)

    def _moderation(self, content: Any) -> Verdict:
        try:
            result = self._client.moderations.create(model=self.model, input=content)
        except openai.OpenAIError as exc:
            raise classify_error(exc) from exc
        if not result.results:
            raise AIProviderUnavailable("The moderation service returned no result.")
        first = result.results[0]
        flags = first.categories.model_dump(by_alias=True)
        scores = first.category_scores.model_dump(by_alias=True)
        return Verdict(
            flagged=first.flagged,
            categories=tuple(sorted(name for name, hit in flags.items() if hit)),
            scores={name: float(value) for name, value in scores.items() if value is not None},
        )
