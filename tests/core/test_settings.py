from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def start_django(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TIPMON_")}
    return subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'tipmon.settings'; django.setup(); print('started')"],
        env=base | {"TIPMON_VAR_DIR": str(tmp_path)} | env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = start_django({"TIPMON_ENV": "production"}, tmp_path)
    assert result.returncode != 0
    assert "TIPMON_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_with_debug_on(tmp_path: Path) -> None:
    result = start_django(
        {"TIPMON_ENV": "production", "TIPMON_SECRET_KEY": "x" * 50, "TIPMON_DEBUG": "true"},
        tmp_path,
    )
    assert result.returncode != 0
    assert "TIPMON_DEBUG must be off" in result.stderr


def test_production_starts_with_a_secret_key_and_secure_cookies(tmp_path: Path) -> None:
    result = start_django({"TIPMON_ENV": "production", "TIPMON_SECRET_KEY": "x" * 50}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_keeps_its_generated_key_outside_the_repository(tmp_path: Path) -> None:
    result = start_django({}, tmp_path)
    assert result.returncode == 0, result.stderr
    key_file = tmp_path / "secret_key"
    assert key_file.exists()
    assert len(key_file.read_text()) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_an_unknown_environment_name_is_refused(tmp_path: Path) -> None:
    result = start_django({"TIPMON_ENV": "staging"}, tmp_path)
    assert result.returncode != 0
    assert "TIPMON_ENV must be" in result.stderr


@pytest.mark.django_db
def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("this run uses PostgreSQL; the SQLite pragmas are checked on the SQLite run")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA foreign_keys")
        foreign_keys = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout")
        busy = cursor.fetchone()[0]
    assert journal == "wal"
    assert foreign_keys == 1
    assert busy >= 5000


def test_the_database_url_selects_postgresql_with_no_code_change(tmp_path: Path) -> None:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='tipmon.settings'; "
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("TIPMON_")}
    env = base | {"TIPMON_VAR_DIR": str(tmp_path),
                  "TIPMON_DATABASE_URL": "postgresql://u:p@127.0.0.1:5432/tipmon"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_passwords_are_hashed_with_argon2() -> None:
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_every_setting_is_documented() -> None:
    docs = (REPO / "docs" / "configuration.md").read_text()
    source = "\n".join(p.read_text() for p in (REPO / "src" / "tipmon").rglob("*.py"))
    used = set(re.findall(r"\bTIPMON_[A-Z_]+\b", source))
    assert used, "expected TIPMON_* settings in the source"
    assert set(settings.SETTING_NAMES) <= used
    missing = sorted(name for name in used if f"`{name}`" not in docs)
    assert not missing, f"not in docs/configuration.md: {missing}"
