"""Browser fixtures for the monitoring page: the story pages' harness (Chromium, pages,
screenshots, sign-in), reused as is."""

from stories.tests.browser.conftest import *  # noqa: F403
