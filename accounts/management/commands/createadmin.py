"""Create or repair an administrator account from the command line."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts import services
from accounts.models import User
from storygen.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Make sure an active admin account exists: create it, or promote, re-activate and "
        "un-delete an existing one. The password is asked for (twice) or read from an "
        "environment variable, and only changes on an existing account with --set-password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", "-u", required=True)
        parser.add_argument("--email", "-e", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of prompting.",
        )
        parser.add_argument(
            "--set-password",
            action="store_true",
            help="Also change the password of an existing account.",
        )
        parser.add_argument(
            "--reset-two-factor",
            action="store_true",
            help="Forget the account's authenticator app (a lost phone): it is set up "
            "again at the next sign-in to the admin.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        exists = User.objects.filter(username__iexact=username).exists()
        password = None
        if options["set_password"] or not exists:
            password = self._password(options["password_from_env"])
        try:
            user, outcome = services.user_admin_ensure(
                username=username,
                email=options["email"],
                password=password,
                set_password=options["set_password"],
                reset_two_factor=options["reset_two_factor"],
            )
        except ApplicationError as exc:
            problems = [message for messages in exc.errors.values() for message in messages]
            raise CommandError(
                "; ".join(problems) if problems else exc.message, returncode=2
            ) from exc
        self.stdout.write(
            f"{outcome}: username={user.username} role={user.role} is_active={user.is_active}"
        )

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable, "")
            if not password:
                raise CommandError(
                    f"The environment variable {variable} is empty or unset.", returncode=2
                )
            return password
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            raise CommandError("The passwords do not match.", returncode=2)
        if not password:
            raise CommandError("The password must not be empty.", returncode=2)
        return password
