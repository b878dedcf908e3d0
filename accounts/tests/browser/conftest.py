"""Browser fixtures for the account pages: the story pages' harness (Chromium, pages,
screenshots, sign-in), reused as is."""

from stories.tests.browser.conftest import *  # noqa: F403
