"""Generate one story from the command line and wait for it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from stories import services
from stories.api.serializers import StoryCreateInputSerializer
from stories.models import GenerationTask, Story
from storygen.celery import worker_command
from storygen.embedded import BrokerUnavailable, broker_running
from storygen.exceptions import ApplicationError

EXIT_FAILED, EXIT_TIMEOUT, EXIT_PARTIAL = 1, 2, 3


def _parse_character(value: str) -> dict[str, str]:
    name, _, description = value.partition(":")
    if not name.strip():
        raise CommandError(f'--character needs "Name: description", got {value!r}')
    return {"name": name.strip(), "description": description.strip()}


class Command(BaseCommand):
    help = (
        "Generate a story with the configured AI provider and wait until it is done. "
        "Prints the story id, its status and where its pictures are. Exit code 0 when the "
        f"story is ready, {EXIT_PARTIAL} when some pictures are missing, {EXIT_FAILED} when "
        f"it failed, {EXIT_TIMEOUT} on timeout."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, help="Username of the story's owner.")
        parser.add_argument("--brief", type=Path, help="JSON file with the story request.")
        parser.add_argument("--title")
        parser.add_argument("--genre")
        parser.add_argument("--outline")
        parser.add_argument("--pages", type=int)
        parser.add_argument(
            "--character",
            action="append",
            default=[],
            metavar='"NAME: DESCRIPTION"',
            help="A character (repeat for more).",
        )
        parser.add_argument("--image-style")
        parser.add_argument("--text-density")
        parser.add_argument("--ratio", help="Word to picture ratio.")
        parser.add_argument("--timeout", type=float, default=1800.0, help="Seconds to wait.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Rely on running workers instead of starting a temporary one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(username=options["user"], is_active=True).first()
        if owner is None:
            raise CommandError(f"No active user named {options['user']!r}.")
        request = self._request(options)
        data = StoryCreateInputSerializer(data=request)
        if not data.is_valid():
            raise CommandError(f"Invalid story request: {json.dumps(data.errors)}")
        # The embedded broker must answer before the story is queued, or its run would wait
        # for the reconciler; under `make run` it already does.
        try:
            with broker_running():
                task = self._generate(owner, data.validated_data, options)
        except BrokerUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self._report(task.story_id, task)

    def _generate(
        self, owner: User, request: dict[str, Any], options: dict[str, Any]
    ) -> GenerationTask:
        try:
            task = services.story_generation_start(owner=owner, **request)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"story {task.story_id} queued (run {task.pk})")
        worker = None if options["no_worker"] else self._start_worker()
        try:
            return self._wait(task, options["timeout"])
        finally:
            if worker is not None:
                self._stop_worker(worker)

    def _request(self, options: dict[str, Any]) -> dict[str, Any]:
        request: dict[str, Any] = {}
        if options["brief"]:
            try:
                request = json.loads(options["brief"].read_text())
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read the brief: {exc}") from exc
            if not isinstance(request, dict):
                raise CommandError("The brief must be a JSON object.")
        flags = {
            "title": options["title"],
            "genre": options["genre"],
            "story_outline": options["outline"],
            "num_pages": options["pages"],
            "image_style": options["image_style"],
            "text_density": options["text_density"],
            "word_to_picture_ratio": options["ratio"],
        }
        request.update({key: value for key, value in flags.items() if value is not None})
        if options["character"]:
            request["main_characters"] = [_parse_character(c) for c in options["character"]]
        return request

    def _start_worker(self) -> subprocess.Popen[bytes]:
        command = worker_command(loglevel="WARNING")
        # The worker's banner would drown the progress lines; its warnings still show.
        return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            command,
            cwd=settings.BASE_DIR,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _stop_worker(self, worker: subprocess.Popen[bytes]) -> None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    def _wait(self, task: GenerationTask, timeout: float) -> GenerationTask:
        deadline = time.monotonic() + timeout
        last = -1
        while time.monotonic() < deadline:
            task.refresh_from_db()
            if task.progress != last:
                last = task.progress
                self.stdout.write(f"  {task.progress:3d}%  {task.get_current_step_display()}")
            if not task.is_active:
                return task
            time.sleep(0.5)
        self.stderr.write(f"gave up waiting after {timeout:.0f} s; the story is still queued")
        sys.exit(EXIT_TIMEOUT)

    def _report(self, story_id: int, task: GenerationTask) -> None:
        story = Story.objects.get(pk=story_id)
        self.stdout.write(f"story {story.pk}: {story.status} — {story.title!r}")
        self.stdout.write(f"provider: {story.provider}, AI calls: {story.ai_calls}")
        for page in story.pages.order_by("number"):
            where = Path(settings.MEDIA_ROOT, page.image.name) if page.image else "(no picture)"
            self.stdout.write(f"  page {page.number:2d} [{page.status}] {where}")
        if task.error_message:
            self.stdout.write(task.error_message)
        if story.status == Story.Status.FAILED:
            sys.exit(EXIT_FAILED)
        if story.status == Story.Status.PARTIAL:
            sys.exit(EXIT_PARTIAL)
