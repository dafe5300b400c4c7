"""Labels of inquiry statuses, lost reasons and contract models, and the
error messages of the pipeline's rule codes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {"sent": _l("Sent"), "replied": _l("Replied"), "site_survey": _l("Site survey"),
                 "proposal": _l("Proposal"), "contracted": _l("Contracted"),
                 "implemented": _l("Implemented"), "closed": _l("Closed"), "lost": _l("Lost")}
STEP_LABELS = {"site_survey": _l("Propose a site survey"), "proposal": _l("Send a proposal"),
               "contracted": _l("Mark as contracted"), "implemented": _l("Mark as implemented"),
               "closed": _l("Close"), "lost": _l("Mark as lost")}
LOST_LABELS = {"price": _l("Price"), "technical_fit": _l("Technical fit"), "financing": _l("Financing"),
               "timing": _l("Timing"), "chose_other": _l("Chose another solution"),
               "no_response": _l("No response"), "not_interested": _l("Not interested"),
               "not_forwarded": _l("Not forwarded by the bureau"), "other": _l("Other")}
ORIGIN_LABELS = {"enterprise": _l("Inquiry from an enterprise"),
                 "supplier": _l("Expression of interest from a supplier")}
FORWARD_LABELS = {"awaiting_bureau": _l("Awaiting forwarding by the bureau"),
                  "forwarded": _l("Forwarded by the bureau"),
                  "not_forwarded": _l("Not forwarded by the bureau")}
MODEL_LABELS = {"self_funded": _l("Self-funded"), "shared_savings": _l("Shared savings (效益分享型)"),
                "guaranteed_savings": _l("Guaranteed savings (节能量保证型)"),
                "energy_cost_hosting": _l("Energy-cost hosting (能源费用托管型)"),
                "financing_lease": _l("Financing lease (融资租赁型)"), "hybrid": _l("Hybrid")}

MESSAGES = {
    "inquiry.transition": _l("This step is not possible from the inquiry's present status."),
    "inquiry.wrong_side": _l("This step belongs to the other party of the inquiry."),
    "inquiry.reply_first": _l("The inquiry moves to “replied” when the supplier writes its first message."),
    "inquiry.finished": _l("This inquiry is finished; no more messages can be added."),
    "inquiry.no_subject": _l("Choose a product or an EMC offer to ask about."),
    "inquiry.duplicate": _l("You already have an open inquiry about this; continue the conversation there."),
    "inquiry.two_suppliers": _l("The product and the offer must belong to the same supplier."),
    "inquiry.daily_limit": _l("Your organisation has sent %(limit)d inquiries in the last 24 hours, "
                              "the most allowed. Please try again tomorrow."),
    "inquiry.hourly_limit": _l("Your organisation has sent %(limit)d messages in the last hour, "
                               "the most allowed. Please try again later."),
    "follow_up.not_due": _l("The follow-up is not due, or has already been answered."),
    "follow_up.not_answered": _l("Answer the follow-up first."),
    "interest.duplicate": _l("Your organisation has already expressed interest in this need; "
                             "continue in that conversation."),
    "interest.unpublished": _l("Choose one of your published products or offers."),
    "interest.awaiting_bureau": _l("The bureau has not forwarded this expression of interest yet; "
                                   "messages can be added once it has."),
    "interest.not_awaiting": _l("This expression of interest is no longer waiting to be forwarded."),
    "interest.answered": _l("This expression of interest has already been answered."),
}


def globals_() -> dict:
    return {"INQUIRY_STATUS_LABELS": STATUS_LABELS, "INQUIRY_STEP_LABELS": STEP_LABELS,
            "LOST_LABELS": LOST_LABELS, "CONTRACT_MODEL_LABELS": MODEL_LABELS,
            "INQUIRY_ORIGIN_LABELS": ORIGIN_LABELS, "FORWARD_LABELS": FORWARD_LABELS}
