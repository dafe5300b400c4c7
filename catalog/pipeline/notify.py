"""E-mails to the other party of an inquiry (Chinese first, English below),
queued in the accounts outbox in the caller's transaction: the request never
waits for SMTP."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import messages

STATUS_ZH = {"sent": "已发送", "replied": "已回复", "site_survey": "现场踏勘", "proposal": "方案报价",
             "contracted": "已签约", "implemented": "已实施", "closed": "已结束", "lost": "未成交"}
STATUS_EN = {"sent": "sent", "replied": "replied", "site_survey": "site survey", "proposal": "proposal",
             "contracted": "contracted", "implemented": "implemented", "closed": "closed", "lost": "lost"}

messages.TEMPLATES.update({
    "inquiry_new": (
        "新的对接请求：{subject}", "New inquiry: {subject}",
        "您好：\n\n「{enterprise}」向贵单位发送了对接请求「{subject}」（编号 {number}）。"
        "请登录平台在“对接请求”中查看并回复。",
        "Hello,\n\n{enterprise} has sent your organisation an inquiry “{subject}” (number {number}). "
        "Sign in and open “Inquiries” to read and answer it.",
    ),
    "inquiry_message": (
        "对接请求「{subject}」有新消息", "New message on the inquiry “{subject}”",
        "您好：\n\n「{sender}」在对接请求「{subject}」（编号 {number}）中发送了新消息。请登录平台查看。",
        "Hello,\n\n{sender} wrote a new message on the inquiry “{subject}” (number {number}). "
        "Sign in to read it.",
    ),
    "inquiry_step": (
        "对接请求「{subject}」进展：{status_zh}", "Inquiry “{subject}”: {status_en}",
        "您好：\n\n「{sender}」已将对接请求「{subject}」（编号 {number}）推进到「{status_zh}」。"
        "请登录平台查看详情。",
        "Hello,\n\n{sender} has moved the inquiry “{subject}” (number {number}) to “{status_en}”. "
        "Sign in for the details.",
    ),
})


def _other(side: str) -> str:
    return "supplier" if side == "enterprise" else "enterprise"


def _send(session: Session, inquiry: m.Inquiry, to_side: str, kind: str, **params) -> None:
    org = inquiry.enterprise if to_side == "enterprise" else inquiry.supplier
    addresses = [org.contact_email]
    if to_side == "enterprise" and inquiry.created_by_id is not None:
        creator = session.get(m.User, inquiry.created_by_id)
        if creator is not None and creator.active:
            addresses.append(creator.email)
    for address in dict.fromkeys(a for a in addresses if a):
        messages.send(session, address, kind, subject=inquiry.subject, number=inquiry.id, **params)


def new_inquiry(session: Session, inquiry: m.Inquiry) -> None:
    _send(session, inquiry, "supplier", "inquiry_new", enterprise=inquiry.enterprise.name)


def new_message(session: Session, inquiry: m.Inquiry, side: str) -> None:
    sender = inquiry.enterprise if side == "enterprise" else inquiry.supplier
    _send(session, inquiry, _other(side), "inquiry_message", sender=sender.name)


def step(session: Session, inquiry: m.Inquiry, side: str) -> None:
    sender = inquiry.enterprise if side == "enterprise" else inquiry.supplier
    _send(session, inquiry, _other(side), "inquiry_step", sender=sender.name,
          status_zh=STATUS_ZH[inquiry.status], status_en=STATUS_EN[inquiry.status])
