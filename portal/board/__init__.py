"""The public needs board (blueprint ``board``, issue 22): ``/needs`` and one
listed need; the owner's opt-in lives in the enterprise workspace
(``portal.enterprise.board``) and the JSON in ``portal.api.board``."""
from .views import bp

__all__ = ["bp"]
