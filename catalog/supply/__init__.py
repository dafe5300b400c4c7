"""Suppliers' listings: products/solutions, EMC offers, attachments.

Services take a Session and own the transaction; rule violations raise
``catalog.accounts.errors.RuleError`` (several at once as ``InvalidFields``)
with the form field they belong to. The matching engine reads offers through
:func:`offers_for_technologies`."""
from __future__ import annotations

from .offers import OfferTerms, offers_for_technologies

__all__ = ["OfferTerms", "offers_for_technologies"]
