"""The enterprise workspace (blueprint ``enterprise``)."""
from . import board  # noqa: F401  (the needs board's opt-in, routes on the blueprint)
from .views import bp, init_app

__all__ = ["bp", "init_app"]
