"""Bulk import against a real database: the round trip with the current data,
creating and updating entries and organisations (audited, indexed), nothing
imported when one row is wrong, and the job records."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog import search
from catalog.accounts.audit import Actor
from catalog.console import imports, jobs
from catalog.console.columns import FIGURES, ORGANISATIONS, TECHNOLOGIES
from catalog.errors import NotFound
from catalog.search import SearchRequest
from catalog.search.tasks import INDEX_DIR_KEY
from tests.conftest import valid_uscc
from tests.import_world import row_of, workbook

TECH = imports.KINDS["technologies"]
ORGS = imports.KINDS["organisations"]
ACTOR = Actor(label="import-test")
NEW = dict(name_zh="导入测试富氧燃烧技术", name_en="Imported oxy-fuel test", sector="水泥", stage="熟料烧成",
           category="节能技术装备", maturity="工程示范", trl=6, summary_zh="导入测试摘要。",
           keywords_zh="富氧燃烧；导入测试")


def run(db, kind, data):
    return imports.run(db, ACTOR, kind, imports.parse(kind, data), "test.xlsx")


def count(db, model, *where):
    return db.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def db(console_db):
    with console_db["sessions"]() as session:
        session.info[INDEX_DIR_KEY] = str(console_db["index_dir"])
        yield session


def test_the_current_catalogue_reimports_unchanged(db):
    outcome = run(db, TECH, imports.current(db, TECH))
    assert outcome.imported
    assert outcome.summary["created"] == 0 and outcome.summary["updated"] == 0
    assert outcome.summary["unchanged"] == count(db, m.Technology)


def test_a_new_entry_is_created_published_with_figures_audited_and_indexed(db, console_db):
    data = workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-91", **NEW)]),
                     (FIGURES, [row_of(FIGURES, code="CE-91", metric="energy_saving", value="8-12", unit="%",
                                       source="导入测试", flag="MEM-unverified"),
                                row_of(FIGURES, code="CE-91", metric="capex", value=350, unit="万元",
                                       source="导入测试", flag="MEM-unverified")])])
    outcome = run(db, TECH, data)
    assert outcome.summary == {"rows": 1, "created": 1, "updated": 0, "unchanged": 0}
    db.expire_all()
    tech = db.scalars(select(m.Technology).where(m.Technology.code == "CE-91")).unique().one()
    assert tech.status == "published" and tech.sector_key == "cement" and tech.trl == 6
    assert [(f.metric, f.value_text, f.value_num) for f in tech.figures] == [
        ("energy_saving", "8-12", None), ("capex", "350", 350.0)]
    assert count(db, m.AuditEvent, m.AuditEvent.action == "technology.imported",
                 m.AuditEvent.object_id == "CE-91") == 1
    summary = db.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "console.import_technologies")
                         .order_by(m.AuditEvent.id.desc())).first()
    assert summary.detail["created"] == 1 and summary.detail["outcome"] == "imported"
    hits = search.search(console_db["index_dir"], SearchRequest(text="导入测试富氧燃烧技术", per_page=20))
    assert "CE-91" in [h.code for h in hits.hits]
    # the same file again changes nothing
    assert run(db, TECH, data).summary["unchanged"] == 1


def test_an_existing_code_updates_the_entry_and_its_figures(db):
    data = workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-92", **NEW)])])
    run(db, TECH, data)
    changed = workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-92", **{**NEW, "trl": 8})]),
                        (FIGURES, [row_of(FIGURES, code="CE-92", metric="payback_years", value=3, unit="年",
                                          source="s", flag="V-sec")])])
    outcome = run(db, TECH, changed)
    assert outcome.summary["updated"] == 1
    db.expire_all()
    tech = db.scalars(select(m.Technology).where(m.Technology.code == "CE-92")).unique().one()
    assert tech.trl == 8 and [f.metric for f in tech.figures] == ["payback_years"]
    event = db.scalars(select(m.AuditEvent).where(m.AuditEvent.object_id == "CE-92")
                       .order_by(m.AuditEvent.id.desc())).first()
    assert event.detail == {"outcome": "updated", "fields": ["trl"]}


def test_one_bad_row_means_nothing_is_imported(db):
    before = count(db, m.Technology)
    rows = [row_of(TECHNOLOGIES, code="CE-93", **NEW),
            row_of(TECHNOLOGIES, code="CE-94", **{**NEW, "trl": 0}),
            row_of(TECHNOLOGIES, code="CE-93", **NEW)]
    outcome = run(db, TECH, workbook([(TECHNOLOGIES, rows)]))
    assert not outcome.imported
    assert [(p["row"], p["column"], p["code"]) for p in outcome.problems] == [
        (3, "技术就绪度", "integer"), (4, "技术编号", "duplicate")]
    assert count(db, m.Technology) == before
    assert count(db, m.Technology, m.Technology.code == "CE-93") == 0
    rejected = db.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "console.import_technologies")
                          .order_by(m.AuditEvent.id.desc())).first()
    assert rejected.detail["outcome"] == "rejected" and rejected.detail["problems"] == 2


def test_figures_must_belong_to_an_entry_of_the_file(db):
    data = workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-95", **NEW)]),
                     (FIGURES, [row_of(FIGURES, code="CE-01", metric="capex", value=1, source="s",
                                       flag="V-sec")])])
    outcome = run(db, TECH, data)
    assert [p["code"] for p in outcome.problems] == ["figure.orphan"]


def test_a_retired_entry_cannot_be_changed(db):
    run(db, TECH, workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-96", **NEW)])]))
    tech = db.scalars(select(m.Technology).where(m.Technology.code == "CE-96")).unique().one()
    tech.status = "retired"
    db.commit()
    same = run(db, TECH, workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-96", **NEW)])]))
    assert same.imported and same.summary["unchanged"] == 1
    nine = row_of(TECHNOLOGIES, code="CE-96", **{**NEW, "trl": 9})
    changed = run(db, TECH, workbook([(TECHNOLOGIES, [nine])]))
    assert [p["code"] for p in changed.problems] == ["retired"]


ORG = dict(name="导入测试建材有限公司", kind="用能企业", district="渝北区", sectors="水泥；玻璃",
           contact_name="张三", contact_mobile="+86 139-1234-5678", contact_email="Zhang@Example.com")


def test_organisations_are_created_updated_and_reimport_unchanged(db, console_world):
    code = valid_uscc("91500112MA7100011")
    outside = valid_uscc("91440300MA7100022")
    rows = [row_of(ORGANISATIONS, uscc=code, **ORG),
            row_of(ORGANISATIONS, uscc=outside, **{**ORG, "name": "市外供应商", "kind": "技术供应商",
                                                  "district": "市外", "province": "广东省",
                                                  "status": "已核验"})]
    outcome = run(db, ORGS, workbook([(ORGANISATIONS, rows)]))
    assert outcome.summary == {"rows": 2, "created": 2, "updated": 0, "unchanged": 0}
    db.expire_all()
    org = db.scalars(select(m.Organisation).where(m.Organisation.uscc == code)).unique().one()
    assert (org.kind, org.status, org.district_key, org.contact_mobile, org.contact_email) == (
        "enterprise", "pending", "yubei", "13912345678", "zhang@example.com")
    assert sorted(s.key for s in org.sectors) == ["cement", "glass"]
    far = db.scalars(select(m.Organisation).where(m.Organisation.uscc == outside)).unique().one()
    assert (far.province, far.district_key, far.status) == ("guangdong", None, "verified")
    new_name = row_of(ORGANISATIONS, uscc=code, **{**ORG, "name": "新名称"})
    renamed = run(db, ORGS, workbook([(ORGANISATIONS, [new_name])]))
    assert renamed.summary["updated"] == 1
    again = run(db, ORGS, imports.current(db, ORGS))
    assert again.imported and again.summary["created"] == again.summary["updated"] == 0


def test_organisation_rows_are_checked(db, console_world):
    good = valid_uscc("91500112MA7100033")
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    existing = db.get(m.Organisation, console_world["orgs"]["enterprise"])
    rows = [row_of(ORGANISATIONS, uscc=bad_check, **ORG),
            row_of(ORGANISATIONS, uscc=good, **{**ORG, "district": "市外"}),
            row_of(ORGANISATIONS, uscc=existing.uscc, **{**ORG, "kind": "技术供应商"}),
            row_of(ORGANISATIONS, uscc=valid_uscc("91500112MA7100044"), **{**ORG, "contact_mobile": "12345"}),
            row_of(ORGANISATIONS, uscc=existing.uscc, **{**ORG, "status": "待核验"})]
    before = count(db, m.Organisation)
    outcome = run(db, ORGS, workbook([(ORGANISATIONS, rows)]))
    assert [(p["row"], p["code"]) for p in outcome.problems] == [
        (2, "uscc.check_character"), (3, "province.required"), (4, "kind.changed"), (5, "mobile.invalid"),
        (6, "duplicate")]
    assert count(db, m.Organisation) == before


def test_the_template_explains_every_column(db):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(imports.template(db, TECH)))
    assert book.sheetnames == ["技术条目", "关键数据", "说明"]
    assert [c.value for c in book["技术条目"][1]] == TECHNOLOGIES.headers
    notes = {row[1] for row in book["说明"].iter_rows(values_only=True)}
    values = {cell for row in book["说明"].iter_rows(values_only=True) for cell in row}
    assert set(TECHNOLOGIES.headers) <= notes and "熟料烧成" in values


def test_jobs_record_progress_and_the_outcome(db):
    job = jobs.create(db, "import_technologies", {"import": "technologies"}, ACTOR, "big.xlsx")
    assert (job.status, job.done, jobs.percent(job)) == ("queued", 0, 0)
    jobs.progress(db, job.id, 5, 20)
    running = db.get(m.ConsoleJob, job.id)
    assert (running.status, jobs.percent(running)) == ("running", 25)
    jobs.finish(db, job.id, {"summary": {"rows": 20}}, result_name=jobs.file_name(job.id, "", "xlsx"))
    done = jobs.get(db, job.id)
    assert (done.status, done.done, jobs.percent(done)) == ("done", 20, 100)
    assert done.result_name == f"job-{job.id}.xlsx"
    failed = jobs.create(db, "export", {}, None)
    jobs.fail(db, failed.id, {"error": "boom"})
    assert jobs.get(db, failed.id).status == "failed" and jobs.get(db, failed.id).finished_at is not None
    with pytest.raises(NotFound):
        jobs.path_of("/tmp", "../../etc/passwd")


@pytest.mark.parametrize("kind, model", [(TECH, m.Technology), (ORGS, m.Organisation)])
def test_the_consoles_list_export_reimports_unchanged(db, console_world, kind, model):
    """The dashboard's list export (filters: none) is the import layout plus
    informational columns, so the bureau can edit an export and upload it
    (the console world's organisations at least: the tests run in any order)."""
    import io

    from catalog.console import exports
    from catalog.console.filters import Filters

    buffer = io.BytesIO()
    exports.write_xlsx(exports.sheet(db, kind.name, Filters()), buffer)
    outcome = run(db, kind, buffer.getvalue())
    assert outcome.imported and outcome.summary["created"] == outcome.summary["updated"] == 0
    where = () if model is m.Technology else (m.Organisation.kind != "bureau",)
    assert outcome.summary["unchanged"] == count(db, model, *where)
