"""The texts of the e-mails the accounts services send: Chinese first, English
below, as the portal itself. Placeholders are filled with ``str.format``."""
from __future__ import annotations

from .outbox import enqueue

SITE_ZH = "低碳技术推介与供需对接平台"
SITE_EN = "Low-Carbon Technology Catalogue & Matchmaking Platform"
SEPARATOR = "\n\n———— English ————\n\n"
FOOTER_ZH = "\n\n本邮件由系统自动发送，请勿直接回复。"
FOOTER_EN = "\n\nThis message was sent automatically; please do not reply to it."

TEMPLATES: dict[str, tuple[str, str, str, str]] = {
    # kind: (subject zh, subject en, body zh, body en)
    "registered": (
        "注册申请已收到", "Registration received",
        "{name}：\n\n贵单位「{org}」已在{site_zh}完成注册，目前状态为「待核验」。"
        "市经济信息委工作人员核验后将以邮件通知您。核验前可正常使用平台，但不能对外发布产品、方案或需求。",
        "Dear {name},\n\n{org} has registered on the {site_en}. Its status is “pending verification”. "
        "The bureau will e-mail you once it has been checked. Until then you can use the portal, "
        "but you cannot publish products, offers or needs publicly.",
    ),
    "confirm_registration": (
        "请确认邮箱，完成注册", "Confirm your e-mail address to finish registering",
        "{name}：\n\n贵单位「{org}」正在{site_zh}注册。请在 {days} 天内打开以下链接确认邮箱，"
        "确认后即自动登录；链接仅可使用一次：\n\n{link}\n\n"
        "注册后单位状态为「待核验」，市经济信息委核验后将以邮件通知您。如非本人操作，请忽略本邮件。",
        "Dear {name},\n\n{org} is registering on the {site_en}. Open this link within {days} days to "
        "confirm your e-mail address; it signs you in and works once:\n\n{link}\n\n"
        "The organisation then waits for verification by the bureau, which will e-mail you. "
        "If you did not register, ignore this message.",
    ),
    "account_exists": (
        "该邮箱已有账号", "An account already uses this address",
        "{name}：\n\n有人使用本邮箱在{site_zh}提交了注册申请，但本邮箱已有账号，因此未创建新账号。"
        "请直接登录；如忘记密码，请在登录页使用“忘记密码”。如非本人操作，请忽略本邮件。",
        "Dear {name},\n\nSomeone used this address to register on the {site_en}, but it already has "
        "an account, so no new one was created. Sign in, or use “Forgot password” on the sign-in page. "
        "If this was not you, ignore this message.",
    ),
    "organisation_exists": (
        "该单位已经注册", "This organisation is already registered",
        "您好：\n\n有人使用本邮箱为「{org}」（统一社会信用代码 {uscc}）在{site_zh}提交了注册申请，"
        "但该统一社会信用代码的单位已经注册，因此未创建新账号。请联系贵单位在平台上的管理员邀请您加入。"
        "如非本人操作，请忽略本邮件。",
        "Hello,\n\nSomeone used this address to register {org} (unified social credit code {uscc}) on "
        "the {site_en}, but an organisation with this code is already registered, so no account was "
        "created. Ask your organisation's administrator on the portal to invite you. "
        "If this was not you, ignore this message.",
    ),
    "invitation": (
        "邀请您加入「{org}」", "Invitation to join {org}",
        "您好：\n\n{inviter}邀请您以「{role_zh}」身份加入{site_zh}上的「{org}」。"
        "请在 {days} 天内打开以下链接设置密码，链接仅可使用一次：\n\n{link}\n\n如非本人操作，请忽略本邮件。",
        "Hello,\n\n{inviter} has invited you to join {org} on the {site_en} as “{role_en}”. "
        "Open this link within {days} days to set your password; it works once:\n\n{link}\n\n"
        "If you did not expect this, ignore this message.",
    ),
    "password_reset": (
        "重置密码", "Reset your password",
        "{name}：\n\n我们收到了重置您账号密码的请求。请在 {minutes} 分钟内打开以下链接设置新密码，"
        "链接仅可使用一次：\n\n{link}\n\n如非本人操作，请忽略本邮件，您的密码不会改变。",
        "Dear {name},\n\nSomeone asked to reset the password of your account. Open this link within "
        "{minutes} minutes to choose a new password; it works once:\n\n{link}\n\n"
        "If it was not you, ignore this message: your password stays as it is.",
    ),
    "password_changed": (
        "您的密码已修改", "Your password was changed",
        "{name}：\n\n您的账号密码已于 {when}（北京时间）修改，其他设备上的登录已全部退出。"
        "如非本人操作，请立即通过“忘记密码”重置密码并联系平台管理员。",
        "Dear {name},\n\nThe password of your account was changed at {when} (Beijing time) and every "
        "other session was signed out. If this was not you, reset your password at once with "
        "“Forgot password” and contact the portal's administrators.",
    ),
    "org_verified": (
        "单位核验已通过", "Your organisation has been verified",
        "您好：\n\n「{org}」已通过市经济信息委核验，现可对外发布产品、方案和需求。",
        "Hello,\n\n{org} has been verified by the bureau and can now publish products, offers and needs.",
    ),
    "org_rejected": (
        "单位核验未通过", "Your organisation could not be verified",
        "您好：\n\n「{org}」未通过核验，原因：\n\n{reason}\n\n请登录平台查看详情，修改资料后可联系市经济信息委重新核验。",
        "Hello,\n\n{org} could not be verified. Reason:\n\n{reason}\n\nSign in to see the details; "
        "after correcting the information, contact the bureau to have it checked again.",
    ),
    "org_revoked": (
        "单位核验已撤销", "Your organisation's verification was revoked",
        "您好：\n\n「{org}」的核验状态已被撤销，原因：\n\n{reason}\n\n撤销期间不能对外发布产品、方案或需求。",
        "Hello,\n\nThe verification of {org} has been revoked. Reason:\n\n{reason}\n\n"
        "Until it is restored you cannot publish products, offers or needs.",
    ),
}


def compose(kind: str, **values: object) -> tuple[str, str]:
    """(subject, body) for ``kind`` with ``values`` filled in."""
    subject_zh, subject_en, body_zh, body_en = TEMPLATES[kind]
    values = {"site_zh": SITE_ZH, "site_en": SITE_EN, **values}
    subject = f"【{SITE_ZH}】{subject_zh.format(**values)} / {subject_en.format(**values)}"
    body = body_zh.format(**values) + FOOTER_ZH + SEPARATOR + body_en.format(**values) + FOOTER_EN
    return subject, body


def send(session, to_addr: str, kind: str, **values: object) -> None:
    """Compose and put the message in the outbox (the caller commits)."""
    subject, body = compose(kind, **values)
    enqueue(session, to_addr, subject, body, kind)
