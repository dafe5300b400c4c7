"""The bureau's pages (blueprint ``bureau``): its routes live in ``views`` and the modules below."""
from . import (  # noqa: F401  (routes on the blueprint)
    announcements,
    curation,
    dashboard,
    editions,
    entries,
    exports,
    imports,
    jobs,
    pipeline,
    programmes,
)
from .views import bp

__all__ = ["bp"]
