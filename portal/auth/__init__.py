"""Signing in and out, registration, password reset (blueprint ``auth``)."""
from .views import bp

__all__ = ["bp"]
