"""E-mails to the submitter at every step of a submission (Chinese first,
English below, like every message of the portal). The texts join the
accounts' templates, so the outbox, its sender and the footer are shared."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import messages

STATUS_ZH = {"draft": "草稿", "submitted": "已提交", "under_review": "评审中", "returned": "退回修改",
             "approved": "评审通过", "public_notice": "公示中", "published": "已入选目录",
             "rejected": "未予入选"}
STATUS_EN = {"draft": "draft", "submitted": "submitted", "under_review": "under review",
             "returned": "returned for revision", "approved": "approved",
             "public_notice": "in public notice", "published": "published in the catalogue",
             "rejected": "rejected"}

messages.TEMPLATES.update({
    "submission_status": (
        "技术申报「{name}」状态更新：{status_zh}", "Technology submission “{name}”: {status_en}",
        "您好：\n\n贵单位申报的技术「{name}」（申报编号 {number}）状态已由「{from_zh}」变为「{status_zh}」。"
        "\n\n{comment_zh}请登录平台在“供应商工作台—技术申报”中查看详情。",
        "Hello,\n\nThe technology “{name}” your organisation submitted (submission {number}) has moved "
        "from “{from_en}” to “{status_en}”.\n\n{comment_en}Sign in and open “Supplier workspace — "
        "Submissions” for the details.",
    ),
    "submission_objection": (
        "技术申报「{name}」公示期间收到异议", "An objection to “{name}” during its public notice",
        "您好：\n\n贵单位申报的技术「{name}」（申报编号 {number}）在公示期间收到一条异议，"
        "市经济信息委将予以核查，处理结果将另行通知。",
        "Hello,\n\nAn objection was filed against “{name}” (submission {number}) during its public "
        "notice. The bureau will look into it and tell you the outcome.",
    ),
})


def recipients(submission: m.Submission) -> list[str]:
    """The user who created the submission (if still active) and the organisation's contact."""
    addresses = []
    if submission.created_by is not None and submission.created_by.active:
        addresses.append(submission.created_by.email)
    addresses.append(submission.organisation.contact_email)
    return list(dict.fromkeys(a for a in addresses if a))


def status_changed(session: Session, submission: m.Submission, before: str, comment: str) -> None:
    quoted_zh = f"说明：{comment}\n\n" if comment else ""
    quoted_en = f"Comment: {comment}\n\n" if comment else ""
    for address in recipients(submission):
        messages.send(session, address, "submission_status", name=submission.name_zh,
                      number=submission.id, from_zh=STATUS_ZH.get(before, before),
                      from_en=STATUS_EN.get(before, before), status_zh=STATUS_ZH[submission.status],
                      status_en=STATUS_EN[submission.status], comment_zh=quoted_zh, comment_en=quoted_en)


def objection_filed(session: Session, submission: m.Submission) -> None:
    for address in recipients(submission):
        messages.send(session, address, "submission_objection", name=submission.name_zh,
                      number=submission.id)
