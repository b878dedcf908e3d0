"""A local OpenAI-compatible server with scripted latency and faults, for tests and benchmarks.

``FakeOpenAI`` is the server; ``Call`` is one entry of its call log and ``Fault`` one scripted
failure. The modules hold one concern each: ``server`` (lifecycle and request decisions),
``transport`` (HTTP plumbing), ``script`` and ``faults`` (the knobs a test turns),
``traffic`` (the call log and counts), ``routing`` and ``wire`` (reading requests, shaping
replies), one module per endpoint family (``text`` with ``stories``, ``images`` with
``pictures``, ``moderation``, ``speech``, ``model_list``) and ``cli`` for the command line.
"""

from storygen.testing.fake_openai.cli import main
from storygen.testing.fake_openai.faults import FAULT_KINDS as FAULT_KINDS
from storygen.testing.fake_openai.faults import Fault
from storygen.testing.fake_openai.faults import FaultMode as FaultMode
from storygen.testing.fake_openai.model_list import DEFAULT_MODELS as DEFAULT_MODELS
from storygen.testing.fake_openai.moderation import MODERATION_CATEGORIES
from storygen.testing.fake_openai.pictures import PICTURE_MODES as PICTURE_MODES
from storygen.testing.fake_openai.pictures import PictureMode as PictureMode
from storygen.testing.fake_openai.server import FakeOpenAI
from storygen.testing.fake_openai.stories import MALFORMED_VARIANTS
from storygen.testing.fake_openai.traffic import Call
from storygen.testing.fake_openai.wire import KINDS as KINDS

__all__ = [
    "MALFORMED_VARIANTS",
    "MODERATION_CATEGORIES",
    "Call",
    "FakeOpenAI",
    "Fault",
    "main",
]
