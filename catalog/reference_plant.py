"""The national catalogues' columns for each entry: typical saving, investment
and payback at the technology's reference project (its effect model's
``reference``: capacity and capex from a cited source).

The saving is the effect model applied to a plant of the reference capacity
whose unit energy is the product's national baseline level (基准水平) and
whose energy is the product's default main fuel; money uses the reference
energy prices the bureau sets (none until it does: payback is then not
available). The figures are stored on the entry so the catalogue can sort and
filter by them, and recomputed whenever the effect models or the prices
change (seed load, settings), so they are never stale."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from matching.impact import Impact, Line, estimate

from . import counts
from . import models as m
from .effect_models import to_effect
from .enterprise import energy

PRICES = {"electricity": "ref_electricity_price", "coal": "ref_coal_price", "natural_gas": "ref_gas_price",
          "coke": "ref_coke_price", "fuel_oil": "ref_fuel_oil_price"}


@dataclass(frozen=True)
class ReferencePlant:
    product: m.BenchmarkProduct
    capacity: float
    capex_cny: float
    impact: Impact

    @property
    def saving_tce(self) -> float | None:
        ok = self.impact.status == "ok" and self.impact.energy_tce is not None
        return self.impact.energy_tce.typical if ok else None

    @property
    def payback_years(self) -> float | None:
        cost = self.impact.cost_cny.typical if self.impact.cost_cny is not None else None
        return self.capex_cny / cost if cost and cost > 0 else None


def reference_prices(session: Session) -> dict[str, float]:
    from .curation.review import settings

    row = settings(session)
    return {carrier: getattr(row, name) for carrier, name in PRICES.items() if getattr(row, name) is not None}


def plant(tech: m.Technology, rows: dict[str, m.BenchmarkProduct], factors, prices: dict[str, float]
          ) -> ReferencePlant | None:
    """The entry's reference plant, or None without a reference project or a
    benchmark product with a baseline level to stand for its line."""
    effect = tech.effect or {}
    reference = effect.get("reference") or {}
    families = list(effect.get("products") or []) + list(tech.applicable_to or [])
    product = next((rows[f] for f in families if f in rows and rows[f].baseline is not None), None)
    if not reference or product is None:
        return None
    mix = energy.mix(product, None, None)
    line = Line(unit=product.unit, family=product.family, unit_energy=product.baseline,
                annual_output=float(reference["capacity"]), shares=tuple(mix.shares.items()),
                shares_default=True, main_fuel=mix.main_fuel, prices=tuple(sorted(prices.items())))
    return ReferencePlant(product, float(reference["capacity"]), float(reference["capex_cny"]),
                          estimate(to_effect(tech.code, effect), line, factors))


def first_rows(session: Session) -> dict[str, m.BenchmarkProduct]:
    """Each benchmark family's first row (its largest or most common class)."""
    rows: dict[str, m.BenchmarkProduct] = {}
    for row in session.scalars(select(m.BenchmarkProduct).order_by(m.BenchmarkProduct.position)):
        rows.setdefault(row.family, row)
    return rows


FIELDS = ("ref_saving_tce", "ref_capex_cny", "ref_payback_years")


def refresh(session: Session) -> int:
    """Recompute every entry's stored reference figures; the number changed.
    Derived figures are not an edit of the entry: they are written with a
    plain UPDATE that keeps ``updated_at`` (the search index's version of the
    entry, which holds none of them)."""
    session.flush()
    rows, factors, prices = first_rows(session), energy.factors(session), reference_prices(session)
    changed = 0
    for tech in session.scalars(select(m.Technology)).unique():
        found = plant(tech, rows, factors, prices)
        values = (None, None, None) if found is None else \
            (found.saving_tce, found.capex_cny, found.payback_years)
        if tuple(getattr(tech, f) for f in FIELDS) != values:
            if not changed:  # the cached payback/capex sorts and filters are now old
                counts.bump(session)
            session.execute(update(m.Technology).where(m.Technology.id == tech.id)
                            .values(**dict(zip(FIELDS, values, strict=True)),
                                    updated_at=m.Technology.updated_at))
            session.expire(tech, list(FIELDS))
            changed += 1
    return changed
