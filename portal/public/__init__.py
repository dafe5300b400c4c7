"""Public pages (blueprint ``public``): its routes live in ``views`` and the modules below."""
from . import (  # noqa: F401  (routes on the blueprint)
    announcements,
    legal,
    listings,
    programmes,  # noqa: F401  (support programmes, issue 23)
    suppliers,  # noqa: F401  (the supplier directory, issue 22)
)
from .views import bp

__all__ = ["bp"]
