"""What accounts keep beside Django's users: earlier password hashes (no reuse) and a forced change after a reset."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PasswordHistory(models.Model):
    """One password a user had (its hash, as ``User.password`` holds it); the last few may not be used again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]


class AccountState(models.Model):
    """``must_change_password``: set when an administrator resets the password; the user can do nothing else until
    they have chosen their own."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, primary_key=True, related_name="account")
    must_change_password = models.BooleanField(default=False)
