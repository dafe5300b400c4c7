"""A cheap fingerprint of the data the dashboard figures are made of: any
insert, update or delete that can change a figure changes it, so a figure
computed for one fingerprint may be reused until the data moves."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog import models as m

# (table, columns whose MAX moves on insert or update); COUNT(*) catches deletes
WATCHED = (
    (m.Inquiry, (m.Inquiry.updated_at,)),
    (m.InquiryEvent, (m.InquiryEvent.id,)),
    (m.FollowUp, (m.FollowUp.answered_at,)),
    (m.Need, (m.Need.updated_at, m.Need.scored_at)),
    (m.Facility, (m.Facility.updated_at,)),
    (m.Organisation, (m.Organisation.status_changed_at,)),
    (m.Technology, (m.Technology.updated_at,)),
    (m.Submission, (m.Submission.updated_at,)),
)


def data_version(session: Session) -> tuple:
    """One query: per watched table its row count and the maxima."""
    parts = []
    for model, columns in WATCHED:
        parts.append(select(func.count()).select_from(model).scalar_subquery())
        parts.extend(select(func.max(column)).scalar_subquery() for column in columns)
    return tuple(session.execute(select(*parts)).one())
