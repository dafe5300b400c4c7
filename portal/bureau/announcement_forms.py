"""Forms and messages of the announcements (bureau and public pages)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField

from catalog.models import Announcement
from catalog.models.base import as_utc

from ..auth import messages as account_messages
from ..auth.forms import MultiCheckboxField

KINDS = {"event": _l("Matchmaking event"), "notice": _l("Notice")}
STATUSES = {"draft": _l("Draft"), "published": _l("Published"), "cancelled": _l("Cancelled")}
MESSAGES = {
    "field.datetime": _l("Enter a date and time like 2025-06-01 09:30."),
    "ends.before_start": _l("The end must not be before the start."),
    "deadline.after_start": _l("The registration deadline must not be after the start."),
    "announcement.state": _l("This is not possible for an announcement that is “%(status)s”."),
    "registration.party": _l("Only enterprises and suppliers can register."),
    "registration.closed": _l("Registration is closed."),
    "registration.full": _l("All places have been taken."),
    "registration.seats": _l("Only %(left)d places are left."),
    "registration.taken": _l("Your organisation has already registered."),
    "registration.none": _l("Your organisation has not registered."),
}
account_messages.MESSAGES.update(MESSAGES)  # constant texts joining the shared table


class AnnouncementForm(FlaskForm):
    kind = SelectField(_l("Kind"))  # choices set by the view, in the user's language
    title_zh = StringField(_l("Title (Chinese)"))
    title_en = StringField(_l("Title (English)"))
    body_zh = TextAreaField(_l("Text (Chinese)"))
    body_en = TextAreaField(_l("Text (English)"))
    starts_at = StringField(_l("Starts (Beijing time)"))
    ends_at = StringField(_l("Ends (Beijing time)"))
    place = StringField(_l("Place"))
    registration_deadline = StringField(_l("Registration deadline (Beijing time)"))
    capacity = StringField(_l("Places (attendees; empty for no limit)"))
    sectors = MultiCheckboxField(_l("Sectors"), validate_choice=False)
    technologies = StringField(_l("Featured technologies (catalogue codes, e.g. CE-03, GL-01)"))

    def fill(self, item: Announcement) -> None:
        """Show a stored announcement (times in Beijing time)."""
        from catalog.accounts.audit import CHINA

        def local(moment) -> str:
            return as_utc(moment).astimezone(CHINA).strftime("%Y-%m-%dT%H:%M") if moment else ""

        for name in ("kind", "title_zh", "title_en", "body_zh", "body_en", "place"):
            getattr(self, name).data = getattr(item, name)
        self.starts_at.data, self.ends_at.data = local(item.starts_at), local(item.ends_at)
        self.registration_deadline.data = local(item.registration_deadline)
        self.capacity.data = "" if item.capacity is None else str(item.capacity)
        self.sectors.data = list(item.sectors or [])
        self.technologies.data = ", ".join(t.code for t in item.technologies)


class RegistrationForm(FlaskForm):
    attendees = StringField(_l("Attendees"), default="1")
    note = TextAreaField(_l("Note (optional)"))
