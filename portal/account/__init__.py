"""The signed-in user's account and organisation (blueprint ``account``)."""
from .views import bp

__all__ = ["bp"]
