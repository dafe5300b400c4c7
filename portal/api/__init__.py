"""The JSON API (blueprint ``api``): its routes live in ``views`` and the modules below."""
# routes on the blueprint (evidence and programmes: issue 23)
from . import board, directory, docs, evidence, guides, leads, programmes, supply  # noqa: F401
from .views import bp

__all__ = ["bp"]
