"""The enterprise workspace (blueprint ``enterprise``)."""
from .views import bp, init_app

__all__ = ["bp", "init_app"]
