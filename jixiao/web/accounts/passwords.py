"""The password policy (等级保护第三级 / OWASP ASVS L2): at least 10 characters of three kinds, not a repeated pattern,
not containing the username, and none of the user's last five passwords; Django's common-password, all-numeric and
similarity checks stay. Each validator is listed in AUTH_PASSWORD_VALIDATORS with its message in the web catalogue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from jixiao.domain.errors import message


def _kinds(password: str) -> int:
    tests = (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    return sum(any(test(c) for c in password) for test in tests)


class CharacterKindsValidator:
    """Letters in lower and upper case, digits and symbols: at least ``kinds`` of the four."""

    def __init__(self, kinds: int = 3) -> None:
        self.kinds = kinds

    def validate(self, password: str, user: Any = None) -> None:
        if _kinds(password) < self.kinds:
            raise ValidationError(message("password.kinds", {"kinds": self.kinds}), code="password_kinds")

    def get_help_text(self) -> str:
        return message("password.kinds", {"kinds": self.kinds})


def repeats(password: str) -> bool:
    """Whether the password is a short run said again (``Aa1!Aa1!Aa``, ``victim7victim7``) or has few distinct
    characters (``aaaaBBBB11``)."""
    length = len(password)
    for period in range(1, length // 2 + 1):
        if all(password[i] == password[i % period] for i in range(length)):
            return True
    return len(set(password)) < max(4, length // 3)


class RepetitionValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if repeats(password):
            raise ValidationError(message("password.repeats", {}), code="password_repeats")

    def get_help_text(self) -> str:
        return message("password.repeats", {})


class UsernameValidator:
    """The username, forwards or backwards, is not part of the password (case ignored; usernames of 3+ characters)."""

    def validate(self, password: str, user: Any = None) -> None:
        username = (getattr(user, "username", "") or "").casefold()
        folded = password.casefold()
        if len(username) >= 3 and (username in folded or username[::-1] in folded):
            raise ValidationError(message("password.username", {}), code="password_username")

    def get_help_text(self) -> str:
        return message("password.username", {})


class HistoryValidator:
    """None of the user's last ``remember`` passwords; records each new one (Django calls ``password_changed``)."""

    def __init__(self, remember: int | None = None) -> None:
        self.remember = remember if remember is not None else int(getattr(settings, "JIXIAO_PASSWORD_HISTORY", 5))

    def _recent(self, user: Any) -> list[Any]:
        from jixiao.web.accounts.models import PasswordHistory

        return list(PasswordHistory.objects.filter(user=user)[: self.remember])

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None or self.remember < 1:
            return
        hashes = [row.password for row in self._recent(user)]
        if user.password:
            hashes.append(user.password)  # the current one, even for accounts older than the history
        if any(check_password(password, hashed) for hashed in hashes):
            raise ValidationError(message("password.reused", {"count": self.remember}), code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        from jixiao.web.accounts.models import PasswordHistory

        if user is None or user.pk is None or not user.password:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[: self.remember]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()

    def get_help_text(self) -> str:
        return message("password.reused", {"count": self.remember})
