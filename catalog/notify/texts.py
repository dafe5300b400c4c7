"""What each kind of notification says, in Chinese and English. Titles are
rendered when read, in the reader's language, from the stored parameters;
a parameter that is missing shows as empty rather than failing."""
from __future__ import annotations

import string

# kind → (zh, en). Status keys are translated through STATUS below.
TITLES: dict[str, tuple[str, str]] = {
    "inquiry_new": ("「{sender}」发来对接请求「{subject}」（编号 {number}）",
                    "{sender} sent an inquiry “{subject}” (no. {number})"),
    "inquiry_message": ("「{sender}」在对接请求「{subject}」中发送了新消息",
                        "{sender} wrote on the inquiry “{subject}”"),
    "inquiry_step": ("对接请求「{subject}」已由「{sender}」推进到「{status}」",
                     "{sender} moved the inquiry “{subject}” to “{status}”"),
    "interest_forward": ("「{supplier}」对匿名需求表达合作意向「{subject}」，待转交",
                         "{supplier} expressed interest in an anonymous need (“{subject}”): to forward"),
    "submission_review": ("技术申报「{name}」（编号 {number}）状态：{status}",
                          "Technology submission “{name}” (no. {number}): {status}"),
    "objection": ("技术申报「{name}」（编号 {number}）公示期间收到异议",
                  "An objection to “{name}” (no. {number}) during its public notice"),
    "need_matches": ("需求「{need}」有 {count} 项新匹配技术，如「{first}」",
                     "{count} new matches for your need “{need}”, e.g. “{first}”"),
    "leads": ("有 {count} 条新的企业需求线索，如「{first}」",
              "{count} new leads for your organisation, e.g. “{first}”"),
    "saved_search": ("保存的搜索「{name}」有 {count} 条新结果，如「{first}」",
                     "{count} new results for your saved search “{name}”, e.g. “{first}”"),
    "registration_pending": ("新注册单位「{name}」（统一社会信用代码 {uscc}）待核验",
                             "New organisation “{name}” (credit code {uscc}) awaits verification"),
}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "inquiry_new": ("新的对接请求或合作意向", "New inquiries and expressions of interest"),
    "inquiry_message": ("对接请求的新消息", "New messages on inquiries"),
    "inquiry_step": ("对接进展（各环节变化）", "Pipeline steps of inquiries"),
    "interest_forward": ("待转交的匿名需求合作意向", "Expressions of interest awaiting forwarding"),
    "submission_review": ("技术申报的评审结果与状态变化", "Review decisions on technology submissions"),
    "objection": ("公示期间的异议", "Objections during public notice"),
    "need_matches": ("需求的新匹配技术", "New matches for open needs"),
    "leads": ("新的需求线索", "New leads"),
    "saved_search": ("保存的搜索有新结果", "New results for saved searches"),
    "registration_pending": ("待核验的新注册单位", "New registrations awaiting verification"),
}

STATUS: dict[str, tuple[str, str]] = {
    # inquiry pipeline
    "sent": ("已发送", "sent"), "replied": ("已回复", "replied"), "site_survey": ("现场踏勘", "site survey"),
    "proposal": ("方案报价", "proposal"), "contracted": ("已签约", "contracted"),
    "implemented": ("已实施", "implemented"), "closed": ("已关闭", "closed"), "lost": ("未成交", "lost"),
    "accepted": ("企业已接受", "accepted by the enterprise"),
    "declined": ("企业已婉拒", "declined by the enterprise"),
    "not_forwarded": ("未予转交", "not forwarded"),
    # technology submissions
    "draft": ("草稿", "draft"), "submitted": ("已提交", "submitted"),
    "under_review": ("评审中", "under review"),
    "returned": ("退回修改", "returned for revision"), "approved": ("评审通过", "approved"),
    "public_notice": ("公示中", "in public notice"), "published": ("已入选目录", "published in an edition"),
    "rejected": ("未予入选", "rejected"),
}


# Names that depend on the reader's language, stored as these markers.
NAMES: dict[str, tuple[str, str]] = {
    "@anonymous": ("匿名企业", "an anonymous enterprise"),
    "@bureau": ("市经济信息委", "the bureau"),
}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _values(params: dict, english: bool) -> _Blank:
    values = _Blank({k: ("" if v is None else v) for k, v in (params or {}).items()})
    for key, value in list(values.items()):
        if isinstance(value, str) and value in NAMES:
            values[key] = NAMES[value][1 if english else 0]
    if english and values.get("first_en"):  # a technology's or listing's English name, when given
        values["first"] = values["first_en"]
    status = values.get("status")
    if isinstance(status, str) and status in STATUS:
        values["status"] = STATUS[status][1 if english else 0]
    return values


def title(kind: str, params: dict, lang: str = "zh") -> str:
    """The one-line text of a notification in ``lang`` ('zh' or 'en')."""
    english = lang.startswith("en")
    pair = TITLES.get(kind)
    if pair is None:
        return kind
    try:
        return string.Formatter().vformat(pair[1 if english else 0], (), _values(params, english))
    except (ValueError, IndexError, AttributeError):  # a malformed stored parameter
        return KIND_LABELS.get(kind, (kind, kind))[1 if english else 0]


def kind_label(kind: str, lang: str = "zh") -> str:
    return KIND_LABELS.get(kind, (kind, kind))[1 if lang.startswith("en") else 0]
