"""Lets ``python -m storygen.testing.fake_openai`` run the fake server from the command line."""

import sys

from storygen.testing.fake_openai.cli import main

sys.exit(main())
