"""`flask setup` never overwrites what the bureau changed (issue 17 point 3):
running the seed again on a populated database used to revert every summary
the bureau had imported, unless the entry was retired or changed through an
edition. Now each field is merged three ways against what the seed last
loaded: a field nobody touched takes the seed's update, a field the bureau
changed is kept, and a field both changed is kept and reported."""
from __future__ import annotations

import shutil

import yaml
from sqlalchemy import select

from catalog import migrate
from catalog import models as m
from catalog.db import make_engine, make_session_factory
from catalog.seed import DATA_DIR, load_all


def tech(db, code: str) -> m.Technology:
    return db.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()


def test_setup_keeps_the_bureaus_changes_and_brings_seed_updates_to_untouched_fields(make_database, tmp_path):
    engine = make_engine(make_database())
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions() as db:
        load_all(db)
        # the bureau imports new summaries for every entry, edits CE-01's name and a figure
        for row in db.scalars(select(m.Technology)).unique():
            row.summary_zh = f"主管部门导入的摘要 {row.code}"
        tech(db, "CE-01").name_en = "Bureau's name"
        figured, untouched = db.scalars(select(m.Technology.code).join(m.TechnologyFigure)
                                        .order_by(m.Technology.code).distinct()).all()[:2]
        tech(db, figured).figures[0].basis_zh = "主管部门核定的口径"
        db.commit()

        again = load_all(db)  # the same seed: nothing of the bureau's is reverted
        assert again.conflicts == []
        assert all(row.summary_zh.startswith("主管部门导入的摘要")
                   for row in db.scalars(select(m.Technology)).unique())
        assert tech(db, "CE-01").name_en == "Bureau's name"
        assert tech(db, figured).figures[0].basis_zh == "主管部门核定的口径"
        assert again.counts["technology"].get("updated", 0) == 0

        # a new release of the seed changes CE-01's English summary (untouched) and name (the bureau's)
        data = tmp_path / "data"
        shutil.copytree(DATA_DIR, data)
        entries = yaml.safe_load((data / "catalogue/technologies.yaml").read_text("utf-8"))
        for entry in entries:
            if entry["code"] == "CE-01":
                entry["name_en"] = "Seed's new name"
            if entry["code"] == "CE-03":
                entry["keywords_en"] = [*entry.get("keywords_en", []), "seed-update"]
            if entry["code"] == untouched and entry.get("figures"):
                entry["figures"][0]["basis_zh"] = "种子数据修订的口径"
        (data / "catalogue/technologies.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True),
                                                          "utf-8")
        texts = yaml.safe_load((data / "catalogue/texts/CE.yaml").read_text("utf-8"))
        texts["CE-01"]["summary_en"] = "The seed's new English summary."
        texts["CE-01"]["summary_zh"] = "种子数据的新摘要。"
        (data / "catalogue/texts/CE.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), "utf-8")

        update = load_all(db, data)
        ce01 = tech(db, "CE-01")
        assert ce01.summary_en == "The seed's new English summary."  # nobody had changed it
        assert "seed-update" in tech(db, "CE-03").keywords_en
        assert tech(db, untouched).figures[0].basis_zh == "种子数据修订的口径"  # a figure nobody changed
        assert ce01.name_en == "Bureau's name" and ce01.summary_zh == "主管部门导入的摘要 CE-01"
        assert sorted(update.conflicts) == ["CE-01.name_en", "CE-01.summary_zh"]
        assert any("CE-01.name_en" in line for line in update.lines())
        # the bureau's figure stays; the other entries' summaries too
        assert tech(db, figured).figures[0].basis_zh == "主管部门核定的口径"
        assert tech(db, figured).summary_zh == f"主管部门导入的摘要 {figured}"
    engine.dispose()
