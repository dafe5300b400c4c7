"""The JSON API (blueprint ``api``): its routes live in ``views`` and the modules below."""
from . import docs, leads, supply  # noqa: F401  (routes on the blueprint)
from .views import bp

__all__ = ["bp"]
