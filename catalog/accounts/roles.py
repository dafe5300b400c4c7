"""Roles and organisation kinds, and the domain rules that depend only on them."""
from __future__ import annotations

from ..models import Organisation

ROLES_BY_KIND: dict[str, tuple[str, str]] = {
    "enterprise": ("enterprise_member", "enterprise_admin"),
    "supplier": ("supplier_member", "supplier_admin"),
    "bureau": ("bureau_curator", "bureau_admin"),
}
ROLES: tuple[str, ...] = tuple(role for pair in ROLES_BY_KIND.values() for role in pair)
ADMIN_ROLES = frozenset(pair[1] for pair in ROLES_BY_KIND.values())
BUREAU_ROLES = frozenset(ROLES_BY_KIND["bureau"])
SELF_REGISTERING_KINDS = ("enterprise", "supplier")


def admin_role(kind: str) -> str:
    return ROLES_BY_KIND[kind][1]


def kind_of(role: str) -> str:
    return next(kind for kind, roles in ROLES_BY_KIND.items() if role in roles)


def roles_for(kind: str) -> tuple[str, str]:
    return ROLES_BY_KIND[kind]


def is_admin(role: str) -> bool:
    return role in ADMIN_ROLES


def can_publish(org: Organisation | None) -> bool:
    """Only verified enterprises and suppliers may show offers, products or
    needs to the public; pending, rejected and revoked ones may not."""
    return org is not None and org.kind in SELF_REGISTERING_KINDS and org.status == "verified"


ROLE_LABELS: dict[str, tuple[str, str]] = {
    "enterprise_member": ("企业成员", "Enterprise member"),
    "enterprise_admin": ("企业管理员", "Enterprise administrator"),
    "supplier_member": ("供应商成员", "Supplier member"),
    "supplier_admin": ("供应商管理员", "Supplier administrator"),
    "bureau_curator": ("主管部门审核员", "Bureau curator"),
    "bureau_admin": ("主管部门管理员", "Bureau administrator"),
}
KIND_LABELS: dict[str, tuple[str, str]] = {
    "enterprise": ("用能企业", "Enterprise"),
    "supplier": ("技术供应商/节能服务公司", "Supplier / ESCO"),
    "bureau": ("主管部门", "Bureau"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "pending": ("待核验", "Pending verification"),
    "verified": ("已核验", "Verified"),
    "rejected": ("核验未通过", "Verification refused"),
    "revoked": ("核验已撤销", "Verification revoked"),
}


def label(table: dict[str, tuple[str, str]], key: str, locale: str) -> str:
    """Chinese or English label of a role, kind or status key."""
    zh, en = table.get(key, (key, key))
    return en if locale.startswith("en") else zh
