"""Search behind a few functions: rebuild, sync, search, check, count.

The index is derived from the database; ``tasks`` explains how changes reach it."""
from .engine import SORTS, SearchHit, SearchRequest, SearchResult, ranked_codes, search
from .index import FACET_FIELDS, Drift, check, document_count, update_documents
from .state import forget
from .tasks import apply_pending as sync
from .tasks import pending_count, rebuild

__all__ = ["FACET_FIELDS", "SORTS", "Drift", "SearchHit", "SearchRequest", "SearchResult", "check",
           "document_count", "forget", "pending_count", "ranked_codes", "rebuild", "search", "sync",
           "update_documents"]
