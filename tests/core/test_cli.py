from __future__ import annotations

import os
import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command, get_commands

REPO = Path(__file__).resolve().parents[2]
TIPMON = Path(os.environ.get("VIRTUAL_ENV", REPO / ".venv")) / "bin" / "tipmon"


def test_the_tipmon_console_command_resolves_names() -> None:
    env = os.environ | {"TIPMON_VAR_DIR": os.environ.get("TIPMON_VAR_DIR", str(REPO / "var"))}
    result = subprocess.run(
        [str(TIPMON), "countries", "resolve", "Burma", "SaoT&P", "Korea, North"],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    codes = [line.split("\t")[1] for line in result.stdout.strip().splitlines()]
    assert codes == ["MMR", "STP", "PRK"]


def test_an_unresolvable_name_fails_and_names_the_candidates() -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 2 names could not be resolved"):
        call_command("countries", "resolve", "Nepal", "Nigerr", stderr=err, stdout=StringIO())
    assert "Nigerr" in err.getvalue()
    assert "Niger" in err.getvalue()


@pytest.mark.django_db
def test_createadmin_makes_a_superuser_with_an_argon2_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIPMON_ADMIN_PASSWORD", "a long enough passphrase 42")
    call_command("createadmin", "--username", "approver", "--no-input", stdout=StringIO())
    user = User.objects.get(username="approver")
    assert user.is_superuser
    assert user.is_staff
    assert user.password.startswith("argon2")


@pytest.mark.django_db
def test_createadmin_refuses_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIPMON_ADMIN_PASSWORD", "12345")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("createadmin", "--username", "weak", "--no-input", stdout=StringIO())
    assert not User.objects.filter(username="weak").exists()


def test_every_project_command_is_documented() -> None:
    docs = (REPO / "docs" / "cli.md").read_text()
    ours = sorted(name for name, app in get_commands().items() if app.startswith("tipmon"))
    assert ours == [
        "assistance", "audit", "backup", "councils", "countries", "createadmin", "data", "demo",
        "evidence", "restore", "site", "tiers", "trends",
    ]  # fmt: skip
    for name in ours:
        assert f"tipmon {name}" in docs
    for sub in re.findall(r"add_parser\(\s*\"([a-z-]+)\"", _command_sources()):
        assert re.search(rf"tipmon [a-z]+ {sub}\b", docs), f"subcommand {sub} is not documented"


def _command_sources() -> str:
    files = (REPO / "src" / "tipmon").rglob("management/commands/*.py")
    return "\n".join(path.read_text() for path in files)
