"""Create the demo account for a local run and show how to sign in with it."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User


class Command(BaseCommand):
    help = "Create the demo user if it does not exist (`make run` only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or settings.STORYGEN_LOCAL_RUN):
            raise CommandError("The demo account is only for `make run` (STORYGEN_LOCAL_RUN).")
        username = settings.STORYGEN_DEMO_USERNAME
        # Kept next to the development database, which holds the same account.
        credentials = settings.VAR_DIR / "demo-account.txt"
        if not User.objects.filter(username=username).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_user(username=username, password=password, email="")
            credentials.write_text(f"{username} {password}\n")
            credentials.chmod(0o600)
        if credentials.exists():
            name, _, password = credentials.read_text().strip().partition(" ")
            self.stdout.write(f"Demo account: username {name}  password {password}")
        else:
            self.stdout.write(f"Demo account: {username} (password not on record)")
