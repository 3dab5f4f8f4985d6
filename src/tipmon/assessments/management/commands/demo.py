"""``tipmon demo``: a user for each role and an open cycle for the coming report year."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tipmon.assessments.models import CycleMember, Role
from tipmon.assessments.services import open_cycle
from tipmon.assistance.access import EDITOR_GROUP
from tipmon.evidence.access import CONFIDENTIAL_GROUP
from tipmon.tiers.services import report_year_range

DEMO_USERS = {
    "desk": Role.DESK_OFFICER,
    "reviewer": Role.REGIONAL_REVIEWER,
    "editor": Role.REPORT_EDITOR,
    "approver": Role.APPROVER,
}


class Command(BaseCommand):
    help = (
        "Create a demo user for each role (and a program officer) and an in-progress cycle "
        "for the coming report year."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, help="Report year (default: the year after the record)"
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or report_year_range()[1] + 1
        cycle = open_cycle(year)
        users = get_user_model()._default_manager
        self.stdout.write(f"Cycle for the {year} report: {cycle.assessments.count()} assessments.")
        self.stdout.write("Sign in at /accounts/login/ with (passwords are new each run):")
        for name, role in DEMO_USERS.items():
            password = secrets.token_urlsafe(12)
            user, _ = users.get_or_create(username=f"demo-{name}")
            user.set_password(password)
            user.save()
            CycleMember.objects.get_or_create(cycle=cycle, user=user, role=role)
            self.stdout.write(f"  demo-{name:<9} {password}   {role.label}")
        password = secrets.token_urlsafe(12)
        officer, _ = users.get_or_create(username="demo-programs")
        officer.set_password(password)
        officer.save()
        officer.groups.add(Group.objects.get_or_create(name=EDITOR_GROUP)[0])
        self.stdout.write(f"  demo-programs {password}   Program officer (assistance)")
        reviewer = users.get(username="demo-reviewer")
        reviewer.groups.add(Group.objects.get_or_create(name=CONFIDENTIAL_GROUP)[0])
        self.stdout.write(
            f"Then open /work/{year}/ (assessments), /work/evidence/ (evidence intake and "
            "review; demo-reviewer may also read unmasked originals) or /work/assistance/."
        )
