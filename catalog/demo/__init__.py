"""Demo and benchmark data from one set of builders (issue 15 point 4, issue 20):

- ``technologies.generate``: N synthetic catalogue entries (codes ``XX-D000001``);
- ``scale.build``: the scale profile — those entries plus organisations, users,
  production lines, needs, products, EMC offers and inquiries sized to them;
- ``world.build``: the small hand-curated demo world on the real seed catalogue
  (fictional organisations marked 示例, accounts with documented passwords).

``base`` (bulk inserts), ``parties``, ``plants``, ``market`` and ``deals`` are
the builders both profiles and the benches in ``bench/`` share."""
from .technologies import generate

__all__ = ["generate"]
