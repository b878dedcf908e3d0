"""Reading JSON from requests: nesting deeper than MAX_JSON_DEPTH is refused before decoding."""

from __future__ import annotations

import codecs
import json
import operator
import re
from collections.abc import Mapping
from itertools import accumulate, repeat
from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json as drf_json

#: Deepest nesting of arrays and objects a request may send. The deepest body the API
#: documents (a story's pages with their editor state) nests 4 levels; Python's decoder
#: recurses once per level and crashes with a RecursionError near 1,000.
MAX_JSON_DEPTH = 64

# A string (to its closing quote, or to the end of the text when it has none, so a missing
# quote never makes the search start again from every later quote), or a run of anything
# that is neither a string nor a bracket. Possessive, so neither is ever backtracked into.
_NOT_A_BRACKET = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[^"\[\]{}]++', re.DOTALL)
# Opening brackets become 2 and closing ones 0, so "byte - 1" is the change in depth.
_DEPTH_STEP = str.maketrans({"[": "\x02", "{": "\x02", "]": "\x00", "}": "\x00"})


class JSONTooDeep(json.JSONDecodeError):
    """JSON text nesting arrays and objects deeper than allowed.

    A JSONDecodeError, so everything that reports invalid JSON reports this too.
    """

    def __init__(self, doc: str, limit: int) -> None:
        super().__init__(f"Nested deeper than {limit} levels", doc, 0)


def json_depth_check(text: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise JSONTooDeep when ``text`` nests arrays and objects deeper than ``limit``.

    Only counts brackets outside strings, in time linear in the length of the text and
    without decoding anything. Invalid JSON may pass: the decoder refuses it afterwards
    without recursing deeper than ``limit``, since nothing before its error nests deeper.
    """
    if text.count("[") + text.count("{") <= limit:
        return
    steps = _NOT_A_BRACKET.sub("", text).translate(_DEPTH_STEP).encode("latin-1")
    if max(accumulate(map(operator.sub, steps, repeat(1))), default=0) > limit:
        raise JSONTooDeep(text, limit)


class DepthCheckedJSONDecoder(json.JSONDecoder):
    """A JSONDecoder that refuses nesting deeper than MAX_JSON_DEPTH (as JSONTooDeep).

    For fields that decode JSON text themselves (``decoder=`` of DRF's and Django's
    JSONField), where a deep value would otherwise crash with a RecursionError.
    """

    def decode(self, s: str, *args: Any, **kwargs: Any) -> Any:
        json_depth_check(s)
        return super().decode(s, *args, **kwargs)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing nesting deeper than MAX_JSON_DEPTH with a 400."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        # DRF's own choice of charset, which refuses codecs that decompress.
        encoding = parsers.get_encoding(parser_context or {})  # type: ignore[attr-defined]
        try:
            text = codecs.getreader(encoding)(stream).read()
            json_depth_check(text)
            parse_constant = drf_json.strict_constant if self.strict else None
            return drf_json.loads(text, parse_constant=parse_constant)
        except JSONTooDeep as exc:
            raise ParseError(
                f"JSON parse error - arrays and objects nest deeper than {MAX_JSON_DEPTH} levels."
            ) from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
