"""Exports of the dashboard's tables and of the lists (catalogue,
organisations, needs, inquiries, audit log), respecting the dashboard's
filters (routes on the ``bureau`` blueprint). CSV streams as it is read; an
XLSX of more than XLSX_JOB_ROWS rows is written by a background job whose
page shows the progress and then offers the file."""
from __future__ import annotations

import io
from datetime import date

from flask import Response, abort, current_app, redirect, send_file, stream_with_context, url_for

from catalog.console import exports, jobs
from catalog.console.filters import parse

from ..auth.session import actor
from ..db import get_session
from .dashboard import filters_or_400
from .jobs import DOWNLOAD_TYPES, data_dir, start_background
from .views import bp

XLSX_JOB_ROWS = 5000


def download_name(name: str, fmt: str) -> str:
    return f"{name}-{date.today().isoformat()}.{fmt}"


@bp.get("/exports/<name>.<any(csv, xlsx):fmt>", endpoint="export")
def export(name: str, fmt: str):
    if name not in exports.names():
        abort(404)
    flt = filters_or_400()
    db = get_session()
    sheet = exports.sheet(db, name, flt)
    if fmt == "csv":
        return Response(stream_with_context(exports.csv_chunks(sheet)), mimetype=DOWNLOAD_TYPES["csv"],
                        headers={"Content-Disposition": f"attachment; filename={download_name(name, 'csv')}",
                                 "X-Row-Count": str(sheet.total)})
    limit = current_app.config.get("EXPORT_XLSX_JOB_ROWS", XLSX_JOB_ROWS)
    if sheet.total > limit:
        params = {"export": name, "filters": flt.as_params(), "download_name": download_name(name, "xlsx")}
        job = jobs.create(db, "export", params, actor())
        start_background(current_app._get_current_object(), job.id, export_work)
        return redirect(url_for("bureau.job", job_id=job.id), 303)
    buffer = io.BytesIO()
    exports.write_xlsx(sheet, buffer)
    buffer.seek(0)
    return send_file(buffer, mimetype=DOWNLOAD_TYPES["xlsx"], as_attachment=True,
                     download_name=download_name(name, "xlsx"))


def export_work(session, job, progress) -> dict:
    """The background job: the XLSX into the jobs folder, then the job finished with it."""
    flt = parse(session, job.params.get("filters") or {})
    sheet = exports.sheet(session, job.params["export"], flt)
    progress(0, sheet.total)
    name = jobs.file_name(job.id, "", "xlsx")
    rows = exports.write_xlsx(sheet, jobs.path_of(data_dir(), name), progress)
    jobs.finish(session, job.id, {"summary": {"rows": rows}}, result_name=name)
    return {"summary": {"rows": rows}}
