"""Public pages (blueprint ``public``): its routes live in ``views`` and the modules below."""
from . import announcements, legal, listings  # noqa: F401  (routes on the blueprint)
from .views import bp

__all__ = ["bp"]
