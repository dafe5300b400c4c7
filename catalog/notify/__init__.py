"""Notifications (issue 7): every notice is kept for the user's bell; what
else happens depends on the user's channel for its kind — ``email`` puts one
e-mail in the outbox now (sent after the response or by ``flask mail send``,
retried with back-off), ``digest`` waits for ``send_digests`` (a daily cron
job), ``in_app`` adds nothing. Callers write in their own transaction; the
functions here never commit, except the reader's own actions (mark read,
preferences) and ``send_digests``."""
from __future__ import annotations

from .delivery import send_digests, to_bureau, to_organisation, to_users
from .inbox import latest, mark_all_read, mark_read, own, unread_count
from .preferences import DEFAULT_CHANNEL, KINDS_BY_ORG_KIND, kinds_for, preferences, set_preferences

__all__ = ["DEFAULT_CHANNEL", "KINDS_BY_ORG_KIND", "kinds_for", "latest", "mark_all_read", "mark_read", "own",
           "preferences", "send_digests", "set_preferences", "to_bureau", "to_organisation", "to_users",
           "unread_count"]
