"""Search behind a few functions: rebuild, update, query, count."""
from .index import Drift, Hit, check, document_count, open_index, query, rebuild, update_documents

__all__ = ["Drift", "Hit", "check", "document_count", "open_index", "query", "rebuild", "update_documents"]
