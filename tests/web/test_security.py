"""Security settings at work: CSRF on every form, user text escaped, login rate limited, sessions that
expire, and the production settings clean under `manage.py check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from jixiao.web.review.models import Comment
from tests.support import ROOT
from tests.web.cast import CastTestCase


class SecurityTest(CastTestCase):
    def test_a_post_without_the_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.reviewer)
        response = client.post(reverse("evaluations:step", kwargs={"pk": self.reported.pk, "name": "approve"}))
        assert response.status_code == 403
        self.reported.refresh_from_db()
        assert self.reported.state == "in_review"

    def test_a_comment_with_markup_is_shown_as_text(self) -> None:
        Comment.objects.create(evaluation=self.reported, field="", author=self.reviewer, text='<script>alert("x")</script>')
        page = self.client_for("preparer_a").get(reverse("evaluations:overview", kwargs={"pk": self.reported.pk}))
        body = page.content.decode()
        assert "<script>alert" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body

    def test_five_wrong_passwords_lock_the_login_for_that_user(self) -> None:
        client = Client()
        url = reverse("accounts:login")
        for _ in range(5):
            client.post(url, {"username": "preparer_a", "password": "wrong"})
        response = client.post(url, {"username": "preparer_a", "password": "pass-preparer_a"})
        assert response.status_code == 429
        assert "暂停登录" in response.content.decode()

    def test_the_right_password_signs_in(self) -> None:
        response = Client().post(reverse("accounts:login"), {"username": "preparer_a", "password": "pass-preparer_a"})
        assert response.status_code == 302

    def test_sessions_end_with_the_browser_and_after_a_working_day(self) -> None:
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
        assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_the_production_settings_pass_the_deployment_check() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jixiao.web.settings.production",
           "DJANGO_SECRET_KEY": "x" * 30 + "-Production-Key-" + "y" * 30, "DJANGO_ALLOWED_HOSTS": "jixiao.example.cn"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.web", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_the_migrations_match_the_models() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits non-zero when a model changed
