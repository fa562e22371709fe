"""Demo data for ``make run`` (demo mode only): the seed department, a second unit, and the demo accounts.

Idempotent: running it again creates nothing twice and never overwrites data a user changed.
"""

from __future__ import annotations

from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.domain.model import TargetDocument
from jixiao.formats import read_bytes
from jixiao.web.monitoring.demo import demo_monitoring
from jixiao.web.records import services
from jixiao.web.records.models import Department, Membership, Organisation

DEMO_PASSWORD = "jixiao-demo"
FINANCE = ("130304000", "秦皇岛市北戴河区财政局")
SEED_FILE = "seed_287001_2021.txt"
SECOND_FILE = "unit2_hexi_2023.txt"
SECOND_CODE = "410700023"

Role = Membership.Role


def _document(name: str) -> TargetDocument:
    data = resources.files("jixiao.demo").joinpath(name).read_bytes()
    return read_bytes(data, name=name).document


def _organisation(code: str, name: str, kind: str, parent: Organisation | None) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent}
    )
    return organisation


def _load(organisation: Organisation, file: str) -> Department:
    document = _document(file)
    existing = Department.objects.filter(organisation=organisation, year=document.year).first()
    return existing or services.department_import(document=document, organisation=organisation)


def _account(username: str, organisation: Organisation, role: str, name: str, *, superuser: bool = False) -> bool:
    users = get_user_model()
    user, created = users.objects.get_or_create(username=username)
    if created:
        user.first_name = name  # shown as 姓名（单位） on pages (the ``person`` filter)
        user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = superuser
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return created


@transaction.atomic
def demo_load() -> list[str]:
    """Create the demo organisations, documents and accounts; return the lines to print at start."""
    finance = _organisation(*FINANCE, Organisation.Kind.FINANCE, None)
    seed = _document(SEED_FILE)
    seed_org = _organisation(
        seed.department.code or "287001", seed.department.name or "老干部局", Organisation.Kind.DEPARTMENT, finance
    )
    second = _document(SECOND_FILE)
    second_org = _organisation(
        second.department.code or SECOND_CODE, second.department.name or "第二单位", Organisation.Kind.UNIT, finance
    )
    demo_monitoring(_load(seed_org, SEED_FILE))
    demo_monitoring(_load(second_org, SECOND_FILE))
    accounts = [  # login, organisation, role, what the account is for, the person's name shown on pages
        ("unit287001", seed_org, Role.EDITOR, "老干部局填报", "李华"),
        ("approver287001", seed_org, Role.APPROVER, "老干部局单位审核（提交、公开）", "王强"),
        ("dept", seed_org, Role.DEPARTMENT_REVIEWER, "主管部门审核（老干部局）", "赵敏"),
        ("unit2", second_org, Role.EDITOR, f"{second_org.name}填报", "周婷"),
        ("finance", finance, Role.FINANCE_REVIEWER, "财政局审核（可查看全部）", "陈静"),
        ("auditor", finance, Role.AUDITOR, "审计（只读，可查看全部与审计日志）", "刘洋"),
        ("admin", finance, Role.ADMIN, "系统管理员", "系统管理员"),
    ]
    lines = ["演示账号（密码均为 jixiao-demo，仅演示模式有效）："]
    for username, organisation, role, label, name in accounts:
        _account(username, organisation, role, name, superuser=username == "admin")
        lines.append(f"  {username:12s} {label}")
    return lines
