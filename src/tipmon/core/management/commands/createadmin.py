"""``tipmon createadmin``: create a staff superuser for the Django admin."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Create an administrator. The password is asked for, or read from "
        "TIPMON_ADMIN_PASSWORD when --no-input is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="")
        parser.add_argument("--no-input", action="store_true", help="Do not prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        username: str = options["username"]
        if user_model._default_manager.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = self._password(options["no_input"])
        candidate = user_model(username=username, email=options["email"])
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from exc
        user_model._default_manager.create_superuser(
            username=username, email=options["email"], password=password
        )
        self.stdout.write(
            self.style.SUCCESS(f"Administrator {username!r} created; sign in at /admin/.")
        )

    def _password(self, no_input: bool) -> str:
        if no_input:
            password = os.environ.get("TIPMON_ADMIN_PASSWORD", "")
            if not password:
                raise CommandError("--no-input needs TIPMON_ADMIN_PASSWORD in the environment.")
            return password
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
