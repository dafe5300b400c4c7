"""The coefficients the worked examples use, as data/factors.yaml gives them."""
from __future__ import annotations

from matching.units import CarrierFactor, Coefficient, Factors

FACTORS = Factors({
    "coal": CarrierFactor("coal", Coefficient(0.7143, "tce/t"), Coefficient(1.9003, "tCO2/t")),
    "natural_gas": CarrierFactor("natural_gas", Coefficient(1.33, "kgce/m³"),
                                 Coefficient(2.1622, "kgCO2/m³")),
    "coke": CarrierFactor("coke", Coefficient(0.9714, "tce/t"), Coefficient(2.8604, "tCO2/t")),
    "fuel_oil": CarrierFactor("fuel_oil", Coefficient(1.4286, "tce/t"), Coefficient(3.1705, "tCO2/t")),
    "electricity": CarrierFactor("electricity", Coefficient(0.1229, "kgce/kWh"),
                                 Coefficient(0.5581, "kgCO2/kWh")),
})
