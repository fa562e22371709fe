"""The audit trail: append-only entries chained by SHA-256, the chain head that serialises appends, login throttles.

Entries refer to users by id and username *at the time* (no foreign key): the trail outlives accounts, and deleting
a user must never cascade into it.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.domain.errors import JixiaoError
from jixiao.web.audit import chain


class AuditImmutableError(JixiaoError):
    """An attempt to change or delete an audit entry (a programming error, or tampering)."""

    def __init__(self) -> None:
        super().__init__("audit.immutable")


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    """Reads only: bulk changes would bypass the chain."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError()

    def delete(self) -> NoReturn:
        raise AuditImmutableError()

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError()

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError()


class AuditEntry(models.Model):
    """One recorded action; ``hash`` covers its canonical content (``jixiao.audit/1``) including ``prev_hash``."""

    seq = models.PositiveBigIntegerField(_("序号"), primary_key=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    user_id = models.BigIntegerField(_("用户 ID"), null=True, blank=True, db_index=True)
    username = models.CharField(_("用户"), max_length=150, blank=True, db_index=True)
    ip = models.CharField(_("IP 地址"), max_length=45, blank=True)  # text, not inet: the hash needs the exact string
    user_agent = models.CharField(_("浏览器"), max_length=500, blank=True)
    action = models.CharField(_("操作"), max_length=100, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象 ID"), max_length=64, blank=True)
    label = models.CharField(_("对象"), max_length=300, blank=True)
    before = models.TextField(_("修改前"), blank=True)
    after = models.TextField(_("修改后"), blank=True)
    params = models.TextField(_("参数"), blank=True)
    prev_hash = models.CharField(_("前一哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutableError()
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError()

    def content(self) -> dict[str, Any]:
        """The hashed content, rebuilt from the stored fields."""
        return {
            "v": chain.VERSION,
            "seq": self.seq,
            "prev": self.prev_hash,
            "at": chain.timestamp(self.at),
            "user_id": self.user_id,
            "username": self.username,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "label": self.label,
            "before": self.before,
            "after": self.after,
            "params": self.params,
        }


class AuditHead(models.Model):
    """The single row (pk 1) holding the last sequence number and hash; appends lock it, so they are serialised."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=chain.GENESIS)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")


class LoginThrottle(models.Model):
    """Failed logins for one username from one address within the current window, and the lock they caused."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("登录限制")
        verbose_name_plural = _("登录限制")
        constraints = [models.UniqueConstraint(fields=["username", "ip"], name="one_throttle_per_username_ip")]
        indexes = [models.Index(fields=["window_start"], name="throttle_window")]
