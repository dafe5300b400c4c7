"""Facility and need forms. Choices are set by the views (forms never query);
the services check every value again, so the API gets the same rules."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

FINANCING = [("any", _l("Any (self-funded or EMC)")), ("self_funded", _l("Self-funded")),
             ("any_emc", _l("Any contract energy management model")),
             ("shared_savings", _l("Shared savings (效益分享型)")),
             ("guaranteed_savings", _l("Guaranteed savings (节能量保证型)")),
             ("energy_cost_hosting", _l("Energy-cost hosting (能源费用托管型)")),
             ("financing_lease", _l("Financing lease (融资租赁型)"))]
CONFIDENTIALITY = [("public", _l("Public, with the enterprise's name")),
                   ("anonymous", _l("Anonymous (the bureau holds the contact)")),
                   ("bureau_only", _l("Bureau only"))]
PROBLEMS = [("energy_efficiency", _l("Energy efficiency")), ("waste_heat", _l("Waste heat and pressure")),
            ("fuel_substitution", _l("Fuel substitution")), ("raw_material", _l("Raw-material substitution")),
            ("electrification", _l("Electrification and clean power")),
            ("process_upgrade", _l("Process upgrade")), ("ccus", _l("Carbon capture (CCUS)")),
            ("digital", _l("Digital energy management")), ("other", _l("Other"))]


def _number(label, **kw):
    return DecimalField(label, places=None, validators=[Optional(), NumberRange(**kw)])


class FacilityForm(FlaskForm):
    name = StringField(_l("Line name"), validators=[DataRequired(), Length(max=120)])
    product_key = SelectField(_l("Benchmark product"), validators=[DataRequired()])
    capacity = _number(_l("Capacity a year (output unit)"), min=0)
    annual_output = _number(_l("Annual output (output unit)"), min=0)
    unit_energy = _number(_l("Unit energy consumption (indicator unit)"), min=-10_000)
    main_fuel = SelectField(_l("Main fuel"), validators=[Optional()])
    share_coal = _number(_l("Coal (%, share of the line's energy in tce)"), min=0, max=100)
    share_natural_gas = _number(_l("Natural gas (%)"), min=0, max=100)
    share_coke = _number(_l("Coke (%)"), min=0, max=100)
    share_fuel_oil = _number(_l("Fuel oil (%)"), min=0, max=100)
    share_electricity = _number(_l("Electricity (%, at the equal-value 0.1229 kgce/kWh)"), min=0, max=100)
    electricity_price = _number(_l("Electricity price (CNY/kWh)"), min=0, max=10)
    coal_price = _number(_l("Coal price (CNY/t raw coal)"), min=0)
    gas_price = _number(_l("Natural gas price (CNY/m³)"), min=0)
    coke_price = _number(_l("Coke price (CNY/t)"), min=0)
    fuel_oil_price = _number(_l("Fuel oil price (CNY/t)"), min=0)
    district_key = SelectField(_l("District or county"), validators=[Optional()])
    installed = SelectMultipleField(_l("Catalogue technologies the line already has"),
                                    validators=[Optional()],
                                    validate_choice=False)
    installed_note = TextAreaField(_l("Other equipment or retrofits already done"),
                                   validators=[Optional(), Length(max=1000)])

    SHARES = ("coal", "natural_gas", "coke", "fuel_oil", "electricity")

    def fill_shares(self, shares: dict | None) -> None:
        """Show a line's recorded shares (fractions) as percentages."""
        for carrier in self.SHARES:
            value = (shares or {}).get(carrier)
            getattr(self, f"share_{carrier}").data = None if value is None else round(value * 100, 4)

    def shares(self) -> dict:
        return {c: getattr(self, f"share_{c}").data for c in self.SHARES}


class NeedForm(FlaskForm):
    """Choices are set by the view (``fill_choices``), in the user's language."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=4, max=200)])
    description = TextAreaField(_l("What do you want to improve?"),
                                validators=[DataRequired(), Length(min=10, max=5000)])
    facility_id = SelectField(_l("Production line"), validators=[Optional()])
    stage_key = SelectField(_l("Process stage"), validators=[Optional()])
    problem_type = SelectField(_l("Problem type"))
    target_saving_pct = _number(_l("Target saving (%)"), min=0, max=100)
    target_saving_tce = _number(_l("Target saving (tce a year)"), min=0)
    budget_cny = _number(_l("Budget (CNY)"), min=0)
    financing = SelectField(_l("Financing"))
    desired_start = DateField(_l("Desired start"), validators=[Optional()])
    confidentiality = SelectField(_l("Who may see it"))
    action = HiddenField(default="draft")


class ButtonForm(FlaskForm):
    """CSRF only: status changes and shortlist/dismiss buttons."""


def fill_choices(form: NeedForm) -> None:
    for field, options in ((form.problem_type, PROBLEMS), (form.financing, FINANCING),
                           (form.confidentiality, CONFIDENTIALITY)):
        field.choices = [(key, str(label)) for key, label in options]
