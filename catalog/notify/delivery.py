"""Making notifications and the e-mails that go with them.

E-mails carry an absolute link when the caller's session knows the portal's
address (``session.info[BASE_URL_KEY]``, set by the web layer from
PUBLIC_BASE_URL or the request); otherwise the path alone."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import outbox
from ..accounts.messages import FOOTER_EN, FOOTER_ZH, SEPARATOR, SITE_ZH
from ..accounts.roles import BUREAU_ROLES
from .preferences import channels
from .texts import kind_label, title

BASE_URL_KEY = "portal_base_url"


def _url(session: Session, link: str) -> str:
    base = (session.info.get(BASE_URL_KEY) or "").rstrip("/")
    return base + link if link.startswith("/") else link


def _subject(zh: str, en: str) -> str:
    return f"【{SITE_ZH}】{zh} / {en}"


def _mail(session: Session, user: m.User, kind: str, params: dict, link: str) -> None:
    title_zh, title_en = title(kind, params, "zh"), title(kind, params, "en")
    zh, en = title_zh + "。", title_en + "."
    url = _url(session, link)
    comment = str(params.get("comment") or "")
    if comment:  # a reviewer's reason travels in the e-mail, not in the one-line title
        zh, en = f"{zh}\n\n说明：{comment}", f"{en}\n\nComment: {comment}"
    body = (f"您好：\n\n{zh}\n\n查看详情：{url}\n\n"
            "如需调整通知方式，请登录后在“通知设置”中修改。" + FOOTER_ZH
            + SEPARATOR + f"Hello,\n\n{en}\n\nDetails: {url}\n\n"
            "You can change how you are notified under “Notification settings” after signing in." + FOOTER_EN)
    outbox.enqueue(session, user.email, _subject(title_zh, title_en), body, f"notify_{kind}")


def to_users(session: Session, user_ids: Iterable[int], kind: str, params: dict,
             link: str) -> list[m.Notification]:
    """One notification per active user (duplicates ignored), e-mailed now to
    those whose channel for ``kind`` is ``email``."""
    if kind not in m.NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    users = list(session.scalars(select(m.User).where(m.User.id.in_(set(user_ids)), m.User.active)
                                 .order_by(m.User.id)))
    chosen = channels(session, [u.id for u in users], kind)
    made = []
    for user in users:
        note = m.Notification(user_id=user.id, kind=kind, params=dict(params), link=link[:300],
                              channel=chosen[user.id])
        session.add(note)
        made.append(note)
        if note.channel == "email":
            _mail(session, user, kind, params, link)
    return made


def _members(session: Session, where) -> list[int]:
    return list(session.scalars(select(m.User.id).where(where, m.User.active)))


def to_organisation(session: Session, organisation_id: int, kind: str, params: dict,
                    link: str) -> list[m.Notification]:
    """Every active member. An organisation without one still gets e-mails
    that matter at its contact address, so nothing is lost."""
    member_ids = _members(session, m.User.organisation_id == organisation_id)
    if member_ids:
        return to_users(session, member_ids, kind, params, link)
    org = session.get(m.Organisation, organisation_id)
    if org is not None and org.contact_email:
        zh, en = title(kind, params, "zh"), title(kind, params, "en")
        outbox.enqueue(session, org.contact_email, _subject(zh, en),
                       f"{zh}。\n\n{_url(session, link)}{FOOTER_ZH}{SEPARATOR}{en}.{FOOTER_EN}",
                       f"notify_{kind}")
    return []


def to_bureau(session: Session, kind: str, params: dict, link: str) -> list[m.Notification]:
    return to_users(session, _members(session, m.User.role.in_(BUREAU_ROLES)), kind, params, link)


def send_digests(session: Session, now: datetime | None = None) -> int:
    """One e-mail per user listing the digest-channel notifications not yet
    in a digest; they are marked so a second run sends nothing. Commits;
    returns the number of e-mails queued."""
    now = now or m.utcnow()
    pending = list(session.scalars(select(m.Notification).where(
        m.Notification.channel == "digest", m.Notification.digested_at.is_(None),
        m.Notification.created_at <= now).order_by(m.Notification.user_id, m.Notification.id)))
    by_user: dict[int, list[m.Notification]] = {}
    for note in pending:
        by_user.setdefault(note.user_id, []).append(note)
    sent = 0
    for user_id, notes in by_user.items():
        user = session.get(m.User, user_id)
        if user is not None and user.active:
            _digest_mail(session, user, notes)
            sent += 1
        for note in notes:
            note.digested_at = now
    session.commit()
    return sent


def _digest_mail(session: Session, user: m.User, notes: list[m.Notification]) -> None:
    lines_zh, lines_en = [], []
    for note in notes:
        url = _url(session, note.link)
        lines_zh.append(f"· [{kind_label(note.kind, 'zh')}] {title(note.kind, note.params, 'zh')}\n  {url}")
        lines_en.append(f"· [{kind_label(note.kind, 'en')}] {title(note.kind, note.params, 'en')}\n  {url}")
    body = (f"您好：\n\n以下是您的通知摘要（共 {len(notes)} 条）：\n\n" + "\n".join(lines_zh) + FOOTER_ZH
            + SEPARATOR + f"Hello,\n\nYour notification digest ({len(notes)}):\n\n" + "\n".join(lines_en)
            + FOOTER_EN)
    outbox.enqueue(session, user.email, f"【{SITE_ZH}】通知摘要（{len(notes)} 条）/ Digest ({len(notes)})",
                   body, "notify_digest")
