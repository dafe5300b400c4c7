"""Loading data/ twice changes nothing; what is loaded is complete and sourced."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from catalog import migrate
from catalog import models as m
from catalog.db import make_engine, make_session_factory
from catalog.seed import DATA_DIR, SeedError, load_all


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_second_load_changes_nothing(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions() as s:
        first = load_all(s)
    with sessions() as s:
        counts = {model: count(s, model) for model in (m.Technology, m.TechnologyFigure,
                                                        m.EditionEntry, m.GlossaryTerm)}
        second = load_all(s)
    with sessions() as s:
        assert {model: count(s, model) for model in counts} == counts
    assert first.changed and not second.changed
    engine.dispose()


def test_catalogue_is_complete(db):
    assert count(db, m.Technology) == 75
    assert db.scalar(select(func.count()).where(m.Technology.status == "published")) == 75
    edition = db.scalars(select(m.Edition)).one()
    assert len(edition.entries) == 75
    for tech in db.scalars(select(m.Technology)).unique():
        assert tech.summary_zh and tech.summary_en and tech.description_zh and tech.description_en
        for fig in tech.figures:  # every seeded figure cites a document of the registry
            assert fig.source_key and fig.cited.title and fig.flag and fig.evidence_key
            assert fig.basis and fig.basis_zh
        assert tech.effect.get("mechanism")


def test_unverified_figures_map_to_untrusted_evidence(db):
    # no seeded figure rests on recollection alone: a figure without a source is not shown
    assert not db.scalars(select(m.TechnologyFigure).where(m.TechnologyFigure.flag == "MEM-unverified")).all()
    std = db.scalars(select(m.TechnologyFigure).where(m.TechnologyFigure.flag == "STD-only")).all()
    assert std and all(not f.evidence.trusted for f in std)
    vendor = db.scalars(select(m.TechnologyFigure).where(m.TechnologyFigure.flag == "vendor-claim")).all()
    assert vendor and {f.evidence_key for f in vendor} == {"vendor_claim"}


def test_numeric_and_range_values_are_kept_as_given(db):
    ce01 = db.scalars(select(m.Technology).where(m.Technology.code == "CE-01")).unique().one()
    values = [(f.value_text, f.value_num) for f in ce01.figures]
    assert ("2969-3053", None) in values and ("100", 100.0) in values


def test_plan_named_flag(db):
    ce01 = db.scalars(select(m.Technology).where(m.Technology.code == "CE-01")).unique().one()
    assert ce01.plan_named
    umbrella_only = db.scalars(select(m.Technology).where(m.Technology.plan_named.is_(False))).unique().all()
    assert umbrella_only and all(
        all("umbrella" in ref for ref in t.plan_refs) for t in umbrella_only)


def test_a_broken_data_file_saves_nothing(make_database, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    texts = Path(data / "catalogue" / "texts" / "GN.yaml")
    texts.write_text(texts.read_text(encoding="utf-8").replace("GN-15:", "GN-99:"), encoding="utf-8")
    engine = make_engine(make_database())
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions() as s, pytest.raises(SeedError, match="GN-15"):
        load_all(s, data)
    with sessions() as s:
        assert count(s, m.Sector) == 0 and count(s, m.Technology) == 0
    engine.dispose()


def test_seed_changes_are_audited_once(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions() as s:
        load_all(s)
    with sessions() as s:
        load_all(s)  # unchanged: no new events
        events = s.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "catalogue.seed_loaded")).all()
        assert len(events) == 75 and {e.detail["outcome"] for e in events} == {"created"}
        assert all(e.actor_label == "cli" for e in events)
    engine.dispose()
