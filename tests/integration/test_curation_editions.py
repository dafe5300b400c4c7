"""Editions through the services: compose from approved entries whose notice
is over, publish (new entry with the next code, changed entry, retired entry
left out), compare with a readable field diff, export to Excel, and the index
and the seed loader respect it all."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from catalog import clock, search
from catalog import models as m
from catalog.accounts.checks import InvalidFields
from catalog.curation import editions, entries, export, publishing, review, submissions, workflow
from catalog.curation.submissions import SubmissionInput
from catalog.errors import RuleError
from catalog.search import SearchRequest
from catalog.seed import load_all
from catalog.supply import files
from tests.supply_world import EMAILS, PDF, actor_of, submission_input

TODAY = clock.today()
GOOD = {"advancement": "4", "effect": "5", "economics": "4", "maturity": "4"}


@pytest.fixture
def db(supply_db, supply_world):
    with supply_db["sessions"]() as session:
        yield session


def tech(db, code: str) -> m.Technology:
    return db.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()


def change_input(db, code: str, **overrides) -> SubmissionInput:
    """The entry as published, with ``overrides``, two old cases and one figure."""
    v = submissions.from_technology(tech(db, code))
    values = dict(
        name_zh=v["name_zh"], name_en=v["name_en"], sector=v["sector_key"], stage=v["stage_key"],
        category=v["category_key"], maturity=v["maturity_key"], trl=str(v["trl"]),
        summary_zh=v["summary_zh"], summary_en=v["summary_en"], description_zh=v["description_zh"],
        description_en=v["description_en"], keywords_zh="，".join(v["keywords_zh"]),
        keywords_en=", ".join(v["keywords_en"]), energy_carriers=tuple(v["energy_carriers"]),
        applicable_to=tuple(v["applicable_to"]),
        figures=tuple((f["metric"], f["value"], f["unit"], f["basis"], f["source"]) for f in v["figures"]),
        cases=submission_input().cases)
    values.update(overrides)
    return SubmissionInput(**values)


def ready(db, supply_world, tmp_path, code: str | None = None, data: SubmissionInput | None = None,
          **overrides) -> m.Submission:
    """A submission through review and a public notice that ended yesterday."""
    org, actor = supply_world["orgs"]["V"], actor_of(db, EMAILS["supplier_admin"])
    if code:
        item = submissions.create(db, actor, org, None, technology_code=code)
        submissions.update(db, actor, org, item.id, data)
    else:
        item = submissions.create(db, actor, org, submission_input(**overrides))
    files.attach_evidence(db, actor, org, item.id, "报告.pdf", PDF, tmp_path, 1 << 20)
    workflow.transition(db, actor, item.id, "submit", side="submitter", org_id=org)
    curator = actor_of(db, EMAILS["curator1"])
    workflow.transition(db, curator, item.id, "start_review", side="bureau")
    for key in ("curator1", "curator2"):
        review.record_review(db, actor_of(db, EMAILS[key]), item.id, False, "", GOOD, "")
    workflow.transition(db, curator, item.id, "approve", "同意入选", side="bureau")
    started = TODAY - timedelta(days=review.settings(db).notice_days + 1)
    workflow.transition(db, curator, item.id, "start_notice", side="bureau", today=started)
    return item


def test_compose_publish_compare_export_and_reload(db, supply_db, supply_world, tmp_path):
    bureau = actor_of(db, EMAILS["bureau_admin"])
    before = editions.published(db)[0]
    fresh = ready(db, supply_world, tmp_path, name_zh="辊压机终粉磨智能控制系统")
    figure = ("energy_saving", "8", "%", "粉磨单位电耗", "两条生产线测试报告")
    change = ready(db, supply_world, tmp_path, code="CE-02", data=change_input(
        db, "CE-02", summary_zh="修订摘要：补充了 2025 年两条生产线的运行数据。", figures=(figure,)))
    entries.retire(db, bureau, "CE-03", "技术已被更高效的同类技术替代。")
    with pytest.raises(RuleError):
        editions.create(db, bureau, "2027-1", "格式错误的版本")
    edition = editions.create(db, bureau, "2027-01", "重庆市材料行业低碳技术推广目录（2027年第一批）")
    with pytest.raises(InvalidFields):
        editions.create(db, bureau, "2027-01", "重复的版本号")
    for item in (fresh, change):
        editions.assign(db, bureau, "2027-01", item.id, True)
    expected_code = publishing.next_code(db, "cement")
    editions.publish(db, bureau, "2027-01")

    db.refresh(fresh)
    new = fresh.technology
    assert new.code == expected_code and new.status == "published" and fresh.status == "published"
    assert new.review_due == clock.years_later(TODAY, 3)  # safe on 29 February
    assert {f.evidence_key for f in new.figures} == {"catalogue_evaluated"}
    assert tech(db, "CE-02").summary_zh.startswith("修订摘要")
    assert [(f.metric, f.value_text, f.flag) for f in tech(db, "CE-02").figures] == \
        [("energy_saving", "8", "portal-review")]
    changes = {e.technology.code: e.change for e in edition.entries}
    assert changes[new.code] == "added" and changes["CE-02"] == "changed" and "CE-03" not in changes
    published = db.scalars(select(m.Technology.code).where(m.Technology.status == "published")).all()
    assert sorted(changes) == sorted(published)
    assert fresh.events[-1].action == "publish"

    comparison = editions.compare(db, "2027-01", before.code)  # either order
    assert [t.code for t in comparison.added] == [new.code]
    assert "CE-03" in [t.code for t in comparison.retired]
    [(changed, diffs)] = comparison.changed
    assert changed.code == "CE-02" and [d.field for d in diffs] == ["summary_zh", "figures"]
    assert ("added", "修订摘要：补充了 2025 年两条生产线的运行数据。") in diffs[0].segments
    assert diffs[1].before == "" and diffs[1].after.startswith("energy_saving: 8 %")

    book = load_workbook(io.BytesIO(export.workbook(db, edition)))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == edition.title_zh
    assert rows[1] == export.HEADERS
    numbered = [r for r in rows[2:] if isinstance(r[0], int)]
    headings = [r[0] for r in rows[2:] if isinstance(r[0], str)]
    assert [r[0] for r in numbered] == list(range(1, len(edition.entries) + 1))
    assert headings[0] == "一、钢铁" and all(r[1:] == (None,) * 6 for r in rows[2:] if isinstance(r[0], str))
    row = next(r for r in numbered if r[1] == "辊压机终粉磨智能控制系统")
    assert row[2].startswith("水泥行业") and "水泥熟料" in row[2]
    assert "节能：2–3 %" in row[4] and "重庆某水泥公司 4500 t/d 线" in row[6]
    unverified = [t for t in db.scalars(select(m.Technology)).unique()
                  if any(not f.evidence.trusted and f.metric == "energy_saving" for f in t.figures)]
    assert "〔未经核实〕" in next(r for r in numbered if r[1] == unverified[0].name_zh)[4]

    index_dir = supply_db["index_dir"]
    search.sync(db, index_dir)
    found = search.search(index_dir, SearchRequest(text="辊压机终粉磨智能控制系统",
                                                   filters={"doc_type": "technology"}))
    assert new.code in [h.code for h in found.hits]
    retired = search.search(index_dir, SearchRequest(text=tech(db, "CE-03").name_zh,
                                                     filters={"doc_type": "technology"}))
    assert "CE-03" not in [h.code for h in retired.hits]
    assert search.check(db, index_dir).clean

    load_all(db)  # `flask setup` again: the bureau's curation survives the seed loader
    assert tech(db, "CE-03").status == "retired"
    assert tech(db, "CE-02").summary_zh.startswith("修订摘要")


def test_edition_rules(db, supply_world, tmp_path):
    bureau = actor_of(db, EMAILS["bureau_admin"])
    item = ready(db, supply_world, tmp_path, name_zh="玻璃窑炉全氧燃烧优化技术", sector="glass",
                 stage="glass_melting", applicable_to=("flat_glass",))
    not_ready = ready(db, supply_world, tmp_path, name_zh="尚在公示期内的技术")
    not_ready.notice_ends_on = TODAY + timedelta(days=3)
    db.commit()
    editions.create(db, bureau, "2027-02", "2027年第二批目录")
    with pytest.raises(RuleError) as caught:
        editions.assign(db, bureau, "2027-02", not_ready.id, True)
    assert caught.value.code == "edition.candidate"
    editions.create(db, bureau, "2027-09", "没有变化的版本")
    with pytest.raises(RuleError) as caught:
        editions.publish(db, bureau, "2027-09")
    assert caught.value.code == "edition.empty"
    editions.assign(db, bureau, "2027-02", item.id, True)
    editions.publish(db, bureau, "2027-02")
    assert item.technology.code.startswith("GL-")
    with pytest.raises(RuleError) as caught:
        editions.publish(db, bureau, "2027-02")
    assert caught.value.code == "edition.published"


def test_entry_management(db):
    bureau = actor_of(db, EMAILS["curator2"])
    entries.promote(db, bureau, "CE-07", True)
    assert tech(db, "CE-07").promoted
    entries.promote(db, bureau, "CE-07", False)
    with pytest.raises(RuleError) as caught:
        entries.set_review_due(db, bureau, "CE-07", (TODAY - timedelta(days=1)).isoformat())
    assert caught.value.code == "review_due.past"
    entries.set_review_due(db, bureau, "CE-07", (TODAY + timedelta(days=10)).isoformat())
    due = entries.due(db, TODAY, 30)
    assert "CE-07" in [t.code for t in due.upcoming]
    with pytest.raises(RuleError) as caught:
        entries.retire(db, bureau, "CE-08", "")
    assert caught.value.code == "reason.required" and tech(db, "CE-08").status == "published"
    actions = set(db.scalars(select(m.AuditEvent.action).where(m.AuditEvent.object_id == "CE-07")))
    assert {"technology.promoted", "technology.unpromoted", "technology.review_due_set"} <= actions
