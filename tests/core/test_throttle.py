"""Sign-in throttling: the sixth try within 15 minutes is refused, even with the password."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from personas import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client: Client, password: str, url: str = "/accounts/login/") -> str:
    response = client.post(url, {"username": "victim", "password": password})
    return response.content.decode() if response.status_code == 200 else "signed in"


def test_repeated_failures_lock_the_account_for_a_while() -> None:
    User.objects.create_user("victim", password=PASSWORD)
    client = Client()
    for _ in range(5):
        assert "correct username and password" in sign_in(client, "wrong guess")
    page = sign_in(client, PASSWORD)
    assert "Too many failed sign-ins" in page
    assert "_auth_user_id" not in client.session


def test_a_correct_password_signs_in_before_the_limit() -> None:
    User.objects.create_user("victim", password=PASSWORD)
    client = Client()
    sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD) == "signed in"


def test_the_admin_sign_in_is_throttled_too() -> None:
    User.objects.create_superuser("victim", password=PASSWORD)
    client = Client()
    for _ in range(5):
        sign_in(client, "wrong guess", "/admin/login/")
    page = sign_in(client, PASSWORD, "/admin/login/")
    assert "Too many failed sign-ins" in page
