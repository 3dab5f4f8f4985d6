"""`tipmon demo`: a signed-in walk through the workflow and the assistance area."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from tipmon.assessments.models import CycleMember, ReportingCycle
from tipmon.assistance.access import is_editor

pytestmark = pytest.mark.django_db


def test_the_demo_prints_working_credentials_for_every_role_and_a_program_officer() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    credentials = dict(re.findall(r"^\s+(demo-\S+)\s+(\S+)\s", out.getvalue(), re.MULTILINE))
    assert set(credentials) == {
        "demo-desk", "demo-reviewer", "demo-editor", "demo-approver", "demo-programs"
    }  # fmt: skip
    for name, password in credentials.items():
        assert authenticate(username=name, password=password) is not None, name
    cycle = ReportingCycle.objects.get()
    roles = set(CycleMember.objects.filter(cycle=cycle).values_list("user__username", flat=True))
    assert roles == set(credentials) - {"demo-programs"}
    officer = authenticate(username="demo-programs", password=credentials["demo-programs"])
    assert is_editor(officer)
    assert "/work/assistance/" in out.getvalue()
