"""Exports of the dashboard's tables and of the lists (catalogue,
organisations, needs, inquiries, audit log), respecting the dashboard's
filters (routes on the ``bureau`` blueprint). CSV streams as it is read; an
XLSX of more than XLSX_JOB_ROWS rows is written by a background job (run by
the worker, ``portal.queue``) whose page shows the progress and then offers
the file, kept in the file storage so any server can send it."""
from __future__ import annotations

import io
import tempfile

from flask import Response, abort, current_app, redirect, send_file, stream_with_context, url_for

from catalog import clock
from catalog.console import exports, jobs
from catalog.console.filters import parse

from ..auth.session import actor
from ..db import get_session
from ..vocabulary import ExportLabels
from .dashboard import filters_or_400
from .jobs import DOWNLOAD_TYPES, WORK, job_files, start_background
from .views import bp

XLSX_JOB_ROWS = 5000


def download_name(name: str, fmt: str) -> str:
    return f"{name}-{clock.today().isoformat()}.{fmt}"


@bp.get("/exports/<name>.<any(csv, xlsx):fmt>", endpoint="export")
def export(name: str, fmt: str):
    if name not in exports.names():
        abort(404)
    flt = filters_or_400()
    db = get_session()
    sheet = exports.sheet(db, name, flt, ExportLabels())
    if fmt == "csv":
        return Response(stream_with_context(exports.csv_chunks(sheet)), mimetype=DOWNLOAD_TYPES["csv"],
                        headers={"Content-Disposition": f"attachment; filename={download_name(name, 'csv')}",
                                 "X-Row-Count": str(sheet.total)})
    limit = int(current_app.config.get("EXPORT_XLSX_JOB_ROWS", XLSX_JOB_ROWS))
    if sheet.total > limit:
        params = {"export": name, "filters": flt.as_params(), "download_name": download_name(name, "xlsx")}
        job = jobs.create(db, "export", params, actor())
        start_background(current_app._get_current_object(), job.id)
        return redirect(url_for("bureau.job", job_id=job.id), 303)
    buffer = io.BytesIO()
    exports.write_xlsx(sheet, buffer)
    buffer.seek(0)
    return send_file(buffer, mimetype=DOWNLOAD_TYPES["xlsx"], as_attachment=True,
                     download_name=download_name(name, "xlsx"))


def export_work(session, job, progress) -> dict:
    """The background job: the XLSX into a temporary file, then into the file
    storage (any server sends it), then the job finished with it."""
    flt = parse(session, job.params.get("filters") or {})
    sheet = exports.sheet(session, job.params["export"], flt, ExportLabels())
    progress(0, sheet.total)
    name = jobs.file_name(job.id, "", "xlsx")
    with tempfile.TemporaryFile() as scratch:
        rows = exports.write_xlsx(sheet, scratch, progress)
        scratch.seek(0)
        job_files().save(name, iter(lambda: scratch.read(1 << 20), b""))
    jobs.finish(session, job.id, {"summary": {"rows": rows}}, result_name=name)
    return {"summary": {"rows": rows}}


WORK["export"] = export_work
